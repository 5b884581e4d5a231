import datetime as dt

import pytest
from django.urls import reverse
from icalendar import Calendar

from candidates.models import Level
from mentorship.models import ActionItem, Meeting, MentorPairing
from notifications.services import preference_for
from tests import factories
from tests.factories import actor_of

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def meeting_data(**overrides):
    data = {
        "held_on": TODAY.isoformat(),
        "duration_minutes": 45,
        "format": "video",
        "shared_notes": "Walked through the escalation review.",
        "private_notes": "Needs to delegate more.",
        "next_meeting_on": (TODAY + dt.timedelta(days=14)).isoformat(),
        "potential_read": "3",
        "items-TOTAL_FORMS": "2",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "10",
        "items-0-description": "Draft the escalation policy",
        "items-0-owner": "mentee",
        "items-0-due_on": (TODAY + dt.timedelta(days=7)).isoformat(),
        "items-1-description": "",
        "items-1-owner": "mentee",
        "items-1-due_on": "",
    }
    data.update(overrides)
    return data


# --- Pairings ---------------------------------------------------------------------------


def test_a_manager_pairs_a_candidate_with_a_senior_mentor(client, org):
    org.pairing.delete()
    client.force_login(org.alice.user)
    response = client.post(
        reverse("mentorship:pairing_new"),
        {
            "candidate": org.cand.pk,
            "mentor": org.director.pk,
            "cadence_days": 14,
            "format": "formal",
            "goals": "Learn budgeting",
            "starts_on": TODAY.isoformat(),
        },
    )
    assert response.status_code == 302
    pairing = MentorPairing.objects.get(candidate=org.cand)
    assert (pairing.mentor, pairing.created_by, pairing.status) == (
        org.director,
        org.alice,
        "active",
    )
    assert org.cand.events.filter(kind="pairing").exists()


