"""Who may see and do what on a leadership agreement.

The candidate and the executive sponsor are its parties; managers in the candidate's line
(or with view_all_talent) oversee it; the candidate's current mentor reads it. Everyone
else gets 404. Views and templates read ``AgreementPermissions``; they never work a
permission out again.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import Http404

from audit import record as audit
from candidates.access import Relation, candidate_relation, manages_person
from common.actor import Actor

from .models import Commitment, LeadershipAgreement, Side, Signature
from .services import STATUS_MOVES


@dataclass(frozen=True)
class AgreementPermissions:
    is_candidate: bool
    is_sponsor: bool
    is_manager: bool
    is_mentor: bool
    is_closed: bool

    @property
    def oversees(self) -> bool:
        """The sponsor and managers in the line run the agreement (review, close)."""
        return self.is_sponsor or self.is_manager

    @property
    def can_edit_terms(self) -> bool:
        """Add, change and remove commitments, send for signatures, review, close."""
        return (self.is_sponsor or self.is_manager) and not self.is_closed

    @property
    def can_propose(self) -> bool:
        return self.is_candidate and not self.is_closed

    @property
    def can_decide_proposals(self) -> bool:
        return self.is_sponsor and not self.is_closed

    @property
    def parties(self) -> frozenset[str]:
        """The sides of a signature the actor signs for."""
        held = set()
        if self.is_candidate:
            held.add(Signature.Party.CANDIDATE.value)
        if self.is_sponsor:
            held.add(Signature.Party.SPONSOR.value)
        return frozenset(held)

    def can_update_progress(self, side: str) -> bool:
        """Progress and evidence are the owner side's: the candidate's, or the sponsor's
        for the company."""
        owner = self.is_candidate if side == Side.CANDIDATE else self.is_sponsor
        return owner and not self.is_closed

    @property
    def can_update_candidate_side(self) -> bool:
        return self.can_update_progress(Side.CANDIDATE) or self.can_edit_terms

    @property
    def can_update_company_side(self) -> bool:
        return self.can_update_progress(Side.COMPANY) or self.can_edit_terms

    def allowed_statuses(self, current: str) -> tuple[str, ...]:
        """The statuses the actor may move the agreement to from ``current``."""
        if not self.can_edit_terms:
            return ()
        return tuple(str(status) for status in STATUS_MOVES.get(current, ()))


def agreement_permissions(actor: Actor, agreement: LeadershipAgreement) -> AgreementPermissions:
    person = actor.person
    is_candidate = person is not None and agreement.candidate.person_id == person.pk
    relation = Relation.NONE if is_candidate else candidate_relation(actor, agreement.candidate)
    return AgreementPermissions(
        is_candidate=is_candidate,
        is_sponsor=person is not None and agreement.sponsor_id == person.pk,
        is_manager=not is_candidate and manages_person(actor, agreement.candidate.person),
        is_mentor=relation == Relation.MENTOR,
        is_closed=agreement.status == LeadershipAgreement.Status.CLOSED,
    )


def agreement_get_for_user(
    *, actor: Actor, pk: int
) -> tuple[LeadershipAgreement, AgreementPermissions]:
    """The agreement and what the actor may do with it, or 404. A read by anyone but the
    candidate is recorded."""
    agreement = (
        LeadershipAgreement.objects.select_related("candidate__person__department", "sponsor")
        .filter(pk=pk)
        .first()
    )
    if agreement is None:
        raise Http404("No such agreement.")
    permissions = agreement_permissions(actor, agreement)
    if not (
        permissions.is_candidate
        or permissions.is_sponsor
        or permissions.is_manager
        or permissions.is_mentor
    ):
        raise Http404("No such agreement.")
    if not permissions.is_candidate:
        audit.read(
            actor, audit.What.AGREEMENT, person=agreement.candidate.person, label=agreement.title
        )
    return agreement, permissions


def commitment_get_for_user(
    *, actor: Actor, pk: int
) -> tuple[Commitment, LeadershipAgreement, AgreementPermissions]:
    commitment = Commitment.objects.filter(pk=pk).first()
    if commitment is None:
        raise Http404("No such commitment.")
    agreement, permissions = agreement_get_for_user(actor=actor, pk=commitment.agreement_id)
    commitment.agreement = agreement
    return commitment, agreement, permissions
