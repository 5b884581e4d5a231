"""Readiness that must be earned: a key position's must-haves, kept by HR and the
position's owner; "ready now" saved only on fresh evidence for each, or decided by a
second person with a written reason and shown as a human decision."""

import datetime as dt

import pytest
from django.urls import reverse

from candidates.models import Level
from reports.models import NominationMonth
from reports.services import month_of, months_back, snapshot_backfill, snapshot_take
from reviews.models import ReviewCandidate
from succession import services
from succession.evidence import evidence_available
from succession.models import MustHave, Readiness, ReadinessChange, SuccessorNomination
from supportdata.models import SupportMonth
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = factories.TODAY


def seat(org, **extra):
    return factories.KeyPositionFactory(
        title="Support team lead – Lisbon", level=Level.TEAM_LEAD, department=org.support, **extra
    )


def must_have(position, behaviour="Delivered a rotation", proofs=("rotation.met",), months=12):
    return MustHave.objects.create(
        position=position, behaviour=behaviour, proofs=list(proofs), within_months=months
    )


def nominated(org, position, readiness=Readiness.ONE_TO_TWO_YEARS):
    """cand, nominated by alice (their manager; the director is hers)."""
    return factories.NominationFactory(
        candidate=org.cand, position=position, readiness=readiness, nominated_by=org.alice
    )


def rotation(org, *, days_ago=40, met=True):
    return factories.RotationFactory(
        person=org.cand_person,
        starts_on=TODAY - dt.timedelta(days=days_ago + 90),
        ends_on=TODAY - dt.timedelta(days=days_ago + 1),
        status="completed",
        objectives_met=met,
        assessed_on=TODAY - dt.timedelta(days=days_ago),
        assessed_by=org.mentor,
    )


def save_readiness(client, nomination, readiness="ready_now", evidence=(), **extra):
    return client.post(
        reverse("succession:readiness", args=[nomination.pk]),
        {
            "readiness": readiness,
            "note": "Ran the queue all quarter",
            "evidence": list(evidence),
            **extra,
        },
    )


# --- Keeping them -----------------------------------------------------------------------


def test_hr_lists_a_must_have_and_sees_it_on_the_position(client, org):
    position = seat(org)
    client.force_login(org.vp.user)
    url = reverse("succession:must_haves", args=[position.pk])
    response = client.post(
        url,
        {
            "behaviour": "Led a Sev-1 incident as incident lead",
            "proofs": ["support_month.sev1"],
            "within_months": "12",
        },
    )
    assert response.status_code == 302
    (kept,) = MustHave.objects.filter(position=position)
    assert (kept.behaviour, kept.proofs, kept.within_months) == (
        "Led a Sev-1 incident as incident lead",
        ["support_month.sev1"],
        12,
    )
    page = client.get(url).content.decode()
    assert "Led a Sev-1 incident as incident lead" in page
    assert "Led a Sev-1 incident (support record)" in page  # the proof, named
    detail = client.get(position.get_absolute_url()).content.decode()
    assert "Led a Sev-1 incident as incident lead" in detail and "Keep the must-haves" in detail


@pytest.mark.parametrize(
    "data, field",
    [
        ({"behaviour": "Coached two people", "proofs": [], "within_months": "12"}, "proofs"),
        ({"behaviour": "", "proofs": ["rotation"], "within_months": "12"}, "behaviour"),
        ({"behaviour": "Coached", "proofs": ["not_a_kind"], "within_months": "12"}, "proofs"),
        ({"behaviour": "Coached", "proofs": ["rotation"], "within_months": "0"}, "within_months"),
        ({"behaviour": "Coached", "proofs": ["rotation"], "within_months": "x"}, "within_months"),
    ],
)
def test_a_bad_must_have_is_a_form_error_and_saves_nothing(client, org, data, field):
    position = seat(org)
    client.force_login(org.vp.user)
    response = client.post(reverse("succession:must_haves", args=[position.pk]), data)
    assert response.status_code == 200
    assert field in response.context["form"].errors
    assert not MustHave.objects.exists()


def test_the_same_behaviour_twice_is_refused(client, org):
    position = seat(org)
    must_have(position, behaviour="Delivered a rotation")
    client.force_login(org.vp.user)
    response = client.post(
        reverse("succession:must_haves", args=[position.pk]),
        {"behaviour": "delivered a rotation", "proofs": ["rotation"], "within_months": "6"},
    )
    assert response.status_code == 200
    assert "already has that must-have" in response.content.decode()
    assert MustHave.objects.count() == 1


