"""Writes for leadership agreements.

Terms (which commitments, their wording and due dates) are versioned: once anyone has
signed the current version, a change of terms makes a new version that both sign again.
Progress (status, percent, evidence) is not a term and changes without a new version.
Every edit carries the revision it was read at; a stale one is refused (no lost work).
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from candidates.models import Candidate, CandidateEvent, Person
from candidates.services import candidate_event_record
from common.actor import Actor

from .models import (
    AgreementVersion,
    Commitment,
    CommitmentTemplate,
    LeadershipAgreement,
    Side,
    Signature,
)
from .terms import terms_told, version_terms, versions_compare

TERM_FIELDS = ("side", "category", "description", "due_on")
PROGRESS_FIELDS = ("status", "progress_percent", "evidence", "dropped_reason")


# The status an agreement may move to by hand, from each status (signing moves it from
# awaiting signatures to active on its own).
STATUS_MOVES: dict[str, tuple[str, ...]] = {
    LeadershipAgreement.Status.DRAFT: (LeadershipAgreement.Status.CLOSED,),
    LeadershipAgreement.Status.AWAITING_SIGNATURES: (LeadershipAgreement.Status.CLOSED,),
    LeadershipAgreement.Status.ACTIVE: (
        LeadershipAgreement.Status.UNDER_REVIEW,
        LeadershipAgreement.Status.CLOSED,
    ),
    LeadershipAgreement.Status.UNDER_REVIEW: (
        LeadershipAgreement.Status.ACTIVE,
        LeadershipAgreement.Status.CLOSED,
    ),
}


# A commitment set (or moved) today may be overdue already, but not by more than this.
DUE_AT_MOST_DAYS_AGO = 365


def commitment_due_validate(due_on: dt.date | None, *, field: str = "due_on") -> None:
    """A due date a person would mean: not more than a year in the past."""
    if due_on and due_on < timezone.localdate() - dt.timedelta(days=DUE_AT_MOST_DAYS_AGO):
        raise ValidationError(
            {field: f"Due on {due_on:%d %b %Y} is more than a year ago: check the date."}
        )


class StaleEdit(ValidationError):
    """Someone saved the same record since the form was opened."""

    def __init__(self, message: str, *, current: dict):
        super().__init__(message)
        self.current = current


def _terms(agreement: LeadershipAgreement) -> list[dict]:
    return version_terms(
        agreement.commitments.filter(proposal=Commitment.Proposal.ACCEPTED, removed=False).order_by(
            "side", "order", "pk"
        )
    )


def _event(agreement: LeadershipAgreement, actor: Actor, summary: str, detail: str = "") -> None:
    candidate_event_record(
        candidate=agreement.candidate,
        kind=CandidateEvent.Kind.AGREEMENT,
        summary=summary,
        detail=detail,
        actor=actor,
        url=agreement.get_absolute_url(),
    )


def _lock(agreement: LeadershipAgreement, revision: int | None = None) -> LeadershipAgreement:
    locked = LeadershipAgreement.objects.select_for_update().get(pk=agreement.pk)
    if revision is not None and locked.revision != revision:
        raise StaleEdit(
            "The agreement changed since you opened it: the current terms are shown; "
            "your text is kept in the form.",
            current={"revision": locked.revision},
        )
    return locked


def _terms_changed(agreement: LeadershipAgreement, actor: Actor, summary: str) -> None:
    """Record a change of terms. An unsigned draft's version changes with it. Once sent,
    a version is never changed: the changes wait, shown on the page, until someone sends
    them for signatures as the next version (``agreement_send_for_signatures``), so that
    accepting three proposals asks for one signature, not three."""
    if agreement.status == LeadershipAgreement.Status.DRAFT:
        current = agreement.versions.get(number=agreement.current_version)
        if not current.signatures.exists():
            current.terms = _terms(agreement)
            current.change_summary = (f"{current.change_summary}\n{summary}").strip()
            current.save(update_fields=["terms", "change_summary"])
    agreement.revision += 1
    agreement.save()


@transaction.atomic
def agreement_create(
    *,
    actor: Actor,
    candidate: Candidate,
    sponsor: Person,
    title: str,
    effective_on: dt.date,
    review_on: dt.date,
    commitments: list[dict],
) -> LeadershipAgreement:
    """A draft agreement with its first commitments (version 1, unsigned)."""
    agreement = LeadershipAgreement(
        candidate=candidate,
        sponsor=sponsor,
        title=title,
        effective_on=effective_on,
        review_on=review_on,
        created_by=actor.person,
    )
    agreement.full_clean(validate_constraints=False)
    if (
        LeadershipAgreement.objects.filter(candidate=candidate)
        .exclude(status=LeadershipAgreement.Status.CLOSED)
        .exists()
    ):
        raise ValidationError(
            f"{candidate.person} already has an open agreement: review or close it first."
        )
    try:
        with transaction.atomic():
            agreement.save()
    except IntegrityError:
        raise ValidationError(f"{candidate.person} already has an open agreement.") from None
    for order, data in enumerate(commitments):
        commitment_due_validate(data.get("due_on"), field="__all__")
        commitment = Commitment(agreement=agreement, order=order, **data)
        commitment.full_clean()
        commitment.save()
    AgreementVersion.objects.create(
        agreement=agreement,
        number=1,
        terms=_terms(agreement),
        change_summary="First draft.",
        created_by=actor.person,
    )
    _event(agreement, actor, f"Leadership agreement drafted with {sponsor} as sponsor")
    return agreement


def template_commitments(*, effective_on: dt.date) -> list[dict]:
    return [
        {
            "side": t.side,
            "category": t.category,
            "description": t.description,
            "due_on": effective_on + dt.timedelta(days=t.due_after_days),
        }
        for t in CommitmentTemplate.objects.filter(is_active=True)
    ]


@transaction.atomic
def agreement_send_for_signatures(
    *, actor: Actor, agreement: LeadershipAgreement
) -> LeadershipAgreement:
    """A draft goes out as it is; an agreement already sent goes out again with the
    changes made since its version, as the next version, which both sign (until then the
    signed version stays in force). Nothing changed: nothing is sent."""
    agreement = _lock(agreement)
    if agreement.status == LeadershipAgreement.Status.CLOSED:
        raise ValidationError("A closed agreement is not sent for signatures.")
    terms = _terms(agreement)
    if not terms:
        raise ValidationError("Add at least one commitment before sending it for signatures.")
    if agreement.status == LeadershipAgreement.Status.DRAFT:
        agreement.status = LeadershipAgreement.Status.AWAITING_SIGNATURES
        agreement.revision += 1
        agreement.save()
        _event(agreement, actor, "Leadership agreement sent for signatures")
        return agreement
    current = agreement.versions.get(number=agreement.current_version)
    changes = terms_told(versions_compare(current.terms, terms))
    if not changes:
        raise ValidationError(
            f"Nothing changed since version {current.number}: there is nothing to sign."
        )
    agreement.current_version += 1
    AgreementVersion.objects.create(
        agreement=agreement,
        number=agreement.current_version,
        terms=terms,
        change_summary=changes[:2000],
        created_by=actor.person,
    )
    agreement.status = LeadershipAgreement.Status.AWAITING_SIGNATURES
    agreement.revision += 1
    agreement.save()
    _event(
        agreement,
        actor,
        f"Version {agreement.current_version} sent for signatures",
        detail=changes,
    )
    return agreement


class StaleSignature(ValidationError):
    """The signer saw another version than the one in force now."""


@transaction.atomic
def agreement_sign(
    *, actor: Actor, agreement: LeadershipAgreement, party: str, version: int
) -> Signature:
    """A deliberate signature of the version the signer read (``version``), by the
    candidate or the sponsor. If the terms changed since, nothing is signed and the
    signer is told what changed. When both have signed, the agreement is active. Signing
    twice changes nothing."""
    agreement = _lock(agreement)
    if version != agreement.current_version:
        seen = agreement.versions.filter(number=version).first()
        now = agreement.versions.get(number=agreement.current_version)
        changes = terms_told(versions_compare(seen.terms, now.terms)) if seen else ""
        changes = changes or "the terms were rewritten"
        raise StaleSignature(
            f"Not signed: the terms changed since you read version {version}; version "
            f"{now.number} is the one to sign now. What changed: {changes}."
        )
    if agreement.status == LeadershipAgreement.Status.DRAFT:
        raise ValidationError("Send the draft for signatures first.")
    if agreement.status == LeadershipAgreement.Status.CLOSED:
        raise ValidationError("A closed agreement cannot be signed.")
    expected = (
        agreement.candidate.person_id
        if party == Signature.Party.CANDIDATE
        else agreement.sponsor_id
    )
    if actor.person_id != expected:
        raise ValidationError("Only the named party signs for themselves.")
    version = agreement.versions.get(number=agreement.current_version)  # the one read
    signature, created = Signature.objects.get_or_create(
        version=version,
        party=party,
        defaults={"signed_by": actor.person, "signed_at": timezone.now()},
    )
    if created:
        _event(agreement, actor, f"Version {version.number} signed by {actor.person}")
        if version.signatures.count() == 2:
            agreement.status = LeadershipAgreement.Status.ACTIVE
            agreement.revision += 1
            agreement.save()
            _event(
                agreement,
                actor,
                f"Leadership agreement version {version.number} is in force",
            )
    return signature


def _lock_commitment(commitment: Commitment, revision: int) -> Commitment:
    locked = (
        Commitment.objects.select_for_update().select_related("agreement").get(pk=commitment.pk)
    )
    if locked.revision != revision:
        raise StaleEdit(
            "Someone saved this commitment while you were editing it. Here is what it says "
            "now; your text is still in the form: merge it and save again.",
            current={f: getattr(locked, f) for f in TERM_FIELDS + PROGRESS_FIELDS}
            | {"revision": locked.revision},
        )
    return locked


@transaction.atomic
def commitment_update_progress(
    *,
    actor: Actor,
    commitment: Commitment,
    revision: int,
    status: str,
    progress_percent: int,
    evidence: str,
    dropped_reason: str = "",
) -> Commitment:
    """Progress, evidence and status: not a change of terms, no new version."""
    commitment = _lock_commitment(commitment, revision)
    if status == Commitment.Status.DROPPED and not dropped_reason.strip():
        raise ValidationError({"dropped_reason": "Say why the commitment is dropped."})
    if status == Commitment.Status.DONE:
        progress_percent = 100
    before = commitment.get_status_display()
    commitment.status = status
    commitment.progress_percent = progress_percent
    commitment.evidence = evidence
    commitment.dropped_reason = dropped_reason if status == Commitment.Status.DROPPED else ""
    commitment.revision += 1
    commitment.full_clean()
    commitment.save()
    if before != commitment.get_status_display():
        _event(
            commitment.agreement,
            actor,
            f"Commitment {before.lower()} → {commitment.get_status_display().lower()}: {commitment.description[:120]}",
        )
    return commitment


@transaction.atomic
def commitment_change_terms(
    *,
    actor: Actor,
    commitment: Commitment,
    revision: int,
    description: str,
    due_on: dt.date | None,
    category: str | None = None,
) -> Commitment:
    commitment = _lock_commitment(commitment, revision)
    if due_on != commitment.due_on:
        commitment_due_validate(due_on)
    agreement = _lock(commitment.agreement)
    changes = []
    if description != commitment.description:
        changes.append("reworded")
    if due_on != commitment.due_on:
        changes.append(f"due {commitment.due_on or '—'} → {due_on or '—'}")
    if category and category != commitment.category:
        changes.append("category changed")
    if not changes:
        return commitment
    commitment.description = description
    commitment.due_on = due_on
    commitment.category = category or commitment.category
    commitment.revision += 1
    commitment.full_clean()
    commitment.save()
    summary = f"“{description[:80]}”: {', '.join(changes)}"
    _terms_changed(agreement, actor, summary)
    _event(agreement, actor, f"Terms changed: {summary}")
    return commitment


def _commitment_build(
    *,
    agreement: LeadershipAgreement,
    side: str,
    category: str,
    description: str,
    due_on: dt.date | None,
    **proposal,
) -> Commitment:
    """A new commitment at the end of the agreement's list: added to the terms, or, with
    ``proposal``'s fields, proposed for the sponsor to decide. The agreement is locked."""
    commitment_due_validate(due_on)
    commitment = Commitment(
        agreement=agreement,
        side=side,
        category=category,
        description=description,
        due_on=due_on,
        order=agreement.commitments.count(),
        **proposal,
    )
    commitment.full_clean()
    commitment.save()
    return commitment


