"""Meetings can be edited from the pages that list them, action items can be closed and
reopened, open items come back in the next meeting's form, and the mentor's read of
potential reaches the managers in the line."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from mentorship.models import ActionItem
from tests import factories

from .test_pairings_and_meetings import meeting_data

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


@pytest.fixture
def item(org):
    return factories.ActionItemFactory(meeting=org.meeting, description="Shadow the VP")


def done_url(item):
    return reverse("mentorship:action_item_done", args=[item.pk])


def test_the_candidate_closes_and_reopens_their_own_item_from_their_plan(client, org, item):
    client.force_login(org.cand_person.user)
    assert "Shadow the VP" in client.get(reverse("me")).content.decode()
    response = client.post(done_url(item), {"done": "1", "next": "/me/"})
    assert response.status_code == 302 and response["Location"] == "/me/"
    item.refresh_from_db()
    assert item.done_at is not None
    open_items = client.get(reverse("me")).context["my_action_items"]
    assert item not in list(open_items)
    client.post(done_url(item), {"done": "0"})
    item.refresh_from_db()
    assert item.done_at is None


def test_the_mentor_closes_an_item_and_a_second_close_changes_nothing(client, org, item):
    client.force_login(org.mentor.user)
    client.post(done_url(item), {"done": "1"})
    item.refresh_from_db()
    first = item.done_at
    client.post(done_url(item), {"done": "1"})
    item.refresh_from_db()
    assert item.done_at == first


def test_a_redirect_never_leaves_the_site(client, org, item):
    client.force_login(org.cand_person.user)
    response = client.post(done_url(item), {"done": "1", "next": "https://evil.example/"})
    assert response["Location"] == reverse("me")


@pytest.mark.parametrize("who", ["alice", "outsider", "bob", "vp"])
def test_nobody_else_closes_an_item(client, org, item, who):
    client.force_login(getattr(org, who).user)
    assert client.post(done_url(item), {"done": "1"}).status_code == 404
    item.refresh_from_db()
    assert item.done_at is None


def test_an_ex_mentor_no_longer_closes_items(client, org, item):
    org.pairing.status = "ended"
    org.pairing.save()
    client.force_login(org.mentor.user)
    assert client.post(done_url(item), {"done": "1"}).status_code == 404


def test_closing_is_post_only(client, org, item):
    client.force_login(org.cand_person.user)
    assert client.get(done_url(item)).status_code == 405


def test_overdue_items_are_marked_on_the_plan(client, org):
    factories.ActionItemFactory(
        meeting=org.meeting, description="Late item", due_on=TODAY - dt.timedelta(days=3)
    )
    client.force_login(org.cand_person.user)
    page = client.get(reverse("me")).content.decode()
    assert "Late item" in page and "overdue</span>" in page


def test_open_items_come_back_in_the_next_meeting_and_ticked_ones_close(client, org, item):
    kept = factories.ActionItemFactory(meeting=org.meeting, description="Read the book")
    client.force_login(org.mentor.user)
    form = client.get(reverse("mentorship:meeting_new", args=[org.pairing.pk])).content.decode()
    assert "Shadow the VP" in form and "Read the book" in form
    assert 'name="items-TOTAL_FORMS" value="4"' in form
    assert "Required to add the item" in form
    client.post(
        reverse("mentorship:meeting_new", args=[org.pairing.pk]),
        meeting_data(items_done=[str(item.pk)]),
    )
    item.refresh_from_db()
    kept.refresh_from_db()
    assert item.done_at is not None and kept.done_at is None


def test_an_item_of_another_pairing_cannot_be_ticked(client, org, item):
    stranger = factories.ActionItemFactory(description="Someone else's")
    client.force_login(org.mentor.user)
    response = client.post(
        reverse("mentorship:meeting_new", args=[org.pairing.pk]),
        meeting_data(items_done=[str(stranger.pk)]),
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    stranger.refresh_from_db()
    assert stranger.done_at is None


def test_editable_meetings_have_an_edit_link_and_old_ones_do_not(client, org):
    old = factories.MeetingFactory(pairing=org.pairing, held_on=TODAY - dt.timedelta(days=40))
    old.created_at = timezone.now() - dt.timedelta(days=30)
    old.save(update_fields=["created_at"])
    client.force_login(org.mentor.user)
    edit = reverse("mentorship:meeting_edit", args=[org.meeting.pk])
    old_edit = reverse("mentorship:meeting_edit", args=[old.pk])
    for url in (
        reverse("mentorship:home"),
        reverse("mentorship:pairing_meetings", args=[org.pairing.pk]),
    ):
        page = client.get(url).content.decode()
        assert edit in page, url
        assert old_edit not in page, url


def test_the_pairing_meetings_page_shows_private_notes_to_the_mentor_only(client, org):
    url = reverse("mentorship:pairing_meetings", args=[org.pairing.pk])
    client.force_login(org.mentor.user)
    assert "Still hesitant" in client.get(url).content.decode()
    client.force_login(org.cand_person.user)
    page = client.get(url).content.decode()
    assert "Talked about leading" in page and "Still hesitant" not in page
    assert reverse("mentorship:meeting_edit", args=[org.meeting.pk]) not in page


def test_a_manager_in_the_line_reads_the_meetings_without_private_notes(client, org):
    client.force_login(org.alice.user)
    page = client.get(reverse("mentorship:pairing_meetings", args=[org.pairing.pk]))
    assert page.status_code == 200
    assert "Talked about leading" in page.content.decode()
    assert "Still hesitant" not in page.content.decode()
    assert reverse("mentorship:meeting_edit", args=[org.meeting.pk]) not in page.content.decode()


def test_the_timeline_links_a_logged_meeting_where_its_mentor_edits_it(client, org):
    client.force_login(org.mentor.user)
    client.post(reverse("mentorship:meeting_new", args=[org.pairing.pk]), meeting_data())
    meeting = org.pairing.meetings.latest("pk")
    profile = client.get(reverse("front:profile", args=[org.cand.pk])).content.decode()
    link = reverse("mentorship:pairing_meetings", args=[org.pairing.pk]) + f"#meeting-{meeting.pk}"
    assert link in profile
    page = client.get(link.split("#")[0]).content.decode()
    assert f'id="meeting-{meeting.pk}"' in page
    assert reverse("mentorship:meeting_edit", args=[meeting.pk]) in page


@pytest.mark.parametrize("who", ["outsider", "bob"])
def test_the_pairing_meetings_page_is_404_for_others(client, org, who):
    client.force_login(getattr(org, who).user)
    url = reverse("mentorship:pairing_meetings", args=[org.pairing.pk])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("size", [1, 15])
def test_the_pairing_meetings_page_costs_the_same_queries(
    client, org, size, django_assert_num_queries
):
    for _ in range(size):
        meeting = factories.MeetingFactory(pairing=org.pairing)
        factories.ActionItemFactory(meeting=meeting)
    client.force_login(org.mentor.user)
    # user (the session: cache), the actor (person, roles, mentor flag, unread count: one query),
    # the pairing, meetings, their topics, their items; the audit row (INSERT)
    with django_assert_num_queries(7):
        client.get(reverse("mentorship:pairing_meetings", args=[org.pairing.pk]))


def test_managers_in_the_line_see_the_mentors_read_of_potential(client, org):
    factories.MeetingFactory(
        pairing=org.pairing, potential_read=2, held_on=TODAY - dt.timedelta(days=60)
    )
    factories.MeetingFactory(
        pairing=org.pairing, potential_read=3, held_on=TODAY - dt.timedelta(days=5)
    )
    client.force_login(org.alice.user)
    response = client.get(reverse("front:profile", args=[org.cand.pk]))
    reads = [r["potential_read"] for r in response.context["potential_reads"]]
    assert reads == [2, 3]
    assert "read of potential" in response.content.decode()
    client.force_login(org.mentor.user)
    response = client.get(reverse("front:profile", args=[org.cand.pk]))
    assert "potential_reads" not in response.context
    assert "read of potential" not in response.content.decode()


def test_the_candidate_sees_their_proposals_and_what_became_of_them(client, org):
    waiting = factories.CommitmentFactory(
        agreement=org.agreement,
        proposal="proposed",
        proposed_by=org.cand_person,
        proposed_at=timezone.now(),
        description="Join the pricing task force",
    )
    declined = factories.CommitmentFactory(
        agreement=org.agreement,
        proposal="declined",
        proposed_by=org.cand_person,
        proposed_at=timezone.now(),
        decided_by=org.director,
        decline_reason="Next year",
        description="A sabbatical",
    )
    client.force_login(org.cand_person.user)
    page = client.get(reverse("me")).content.decode()
    assert waiting.description in page and "Waiting for Director" in page
    assert declined.description in page and "Declined" in page and "Next year" in page
    assert ActionItem.objects.count() == 0