@pytest.mark.parametrize(
    ("mentor", "message"),
    [("bob", "Select a valid choice"), ("alice", "must be senior")],
)
def test_a_mentor_who_is_not_senior_is_a_form_error(client, org, mentor, message):
    org.pairing.delete()
    org.alice.level = Level.SENIOR_MANAGER  # in the mentor list, but not senior enough below
    org.alice.save()
    org.cand_person.level = Level.SENIOR_MANAGER
    org.cand_person.save()
    client.force_login(org.director.user)
    response = client.post(
        reverse("mentorship:pairing_new"),
        {
            "candidate": org.cand.pk,
            "mentor": getattr(org, mentor).pk,
            "cadence_days": 14,
            "format": "formal",
            "starts_on": TODAY.isoformat(),
        },
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not MentorPairing.objects.exists()


def test_a_second_active_pairing_is_refused(client, org):
    client.force_login(org.alice.user)
    response = client.post(
        reverse("mentorship:pairing_new"),
        {
            "candidate": org.cand.pk,
            "mentor": org.director.pk,
            "cadence_days": 14,
            "format": "formal",
            "starts_on": TODAY.isoformat(),
        },
    )
    assert response.status_code == 200  # cand is not offered: already has a mentor
    assert MentorPairing.objects.filter(candidate=org.cand).count() == 1


def test_a_person_cannot_mentor_themself(org):
    from django.core.exceptions import ValidationError

    from mentorship.services import pairing_create

    org.pairing.delete()
    with pytest.raises(ValidationError, match="cannot mentor themselves"):
        pairing_create(
            actor=actor_of(org.alice),
            candidate=org.cand,
            mentor=org.cand_person,
            cadence_days=14,
            format="formal",
            goals="",
            starts_on=TODAY,
        )


def test_pausing_and_ending_keep_the_history(client, org):
    client.force_login(org.alice.user)
    url = reverse("mentorship:pairing_status", args=[org.pairing.pk])
    assert client.post(url, {"status": "paused"}).status_code == 302
    client.post(url, {"status": "ended"})  # ending needs a reason
    org.pairing.refresh_from_db()
    assert org.pairing.status == "paused"
    assert client.post(url, {"status": "ended", "reason": "Mentor moved on"}).status_code == 302
    org.pairing.refresh_from_db()
    assert org.pairing.status == "ended" and org.pairing.ends_on == TODAY
    assert org.pairing.ended_reason == "Mentor moved on"
    assert org.pairing.meetings.count() == 1
    assert org.cand.events.filter(kind="pairing").count() == 2
    assert client.get(url).status_code == 405


@pytest.mark.parametrize("who", ["mentor", "cand_person", "outsider"])
def test_pairing_management_is_404_for_others(client, org, who):
    client.force_login(getattr(org, who).user)
    assert (
        client.post(
            reverse("mentorship:pairing_status", args=[org.pairing.pk]), {"status": "ended"}
        ).status_code
        == 404
    )
    org.pairing.refresh_from_db()
    assert org.pairing.status == "active"


# --- Meetings ---------------------------------------------------------------------------


def test_the_mentor_logs_a_meeting_with_an_action_item(client, org):
    client.force_login(org.mentor.user)
    response = client.post(reverse("mentorship:meeting_new", args=[org.pairing.pk]), meeting_data())
    assert response.status_code == 302
    meeting = Meeting.objects.latest("pk")
    assert meeting.author == org.mentor
    assert ActionItem.objects.get(meeting=meeting).owner == org.cand_person
    org.pairing.refresh_from_db()
    assert org.pairing.last_met_on == TODAY
    assert org.pairing.next_meeting_on == TODAY + dt.timedelta(days=14)
    event = org.cand.events.get(kind="meeting", occurred_at__date=TODAY)
    assert "Needs to delegate" not in event.detail  # private notes never reach the timeline


def test_the_candidate_sees_shared_notes_and_action_items_but_not_private_notes(client, org):
    client.force_login(org.mentor.user)
    client.post(reverse("mentorship:meeting_new", args=[org.pairing.pk]), meeting_data())
    client.force_login(org.cand_person.user)
    page = client.get(reverse("me")).content.decode()
    assert "Walked through the escalation review." in page
    assert "Draft the escalation policy" in page
    assert "Needs to delegate more" not in page
    assert "Still hesitant" not in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"held_on": (TODAY - dt.timedelta(days=400)).isoformat()}, "The pairing started on"),
        ({"held_on": (TODAY + dt.timedelta(days=3)).isoformat()}, "the date is in the future"),
        (
            {"next_meeting_on": (TODAY - dt.timedelta(days=1)).isoformat()},
            "The next meeting comes after this one",
        ),
        ({"duration_minutes": "0"}, "Between 5 minutes"),
        ({"items-0-due_on": "not-a-date"}, "Enter a valid date"),
    ],
)
def test_bad_meeting_input_is_shown_and_nothing_is_saved(client, org, overrides, message):
    client.force_login(org.mentor.user)
    before = (Meeting.objects.count(), ActionItem.objects.count())
    response = client.post(
        reverse("mentorship:meeting_new", args=[org.pairing.pk]), meeting_data(**overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert (Meeting.objects.count(), ActionItem.objects.count()) == before
    org.pairing.refresh_from_db()
    assert org.pairing.last_met_on is None


@pytest.mark.parametrize("who", ["alice", "cand_person", "outsider", "vp", "director"])
def test_only_the_pairings_mentor_can_log_a_meeting(client, org, who):
    other_pairing = factories.PairingFactory(
        candidate=org.other, mentor=org.director, created_by=org.outsider
    )
    client.force_login(getattr(org, who).user)
    url = reverse("mentorship:meeting_new", args=[org.pairing.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, meeting_data()).status_code == 404
    assert Meeting.objects.count() == 1
    assert other_pairing.meetings.count() == 0


def test_another_mentors_pairing_is_404_for_a_mentor(client, org):
    other_pairing = factories.PairingFactory(
        candidate=org.other, mentor=org.director, created_by=org.outsider
    )
    client.force_login(org.mentor.user)
    assert client.get(reverse("mentorship:meeting_new", args=[other_pairing.pk])).status_code == 404


def test_the_author_edits_within_seven_days_and_not_after(client, org):
    client.force_login(org.mentor.user)
    url = reverse("mentorship:meeting_edit", args=[org.meeting.pk])
    data = meeting_data(
        held_on=org.meeting.held_on.isoformat(),
        shared_notes="Edited notes",
        revision=org.meeting.revision,
    )
    assert client.post(url, data).status_code == 302
    org.meeting.refresh_from_db()
    assert org.meeting.shared_notes == "Edited notes"
    Meeting.objects.filter(pk=org.meeting.pk).update(
        created_at=org.meeting.created_at - dt.timedelta(days=8)
    )
    response = client.post(url, dict(data, shared_notes="Too late", revision=org.meeting.revision))
    assert response.status_code == 302
    org.meeting.refresh_from_db()
    assert org.meeting.shared_notes == "Edited notes"


def test_a_stale_edit_is_refused(client, org):
    client.force_login(org.mentor.user)
    url = reverse("mentorship:meeting_edit", args=[org.meeting.pk])
    data = meeting_data(
        held_on=org.meeting.held_on.isoformat(), shared_notes="First", revision=org.meeting.revision
    )
    client.post(url, data)
    response = client.post(url, dict(data, shared_notes="Second, from an old tab"))
    assert response.status_code == 200
    assert "Someone saved this meeting meanwhile" in response.content.decode()
    org.meeting.refresh_from_db()
    assert org.meeting.shared_notes == "First"


# --- Mentor home ------------------------------------------------------------------------


def test_the_mentor_home_puts_the_overdue_mentee_first(client, org):
    fresh = factories.CandidateFactory(
        person=factories.PersonFactory(manager=org.alice, full_name="Zed Fresh", level=2),
        nominated_by=org.alice,
    )
    factories.PairingFactory(
        candidate=fresh,
        mentor=org.mentor,
        created_by=org.alice,
        last_met_on=TODAY - dt.timedelta(days=2),
    )
    factories.pairing_dates_set(org.pairing, last_met_on=TODAY - dt.timedelta(days=40))
    client.force_login(org.mentor.user)
    response = client.get(reverse("mentorship:home"))
    pairings = response.context["pairings"]
    assert [p.candidate.person.full_name for p in pairings] == ["Cand", "Zed Fresh"]
    assert pairings[0].checkin_overdue and not pairings[1].checkin_overdue
    assert "Overdue" in response.content.decode()


def test_the_mentor_home_is_404_for_people_who_mentor_nobody(client, org):
    client.force_login(org.alice.user)
    assert client.get(reverse("mentorship:home")).status_code == 404


@pytest.mark.parametrize("size", [2, 20])
def test_the_mentor_home_costs_the_same_queries_whatever_the_mentees(
    client, org, size, django_assert_num_queries
):
    for _i in range(size):
        candidate = factories.CandidateFactory(
            person=factories.PersonFactory(manager=org.alice, level=2), nominated_by=org.alice
        )
        pairing = factories.PairingFactory(
            candidate=candidate, mentor=org.mentor, created_by=org.alice
        )
        factories.ActionItemFactory(meeting=factories.MeetingFactory(pairing=pairing))
    preference_for(org.mentor.user)  # the calendar token exists from the first visit on
    client.force_login(org.mentor.user)
    # user (the session: cache), the actor (person, roles, mentor flag, unread count: one query),
    # calendar token, pairings, recent meetings, their topics, their action items
    with django_assert_num_queries(7):
        assert client.get(reverse("mentorship:home")).status_code == 200


@pytest.mark.parametrize("size", [2, 20])
def test_the_meeting_form_costs_the_same_queries(client, org, size, django_assert_num_queries):
    from mentorship.models import MeetingTopic

    for i in range(size):
        MeetingTopic.objects.create(name=f"Topic {i}")
        factories.ActionItemFactory(meeting=org.meeting, description=f"Item {i}")
    client.force_login(org.mentor.user)
    # user (the session: cache), the actor (person, roles, mentor flag, unread count: one query),
    # the pairing, the open action items, topics
    with django_assert_num_queries(5):
        assert (
            client.get(reverse("mentorship:meeting_new", args=[org.pairing.pk])).status_code == 200
        )


# --- Calendar ---------------------------------------------------------------------------


def test_the_next_meeting_downloads_as_a_real_icalendar_file(client, org):
    factories.pairing_dates_set(org.pairing, next_meeting_on=TODAY + dt.timedelta(days=5))
    for who in ("mentor", "cand_person"):
        client.force_login(getattr(org, who).user)
        response = client.get(reverse("mentorship:next_meeting_ics", args=[org.pairing.pk]))
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/calendar")
        calendar = Calendar.from_ical(response.content)
        events = list(calendar.walk("VEVENT"))
        assert len(events) == 1
        assert events[0].decoded("dtstart") == TODAY + dt.timedelta(days=5)


def _log(org, held_on, next_on, at=None):
    from mentorship import services

    return services.meeting_log(
        actor=actor_of(org.mentor),
        pairing=MentorPairing.objects.get(pk=org.pairing.pk),
        held_on=held_on,
        duration_minutes=45,
        format="video",
        next_meeting_on=next_on,
        next_meeting_time=at,
    )


def _invitation(client, org):
    response = client.get(reverse("mentorship:next_meeting_ics", args=[org.pairing.pk]))
    assert response.status_code == 200
    calendar = Calendar.from_ical(response.content)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def test_the_ics_is_an_invitation_that_a_move_updates_and_an_end_cancels(client, org):
    """Organiser the mentor, attendee the mentee, the time zone defined in the file, one
    UID for the pairing: moving the meeting bumps SEQUENCE; ending the pairing cancels."""
    org.mentor.time_zone = "Europe/Berlin"
    org.mentor.save()
    _log(org, TODAY - dt.timedelta(days=2), TODAY + dt.timedelta(days=7), dt.time(15, 0))
    client.force_login(org.cand_person.user)
    calendar, event = _invitation(client, org)
    assert calendar["method"] == "REQUEST"
    assert [tz["tzid"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Berlin"]
    assert str(event["organizer"]) == "mailto:mentor@example.com"
    assert str(event["attendee"]) == "mailto:cand@example.com"
    assert event["attendee"].params["ROLE"] == "REQ-PARTICIPANT"
    assert event["dtstart"].params["TZID"] == "Europe/Berlin"
    assert event.decoded("dtstart").hour == 15
    uid, sequence = str(event["uid"]), event["sequence"]

    _log(org, TODAY - dt.timedelta(days=1), TODAY + dt.timedelta(days=9), dt.time(10, 30))
    _, moved = _invitation(client, org)
    assert str(moved["uid"]) == uid
    assert moved["sequence"] == sequence + 1
    assert moved.decoded("dtstart").date() == TODAY + dt.timedelta(days=9)

    from mentorship import services

    services.pairing_set_status(
        actor=actor_of(org.alice),
        pairing=MentorPairing.objects.get(pk=org.pairing.pk),
        status="ended",
        reason="Mentor moved on",
    )
    calendar, cancelled = _invitation(client, org)
    assert calendar["method"] == "CANCEL"
    assert cancelled["status"] == "CANCELLED"
    assert str(cancelled["uid"]) == uid
    assert cancelled["sequence"] == sequence + 2


def test_the_ics_is_404_for_others_and_without_a_planned_meeting(client, org):
    client.force_login(org.outsider.user)
    assert (
        client.get(reverse("mentorship:next_meeting_ics", args=[org.pairing.pk])).status_code == 404
    )
    client.force_login(org.mentor.user)
    assert (
        client.get(reverse("mentorship:next_meeting_ics", args=[org.pairing.pk])).status_code == 404
    )


def test_the_private_feed_lists_the_mentors_upcoming_meetings(client, org):
    from notifications.services import preference_for

    factories.pairing_dates_set(org.pairing, next_meeting_on=TODAY + dt.timedelta(days=5))
    token = preference_for(org.mentor.user).calendar_token
    response = client.get(
        reverse("mentorship:calendar_feed", args=[token])
    )  # no login: a calendar app
    assert response.status_code == 200
    assert (
        "Mentor meeting with Cand"
        in Calendar.from_ical(response.content).walk("VEVENT")[0]["summary"]
    )
    assert client.get(reverse("mentorship:calendar_feed", args=["wrong-token"])).status_code == 404


def test_a_meeting_with_a_time_is_at_that_time_in_the_mentors_time_zone(client, org):
    from candidates.models import Person

    Person.objects.filter(pk=org.mentor.pk).update(time_zone="Europe/Berlin")
    client.force_login(org.mentor.user)
    client.post(
        reverse("mentorship:meeting_new", args=[org.pairing.pk]),
        meeting_data(next_meeting_time="14:30"),
    )
    org.pairing.refresh_from_db()
    assert org.pairing.next_meeting_time == dt.time(14, 30)
    client.force_login(org.cand_person.user)
    response = client.get(reverse("mentorship:next_meeting_ics", args=[org.pairing.pk]))
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    starts = event.decoded("dtstart")
    assert (starts.hour, starts.minute, str(starts.tzinfo)) == (14, 30, "Europe/Berlin")
    assert b"TZID=Europe/Berlin" in response.content


def test_the_run_command_links_to_where_it_serves(tmp_path):
    import subprocess
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    out = subprocess.run(
        ["make", "-n", "run", "PORT=8101"], cwd=root, env=env, capture_output=True, text=True
    ).stdout
    assert "links in mails: http://127.0.0.1:8101" in out
    out = subprocess.run(
        ["make", "-n", "run", "PORT=8101"],
        cwd=root,
        env={**env, "SITE_URL": "https://supportlead.example"},
        capture_output=True,
        text=True,
    ).stdout
    assert "links in mails: https://supportlead.example" in out


@pytest.mark.parametrize("time", [None, dt.time(23, 30)])
def test_a_next_meeting_on_the_last_day_there_is_still_renders(client, org, time):
    factories.pairing_dates_set(
        org.pairing, next_meeting_on=dt.date(9999, 12, 31), next_meeting_time=time
    )
    client.force_login(org.mentor.user)
    response = client.get(reverse("mentorship:next_meeting_ics", args=[org.pairing.pk]))
    assert response.status_code == 200
    (event,) = Calendar.from_ical(response.content).walk("VEVENT")
    assert event.decoded("dtstart").year == 9999
    token = preference_for(org.mentor.user).calendar_token
    feed = client.get(reverse("mentorship:calendar_feed", args=[token]))
    assert feed.status_code == 200 and b"9999" in feed.content


def test_an_ex_mentor_loses_every_route_to_the_pairing(client, org):
    factories.pairing_dates_set(org.pairing, next_meeting_on=TODAY + dt.timedelta(days=5))
    org.pairing.status = "ended"
    org.pairing.save()
    client.force_login(org.mentor.user)
    for url in (
        reverse("mentorship:next_meeting_ics", args=[org.pairing.pk]),
        reverse("mentorship:pairing_meetings", args=[org.pairing.pk]),
        reverse("mentorship:meeting_new", args=[org.pairing.pk]),
        reverse("mentorship:meeting_edit", args=[org.meeting.pk]),
        reverse("front:profile", args=[org.cand.pk]),
        reverse("agreements:detail", args=[org.agreement.pk]),
    ):
        assert client.get(url).status_code == 404, url
    token = preference_for(org.mentor.user).calendar_token
    feed = client.get(reverse("mentorship:calendar_feed", args=[token]))
    assert b"Cand" not in feed.content
    # The former mentee keeps their own history.
    client.force_login(org.cand_person.user)
    assert (
        client.get(reverse("mentorship:pairing_meetings", args=[org.pairing.pk])).status_code == 200
    )
