"""Reads for leadership agreements."""

from __future__ import annotations

from django.db.models import Prefetch
from django.utils import timezone

from candidates.models import Candidate

from .models import AgreementVersion, Commitment, LeadershipAgreement, Signature


def side_progress(commitments) -> dict:
    counted = [c for c in commitments if c.status != Commitment.Status.DROPPED]
    done = sum(1 for c in counted if c.status == Commitment.Status.DONE)
    average = round(sum(c.progress_percent for c in counted) / len(counted)) if counted else 0
    return {"done": done, "total": len(counted), "percent": average}


def agreement_page(*, agreement: LeadershipAgreement) -> dict:
    today = timezone.localdate()
    commitments = list(
        agreement.commitments.select_related("proposed_by", "decided_by").order_by(
            "side", "order", "pk"
        )
    )
    for commitment in commitments:
        commitment.is_overdue = bool(
            commitment.is_open and commitment.due_on and commitment.due_on < today
        )
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
    history = (
        Commitment.history.filter(agreement_id=agreement.pk)
        .select_related("history_user")
        .order_by("-history_date")[:30]
    )
    return {
        "company": company,
        "candidate_side": candidate,
        "company_progress": side_progress(company),
        "candidate_progress": side_progress(candidate),
        "proposals": [c for c in commitments if c.proposal == Commitment.Proposal.PROPOSED],
        "declined": [c for c in commitments if c.proposal == Commitment.Proposal.DECLINED],
        "removed": [c for c in commitments if c.removed],
        "versions": versions,
        "current": current,
        "signed_parties": signed_parties,
        "history": history,
    }


def me_context(*, candidate: Candidate, user) -> dict:
    """The candidate's agreement on /me/: open items by due date, first."""
    agreement = (
        LeadershipAgreement.objects.filter(candidate=candidate)
        .exclude(status=LeadershipAgreement.Status.CLOSED)
        .select_related("sponsor")
        .first()
    )
    if agreement is None:
        return {"my_agreement": None}
    today = timezone.localdate()
    mine = list(
        agreement.commitments.filter(proposal=Commitment.Proposal.ACCEPTED, removed=False).order_by(
            "due_on", "pk"
        )
    )
    for commitment in mine:
        commitment.is_overdue = bool(
            commitment.is_open and commitment.due_on and commitment.due_on < today
        )
    current = AgreementVersion.objects.filter(
        agreement=agreement, number=agreement.current_version
    ).first()
    signed = set(current.signatures.values_list("party", flat=True)) if current else set()
    return {
        "my_agreement": agreement,
        "my_commitments": [c for c in mine if c.side == "candidate"],
        "company_commitments": [c for c in mine if c.side == "company"],
        "my_due": [
            c
            for c in mine
            if c.side == "candidate" and c.is_open and c.due_on and (c.due_on - today).days <= 30
        ],
        "my_progress": side_progress([c for c in mine if c.side == "candidate"]),
        "company_progress": side_progress([c for c in mine if c.side == "company"]),
        "needs_my_signature": agreement.status == LeadershipAgreement.Status.AWAITING_SIGNATURES
        and "candidate" not in signed,
    }