def test_a_must_have_is_edited_and_removed(client, org):
    position = seat(org)
    kept = must_have(position)
    client.force_login(org.vp.user)
    response = client.post(
        reverse("succession:must_have_edit", args=[kept.pk]),
        {"behaviour": "Delivered two rotations", "proofs": ["rotation.met"], "within_months": "24"},
    )
    assert response.status_code == 302
    kept.refresh_from_db()
    assert (kept.behaviour, kept.within_months) == ("Delivered two rotations", 24)
    response = client.post(reverse("succession:must_have_remove", args=[kept.pk]))
    assert response.status_code == 302
    assert not MustHave.objects.exists()


def test_the_owner_keeps_them_and_nobody_else_but_hr(client, org):
    position = seat(org, owner=org.director)
    kept = must_have(position)
    nominated(org, position)  # alice sees the position through cand; she does not own it
    pages = [
        reverse("succession:must_haves", args=[position.pk]),
        reverse("succession:must_have_edit", args=[kept.pk]),
    ]
    client.force_login(org.director.user)
    assert [client.get(url).status_code for url in pages] == [200, 200]
    for who in (org.alice, org.cand_person, org.mentor, org.outsider, org.bob):
        client.force_login(who.user)
        assert [client.get(url).status_code for url in pages] == [404, 404], who
        assert (
            client.post(reverse("succession:must_have_remove", args=[kept.pk])).status_code == 404
        )
    assert MustHave.objects.filter(pk=kept.pk).exists()


def test_an_owner_outside_every_line_sees_the_position_they_own(client, org):
    position = seat(org, owner=org.outsider)
    client.force_login(org.outsider.user)
    assert client.get(position.get_absolute_url()).status_code == 200
    assert client.get(reverse("succession:must_haves", args=[position.pk])).status_code == 200


@pytest.mark.parametrize("size", [1, 12])
def test_the_must_haves_page_costs_the_same_queries(client, org, size, django_assert_num_queries):
    position = seat(org)
    for n in range(size):
        must_have(position, behaviour=f"Behaviour {n}")
    client.force_login(org.vp.user)
    url = reverse("succession:must_haves", args=[position.pk])
    # user (the session: cache), the actor, the position, its must-haves (no audit row:
    # what a seat asks is no one's record)
    with django_assert_num_queries(4):
        assert client.get(url).status_code == 200


# --- The gate on "ready now" ------------------------------------------------------------


def test_ready_now_is_refused_without_fresh_evidence_for_each_must_have(client, org):
    position = seat(org)
    must_have(position)
    nomination = nominated(org, position)
    client.force_login(org.alice.user)
    response = save_readiness(client, nomination)
    assert response.status_code == 200
    page = response.content.decode()
    assert "needs fresh evidence for every must-have" in page
    assert "Delivered a rotation" in page and "Director or HR" in page
    nomination.refresh_from_db()
    assert nomination.readiness == Readiness.ONE_TO_TWO_YEARS


def test_ready_now_saves_with_the_evidence_attached(client, org):
    position = seat(org)
    must_have(position)
    nomination = nominated(org, position)
    delivered = rotation(org)
    rotation(org, days_ago=60, met=False)  # offered too, but meets nothing
    client.force_login(org.alice.user)
    page = client.get(reverse("succession:readiness", args=[nomination.pk])).content.decode()
    assert page.count("meets: Delivered a rotation") == 1  # the attach list says which
    response = save_readiness(client, nomination, evidence=[f"rotation:{delivered.pk}"])
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.readiness == Readiness.READY_NOW and nomination.override_by is None
    page = client.get(reverse("succession:readiness", args=[nomination.pk])).content.decode()
    assert 'data-must-have="met"' in page and "data-human-decision" not in page


@pytest.mark.parametrize(
    "days_ago, met", [(500, True), (40, False)], ids=["too old", "objectives not met"]
)
def test_evidence_that_is_old_or_of_another_facet_does_not_meet_it(client, org, days_ago, met):
    position = seat(org)
    must_have(position)
    nomination = nominated(org, position)
    item = rotation(org, days_ago=days_ago, met=met)
    client.force_login(org.alice.user)
    response = save_readiness(client, nomination, evidence=[f"rotation:{item.pk}"])
    assert response.status_code == 200
    nomination.refresh_from_db()
    assert nomination.readiness == Readiness.ONE_TO_TWO_YEARS
    assert not nomination.evidence.exists()  # the evidence waits for the readiness too


