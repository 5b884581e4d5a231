"""The pages the benchmarks and the HTML budget test open, for a user of the demo org:
one list, so that what is measured (``bench_pages``) is what the budget holds
(tests/foundation/test_html_budget.py)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.utils import timezone

from candidates.access import actor_for, candidates_managed_by
from candidates.models import Candidate, CandidateStatus, Person
from mentorship.models import MentorPairing
from programme.models import Cohort, Intake
from reports.models import ProgrammeMonth
from reviews.models import ReviewCandidate, TalentReview
from reviews.services import snapshots_now
from succession.access import positions_visible_to
from succession.models import SuccessorNomination

# Django admin's pages measured beside ours, and the exports (not pages: a CSV grows
# with what it exports).
PEERS = ("Django admin: people", "Django admin: candidates", "Django admin: a person")
EXPORTS = ("pool CSV", "reports, series CSV")


def bench_reviews(size: int, user) -> tuple[TalentReview, TalentReview]:
    """A review in progress and a closed one, each with ``size`` candidates on the
    agenda (made once, kept for reruns)."""
    found = []
    for state in (TalentReview.State.IN_PROGRESS, TalentReview.State.CLOSED):
        name = f"Benchmark review of {size} by {user.username} ({state})"
        review = TalentReview.objects.filter(name=name).first()
        if review is None:
            me = Person.objects.get(user=user)
            root = me if me.manager_id else Person.objects.filter(manager__isnull=True).first()
            review = TalentReview.objects.create(
                name=name,
                held_on=timezone.localdate(),
                scope_head=root,
                facilitator=me,
                created_by=me,
                state=state,
            )
            ids = list(
                candidates_managed_by(actor_for(user))
                .filter(status=CandidateStatus.ACTIVE)
                .order_by("pk")
                .values_list("pk", flat=True)[:size]
            )
            snapshots = snapshots_now(ids)
            ReviewCandidate.objects.bulk_create(
                ReviewCandidate(
                    review=review,
                    candidate_id=pk,
                    added_by=me,
                    start=snapshots[pk],
                    end=snapshots[pk],
                )
                for pk in ids
            )
        found.append(review)
    return found[0], found[1]


def bench_pages(user: str, review_size: int) -> list[tuple]:
    """(name, url) as ``user`` browses it, or (name, url, another demo username) for a
    page another role browses; two reviews of ``review_size`` are made once."""
    # The rows the browsing user may see: their line's, or everyone's for HR.
    actor = actor_for(get_user_model().objects.get(username=user))
    candidate = candidates_managed_by(actor).order_by("pk").first()
    position = positions_visible_to(actor).order_by("-level", "pk").first()
    running, closed = bench_reviews(review_size, get_user_model().objects.get(username=user))
    on_agenda = running.agenda.count()
    nomination = (
        SuccessorNomination.objects.filter(
            is_active=True, candidate__in=candidates_managed_by(actor)
        )
        .annotate(n=Count("evidence"))
        .order_by("-n", "pk")
        .first()
    )
    months = ProgrammeMonth.objects.count()
    casey = Candidate.objects.get(person__user__username="candidate")
    pairing = MentorPairing.objects.filter(mentor__user__username="mentor", status="active").first()
    agreement = casey.agreements.order_by("pk").first()
    pages = [
        ("talent pool", "/candidates/"),
        ("pool, filtered", "/candidates/?readiness=ready_now&overdue=on&sort=-flight_risk"),
        ("pool, last page", "/candidates/?page=last"),
        ("pool CSV", "/candidates/?export=csv"),
        ("9-box", "/candidates/ninebox/"),
        ("key positions", "/candidates/positions/"),
        ("position detail", f"/candidates/positions/{position.pk}/"),
        ("candidate profile", f"/candidates/{candidate.pk}/"),
        (f"review board ({on_agenda})", f"/reviews/{running.pk}/board/"),
        (f"review agenda ({on_agenda})", f"/reviews/{running.pk}/"),
        (f"what moved ({on_agenda})", f"/reviews/{closed.pk}/moved/"),
        ("readiness & evidence", f"/candidates/nominations/{nomination.pk}/readiness/"),
        ("plan from gaps", f"/candidates/{nomination.candidate_id}/plan/"),
        (f"reports ({months} months)", "/reports/"),
        ("reports, one position", f"/reports/?position={nomination.position_id}"),
        ("reports, series CSV", "/reports/ready_now.csv"),
        ("development overview", "/candidates/development/"),
        ("nominate", "/candidates/nominate/"),
        ("review list", "/reviews/"),
        ("notifications", "/mentorship/notifications/"),
        ("targets (level)", "/candidates/targets/level/5/"),
        ("targets (position)", f"/candidates/positions/{position.pk}/targets/"),
        ("experience catalogue", "/candidates/development/ideas/"),
        ("Django admin: people", "/admin/candidates/person/", "admin"),
        ("mentor home", "/mentorship/", "mentor"),
        (
            "pairing meetings",
            f"/mentorship/pairings/{pairing.pk}/meetings/",
            "mentor",
        ),
        (
            "log a meeting",
            f"/mentorship/pairings/{pairing.pk}/meetings/new/",
            "mentor",
        ),
        ("agreement", f"/agreements/{agreement.pk}/", "candidate"),
        ("/me/", "/me/", "candidate"),
        ("profile (as mentor)", f"/candidates/{casey.pk}/", "mentor"),
    ]
    admin_person = casey.person_id
    pages += [
        ("Django admin: candidates", "/admin/candidates/candidate/", "admin"),
        (
            "Django admin: a person",
            f"/admin/candidates/person/{admin_person}/change/",
            "admin",
        ),
        (f"reports ({months} months, as manager)", "/reports/", "manager"),
    ]
    # The candidate's voice and the intake (issue 28).
    unpaired = (
        candidates_managed_by(actor)
        .filter(status=CandidateStatus.ACTIVE)
        .exclude(pairings__status__in=("active", "paused"))
        .order_by("pk")
        .first()
    )
    intake = Intake.objects.order_by("-opens_on").first()
    cohort = Cohort.objects.order_by("pk").first()
    pages += [
        ("insight log", "/insights/"),
        ("mentors (capacity)", "/mentorship/mentors/"),
        ("programme", "/programme/"),
        (f"intake board ({intake.applications.count()})", f"/programme/intakes/{intake.pk}/"),
        (f"cohort ({cohort.intake.applications.count()})", f"/programme/cohorts/{cohort.pk}/"),
        ("own words", "/me/own-words/", "candidate"),
        ("apply", "/programme/apply/", "candidate"),
    ]
    if unpaired is not None:
        pages.append(
            (
                "pairing with mentor suggestions",
                f"/mentorship/pairings/new/?candidate={unpaired.pk}",
            )
        )
    return pages
