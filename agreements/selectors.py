"""Reads for leadership agreements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, Subquery
from django.utils import timezone

from candidates.models import Candidate
from common.sql import count_subquery

from .models import Commitment, LeadershipAgreement, Side, Signature
from .terms import terms_told, version_terms, versions_compare

# --- Progress: THE rule, used by every page, the CSV export and the reports -------------
# A side's progress is its commitments done out of those that count: accepted into the
# terms, not removed, not dropped. Proposals and declined ones do not count.

COUNTED = Q(proposal=Commitment.Proposal.ACCEPTED, removed=False) & ~Q(
    status=Commitment.Status.DROPPED
)
DONE = Q(status=Commitment.Status.DONE)

# An agreement is open while it binds both sides (not a draft, not closed).
OPEN_STATUSES = (
    LeadershipAgreement.Status.AWAITING_SIGNATURES,
    LeadershipAgreement.Status.ACTIVE,
    LeadershipAgreement.Status.UNDER_REVIEW,
)


def agreement_on_track_q(today: dt.date) -> Q:
    """THE rule for "on track" (agreements): an open agreement whose review date has not
    passed and none of whose commitments (those that count) is open past its due date."""
    late = Commitment.objects.filter(
        COUNTED,
        agreement=OuterRef("pk"),
        due_on__lt=today,
        status__in=(Commitment.Status.PLANNED, Commitment.Status.IN_PROGRESS),
    )
    return Q(status__in=OPEN_STATUSES, review_on__gte=today) & ~Exists(late)


@dataclass(frozen=True)
class Progress:
    done: int = 0
    total: int = 0

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.total) if self.total else 0


def agreement_progress(*, agreement_ids: Iterable[int]) -> dict[int, dict[str, Progress]]:
    """Progress per side of each agreement, in one query."""
    found: dict[int, dict[str, Progress]] = {
        pk: {side: Progress() for side in Side.values} for pk in agreement_ids
    }
    rows = (
        Commitment.objects.filter(COUNTED, agreement_id__in=list(found))
        .values("agreement_id", "side")
        .annotate(total=Count("pk"), done=Count("pk", filter=DONE))
        .order_by()
    )
    for row in rows:
        found[row["agreement_id"]][row["side"]] = Progress(done=row["done"], total=row["total"])
    return found


def progress_annotations(open_agreement_of: str = "pk") -> dict:
    """The same figures as columns of a candidate queryset (their open agreement), for
    lists that sort on them: ``company_done``, ``company_total``, ``candidate_done``,
    ``candidate_total``."""
    counted = Commitment.objects.filter(
        COUNTED, agreement__candidate=OuterRef(open_agreement_of)
    ).exclude(agreement__status=LeadershipAgreement.Status.CLOSED)
    columns = {}
    for side in Side.values:
        columns[f"{side}_total"] = count_subquery(counted.filter(side=side))
        columns[f"{side}_done"] = count_subquery(counted.filter(DONE, side=side))
    return columns


def open_agreement_with_progress(*, candidate: Candidate):
    """The candidate's open (not closed) agreement with its sponsor and the progress of
    each side (the rule of ``agreement_progress``), in one query (its commitments joined
    and counted, cheaper to build than a subquery per figure); (None, {}) if none."""
    counted = Q(
        commitments__proposal=Commitment.Proposal.ACCEPTED, commitments__removed=False
    ) & ~Q(commitments__status=Commitment.Status.DROPPED)
    done = Q(commitments__status=Commitment.Status.DONE)
    columns = {}
    for side in Side.values:
        mine = counted & Q(commitments__side=side)
        columns[f"{side}_total"] = Count("commitments", filter=mine)
        columns[f"{side}_done"] = Count("commitments", filter=mine & done)
    agreement = (
        LeadershipAgreement.objects.filter(candidate=candidate)
        .exclude(status=LeadershipAgreement.Status.CLOSED)
        .select_related("sponsor")
        .annotate(**columns)
        .first()
    )
    if agreement is None:
        return None, {}
    return agreement, {
        side: Progress(
            done=getattr(agreement, f"{side}_done"), total=getattr(agreement, f"{side}_total")
        )
        for side in Side.values
    }


def open_agreement(outer: str = "pk") -> Subquery:
    """The id of the candidate's open (not closed) agreement, as a column."""
    return Subquery(
        LeadershipAgreement.objects.filter(candidate=OuterRef(outer))
        .exclude(status=LeadershipAgreement.Status.CLOSED)
        .values("pk")[:1]
    )