def test_the_nominator_cannot_decide_it_alone(client, org):
    position = seat(org)
    must_have(position)
    nomination = nominated(org, position)
    client.force_login(org.alice.user)
    page = client.get(reverse("succession:readiness", args=[nomination.pk])).content.decode()
    assert 'name="override_reason"' not in page
    response = save_readiness(client, nomination, override_reason="Trust me")
    assert response.status_code == 200
    nomination.refresh_from_db()
    assert nomination.readiness == Readiness.ONE_TO_TWO_YEARS


@pytest.mark.parametrize("decider", ["director", "vp"])
def test_a_second_person_decides_it_with_a_reason_shown_as_a_human_decision(client, org, decider):
    position = seat(org)
    must_have(position)
    nomination = nominated(org, position)
    person = getattr(org, decider)
    client.force_login(person.user)
    url = reverse("succession:readiness", args=[nomination.pk])
    assert 'name="override_reason"' in client.get(url).content.decode()
    response = save_readiness(client, nomination)
    assert "needs fresh evidence" in response.content.decode()  # no reason: refused
    response = save_readiness(
        client, nomination, override_reason="Ran the Lisbon queue through the outage"
    )
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert (nomination.readiness, nomination.override_by, nomination.override_on) == (
        Readiness.READY_NOW,
        person,
        TODAY,
    )
    change = nomination.readiness_history.get(kind=ReadinessChange.Kind.OVERRIDDEN)
    assert "Ran the Lisbon queue through the outage" in change.note
    assert "Delivered a rotation" in change.note  # what it lacked, kept
    client.force_login(org.alice.user)
    detail = client.get(position.get_absolute_url()).content.decode()
    assert "human decision" in detail and "0 of 1 must-have shown" in detail


def test_someone_beside_the_nominator_is_not_a_second_person(org):
    """A manager in the line who does not stand above the nominator may not decide."""
    position = seat(org)
    must_have(position)
    nomination = factories.NominationFactory(
        candidate=org.cand, position=position, nominated_by=org.director
    )
    with pytest.raises(Exception, match="second person"):
        services.nomination_change_readiness(
            actor=factories.actor_of(org.alice),
            nomination=nomination,
            readiness=Readiness.READY_NOW,
            note="",
            override_reason="She is ready",
        )


def test_changing_away_from_ready_now_ends_the_decision(org):
    position = seat(org)
    must_have(position)
    nomination = nominated(org, position)
    services.nomination_change_readiness(
        actor=factories.actor_of(org.director),
        nomination=nomination,
        readiness=Readiness.READY_NOW,
        note="",
        override_reason="Proven in the outage",
    )
    services.nomination_change_readiness(
        actor=factories.actor_of(org.alice),
        nomination=nomination,
        readiness=Readiness.ONE_TO_TWO_YEARS,
        note="Not yet",
    )
    nomination.refresh_from_db()
    assert (nomination.override_by, nomination.override_reason) == (None, "")


def test_nominating_ready_now_for_a_position_with_must_haves_is_refused(client, org):
    position = seat(org)
    must_have(position)
    client.force_login(org.vp.user)
    response = client.post(
        reverse("succession:nominate_successor", args=[org.cand.pk]),
        {"position": position.pk, "readiness": "ready_now", "note": ""},
    )
    assert response.status_code == 200
    assert "has must-haves" in response.content.decode()
    assert not SuccessorNomination.objects.filter(position=position).exists()


def test_confirming_a_ready_now_that_no_longer_meets_them_is_refused(client, org):
    position = seat(org)
    long_ago = TODAY - dt.timedelta(days=200)
    nomination = factories.NominationFactory(
        candidate=org.cand,
        position=position,
        readiness=Readiness.READY_NOW,
        nominated_by=org.alice,
        readiness_confirmed_on=long_ago,
    )
    must_have(position)  # listed after the claim was made
    client.force_login(org.alice.user)
    response = client.post(reverse("succession:confirm", args=[nomination.pk]), {"note": ""})
    assert response.status_code == 302
    nomination.refresh_from_db()
    assert nomination.readiness_confirmed_on == long_ago
    messages = [str(m) for m in response.wsgi_request._messages]
    assert any("needs fresh evidence" in m for m in messages)


