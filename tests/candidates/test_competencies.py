"""A manager in the line rates the competency model in the app; the profile shows the
history and the chart, with the rotation hosts' scores as a second source."""

import datetime as dt

import pytest
from django.urls import reverse

from candidates.models import Competency, CompetencyRating
from tests import factories

pytestmark = pytest.mark.django_db


def url(org):
    return reverse("candidates:rate_competencies", args=[org.cand.pk])


def scores(**by_name):
    return {
        f"competency_{Competency.objects.get(name=name).pk}": score
        for name, score in by_name.items()
    }


def test_a_manager_rates_competencies_and_the_profile_shows_them(client, org):
    client.force_login(org.alice.user)
    page = client.get(url(org)).content.decode()
    assert "Team management" in page and "Customer orientation" in page
    response = client.post(
        url(org),
        {
            **scores(Empathy=4, Communication=3),
            "note": "Handled the outage call",
            "rated_on": dt.date.today().isoformat(),
        },
    )
    assert response.status_code == 302
    ratings = CompetencyRating.objects.filter(candidate=org.cand)
    assert {(r.competency.name, r.score, r.rated_by) for r in ratings} == {
        ("Empathy", 4, org.alice),
        ("Communication", 3, org.alice),
    }
    profile = client.get(reverse("front:profile", args=[org.cand.pk]))
    chart = profile.context["competency_data"]
    assert dict(zip(chart["labels"], chart["scores"], strict=True)) == {
        "Communication": 3,
        "Empathy": 4,
    }
    assert "Handled the outage call" in profile.content.decode()


def test_rating_again_keeps_the_history_and_the_chart_moves(client, org):
    client.force_login(org.alice.user)
    last_month = (dt.date.today() - dt.timedelta(days=30)).isoformat()
    client.post(url(org), {**scores(Empathy=2), "rated_on": last_month})
    client.post(url(org), {**scores(Empathy=4), "rated_on": dt.date.today().isoformat()})
    assert CompetencyRating.objects.filter(candidate=org.cand).count() == 2
    chart = client.get(reverse("front:profile", args=[org.cand.pk])).context["competency_data"]
    assert chart["scores"] == [4]
    # The same day again corrects that day's score rather than adding a row.
    client.post(url(org), {**scores(Empathy=5), "rated_on": dt.date.today().isoformat()})
    assert CompetencyRating.objects.filter(candidate=org.cand).count() == 2


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "Score at least one competency"),
        ({"competency_999999": "3"}, "Score at least one competency"),
        ("seven", "Select a valid choice"),
        ("future", "not a future date"),
    ],
)
def test_bad_input_is_a_form_error_and_saves_nothing(client, org, data, message):
    client.force_login(org.alice.user)
    if data == "seven":
        data = scores(Empathy=7)
    elif data == "future":
        data = {
            **scores(Empathy=3),
            "rated_on": (dt.date.today() + dt.timedelta(days=3)).isoformat(),
        }
    response = client.post(url(org), {"rated_on": dt.date.today().isoformat(), **data})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CompetencyRating.objects.exists()


@pytest.mark.parametrize("who", ["mentor", "cand_person", "outsider", "bob"])
def test_only_managers_in_the_line_rate(client, org, who):
    client.force_login(getattr(org, who).user)
    assert client.get(url(org)).status_code == 404
    assert client.post(url(org), scores(Empathy=3)).status_code == 404
    assert not CompetencyRating.objects.exists()


def test_rotation_hosts_scores_show_as_a_second_source(client, org):
    rotation = factories.RotationFactory(
        person=org.cand_person,
        host_sponsor=org.mentor,
        assessed_on=dt.date.today(),
        assessed_by=org.mentor,
    )
    rotation.scores.create(competency=Competency.objects.get(name="Problem solving"), score=5)
    client.force_login(org.alice.user)
    response = client.get(reverse("front:profile", args=[org.cand.pk]))
    chart = response.context["competency_data"]
    assert chart["labels"] == ["Problem solving"]
    assert chart["scores"] == [None] and chart["host"] == [5]
    assert "rotation host</span> Problem solving: 5/5" in response.content.decode()


@pytest.mark.parametrize("size", [1, 10])
def test_the_rating_page_costs_the_same_queries(client, org, size, django_assert_num_queries):
    for competency in Competency.objects.all()[:size]:
        CompetencyRating.objects.create(
            candidate=org.cand,
            competency=competency,
            score=3,
            rated_by=org.alice,
            rated_on=dt.date.today(),
        )
    client.force_login(org.alice.user)
    # user (the session: cache), the actor (person, roles, mentor flag, unread count: one query),
    # the candidate, the competencies, the latest scores; the audit row (INSERT)
    with django_assert_num_queries(6):
        assert client.get(url(org)).status_code == 200