def commitments_overdue(commitments: Iterable[Commitment], *, today: dt.date) -> None:
    """Mark each open commitment past its due date (``is_overdue``), for the templates."""
    for commitment in commitments:
        commitment.is_overdue = bool(
            commitment.is_open and commitment.due_on and commitment.due_on < today
        )


def agreement_page(*, agreement: LeadershipAgreement) -> dict:
    today = timezone.localdate()
    commitments = list(
        agreement.commitments.select_related("proposed_by", "decided_by").order_by(
            "side", "order", "pk"
        )
    )
    commitments_overdue(commitments, today=today)
    accepted = [
        c for c in commitments if c.proposal == Commitment.Proposal.ACCEPTED and not c.removed
    ]
    company = [c for c in accepted if c.side == "company"]
    candidate = [c for c in accepted if c.side == "candidate"]
    versions = list(
        agreement.versions.select_related("created_by").prefetch_related(
            Prefetch("signatures", queryset=Signature.objects.select_related("signed_by"))
        )
    )
    current = next((v for v in versions if v.number == agreement.current_version), None)
    signed_parties = {s.party for s in current.signatures.all()} if current else set()
    # Changes made since the version was sent wait to be sent as the next one.
    pending = None
    if current and agreement.status not in (
        LeadershipAgreement.Status.DRAFT,
        LeadershipAgreement.Status.CLOSED,
    ):
        diff = versions_compare(current.terms, version_terms(accepted))
        if diff["added"] or diff["removed"] or diff["changed"]:
            pending = {"diff": diff, "told": terms_told(diff), "number": current.number + 1}
    progress = agreement_progress(agreement_ids=[agreement.pk])[agreement.pk]
    history = (
        Commitment.history.filter(agreement_id=agreement.pk)
        .select_related("history_user")
        .order_by("-history_date")[:30]
    )
    return {
        "company": company,
        "candidate_side": candidate,
        "company_progress": progress[Side.COMPANY],
        "candidate_progress": progress[Side.CANDIDATE],
        "proposals": [c for c in commitments if c.proposal == Commitment.Proposal.PROPOSED],
        "declined": [c for c in commitments if c.proposal == Commitment.Proposal.DECLINED],
        "removed": [c for c in commitments if c.removed],
        "versions": versions,
        "current": current,
        "signed_parties": signed_parties,
        "pending": pending,
        "history": history,
    }


def me_context(*, candidate: Candidate) -> dict:
    """The candidate's agreement on /me/: open items by due date, first. Three queries:
    the agreement with its progress, its commitments (terms and the candidate's own
    proposals together), the signatures of the current version."""
    agreement, progress = open_agreement_with_progress(candidate=candidate)
    if agreement is None:
        return {"my_agreement": None}
    today = timezone.localdate()
    commitments = list(
        agreement.commitments.filter(
            Q(proposal=Commitment.Proposal.ACCEPTED, removed=False)
            | Q(proposed_by=candidate.person)
        )
        .select_related("decided_by")
        .order_by("due_on", "pk")
    )
    mine = [c for c in commitments if c.proposal == Commitment.Proposal.ACCEPTED and not c.removed]
    commitments_overdue(mine, today=today)
    proposals = sorted(
        (c for c in commitments if c.proposed_by_id == candidate.person_id),
        key=lambda c: (c.proposed_at or timezone.now(), c.pk),
        reverse=True,
    )[:10]
    signed = set(
        Signature.objects.filter(
            version__agreement=agreement, version__number=agreement.current_version
        ).values_list("party", flat=True)
    )
    return {
        "my_agreement": agreement,
        "my_proposals": proposals,
        "my_commitments": [c for c in mine if c.side == Side.CANDIDATE],
        "company_commitments": [c for c in mine if c.side == Side.COMPANY],
        "my_due": [
            c
            for c in mine
            if c.side == Side.CANDIDATE and c.is_open and c.due_on and (c.due_on - today).days <= 30
        ],
        "my_progress": progress[Side.CANDIDATE],
        "company_progress": progress[Side.COMPANY],
        "needs_my_signature": agreement.status == LeadershipAgreement.Status.AWAITING_SIGNATURES
        and Signature.Party.CANDIDATE not in signed,
    }