def test_a_position_without_must_haves_keeps_ready_now_as_before(client, org):
    nomination = nominated(org, seat(org))
    client.force_login(org.alice.user)
    assert save_readiness(client, nomination).status_code == 302
    nomination.refresh_from_db()
    assert nomination.readiness == Readiness.READY_NOW and nomination.override_by is None


# --- What evidence shows ------------------------------------------------------------------


def test_a_support_month_shows_a_sev1_led(org):
    SupportMonth.objects.create(
        person=org.cand_person, month=TODAY.replace(day=1), incidents_led_sev1=2
    )
    (item,) = [i for i in evidence_available(candidate=org.cand) if i.kind == "support_month"]
    assert {"sev1", "incident"} <= item.facets and "satisfaction" not in item.facets


# --- In a talent review, and in the reports ---------------------------------------------


def _review_move(client, entry, nomination, **extra):
    return client.post(
        entry.get_absolute_url(),
        {
            "form": f"readiness-{nomination.pk}",
            f"n{nomination.pk}-readiness": "ready_now",
            f"n{nomination.pk}-reason": "Covered for Alice for a month.",
            f"n{nomination.pk}-seen_readiness": "1_2_years",
            **{f"n{nomination.pk}-{k}": v for k, v in extra.items()},
        },
    )


def test_a_review_refuses_ready_now_then_the_director_decides_it(client, org):
    must_have(org.position)
    nomination = nominated(org, org.position)
    review = factories.review_for(org)
    entry = ReviewCandidate.objects.get(review=review, candidate=org.cand)
    client.force_login(org.director.user)
    response = _review_move(client, entry, nomination)
    assert response.status_code == 200
    assert "needs fresh evidence for every must-have" in response.content.decode()
    nomination.refresh_from_db()
    assert nomination.readiness == Readiness.ONE_TO_TWO_YEARS
    assert _review_move(client, entry, nomination, decide="on").status_code == 302
    nomination.refresh_from_db()
    assert (nomination.readiness, nomination.override_by) == (Readiness.READY_NOW, org.director)
    assert "Covered for Alice for a month." in nomination.override_reason
    agenda = client.get(review.get_absolute_url()).content.decode()
    assert "human decision" in agenda


def test_the_reports_count_ready_now_by_human_decision(client, org):
    must_have(org.position)
    decided = nominated(org, org.position)
    services.nomination_change_readiness(
        actor=factories.actor_of(org.director),
        nomination=decided,
        readiness=Readiness.READY_NOW,
        note="Two levels up: ran the EMEA queue for a quarter",
        override_reason="Proven in the outage",
    )
    factories.NominationFactory(  # ready now on a seat with no must-haves: not counted
        candidate=org.cand, position=seat(org), readiness=Readiness.READY_NOW
    )
    snapshot_take()
    rows = NominationMonth.objects.filter(readiness=Readiness.READY_NOW)
    assert sorted(rows.values_list("human_decision", flat=True)) == [False, True]
    client.force_login(org.vp.user)
    page = client.get(reverse("reports:health")).content.decode()
    assert "Ready now by human decision" in page


def test_a_past_month_rebuilt_from_the_history_reads_the_decision(org):
    must_have(org.position)
    current = month_of(TODAY)
    decided_on = months_back(current, 1) + dt.timedelta(days=3)
    nomination = factories.NominationFactory(
        candidate=org.cand,
        position=org.position,
        readiness=Readiness.READY_NOW,
        nominated_on=months_back(current, 2) + dt.timedelta(days=2),
        readiness_changed_on=decided_on,
        override_by=org.director,
        override_on=decided_on,
        override_reason="Proven in the outage",
    )
    for kind, readiness, day in (
        ("nominated", Readiness.ONE_TO_TWO_YEARS, nomination.nominated_on),
        ("changed", Readiness.READY_NOW, decided_on),
        ("overridden", Readiness.READY_NOW, decided_on),
    ):
        ReadinessChange.objects.create(
            nomination=nomination, kind=kind, readiness=readiness, changed_on=day
        )
    snapshot_backfill(months=2)
    by_month = {
        row.month.month: (row.readiness, row.human_decision)
        for row in NominationMonth.objects.filter(candidate=org.cand).select_related("month")
    }
    assert by_month[months_back(current, 2)] == (Readiness.ONE_TO_TWO_YEARS, False)
    assert by_month[months_back(current, 1)] == (Readiness.READY_NOW, True)
    assert by_month[current] == (Readiness.READY_NOW, True)
