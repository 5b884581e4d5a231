"""Talent reviews: a whole session through the pages, who may see it, moves without a
reason, two participants moving the same candidate, and fixed query counts."""

import datetime as dt

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse

from agreements.models import Commitment
from candidates.models import Candidate, Level, Person, TalentRating
from development.models import StretchAssignment, TaskForce
from notifications.models import Notification
from reviews import selectors, services
from reviews.models import ReviewAction, ReviewCandidate, ReviewMove, TalentReview
from succession.models import FollowUp, Readiness
from tests import factories
from tests.factories import actor_of

pytestmark = pytest.mark.django_db


def login(client, username):
    client.force_login(get_user_model().objects.get(username=username))


def entry_of(review, candidate) -> ReviewCandidate:
    return ReviewCandidate.objects.get(review=review, candidate=candidate)


def seen(candidate) -> int:
    latest = TalentRating.objects.filter(candidate=candidate).order_by("-rated_at", "-pk").first()
    return latest.pk if latest else 0


def test_a_whole_session_from_creation_to_what_moved(client, org):
    # Long on purpose: one story (or one fixture table) read top to bottom.
    nomination = factories.NominationFactory(
        candidate=org.cand, position=org.position, readiness=Readiness.ONE_TO_TWO_YEARS
    )
    factories.TalentRatingFactory(
        candidate=org.cand, rated_by=org.alice, performance=2, potential=2
    )
    Candidate.objects.filter(pk=org.cand.pk).update(performance=2, potential=2)

    # HR creates the review: the agenda fills with the candidates in scope.
    login(client, "vp")
    response = client.post(
        reverse("reviews:new"),
        {
            "name": "Q4 support review",
            "held_on": dt.date.today().isoformat(),
            "scope": "line",
            "scope_head": org.director.pk,
            "facilitator": org.vp.pk,
            "participants": [org.alice.pk, org.director.pk],
            "top_box_guideline": 15,
        },
    )
    review = TalentReview.objects.get()
    assert response.status_code == 302
    assert list(review.agenda.values_list("candidate", flat=True)) == [org.cand.pk]
    agenda = client.get(review.get_absolute_url()).content.decode()
    assert ">Cand<" in agenda  # on the agenda by name, not the word "Candidate"
    client.post(reverse("reviews:start", args=[review.pk]))
    review.refresh_from_db()
    assert review.state == "in_progress"
    entry = entry_of(review, org.cand)
    assert entry.start["performance"] == 2

    # Alice, a participant, moves her candidate up with a reason, on the board's form.
    login(client, "alice")
    board = client.get(reverse("reviews:board", args=[review.pk])).content.decode()
    assert f'data-seen="{seen(org.cand)}"' in board
    response = client.post(
        entry.get_absolute_url(),
        {
            "form": "move",
            "next": "board",
            "cell": "3-3",
            "reason": "Led the outage review.",
            "seen_rating": seen(org.cand),
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("reviews:board", args=[review.pk])
    org.cand.refresh_from_db()
    assert (org.cand.performance, org.cand.potential) == (3, 3)
    move = ReviewMove.objects.get(kind="rating")
    assert (move.moved_by, move.reason, move.review) == (
        org.alice,
        "Led the outage review.",
        review,
    )
    assert move.rating.reason == "Led the outage review."

    # Readiness and flight risk, each with its reason.
    client.post(
        entry.get_absolute_url(),
        {
            "form": f"readiness-{nomination.pk}",
            f"n{nomination.pk}-readiness": "ready_now",
            f"n{nomination.pk}-reason": "Covered for Alice for a month.",
            f"n{nomination.pk}-seen_readiness": "1_2_years",
        },
    )
    nomination.refresh_from_db()
    assert nomination.readiness == "ready_now"
    client.post(
        entry.get_absolute_url(),
        {
            "form": "flight",
            "flight_risk": "high",
            "reason": "Has an offer elsewhere.",
            "seen_rating": seen(org.cand),
        },
    )
    org.cand.refresh_from_db()
    assert org.cand.flight_risk == "high"

    # Decisions: a note, a conversation, a development action on the agreement.
    client.post(entry.get_absolute_url(), {"form": "note", "note": "Ready for EMEA."})
    client.post(
        entry.get_absolute_url(),
        {"form": "action", "kind": "conversation", "description": "Talk about the offer."},
    )
    client.post(
        entry.get_absolute_url(),
        {
            "form": "action",
            "kind": "development",
            "description": "Run the EMEA budget cycle.",
            "side": "company",
            "category": "rotation",
        },
    )
    assert FollowUp.objects.filter(description="Talk about the offer.", owner=org.alice).exists()
    proposal = Commitment.objects.get(description="Run the EMEA budget cycle.")
    assert (proposal.proposal, proposal.agreement) == ("proposed", org.agreement)
    assert ReviewAction.objects.filter(review=review).count() == 2

    # Only the facilitator closes it; closing freezes it and tells every participant.
    assert client.post(reverse("reviews:close", args=[review.pk])).status_code == 404
    login(client, "vp")
    response = client.post(reverse("reviews:close", args=[review.pk]))
    assert response["Location"] == reverse("reviews:moved", args=[review.pk])
    entry.refresh_from_db()
    assert entry.end["performance"] == 3
    assert entry.end["readiness"][str(org.position.pk)]["readiness"] == "ready_now"
    notified = Notification.objects.filter(kind="review_closed").values_list(
        "recipient__username", flat=True
    )
    assert sorted(notified) == ["alice", "director", "vp"]

    moved = client.get(reverse("reviews:moved", args=[review.pk])).content.decode()
    assert "1 up" in moved and "0 down" in moved
    assert "Support manager EMEA: Ready in 1–2 years → Ready now" in moved
    assert "Led the outage review." in moved
    # Closed: nothing more is changed in it.
    login(client, "alice")
    client.post(
        entry.get_absolute_url(),
        {"form": "move", "cell": "1-1", "reason": "x", "seen_rating": seen(org.cand)},
    )
    org.cand.refresh_from_db()
    assert (org.cand.performance, org.cand.potential) == (3, 3)

    # The profile's history names the session; a rating outside it says so.
    profile = client.get(org.cand.get_absolute_url()).content.decode()
    assert "in talent review “Q4 support review”" in profile
    assert "outside any review" in profile

    # The next review of the same people shows what this one decided, and what is done.
    login(client, "vp")
    nxt = factories.review_for(org, start=False)
    page = client.get(nxt.get_absolute_url()).content.decode()
    assert "Ready for EMEA." in page
    assert "0 of 2 actions done" in page


def test_who_must_not_see_a_review_gets_404(client, org):
    review = factories.review_for(org)
    entry = entry_of(review, org.cand)
    pure_mentor = factories.login_person("puremen", level=Level.DIRECTOR, department=org.rnd)
    factories.PairingFactory(candidate=org.other, mentor=pure_mentor, created_by=org.outsider)
    urls = [
        reverse("reviews:list"),
        reverse("reviews:new"),
        review.get_absolute_url(),
        reverse("reviews:board", args=[review.pk]),
        entry.get_absolute_url(),
    ]
    for username in ("cand", "puremen"):  # a candidate; a mentor who manages nobody
        login(client, username)
        assert [client.get(url).status_code for url in urls] == [404] * 5, username
    # A manager outside the review: the list does not show it; every page of it is 404.
    login(client, "outsider")
    assert "Q4 support review" not in client.get(reverse("reviews:list")).content.decode()
    assert [client.get(url).status_code for url in urls[2:]] == [404] * 3
    assert client.post(reverse("reviews:close", args=[review.pk])).status_code == 404
    # A participant sees only the candidates of their line: the outsider, invited,
    # sees the review but not alice's candidate, nor its moves.
    review.participants.add(org.outsider)
    assert client.get(review.get_absolute_url()).status_code == 200
    board = client.get(reverse("reviews:board", args=[review.pk])).content.decode()
    assert ">Cand<" not in board
    assert reverse("front:profile", args=[org.cand.pk]) not in board
    assert client.get(entry.get_absolute_url()).status_code == 404
    # A participant is not the facilitator: no start, no close, no agenda changes.
    login(client, "alice")
    assert client.post(reverse("reviews:close", args=[review.pk])).status_code == 404
    assert client.get(reverse("reviews:edit", args=[review.pk])).status_code == 404


def test_a_move_without_a_reason_is_refused_and_nothing_is_saved(client, org):
    review = factories.review_for(org)
    entry = entry_of(review, org.cand)
    ratings = TalentRating.objects.count()
    login(client, "alice")
    response = client.post(
        entry.get_absolute_url(),
        {"form": "move", "cell": "1-1", "reason": "  ", "seen_rating": seen(org.cand)},
    )
    assert response.status_code == 200
    assert "Give the reason" in response.content.decode()
    assert TalentRating.objects.count() == ratings
    assert not ReviewMove.objects.exists()
    org.cand.refresh_from_db()
    assert (org.cand.performance, org.cand.potential) == (3, 3)
    # Junk in the hidden field or the cell: a form error, never a 500.
    for junk in ({"cell": "9-9"}, {"seen_rating": "x"}, {"seen_rating": str(2**70)}):
        data = {"form": "move", "cell": "1-1", "reason": "r", "seen_rating": 0, **junk}
        assert client.post(entry.get_absolute_url(), data).status_code == 200
    assert not ReviewMove.objects.exists()


def test_two_participants_moving_the_same_candidate_the_second_is_told(client, org):
    review = factories.review_for(org)
    entry = entry_of(review, org.cand)
    both_saw = seen(org.cand)  # the director and alice open the board at the same time
    login(client, "director")
    first = client.post(
        entry.get_absolute_url(),
        {"form": "move", "cell": "2-3", "reason": "Director's view.", "seen_rating": both_saw},
    )
    assert first.status_code == 302
    login(client, "alice")
    second = client.post(
        entry.get_absolute_url(),
        {"form": "move", "cell": "1-1", "reason": "Alice's view.", "seen_rating": both_saw},
    )
    page = second.content.decode()
    assert second.status_code == 200
    assert "while you were looking" in page and "Director" in page
    assert "Alice&#x27;s view." in page  # her reason is kept in the form, not lost
    org.cand.refresh_from_db()
    assert (org.cand.performance, org.cand.potential) == (2, 3)
    assert list(ReviewMove.objects.values_list("reason", flat=True)) == ["Director's view."]


def test_the_board_shows_the_distribution_against_the_guideline_and_flags_managers(client, org):
    # Alice's three people sit in the top box; the director's two others sit low.
    for i in range(3):
        person = factories.login_person(f"hi{i}", manager=org.alice, level=Level.ENGINEER)
        factories.CandidateFactory(person=person, nominated_by=org.alice)
    for i in range(2):
        person = factories.login_person(f"lo{i}", manager=org.director, level=Level.ENGINEER)
        factories.CandidateFactory(
            person=person, nominated_by=org.director, performance=1, potential=1
        )
    review = factories.review_for(org)
    login(client, "vp")
    page = client.get(reverse("reviews:board", args=[review.pk])).content.decode()
    # cand and the three hi's: 4 of 6 in the top box.
    assert "Top box: 4 (66.7 %) · guideline at most 15 %" in page
    assert "Above the guideline" in page
    assert "Alice's 4 people average 6.0 against 2.0 for everyone else" in page


def _scope_of(org, size):
    for i in range(size):
        person = factories.login_person(f"p{size}x{i}", manager=org.alice, level=Level.ENGINEER)
        candidate = factories.CandidateFactory(person=person, nominated_by=org.alice)
        factories.NominationFactory(candidate=candidate, position=org.position)


@pytest.mark.parametrize("size", [2, 12])
def test_the_board_takes_the_same_queries_whatever_the_scope(
    client, org, size, django_assert_num_queries
):
    _scope_of(org, size)
    review = factories.review_for(org)
    login(client, "alice")
    # user (the session: cache), the actor (person, roles, mentor flag, unread count: one query),
    # review, participants (permissions), the cards with their latest rating; the
    # calibration checks: the candidates with their rater, their evidence (one UNION),
    # the open "ready now" calls (none here: no must-haves read); the audit row (INSERT)
    with django_assert_num_queries(9):
        response = client.get(reverse("reviews:board", args=[review.pk]))
    assert response.content.decode().count('class="board-card') == size + 1


@pytest.mark.parametrize("size", [2, 12])
def test_what_moved_takes_the_same_queries_whatever_the_scope(
    client, org, size, django_assert_num_queries
):
    _scope_of(org, size)
    review = factories.review_for(org)
    for entry in review.agenda.all()[:2]:
        services.rating_move(
            actor=actor_of(org.alice),
            review=review,
            entry=entry,
            performance=2,
            potential=2,
            reason="Calibrated down.",
            seen_rating=seen(entry.candidate),
        )
    services.review_close(actor=actor_of(org.vp), review=review)
    login(client, "alice")
    # user (the session: cache), the actor (person, roles, mentor flag, unread count: one query),
    # review, the agenda with managers, the moves, the decisions; the audit row (INSERT)
    with django_assert_num_queries(7):
        response = client.get(reverse("reviews:moved", args=[review.pk]))
    assert "2 down" in response.content.decode()


@pytest.mark.parametrize("size", [2, 12])
def test_the_agenda_takes_the_same_queries_whatever_the_scope(
    client, org, size, django_assert_num_queries
):
    _scope_of(org, size)
    review = factories.review_for(org)
    login(client, "vp")
    # user (the session: cache), the actor (person, roles, mentor flag, unread count: one query),
    # review, participants (permissions), how many on the agenda, its page, the page's
    # evidence counts (one UNION ALL of grouped counts), nominations, last reviews (2), the
    # add list; the audit row (INSERT)
    with django_assert_num_queries(12):
        response = client.get(review.get_absolute_url())
    assert response.status_code == 200


def test_a_double_posted_decision_is_recorded_once(client, org):
    review = factories.review_for(org)
    entry = entry_of(review, org.cand)
    login(client, "alice")
    data = {
        "form": "action",
        "kind": "conversation",
        "description": "Talk about the offer.",
        "submission_token": "tok-1",
    }
    client.post(entry.get_absolute_url(), data)
    client.post(entry.get_absolute_url(), data)
    assert ReviewAction.objects.count() == 1
    assert FollowUp.objects.filter(description="Talk about the offer.").count() == 1


def test_a_development_action_without_an_open_agreement_is_a_form_error(client, org):
    org.agreement.status = "closed"
    org.agreement.save()
    review = factories.review_for(org)
    login(client, "alice")
    response = client.post(
        entry_of(review, org.cand).get_absolute_url(),
        {"form": "action", "kind": "development", "description": "x", "side": "company"},
    )
    assert response.status_code == 200
    assert "no open leadership agreement" in response.content.decode()
    assert not ReviewAction.objects.exists()


def test_the_facilitator_must_be_hr_or_the_head_of_the_scope(org):
    with pytest.raises(ValidationError, match="facilitator"):
        services.review_create(
            actor=actor_of(org.director),
            name="R",
            held_on=dt.date.today(),
            scope="line",
            scope_head=org.director,
            scope_positions=[],
            facilitator=org.alice,
            participants=[],
        )
    assert not TalentReview.objects.exists()


def test_a_draft_can_be_deleted_by_its_facilitator_and_a_started_review_cannot(client, org):
    draft = factories.review_for(org, start=False)
    login(client, "alice")  # a participant, not the facilitator
    assert client.post(reverse("reviews:delete", args=[draft.pk])).status_code == 404
    login(client, "vp")
    response = client.post(reverse("reviews:delete", args=[draft.pk]))
    assert response["Location"] == reverse("reviews:list")
    assert not TalentReview.objects.filter(pk=draft.pk).exists()
    started = factories.review_for(org)
    response = client.post(reverse("reviews:delete", args=[started.pk]), follow=True)
    assert "Only a draft can be deleted" in response.content.decode()
    assert TalentReview.objects.filter(pk=started.pk).exists()


def test_the_agenda_offers_only_candidates_in_scope_and_in_sight(client, org):
    review = factories.review_for(org, start=False)
    entry_of(review, org.cand).delete()
    login(client, "vp")
    page = client.get(review.get_absolute_url()).content.decode()
    assert f'<option value="{org.cand.pk}">' in page  # back on the list to add
    assert f'<option value="{org.other.pk}">' not in page  # another part of the org
    refused = client.post(
        reverse("reviews:agenda_add", args=[review.pk]), {"candidate": org.other.pk}
    )
    assert refused.status_code == 302
    assert not review.agenda.exists()
    client.post(reverse("reviews:agenda_add", args=[review.pk]), {"candidate": org.cand.pk})
    assert list(review.agenda.values_list("candidate", flat=True)) == [org.cand.pk]


def test_the_agenda_counts_each_kind_of_evidence_of_the_last_year(client, org):
    today = factories.TODAY
    for assessed in (today - dt.timedelta(days=20), today - dt.timedelta(days=400)):
        factories.RotationFactory(
            person=org.cand_person,
            assigned_by=org.alice,
            starts_on=assessed - dt.timedelta(days=90),
            ends_on=assessed - dt.timedelta(days=1),
            assessed_on=assessed,
        )
    StretchAssignment.objects.create(
        candidate=org.cand,
        title="Escalation desk",
        kind="escalation",
        description="Run it",
        safety_net=org.alice,
        assigned_by=org.alice,
        starts_on=today - dt.timedelta(days=30),
        ends_on=today - dt.timedelta(days=2),
        outcome="succeeded",
    )
    conference = factories.ConferenceFactory(
        candidate=org.cand, reviewed_at=dt.datetime.now(dt.UTC), reviewed_by=org.alice
    )
    for _ in range(2):
        TaskForce.objects.create(
            conference=conference,
            owner=org.cand,
            idea="Self-service",
            launched_by=org.alice,
            launched_on=today,
        )
    factories.CommitmentFactory(agreement=org.agreement, status="done")
    review = factories.review_for(org)
    login(client, "alice")
    page = client.get(reverse("reviews:detail", args=[review.pk])).content.decode()
    assert (
        "1 rotation assessed · 1 stretch outcome · 1 trip report reviewed · 2 task forces · "
        "1 commitment done"
    ) in page


def test_a_long_add_list_is_searched_first(client, org, monkeypatch, django_assert_num_queries):
    monkeypatch.setattr(selectors, "ADD_LIST_LIMIT", 2)
    review = factories.review_for(org, start=False)
    _scope_of(org, 3)  # in scope, joined after the agenda was drawn up
    login(client, "vp")
    url = review.get_absolute_url()
    page = client.get(url).content.decode()
    assert "more than 2 in scope" in page
    assert 'name="candidate"' not in page  # nobody listed before a search
    # user (the session: cache), the actor, review, participants, how many on the
    # agenda, its page, the page's evidence counts, nominations, last reviews (2), the
    # matches; the audit row
    with django_assert_num_queries(12):
        found = client.get(url, {"q": "p3x1"}).content.decode()
    person = Person.objects.get(user__username="p3x1")
    assert f'<option value="{person.candidacy.pk}">' in found
    assert found.count("<option value=") == 1
    nothing = client.get(url, {"q": "nobody-by-that-name"}).content.decode()
    assert "No candidate in scope matches" in nothing


def test_a_long_agenda_is_read_a_page_at_a_time(client, org):
    _scope_of(org, 55)
    review = factories.review_for(org)
    login(client, "vp")
    first = client.get(review.get_absolute_url()).context["page"]
    assert first.paginator.count == 56  # and cand
    assert len(first.object_list) == 50
    second = client.get(review.get_absolute_url(), {"page": 2}).context["page"]
    assert len(second.object_list) == 6
    names = [e.candidate.person.full_name for e in [*first.object_list, *second.object_list]]
    assert names == sorted(names) and len(set(names)) == 56
    assert all(hasattr(e, "rotations_assessed") for e in second.object_list)


def test_what_moved_names_who_did_not_move_in_one_line(client, org):
    _scope_of(org, 2)
    review = factories.review_for(org)
    services.review_close(actor=actor_of(org.vp), review=review)
    login(client, "vp")
    moved = client.get(reverse("reviews:moved", args=[review.pk])).content.decode()
    assert "Unchanged <span" in moved and "(3)" in moved
    assert "Cand (" in moved and "P2x0 (" in moved and "P2x1 (" in moved
    assert "changed)</span>" not in moved  # no manager's table: nobody moved
