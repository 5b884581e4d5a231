"""In their own words: the candidate keeps their aspirations, mobility, motivation and
self-assessment on /me/; their managers in line and their mentor read it on the profile,
dated, beside the manager's own view; nobody else reads or writes it."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from candidates.models import (
    CandidateEvent,
    Competency,
    CompetencyRating,
    OwnWords,
    SelfAssessment,
)
from candidates.services import own_words_save
from tests import factories
from tests.factories import actor_of

pytestmark = pytest.mark.django_db

URL = reverse("me_own_words")


def words(**extra):
    competencies = list(Competency.objects.filter(is_active=True).order_by("order", "name"))
    data = {
        "roles_wanted": "Support manager for the escalation desk",
        "wanted_by": "2028-06-01",
        "relocation": "country",
        "time_zones": "Europe/Lisbon to America/New_York",
        "travel": "occasional",
        "motivation": "Seeing people I coached take the lead",
        f"score_{competencies[0].pk}": "4",
        f"score_{competencies[1].pk}": "2",
    }
    return data | extra


def test_a_candidate_writes_their_aspirations_and_sees_them_on_their_plan(client, org):
    client.force_login(org.cand_person.user)
    response = client.post(URL, words(), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("me"))
    saved = OwnWords.objects.get(candidate=org.cand)
    assert saved.roles_wanted == "Support manager for the escalation desk"
    assert saved.relocation == "country"
    assert SelfAssessment.objects.filter(candidate=org.cand).count() == 2
    page = response.content.decode()
    assert "In my own words" in page
    assert "Support manager for the escalation desk" in page
    assert "Within my country" in page


def test_their_manager_reads_it_on_the_profile_beside_their_own_scores(client, org):
    first = Competency.objects.filter(is_active=True).order_by("order", "name").first()
    CompetencyRating.objects.create(
        candidate=org.cand, competency=first, score=3, rated_by=org.alice, rated_on=factories.TODAY
    )
    own_words_save(
        actor=actor_of(org.cand_person),
        candidate=org.cand,
        roles_wanted="Director of support",
        scores={first.pk: 5},
    )
    client.force_login(org.alice.user)
    page = client.get(reverse("front:profile", args=[org.cand.pk])).content.decode()
    assert "In their own words" in page
    assert "Director of support" in page
    assert f"updated {factories.TODAY:%-d %b %Y}" in page
    assert "Managers' latest" in page
    assert "<td>5/5</td><td>3/5</td>" in page


def test_their_mentor_reads_it_without_the_managers_scores(client, org):
    first = Competency.objects.filter(is_active=True).first()
    own_words_save(
        actor=actor_of(org.cand_person),
        candidate=org.cand,
        motivation="A bigger scope",
        scores={first.pk: 4},
    )
    client.force_login(org.mentor.user)
    page = client.get(reverse("front:profile", args=[org.cand.pk])).content.decode()
    assert "A bigger scope" in page
    assert "Their view" in page
    assert "Managers' latest" not in page


@pytest.mark.parametrize("who", ["alice", "mentor", "vp", "bob", "nobody"])
def test_nobody_but_the_candidate_opens_the_page(client, org, who):
    client.force_login(getattr(org, who).user)
    assert client.get(URL).status_code == 404
    assert client.post(URL, words()).status_code == 404
    assert not OwnWords.objects.exists()


def test_nobody_but_the_candidate_writes_through_the_service(org):
    with pytest.raises(ValidationError):
        own_words_save(actor=actor_of(org.alice), candidate=org.cand, roles_wanted="VP")
    assert not OwnWords.objects.exists()


def test_an_outsider_never_reads_it(client, org):
    own_words_save(actor=actor_of(org.cand_person), candidate=org.cand, roles_wanted="VP")
    client.force_login(org.outsider.user)
    assert client.get(reverse("front:profile", args=[org.cand.pk])).status_code == 404


@pytest.mark.parametrize(
    "bad",
    [
        {"score_999999": "4", "relocation": "mars"},
        {"wanted_by": "1890-01-01"},
        {"travel": "always"},
        {"roles_wanted": "x" * 2001},
    ],
)
def test_bad_input_is_refused_with_nothing_saved(client, org, bad):
    client.force_login(org.cand_person.user)
    response = client.post(URL, words(**bad))
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    assert not OwnWords.objects.exists()
    assert not SelfAssessment.objects.exists()


def test_a_score_out_of_range_is_refused(client, org):
    first = Competency.objects.filter(is_active=True).order_by("order", "name").first()
    client.force_login(org.cand_person.user)
    response = client.post(URL, words(**{f"score_{first.pk}": "9"}))
    assert "is-invalid" in response.content.decode()
    assert not SelfAssessment.objects.exists()


def test_a_blank_score_withdraws_their_view_and_the_form_shows_what_they_wrote(client, org):
    first, second = Competency.objects.filter(is_active=True).order_by("order", "name")[:2]
    client.force_login(org.cand_person.user)
    client.post(URL, words())
    client.post(URL, words(**{f"score_{second.pk}": ""}))
    assert list(SelfAssessment.objects.values_list("competency_id", "score")) == [(first.pk, 4)]
    page = client.get(URL).content.decode()
    assert "Support manager for the escalation desk" in page
    assert 'value="4" selected' in page


def test_saving_twice_in_a_day_makes_one_line_on_the_timeline(client, org):
    client.force_login(org.cand_person.user)
    client.post(URL, words())
    client.post(URL, words(motivation="Changed my mind"))
    assert CandidateEvent.objects.filter(candidate=org.cand, kind="own_words").count() == 1
    assert OwnWords.objects.get().motivation == "Changed my mind"


def test_the_nomination_no_longer_writes_aspirations_and_an_old_note_is_the_managers(client, org):
    client.force_login(org.alice.user)
    form = client.get(reverse("candidates:nominate")).content.decode()
    assert 'name="aspirations"' not in form
    org.cand.aspirations = "Lead a team within two years"
    org.cand.save()
    page = client.get(reverse("front:profile", args=[org.cand.pk])).content.decode()
    assert "manager's note" in page
    assert "Lead a team within two years" in page
    assert "has not written anything yet" in page


@pytest.mark.parametrize("size", [2, 9])
def test_the_page_costs_the_same_queries(client, org, size, django_assert_num_queries):
    competencies = list(Competency.objects.filter(is_active=True)[:size])
    own_words_save(
        actor=actor_of(org.cand_person),
        candidate=org.cand,
        roles_wanted="VP",
        scores={c.pk: 3 for c in competencies},
    )
    client.force_login(org.cand_person.user)
    client.get(URL)
    # user (the session: cache), the actor, their candidacy, their words, their
    # self-assessment, the competency model
    with django_assert_num_queries(6):
        assert client.get(URL).status_code == 200
