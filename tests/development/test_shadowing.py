"""Job shadowing: a manager plans a day or a few beside someone in the role, with what to
observe; the candidate writes a reflection afterwards, which counts in the exposure matrix
and as readiness evidence."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from development.models import JobShadowing
from development.services import shadowing_assign
from succession.evidence import evidence_available
from tests import factories
from tests.factories import actor_of

pytestmark = pytest.mark.django_db

TODAY = factories.TODAY


def data(org, **overrides):
    return {
        "shadowed": org.director.pk,
        "starts_on": TODAY.isoformat(),
        "ends_on": "",
        "observe": "How the director runs the weekly escalation meeting",
    } | overrides


def shadowing(org, **extra):
    return shadowing_assign(
        actor=actor_of(org.alice),
        candidate=org.cand,
        shadowed=extra.pop("shadowed", org.director),
        starts_on=extra.pop("starts_on", TODAY - dt.timedelta(days=2)),
        observe="The escalation meeting",
        **extra,
    )


def test_a_manager_plans_a_shadowing_and_the_matrix_counts_it(client, org):
    client.force_login(org.alice.user)
    response = client.post(reverse("development:shadowing_new", args=[org.cand.pk]), data(org))
    planned = JobShadowing.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("development:shadowing_detail", args=[planned.pk])
    assert (planned.shadowed, planned.assigned_by) == (org.director, org.alice)
    assert org.cand.events.filter(summary__startswith="Job shadowing: Director").exists()
    matrix = client.get(reverse("front:development"))
    row = next(c for c in matrix.context["page"].object_list if c.pk == org.cand.pk)
    assert row.n_shadowings == 1
    assert "Job shadowing" in matrix.content.decode()


def test_the_candidate_reflects_and_it_becomes_evidence(client, org):
    planned = shadowing(org)
    client.force_login(org.cand_person.user)
    plan = client.get(reverse("me")).content.decode()
    assert "Shadowing reflection" in plan
    url = reverse("development:shadowing_detail", args=[planned.pk])
    response = client.post(url, {"reflection": "Decisions made in the room, not after it."})
    assert response.status_code == 302
    planned.refresh_from_db()
    assert planned.reflected_on == TODAY
    items = [i for i in evidence_available(candidate=org.cand) if i.kind == "shadowing"]
    assert [i.summary for i in items] == ["Shadowed Director (Director), reflection written"]
    assert "Shadowing reflection" not in client.get(reverse("me")).content.decode()


def test_a_reflection_before_the_day_is_refused(client, org):
    planned = shadowing(org, starts_on=TODAY + dt.timedelta(days=3))
    client.force_login(org.cand_person.user)
    url = reverse("development:shadowing_detail", args=[planned.pk])
    response = client.post(url, {"reflection": "Early"})
    assert "The reflection comes after the shadowing." in response.content.decode()
    planned.refresh_from_db()
    assert planned.reflection == "" and planned.reflected_on is None


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ends_on": (TODAY - dt.timedelta(days=1)).isoformat()}, "ends after it starts"),
        ({"observe": ""}, "This field is required"),
        ({"shadowed": "999999"}, "Select a valid choice"),
    ],
)
def test_bad_input_is_refused_and_nothing_saved(client, org, overrides, message):
    client.force_login(org.alice.user)
    url = reverse("development:shadowing_new", args=[org.cand.pk])
    response = client.post(url, data(org, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not JobShadowing.objects.exists()


def test_nobody_shadows_themself(org):
    with pytest.raises(ValidationError):
        shadowing(org, shadowed=org.cand_person)
    assert not JobShadowing.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "bob", "nobody", "cand_person"])
def test_outside_the_line_nobody_plans_one(client, org, who):
    client.force_login(getattr(org, who).user)
    url = reverse("development:shadowing_new", args=[org.cand.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, data(org)).status_code == 404
    assert not JobShadowing.objects.exists()


@pytest.mark.parametrize("who", ["outsider", "bob", "nobody"])
def test_outsiders_never_see_a_shadowing(client, org, who):
    planned = shadowing(org)
    client.force_login(getattr(org, who).user)
    assert client.get(reverse("development:shadowing_detail", args=[planned.pk])).status_code == 404


def test_the_mentor_reads_it_but_only_the_candidate_reflects(client, org):
    planned = shadowing(org)
    url = reverse("development:shadowing_detail", args=[planned.pk])
    client.force_login(org.mentor.user)
    assert "The escalation meeting" in client.get(url).content.decode()
    assert client.post(url, {"reflection": "Mine"}).status_code == 404
    client.force_login(org.alice.user)
    assert client.post(url, {"reflection": "Mine"}).status_code == 404
    planned.refresh_from_db()
    assert planned.reflection == ""


def test_a_manager_corrects_and_cancels_it(client, org):
    planned = shadowing(org)
    client.force_login(org.alice.user)
    edit = reverse("development:experience_edit", args=["shadowings", planned.pk])
    client.post(edit, data(org, shadowed=org.vp.pk, starts_on=planned.starts_on.isoformat()))
    planned.refresh_from_db()
    assert planned.shadowed == org.vp
    cancel = reverse("development:experience_cancel", args=["shadowings", planned.pk])
    client.post(cancel, {"reason": "The director is on leave"})
    planned.refresh_from_db()
    assert planned.cancel_reason == "The director is on leave"


@pytest.mark.parametrize("size", [1, 6])
def test_the_page_costs_the_same_queries(client, org, size, django_assert_num_queries):
    items = [shadowing(org) for _ in range(size)]
    client.force_login(org.alice.user)
    url = reverse("development:shadowing_detail", args=[items[-1].pk])
    client.get(url)
    # user (the session: cache), the actor, the shadowing with its candidate and the
    # shadowed, the viewer's relation (is the candidate in their line); the audit row
    with django_assert_num_queries(5):
        assert client.get(url).status_code == 200