@transaction.atomic
def commitment_add(
    *,
    actor: Actor,
    agreement: LeadershipAgreement,
    side: str,
    category: str,
    description: str,
    due_on: dt.date | None,
) -> Commitment:
    """The sponsor (or a manager) adds to the terms."""
    agreement = _lock(agreement)
    commitment = _commitment_build(
        agreement=agreement, side=side, category=category, description=description, due_on=due_on
    )
    summary = f"Added ({Side(side).label.lower()}): “{description[:80]}”"
    _terms_changed(agreement, actor, summary)
    _event(agreement, actor, f"Terms changed: {summary}")
    return commitment


@transaction.atomic
def commitment_remove(*, actor: Actor, commitment: Commitment, revision: int) -> Commitment:
    commitment = _lock_commitment(commitment, revision)
    agreement = _lock(commitment.agreement)
    if commitment.removed:
        return commitment
    commitment.removed = True
    commitment.revision += 1
    commitment.save()
    summary = f"Removed: “{commitment.description[:80]}”"
    _terms_changed(agreement, actor, summary)
    _event(agreement, actor, f"Terms changed: {summary}")
    return commitment


@transaction.atomic
def commitment_propose(
    *,
    actor: Actor,
    agreement: LeadershipAgreement,
    side: str,
    category: str,
    description: str,
    due_on: dt.date | None,
) -> Commitment:
    """A proposal on either side (the candidate's, a plan's, a review's); the sponsor
    decides."""
    agreement = _lock(agreement)
    commitment = _commitment_build(
        agreement=agreement,
        side=side,
        category=category,
        description=description,
        due_on=due_on,
        proposal=Commitment.Proposal.PROPOSED,
        proposed_by=actor.person,
        proposed_at=timezone.now(),
    )
    _event(agreement, actor, f"Proposed ({Side(side).label.lower()}): “{description[:80]}”")
    return commitment


