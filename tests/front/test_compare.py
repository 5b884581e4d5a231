"""Successors side by side for one key position: each must-have, competencies against
the target, ratings, a year of support work, development and time, for up to four
successors of the viewer's line; anyone else's never named."""

import pytest
from django.urls import reverse

from candidates.models import Competency, CompetencyRating, Level
from succession.models import MustHave, Readiness
from supportdata.models import SupportMonth
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = factories.TODAY


def seat(org):
    return factories.KeyPositionFactory(
        title="Support team lead – Porto", level=Level.TEAM_LEAD, department=org.support
    )


def successor(org, position, name, readiness=Readiness.ONE_TO_TWO_YEARS, manager=None):
    candidate = factories.CandidateFactory(
        person=factories.PersonFactory(
            manager=manager or org.alice, level=Level.SENIOR_ENGINEER, full_name=name
        ),
        nominated_by=org.alice,
    )
    return factories.NominationFactory(
        candidate=candidate, position=position, readiness=readiness, nominated_by=org.alice
    )


def url(position, *nominations):
    query = "&".join(f"n={n.pk}" if hasattr(n, "pk") else f"n={n}" for n in nominations)
    return reverse("front:position_compare", args=[position.pk]) + (f"?{query}" if query else "")


@pytest.fixture
def bench(org):
    position = seat(org)
    MustHave.objects.create(
        position=position, behaviour="Delivered a rotation", proofs=["rotation"]
    )
    cand = factories.NominationFactory(
        candidate=org.cand, position=position, readiness=Readiness.READY_NOW, nominated_by=org.alice
    )
    rivera = successor(org, position, "Rivera Costa")
    other = factories.NominationFactory(candidate=org.other, position=position)
    SupportMonth.objects.create(
        person=org.cand_person,
        month=TODAY.replace(day=1),
        tickets_solved=40,
        incidents_led_sev1=1,
        satisfaction_good=19,
        satisfaction_bad=1,
    )
    factories.TalentRatingFactory(candidate=org.cand, performance=3, potential=2)
    return {"position": position, "cand": cand, "rivera": rivera, "other": other}


def test_a_manager_compares_two_successors_of_their_line(client, org, bench):
    factories.RotationFactory(person=org.cand_person, status="completed")
    client.force_login(org.alice.user)
    response = client.get(url(bench["position"], bench["cand"], bench["rivera"]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Cand" in page and "Rivera Costa" in page
    assert page.count("data-must-have-row") == 1 and "Delivered a rotation" in page
    assert "Tickets solved: 40" in page and "Sev-1 incidents led: 1" in page
    assert "95 % over 20 ratings" in page  # 20 ratings are enough
    assert "P3 · Pot2" in page
    assert "Rotations: 1 done, 0 open" in page
    assert "no support record" in page  # Rivera has none


def test_satisfaction_over_too_few_ratings_reads_as_on_the_support_record(client, org, bench):
    SupportMonth.objects.filter(person=org.cand_person).update(satisfaction_bad=0)
    client.force_login(org.alice.user)
    page = client.get(url(bench["position"], bench["cand"], bench["rivera"])).content.decode()
    assert "Satisfaction: not enough ratings (19 in 12 months, 20 needed)" in page
    assert "% over 19 ratings" not in page


def test_someone_outside_the_line_is_never_named_even_when_asked_for(client, org, bench):
    client.force_login(org.alice.user)
    page = client.get(url(bench["position"], bench["cand"], bench["other"])).content.decode()
    assert "Other" not in page
    # The outsider sees the seat through their own successor, and only them.
    client.force_login(org.outsider.user)
    page = client.get(url(bench["position"], bench["cand"], bench["other"])).content.decode()
    assert "Other" in page and "Cand" not in page and "Rivera" not in page


@pytest.mark.parametrize("who", ["cand_person", "nobody", "bob"])
def test_the_comparison_is_404_for_who_may_not_see_the_position(client, org, bench, who):
    client.force_login(getattr(org, who).user)
    assert client.get(url(bench["position"], bench["cand"])).status_code == 404


@pytest.mark.parametrize("junk", ["abc", "99999999999999999999", "-1", ""])
def test_junk_ids_are_ignored(client, org, bench, junk):
    client.force_login(org.alice.user)
    response = client.get(url(bench["position"], junk))
    assert response.status_code == 200
    assert "Tick the successors to compare." in response.content.decode()


def test_more_than_four_shows_the_first_four_and_says_so(client, org, bench):
    more = [successor(org, bench["position"], f"Extra {n}") for n in range(4)]
    client.force_login(org.alice.user)
    response = client.get(url(bench["position"], bench["cand"], bench["rivera"], *more))
    page = response.content.decode()
    assert "Up to 4 side by side" in page
    assert page.count('<th scope="col"><a href=') == 4


def test_with_nothing_asked_the_readiest_four_are_shown(client, org, bench):
    client.force_login(org.alice.user)
    page = client.get(url(bench["position"])).content.decode()
    assert page.count('<th scope="col"><a href=') == 2  # cand and Rivera: alice's line


@pytest.mark.parametrize("size", [1, 4])
def test_the_comparison_costs_the_same_queries(client, org, bench, size, django_assert_num_queries):
    nominations = [bench["cand"]] + [
        successor(org, bench["position"], f"Extra {n}") for n in range(size - 1)
    ]
    for n in nominations:
        CompetencyRating.objects.create(
            candidate=n.candidate,
            competency=Competency.objects.first(),
            score=3,
            rated_by=org.alice,
            rated_on=TODAY,
        )
    client.force_login(org.alice.user)
    target = url(bench["position"], *nominations)
    # user (the session: cache), the actor, the position, the successors offered;
    # staleness, the must-haves, the evidence, the targets, the competency ratings,
    # the rating history, the support months, rotations, stretch assignments; the
    # audit row
    with django_assert_num_queries(14):
        assert client.get(target).status_code == 200
