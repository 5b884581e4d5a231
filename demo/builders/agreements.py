"""Leadership agreements in the demo organisation, with their versions and signatures."""

from __future__ import annotations

import datetime as dt

from agreements.models import (
    AgreementVersion,
    Commitment,
    CommitmentTemplate,
    LeadershipAgreement,
    Signature,
)
from agreements.terms import version_terms
from candidates.models import CandidateEvent, Level


class AgreementDemo:
    """Mixed into the demo builder after ``mentorship.demo.MentoringDemo``."""

    # --- agreements -----------------------------------------------------------------
    def build_agreements(self) -> None:
        # Long on purpose: the demo is built in one pass, step after step in bulk, each
        # step reading what the one before made; it runs once per seed, never in a request.
        templates = list(CommitmentTemplate.objects.filter(is_active=True))
        demo_candidate = self.active_candidates[0]
        with_agreement = [
            c for c in self.active_candidates if c is demo_candidate or self.rng.random() < 0.6
        ]
        agreements = []
        sponsors = [p for p in self.people if p.level >= Level.DIRECTOR]
        for candidate in with_agreement:
            line = [s for s in sponsors if candidate.person.is_in_line_of(s)] or sponsors
            sponsor = (
                self.demo_people["manager"]
                if candidate is demo_candidate
                else self.rng.choice(line)
            )
            effective = self.days_ago(20, 300)
            status = self.rng.choice(
                (LeadershipAgreement.Status.ACTIVE,) * 6
                + (
                    LeadershipAgreement.Status.AWAITING_SIGNATURES,
                    LeadershipAgreement.Status.DRAFT,
                    LeadershipAgreement.Status.UNDER_REVIEW,
                )
            )
            if candidate is demo_candidate:
                status = LeadershipAgreement.Status.ACTIVE
            agreements.append(
                LeadershipAgreement(
                    candidate=candidate,
                    sponsor=sponsor,
                    title=f"Leadership agreement {effective.year}",
                    status=status,
                    effective_on=effective,
                    review_on=effective + dt.timedelta(days=self.rng.choice((180, 365))),
                    created_by=sponsor,
                )
            )
        LeadershipAgreement.objects.bulk_create(agreements, batch_size=1000)
        commitments, versions, signatures = [], [], []
        for agreement in agreements:
            rows = []
            for order, template in enumerate(templates):
                if self.rng.random() < 0.2 and agreement.candidate is not demo_candidate:
                    continue
                due = agreement.effective_on + dt.timedelta(days=template.due_after_days)
                status = Commitment.Status.PLANNED
                progress = 0
                if due < self.today:
                    status = self.rng.choice(
                        (
                            Commitment.Status.DONE,
                            Commitment.Status.DONE,
                            Commitment.Status.IN_PROGRESS,
                        )
                    )
                elif self.rng.random() < 0.5:
                    status = Commitment.Status.IN_PROGRESS
                progress = {
                    "done": 100,
                    "in_progress": self.rng.choice((20, 40, 60, 80)),
                    "planned": 0,
                }[status]
                rows.append(
                    Commitment(
                        agreement=agreement,
                        side=template.side,
                        category=template.category,
                        description=template.description,
                        due_on=due,
                        status=status,
                        progress_percent=progress,
                        evidence="Certificate filed with HR." if status == "done" else "",
                        order=order,
                    )
                )
            commitments.extend(rows)
            agreement._rows = rows
        Commitment.objects.bulk_create(commitments, batch_size=2000)
        for agreement in agreements:
            versions.append(
                AgreementVersion(
                    agreement=agreement,
                    number=1,
                    terms=version_terms(agreement._rows),
                    change_summary="First version.",
                    created_by=agreement.sponsor,
                )
            )
        AgreementVersion.objects.bulk_create(versions, batch_size=1000)
        for version in versions:
            agreement = version.agreement
            if agreement.status in (
                LeadershipAgreement.Status.ACTIVE,
                LeadershipAgreement.Status.UNDER_REVIEW,
            ):
                signed = self.at(agreement.effective_on, 16)
                signatures.append(
                    Signature(
                        version=version,
                        party=Signature.Party.CANDIDATE,
                        signed_by=agreement.candidate.person,
                        signed_at=signed,
                    )
                )
                signatures.append(
                    Signature(
                        version=version,
                        party=Signature.Party.SPONSOR,
                        signed_by=agreement.sponsor,
                        signed_at=signed,
                    )
                )
            elif (
                agreement.status == LeadershipAgreement.Status.AWAITING_SIGNATURES
                and self.rng.random() < 0.5
            ):
                signatures.append(
                    Signature(
                        version=version,
                        party=Signature.Party.SPONSOR,
                        signed_by=agreement.sponsor,
                        signed_at=self.at(agreement.effective_on, 16),
                    )
                )
            self.events.append(
                CandidateEvent(
                    candidate=agreement.candidate,
                    kind=CandidateEvent.Kind.AGREEMENT,
                    summary=f"Leadership agreement with {agreement.sponsor.full_name} ({agreement.get_status_display().lower()})",
                    actor=agreement.sponsor,
                    occurred_at=self.at(agreement.effective_on, 16),
                )
            )
        Signature.objects.bulk_create(signatures, batch_size=2000)
        self.demo_agreement_new_version(agreements[0])
        self.agreements = agreements
        self.commitments = commitments

    def demo_agreement_new_version(self, agreement: LeadershipAgreement) -> None:
        """The demo candidate's agreement tells the versioning story: version 1 signed by
        both, then the sponsor moved a due date; version 2 waits for the candidate."""
        commitment = agreement.commitments.filter(side="candidate").order_by("order").first()
        if commitment is None:
            return
        commitment.due_on = (commitment.due_on or self.today) + dt.timedelta(days=60)
        commitment.save(update_fields=["due_on"])
        terms = version_terms(agreement.commitments.order_by("side", "order", "pk"))
        version = AgreementVersion.objects.create(
            agreement=agreement,
            number=2,
            terms=terms,
            change_summary=f"“{commitment.description[:60]}”: due date moved by two months.",
            created_by=agreement.sponsor,
        )
        Signature.objects.create(
            version=version,
            party=Signature.Party.SPONSOR,
            signed_by=agreement.sponsor,
            signed_at=self.at(self.today - dt.timedelta(days=2)),
        )
        LeadershipAgreement.objects.filter(pk=agreement.pk).update(
            current_version=2, status=LeadershipAgreement.Status.AWAITING_SIGNATURES
        )
