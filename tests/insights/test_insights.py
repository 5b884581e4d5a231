"""The insight log: someone raises what a rotation, a support shift, a task force or a
benchmark visit taught them about the product; it goes to the area's owner, who answers
(accepted, planned, shipped, or declined with a reason); the raiser is told, and an
insight taken up is readiness evidence for them. Anyone signed in reads the log."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from development.models import TaskForce
from insights.models import Insight, ProductArea
from insights.selectors import insights_by_month
from insights.services import insight_answer, insight_raise
from notifications.models import Notification
from succession.evidence import evidence_available
from tests import factories
from tests.factories import actor_of

pytestmark = pytest.mark.django_db

TODAY = factories.TODAY


@pytest.fixture
def area(org):
    return ProductArea.objects.create(name="Billing", owner=org.outsider)


def data(product_area, **overrides):
    return {
        "area": product_area.pk,
        "title": "Refunds need three screens",
        "source": "support_shift",
        "observed": "Customers wait while we click through three screens to refund.",
        "frequency": "daily",
        "workaround": "A macro that opens the three screens",
        "suggestion": "One refund button on the invoice",
        "tickets": "SUP-101\nSUP-140",
    } | overrides


def raised(org, area, **extra):
    return insight_raise(
        actor=actor_of(extra.pop("by", org.cand_person)),
        area=area,
        title=extra.pop("title", "Refunds need three screens"),
        source=extra.pop("source", "support_shift"),
        observed="Customers wait while we click through three screens.",
        frequency="daily",
        **extra,
    )


def test_an_insight_raised_on_a_rotation_goes_to_the_areas_owner(client, org, area):
    rotation = factories.RotationFactory(
        person=org.cand_person, host_sponsor=org.mentor, assigned_by=org.alice
    )
    client.force_login(org.cand_person.user)
    form = client.get(reverse("insights:new"), {"rotation": rotation.pk})
    assert form.context["form"].initial == {"source": "rotation", "rotation": rotation.pk}
    response = client.post(
        reverse("insights:new"), data(area, source="rotation", rotation=rotation.pk)
    )
    insight = Insight.objects.get()
    assert response.status_code == 302
    assert (insight.raised_by, insight.rotation, insight.status) == (
        org.cand_person,
        rotation,
        "new",
    )
    notice = Notification.objects.get(kind="insight_raised")
    assert notice.recipient == org.outsider.user
    assert notice.url == insight.get_absolute_url()
    client.force_login(org.outsider.user)
    log = client.get(reverse("insights:log")).content.decode()
    assert "Waiting for your answer" in log and "Refunds need three screens" in log


def test_the_owner_answers_and_the_raiser_gets_it_as_evidence(client, org, area):
    insight = raised(org, area)
    client.force_login(org.outsider.user)
    response = client.post(
        insight.get_absolute_url(), {"status": "planned", "answer": "In the Q1 billing work"}
    )
    assert response.status_code == 302
    insight.refresh_from_db()
    assert (insight.status, insight.answered_by, insight.answered_on) == (
        "planned",
        org.outsider,
        TODAY,
    )
    assert Notification.objects.filter(kind="insight_answered", recipient=org.cand_person.user)
    items = [i for i in evidence_available(candidate=org.cand) if i.kind == "insight"]
    assert [i.summary for i in items] == ["Product insight planned: Refunds need three screens"]
    insight_answer(actor=actor_of(org.outsider), insight=insight, status="shipped", answer="Out")
    items = [i for i in evidence_available(candidate=org.cand) if i.kind == "insight"]
    assert items[0].facets == frozenset({"shipped"})


def test_a_declined_insight_needs_a_reason_and_is_no_evidence(client, org, area):
    insight = raised(org, area)
    client.force_login(org.outsider.user)
    response = client.post(insight.get_absolute_url(), {"status": "declined", "answer": ""})
    assert "Say why it is declined" in response.content.decode()
    insight.refresh_from_db()
    assert insight.status == "new"
    client.post(insight.get_absolute_url(), {"status": "declined", "answer": "Billing is moving"})
    insight.refresh_from_db()
    assert insight.status == "declined"
    assert not [i for i in evidence_available(candidate=org.cand) if i.kind == "insight"]


@pytest.mark.parametrize("who", ["alice", "mentor", "cand_person", "bob"])
def test_only_the_owner_or_hr_answers(client, org, area, who):
    insight = raised(org, area, by=org.director)
    client.force_login(getattr(org, who).user)
    assert client.get(insight.get_absolute_url()).status_code == 200
    assert client.post(insight.get_absolute_url(), {"status": "accepted"}).status_code == 404
    insight.refresh_from_db()
    assert insight.status == "new"


def test_hr_may_answer_for_an_area(client, org, area):
    insight = raised(org, area)
    client.force_login(org.vp.user)
    client.post(insight.get_absolute_url(), {"status": "accepted", "answer": ""})
    insight.refresh_from_db()
    assert insight.status == "accepted"


def test_someone_elses_rotation_cannot_be_named(org, area):
    rotation = factories.RotationFactory(
        person=org.bob, host_sponsor=org.mentor, assigned_by=org.alice
    )
    with pytest.raises(ValidationError):
        raised(org, area, source="rotation", rotation=rotation)
    assert not Insight.objects.exists()


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"title": ""}, "This field is required"),
        ({"area": "999999"}, "Select a valid choice"),
        ({"frequency": "hourly"}, "Select a valid choice"),
        ({"source": "rotation", "rotation": "999999"}, "Select a valid choice"),
    ],
)
def test_bad_input_is_refused_with_nothing_saved(client, org, area, overrides, message):
    factories.RotationFactory(
        person=org.cand_person, host_sponsor=org.mentor, assigned_by=org.alice
    )
    client.force_login(org.cand_person.user)
    response = client.post(reverse("insights:new"), data(area, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Insight.objects.exists()


def test_a_closed_area_takes_no_new_insight(client, org, area):
    area.is_active = False
    area.save()
    client.force_login(org.cand_person.user)
    response = client.post(reverse("insights:new"), data(area))
    assert response.status_code == 200
    assert not Insight.objects.exists()


def test_the_raiser_corrects_or_withdraws_until_it_is_answered(client, org, area):
    insight = raised(org, area)
    client.force_login(org.cand_person.user)
    client.post(reverse("insights:edit", args=[insight.pk]), data(area, title="Refunds: 3 screens"))
    insight.refresh_from_db()
    assert insight.title == "Refunds: 3 screens"
    insight_answer(actor=actor_of(org.outsider), insight=insight, status="accepted")
    assert client.get(reverse("insights:edit", args=[insight.pk])).status_code == 404
    client.post(reverse("insights:withdraw", args=[insight.pk]))
    assert Insight.objects.filter(pk=insight.pk).exists()
    other = raised(org, area, title="Another")
    client.post(reverse("insights:withdraw", args=[other.pk]))
    assert not Insight.objects.filter(pk=other.pk).exists()


def test_nobody_else_changes_or_withdraws_it(client, org, area):
    insight = raised(org, area)
    client.force_login(org.bob.user)
    assert client.get(reverse("insights:edit", args=[insight.pk])).status_code == 404
    assert client.post(reverse("insights:withdraw", args=[insight.pk])).status_code == 404
    assert Insight.objects.filter(pk=insight.pk).exists()


def test_the_log_filters_by_area_state_and_raiser(client, org, area):
    other_area = ProductArea.objects.create(name="Search", owner=org.mentor)
    mine = raised(org, area, title="Mine on billing")
    theirs = raised(org, other_area, by=org.bob, title="Bob on search")
    insight_answer(actor=actor_of(org.mentor), insight=theirs, status="shipped")
    client.force_login(org.cand_person.user)

    def shown(**query):
        page = client.get(reverse("insights:log"), query).context["page"]
        return [i.pk for i in page.object_list]

    assert shown() == [theirs.pk, mine.pk]
    assert shown(area=area.pk) == [mine.pk]
    assert shown(status="shipped") == [theirs.pk]
    assert shown(status="open") == [mine.pk]
    assert shown(mine="1") == [mine.pk]
    assert shown(q="search") == [theirs.pk]
    assert shown(area="x", status="nonsense") == [theirs.pk, mine.pk]


def test_the_monthly_count_follows_each_months_insights_to_their_fate(org, area):
    for n in range(3):
        raised(org, area, title=f"Now {n}")
    old = raised(org, area, by=org.bob, title="Last month")
    Insight.objects.filter(pk=old.pk).update(raised_on=TODAY.replace(day=1) - dt.timedelta(days=3))
    insight_answer(actor=actor_of(org.outsider), insight=old, status="declined", answer="No")
    table = insights_by_month(actor=actor_of(org.vp), months=12, today=TODAY)
    assert (table[-1]["raised"], table[-1]["new"]) == (3, 3)
    assert (table[-2]["raised"], table[-2]["declined"]) == (1, 1)
    alice = insights_by_month(actor=actor_of(org.alice), months=12, today=TODAY)
    assert (alice[-1]["raised"], alice[-2]["raised"]) == (3, 1)
    outsider = insights_by_month(actor=actor_of(org.outsider), months=12, today=TODAY)
    assert sum(row["raised"] for row in outsider) == 0


# --- HR's product areas ------------------------------------------------------------------


def test_hr_adds_an_area_with_its_owner(client, org):
    client.force_login(org.vp.user)
    response = client.post(
        reverse("insights:areas"), {"name": "Search", "owner": org.mentor.pk, "is_active": "on"}
    )
    assert response.status_code == 302
    assert ProductArea.objects.get().owner == org.mentor


def test_two_areas_of_one_name_are_refused(client, org, area):
    client.force_login(org.vp.user)
    response = client.post(reverse("insights:areas"), {"name": "Billing", "owner": org.mentor.pk})
    assert "already exists" in response.content.decode()
    assert ProductArea.objects.count() == 1


@pytest.mark.parametrize("who", ["alice", "outsider", "cand_person", "nobody"])
def test_only_hr_keeps_the_areas(client, org, area, who):
    client.force_login(getattr(org, who).user)
    assert client.get(reverse("insights:areas")).status_code == 404
    assert client.post(reverse("insights:area_edit", args=[area.pk]), {}).status_code == 404


def test_anyone_signed_in_reads_the_log_and_nobody_else(client, org, area):
    insight = raised(org, area)
    assert client.get(reverse("insights:log")).status_code == 302
    assert client.get(insight.get_absolute_url()).status_code == 302
    client.force_login(org.nobody.user)
    assert client.get(insight.get_absolute_url()).status_code == 200
    assert client.get(reverse("insights:detail", args=[999999])).status_code == 404


@pytest.mark.parametrize("size", [1, 8])
def test_the_log_costs_the_same_queries(client, org, area, size, django_assert_num_queries):
    for n in range(size):
        raised(org, area, title=f"Insight {n}")
    client.force_login(org.outsider.user)
    url = reverse("insights:log")
    # user (the session: cache), the actor, the count, one page with areas, owners and
    # raisers, the areas of the filter, the insights waiting for the viewer's answer
    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [1, 8])
def test_an_insight_costs_the_same_queries(client, org, area, size, django_assert_num_queries):
    insights = [raised(org, area, title=f"Insight {n}") for n in range(size)]
    client.force_login(org.outsider.user)
    # user (the session: cache), the actor, the insight with its area, owner, raiser,
    # answerer and context
    with django_assert_num_queries(3):
        assert client.get(insights[-1].get_absolute_url()).status_code == 200


def test_the_reports_page_counts_this_months_insights(client, org, area):
    raised(org, area, title="One")
    raised(org, area, title="Two", by=org.bob)
    client.force_login(org.alice.user)
    page = client.get(reverse("reports:health"))
    this_month = page.context["insights_by_month"][-1]
    assert (this_month["month"], this_month["raised"], this_month["new"]) == (
        TODAY.replace(day=1),
        2,
        2,
    )
    assert "Product insights, month by month" in page.content.decode()


def test_a_task_force_links_to_an_insight_raised_from_it(client, org, area):
    conference = factories.ConferenceFactory(candidate=org.cand, assigned_by=org.alice)
    task_force = TaskForce.objects.create(
        conference=conference,
        owner=org.cand,
        idea="Swarm P1 tickets",
        launched_by=org.alice,
        launched_on=TODAY,
    )
    client.force_login(org.cand_person.user)
    page = client.get(reverse("development:conference_detail", args=[conference.pk]))
    link = f"{reverse('insights:new')}?task_force={task_force.pk}"
    assert link in page.content.decode()
    client.post(reverse("insights:new"), data(area, source="task_force", task_force=task_force.pk))
    assert Insight.objects.get().task_force == task_force
    client.force_login(org.alice.user)
    page = client.get(reverse("development:conference_detail", args=[conference.pk]))
    assert link not in page.content.decode()