@transaction.atomic
def transition_plan_propose(
    *, actor: Actor, agreement: LeadershipAgreement, fill, items: list[tuple[str, dt.date]]
) -> list[Commitment]:
    """A graduate's first 180 days in a key seat, as proposals on their agreement for the
    sponsor to decide: one per item (what, by when), marked as the seat's transition.
    Proposing for the same seat twice adds nothing."""
    agreement = _lock(agreement)
    if agreement.commitments.filter(transition_fill=fill).exists():
        return []
    made = [
        _commitment_build(
            agreement=agreement,
            side=Side.CANDIDATE,
            category=Commitment.Category.TRANSITION,
            description=description,
            due_on=due_on,
            transition_fill=fill,
            proposal=Commitment.Proposal.PROPOSED,
            proposed_by=actor.person,
            proposed_at=timezone.now(),
        )
        for description, due_on in items
    ]
    _event(
        agreement,
        actor,
        f"Proposed: the first 180 days as {fill.position.title} ({len(made)} items)",
    )
    return made


@transaction.atomic
def proposal_decide(
    *, actor: Actor, commitment: Commitment, accept: bool, reason: str = ""
) -> Commitment:
    commitment = (
        Commitment.objects.select_for_update().select_related("agreement").get(pk=commitment.pk)
    )
    if commitment.proposal != Commitment.Proposal.PROPOSED:
        return commitment  # already decided: a double click changes nothing
    agreement = _lock(commitment.agreement)
    if not accept and not reason.strip():
        raise ValidationError({"reason": "Tell the candidate why the proposal is declined."})
    commitment.proposal = Commitment.Proposal.ACCEPTED if accept else Commitment.Proposal.DECLINED
    commitment.decided_by = actor.person
    commitment.decided_at = timezone.now()
    commitment.decline_reason = "" if accept else reason
    commitment.revision += 1
    commitment.save()
    if accept:
        summary = f"Accepted proposal ({Side(commitment.side).label.lower()}): “{commitment.description[:80]}”"
        _terms_changed(agreement, actor, summary)
    else:
        summary = f"Declined proposal: “{commitment.description[:80]}”"
    _event(agreement, actor, summary, detail=reason)
    return commitment


