"""Mentor matching: suggestions ranked by fit with their reasons, never someone in the
candidate's reporting line, never a mentor without room; HR sets each mentor's capacity
and strengths; mentees rate meetings in private and HR reads a mentor's average only
from five ratings."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from candidates.models import Competency, Level
from candidates.services import own_words_save
from mentorship.matching import mentor_suggestions
from mentorship.models import MeetingRating, MentorPairing, MentorProfile
from mentorship.services import meeting_rate, mentor_profile_save
from succession.models import CompetencyTarget
from tests import factories
from tests.factories import actor_of

pytestmark = pytest.mark.django_db

TODAY = factories.TODAY


def senior(org, name, *, manager=None, level=Level.DIRECTOR, time_zone="UTC", title="Director"):
    return factories.login_person(
        name,
        manager=manager or org.vp,
        level=level,
        title=title,
        department=org.rnd,
        time_zone=time_zone,
    )


def test_nobody_in_the_candidates_reporting_line_is_suggested(org):
    below = senior(org, "below", manager=org.cand_person, level=Level.SENIOR_MANAGER)
    suggested = {s.mentor for s in mentor_suggestions(candidate=org.cand)}
    assert org.mentor in suggested
    assert suggested.isdisjoint({org.vp, org.director, org.alice, below, org.cand_person})
    reasons = next(
        s.reasons for s in mentor_suggestions(candidate=org.cand) if s.mentor == org.mentor
    )
    assert "outside their reporting line" in reasons


def test_a_mentor_at_capacity_is_not_suggested_and_cannot_be_paired(client, org):
    mentor_profile_save(actor=actor_of(org.vp), mentor=org.mentor, capacity=1, strengths=[])
    assert org.mentor not in {s.mentor for s in mentor_suggestions(candidate=org.cand)}
    client.force_login(org.outsider.user)
    response = client.post(
        reverse("mentorship:pairing_new"),
        {
            "candidate": org.other.pk,
            "mentor": org.mentor.pk,
            "cadence_days": 14,
            "format": "informal",
            "starts_on": TODAY.isoformat(),
        },
    )
    assert "already mentors 1, their capacity of 1" in response.content.decode()
    assert not MentorPairing.objects.filter(candidate=org.other).exists()
    mentor_profile_save(actor=actor_of(org.vp), mentor=org.mentor, capacity=2, strengths=[])
    assert org.mentor in {s.mentor for s in mentor_suggestions(candidate=org.cand)}


def test_strengths_against_the_candidates_gaps_rank_first_with_the_reason(org):
    empathy = Competency.objects.get(name="Empathy")
    CompetencyTarget.objects.create(position=org.position, competency=empathy, target=5)
    factories.NominationFactory(candidate=org.cand, position=org.position)
    strong = senior(org, "strong")
    plain = senior(org, "plain")
    mentor_profile_save(actor=actor_of(org.vp), mentor=strong, capacity=3, strengths=[empathy])
    mentor_profile_save(actor=actor_of(org.vp), mentor=plain, capacity=3, strengths=[])
    suggestions = mentor_suggestions(candidate=org.cand)
    assert suggestions[0].mentor == strong
    assert "strong where they need to grow: Empathy" in suggestions[0].reasons


def test_load_spreads_to_the_mentor_with_more_room(org):
    roomy = senior(org, "roomy")
    mentor_profile_save(actor=actor_of(org.vp), mentor=roomy, capacity=6, strengths=[])
    busy = senior(org, "busy")
    for n in range(2):
        factories.PairingFactory(
            mentor=busy,
            candidate=factories.CandidateFactory(
                person=factories.PersonFactory(manager=org.outsider, full_name=f"Mentee {n}")
            ),
        )
    ranked = [s.mentor for s in mentor_suggestions(candidate=org.cand)]
    assert ranked.index(roomy) < ranked.index(busy)
    busy_row = next(s for s in mentor_suggestions(candidate=org.cand) if s.mentor == busy)
    assert "room for 1 more (capacity 3)" in busy_row.reasons


def test_working_hours_and_stated_interests_are_reasons(org):
    org.cand_person.time_zone = "Europe/Lisbon"
    org.cand_person.save()
    near = senior(org, "near", time_zone="Europe/Madrid", title="Director of Operations")
    far = senior(org, "far", time_zone="Asia/Tokyo")
    own_words_save(
        actor=actor_of(org.cand_person),
        candidate=org.cand,
        roles_wanted="Support operations: tooling and staffing",
    )
    by_mentor = {s.mentor: s for s in mentor_suggestions(candidate=org.cand, limit=20)}
    assert "working hours overlap (1 h apart)" in by_mentor[near].reasons
    assert "close to what they want: operations" in by_mentor[near].reasons
    assert any("little shared working time" in r for r in by_mentor[far].reasons)
    ranked = list(by_mentor)
    assert ranked.index(near) < ranked.index(far)


def test_the_pairing_page_shows_the_suggestions_and_choosing_fills_the_mentor(client, org):
    org.pairing.delete()
    client.force_login(org.alice.user)
    url = reverse("mentorship:pairing_new")
    page = client.get(url, {"candidate": org.cand.pk}).content.decode()
    assert "Suggested mentors for Cand" in page
    assert f'data-suggestion="{org.mentor.pk}"' in page
    assert f'data-suggestion="{org.director.pk}"' not in page
    chosen = client.get(url, {"candidate": org.cand.pk, "mentor": org.mentor.pk})
    assert chosen.context["form"].initial["mentor"] == org.mentor.pk


def test_a_candidate_outside_the_managers_line_gets_no_suggestions(client, org):
    client.force_login(org.alice.user)
    page = client.get(reverse("mentorship:pairing_new"), {"candidate": org.other.pk})
    assert page.context["chosen"] is None
    assert page.context["suggestions"] == []


@pytest.mark.parametrize("size", [1, 6])
def test_the_pairing_page_costs_the_same_queries(client, org, size, django_assert_num_queries):
    org.pairing.delete()
    empathy = Competency.objects.get(name="Empathy")
    for n in range(size):
        mentor_profile_save(
            actor=actor_of(org.vp), mentor=senior(org, f"m{n}"), capacity=3, strengths=[empathy]
        )
    client.force_login(org.alice.user)
    url = reverse("mentorship:pairing_new") + f"?candidate={org.cand.pk}"
    client.get(url)
    # user (the session: cache), the actor, the chosen candidate; the gaps (nominations,
    # competency ratings, targets), the mentors with room, their strengths, the
    # candidate's own words; the form's candidate and mentor pickers (EXISTS, options,
    # then the mentor options); the audit row
    with django_assert_num_queries(13):
        assert client.get(url).status_code == 200


# --- HR: capacity and strengths ----------------------------------------------------------


def test_hr_sets_a_mentors_capacity_and_strengths(client, org):
    empathy = Competency.objects.get(name="Empathy")
    client.force_login(org.vp.user)
    url = reverse("mentorship:mentor_edit", args=[org.mentor.pk])
    response = client.post(url, {"capacity": 5, "strengths": [empathy.pk]})
    assert response.status_code == 302
    profile = MentorProfile.objects.get(person=org.mentor)
    assert (profile.capacity, list(profile.strengths.all()), profile.updated_by) == (
        5,
        [empathy],
        org.vp,
    )
    listing = client.get(reverse("mentorship:mentors")).content.decode()
    assert f'data-mentor="{org.mentor.pk}"' in listing


@pytest.mark.parametrize("capacity", ["13", "-1", "many", ""])
def test_a_capacity_out_of_range_is_refused(client, org, capacity):
    client.force_login(org.vp.user)
    response = client.post(
        reverse("mentorship:mentor_edit", args=[org.mentor.pk]), {"capacity": capacity}
    )
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    assert not MentorProfile.objects.exists()


@pytest.mark.parametrize("who", ["alice", "director", "mentor", "cand_person", "nobody"])
def test_only_hr_sees_and_sets_capacity(client, org, who):
    client.force_login(getattr(org, who).user)
    assert client.get(reverse("mentorship:mentors")).status_code == 404
    url = reverse("mentorship:mentor_edit", args=[org.mentor.pk])
    assert client.post(url, {"capacity": 9}).status_code == 404
    assert not MentorProfile.objects.exists()


def test_someone_who_could_not_mentor_has_no_capacity_page(client, org):
    client.force_login(org.vp.user)
    assert client.get(reverse("mentorship:mentor_edit", args=[org.bob.pk])).status_code == 404


def test_hr_finds_a_new_mentor_by_name(client, org):
    newcomer = senior(org, "newcomer", title="Director Sales")
    client.force_login(org.vp.user)
    page = client.get(reverse("mentorship:mentors")).content.decode()
    assert f'data-mentor="{newcomer.pk}"' not in page
    found = client.get(reverse("mentorship:mentors"), {"q": "newcomer"}).content.decode()
    assert f'data-mentor="{newcomer.pk}"' in found


@pytest.mark.parametrize("size", [1, 7])
def test_the_mentors_page_costs_the_same_queries(client, org, size, django_assert_num_queries):
    for n in range(size):
        mentor_profile_save(
            actor=actor_of(org.vp), mentor=senior(org, f"m{n}"), capacity=2, strengths=[]
        )
    client.force_login(org.vp.user)
    url = reverse("mentorship:mentors")
    # user (the session: cache), the actor, the count, one page of mentors with their
    # mentees, capacity and ratings
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200


# --- The mentee's private rating -----------------------------------------------------------


def meetings(org, count):
    return [factories.MeetingFactory(pairing=org.pairing) for _ in range(count)]


def test_the_mentee_rates_a_meeting_and_the_mentor_never_sees_it(client, org):
    client.force_login(org.cand_person.user)
    plan = client.get(reverse("me")).content.decode()
    assert "Rate it (private)" in plan
    url = reverse("mentorship:meeting_rate", args=[org.meeting.pk])
    response = client.post(url, {"usefulness": "4", "comment": "Helped me plan the budget talk"})
    assert response.status_code == 302
    assert MeetingRating.objects.get().usefulness == 4
    assert "You rated it 4/5" in client.get(reverse("me")).content.decode()
    client.force_login(org.mentor.user)
    assert client.get(url).status_code == 404
    for page in (
        reverse("mentorship:home"),
        reverse("mentorship:pairing_meetings", args=[org.pairing.pk]),
    ):
        assert "Helped me plan the budget talk" not in client.get(page).content.decode()


@pytest.mark.parametrize("who", ["mentor", "alice", "vp", "outsider", "nobody"])
def test_nobody_else_rates_the_meeting(client, org, who):
    client.force_login(getattr(org, who).user)
    url = reverse("mentorship:meeting_rate", args=[org.meeting.pk])
    assert client.post(url, {"usefulness": "1"}).status_code == 404
    assert not MeetingRating.objects.exists()


def test_the_service_refuses_anyone_but_the_mentee(org):
    with pytest.raises(ValidationError):
        meeting_rate(actor=actor_of(org.mentor), meeting=org.meeting, usefulness=5)


@pytest.mark.parametrize("usefulness", ["0", "6", "", "great"])
def test_a_rating_out_of_range_is_refused(client, org, usefulness):
    client.force_login(org.cand_person.user)
    url = reverse("mentorship:meeting_rate", args=[org.meeting.pk])
    response = client.post(url, {"usefulness": usefulness})
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    assert not MeetingRating.objects.exists()


def test_hr_reads_a_mentors_average_only_from_five_ratings(client, org):
    rated = [org.meeting, *meetings(org, 4)]
    for meeting, score in zip(rated[:4], (5, 4, 4, 3), strict=True):
        meeting_rate(actor=actor_of(org.cand_person), meeting=meeting, usefulness=score)
    client.force_login(org.vp.user)
    page = client.get(reverse("mentorship:mentors")).content.decode()
    assert "fewer than 5" in page and "/5 over" not in page
    meeting_rate(actor=actor_of(org.cand_person), meeting=rated[4], usefulness=4)
    page = client.get(reverse("mentorship:mentors")).content.decode()
    assert "4.0/5 over 5" in page


@pytest.mark.parametrize("size", [1, 5])
def test_the_rating_page_costs_the_same_queries(client, org, size, django_assert_num_queries):
    for meeting in meetings(org, size):
        meeting_rate(actor=actor_of(org.cand_person), meeting=meeting, usefulness=3)
    client.force_login(org.cand_person.user)
    url = reverse("mentorship:meeting_rate", args=[org.meeting.pk])
    # user (the session: cache), the actor, the meeting with its pairing, mentor,
    # mentee and rating
    with django_assert_num_queries(3):
        assert client.get(url).status_code == 200


def test_suggestions_read_the_candidates_gaps_so_the_read_is_recorded(client, org):
    org.pairing.delete()
    client.force_login(org.alice.user)
    client.get(reverse("mentorship:pairing_new"), {"candidate": org.cand.pk})
    assert list(AuditEvent.objects.values_list("what", "subject_person_id")) == [
        ("profile", org.cand_person.pk)
    ]