@transaction.atomic
def commitment_mark_done(*, commitment: Commitment, actor: Actor, evidence: str = "") -> Commitment:
    """Mark a commitment done (e.g. when the training it names is completed). Idempotent."""
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    if commitment.status == Commitment.Status.DONE:
        return commitment
    commitment.status = Commitment.Status.DONE
    commitment.progress_percent = 100
    if evidence:
        commitment.evidence = f"{commitment.evidence}\n{evidence}".strip()
    commitment.revision += 1
    commitment.full_clean()
    commitment.save()
    return commitment


@transaction.atomic
def agreement_set_status(
    *, actor: Actor, agreement: LeadershipAgreement, status: str, reason: str = ""
) -> LeadershipAgreement:
    """Start the periodic review of an agreement in force, end it, or close it (with the
    reason, kept on the candidate's timeline)."""
    agreement = _lock(agreement)
    if status == agreement.status:
        return agreement
    if status not in STATUS_MOVES.get(agreement.status, ()):
        raise ValidationError(
            f"An agreement that is {agreement.get_status_display().lower()} cannot become "
            f"{LeadershipAgreement.Status(status).label.lower()}."
        )
    before = agreement.get_status_display()
    agreement.status = status
    agreement.revision += 1
    agreement.save()
    _event(
        agreement,
        actor,
        f"Leadership agreement {before.lower()} → {agreement.get_status_display().lower()}",
        reason,
    )
    return agreement
