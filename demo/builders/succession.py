"""The demo's succession readiness: target profiles per level, evidence behind some
readiness in the demo manager's line, a plan proposed from gaps, fills of positions."""

from __future__ import annotations

import datetime as dt

from django.db.models import Max

from agreements.models import Commitment, LeadershipAgreement
from agreements.receivers import transition_items
from agreements.services import transition_plan_propose
from candidates.defaults import COMPETENCIES
from candidates.models import Candidate, CandidateStatus, Competency, Level
from common.actor import Actor
from common.dates import months_after
from development.defaults import experience_ideas_ensure
from succession.evidence import evidence_available
from succession.models import (
    OUTCOME_CHECKPOINTS,
    CompetencyTarget,
    FillOutcome,
    MustHave,
    PositionFill,
    Readiness,
    ReadinessChange,
    ReadinessEvidence,
)
from succession.selectors import must_have_meets, must_haves_against

# Target per competency (in the default model's order) for team lead … C-level: hands-on
# skills first, people and organisation skills rising with the level.
LEVEL_TARGETS = {
    Level.TEAM_LEAD: [4, 4, 3, 3, 3, 3, 3, 3, 3, 4],
    Level.MANAGER: [4, 4, 4, 3, 4, 3, 4, 4, 3, 4],
    Level.SENIOR_MANAGER: [3, 4, 4, 4, 4, 3, 4, 4, 4, 4],
    Level.DIRECTOR: [3, 4, 5, 4, 4, 4, 4, 5, 4, 4],
    Level.VP: [3, 4, 5, 4, 4, 4, 4, 5, 5, 5],
    Level.EXECUTIVE: [3, 4, 5, 5, 4, 4, 4, 5, 5, 5],
}


class SuccessionDemo:
    def build_succession(self) -> None:
        # Long on purpose: the demo is built in one pass, step after step in bulk, each
        # step reading what the one before made; it runs once per seed, never in a request.
        experience_ideas_ensure()
        by_name = {c.name: c for c in Competency.objects.all()}
        CompetencyTarget.objects.bulk_create(
            CompetencyTarget(level=level, competency=by_name[name], target=target)
            for level, targets in LEVEL_TARGETS.items()
            for (name, _), target in zip(COMPETENCIES, targets, strict=True)
            if name in by_name
        )
        manager = self.demo_people["manager"]
        stale_cut = self.today - dt.timedelta(days=365)
        # Evidence behind the fresh readiness of the demo manager's line.
        for nomination in self.nominations:
            if not nomination.candidate.person.is_in_line_of(manager):
                continue
            if nomination.readiness_confirmed_on < stale_cut:
                continue  # left stale on purpose
            items = [
                i
                for i in evidence_available(candidate=nomination.candidate)
                if i.dated_on <= self.today
            ][:3]
            ReadinessEvidence.objects.bulk_create(
                ReadinessEvidence(
                    nomination=nomination,
                    kind=item.kind,
                    item_id=item.item_id,
                    dated_on=item.dated_on,
                    summary=item.summary[:300],
                    url=item.url,
                    facets=" ".join(sorted(item.facets)),
                    attached_by=nomination.nominated_by,
                    attached_at=self.at(max(item.dated_on, nomination.nominated_on), 16),
                )
                for item in items
            )
            latest = nomination.evidence.aggregate(latest=Max("dated_on"))["latest"]
            if latest:
                nomination.evidence_latest_on = latest
                nomination.save(update_fields=["evidence_latest_on"])
        self.build_must_haves()
        self.build_fills()

    def build_fills(self) -> None:
        """Two years of fills, so "did it come true" has a history: graduates into seats
        a level up and hires from outside, then every held seat's incumbent as its last
        fill; each with its slate and its managers' answers at the checkpoints reached,
        the latest sometimes still owed."""
        manager = self.demo_people["manager"]
        graduates = [c for c in self.candidates if c.status == CandidateStatus.GRADUATED]
        fills = []
        for candidate in graduates[:4]:
            above = [p for p in self.positions if p.level == candidate.person.level + 1]
            if above:
                fills.append(
                    self._fill(
                        self.rng.choice(above),
                        candidate.person,
                        candidate.status_changed_on or self.days_ago(60, 600),
                        from_pool=True,
                    )
                )
        for position in self.rng.sample(self.positions, k=min(3, len(self.positions))):
            if position.incumbent_id:
                fills.append(
                    self._fill(
                        position,
                        position.incumbent,
                        self.days_ago(90, 650),
                        from_pool=False,
                        note="Hired from outside: nobody on the bench was ready.",
                    )
                )
        filled = {f.position_id for f in fills}
        for position in self.positions:
            if position.incumbent_id and position.pk not in filled and self.rng.random() < 0.6:
                fills.append(
                    self._fill(
                        position, position.incumbent, self.days_ago(30, 730), from_pool=False
                    )
                )
        for fill in fills:
            fill.recorded_by = manager
        PositionFill.objects.bulk_create(fills)
        # The demo manager owes at least one answer, so their reminder and the report's
        # "due" have something to show.
        owed = next(
            (
                f
                for f in fills
                if f.person.is_in_line_of(manager) and months_after(f.filled_on, 6) <= self.today
            ),
            None,
        )
        FillOutcome.objects.bulk_create(
            answer for fill in fills for answer in self._fill_outcomes(fill, owe=fill is owed)
        )
        self._transition_plans([f for f in fills if f.from_pool], manager)

    def _transition_plans(self, fills, manager) -> None:
        """Graduates of the last twelve months have their first 180 days' plan on their
        agreement, as the graduation would have proposed it, agreed and done as far as
        its dates have passed."""
        actor = Actor(person=manager, manager=True)
        for fill in fills:
            if fill.filled_on <= months_after(self.today, -12):
                continue
            candidate = Candidate.objects.filter(person=fill.person).first()
            agreement = (
                LeadershipAgreement.objects.filter(candidate=candidate)
                .exclude(status=LeadershipAgreement.Status.CLOSED)
                .first()
            )
            if candidate is None:
                continue
            if agreement is None:  # the graduate's agreement goes on into the new seat
                sponsor = fill.person.manager or manager
                agreement = LeadershipAgreement.objects.create(
                    candidate=candidate,
                    sponsor=sponsor,
                    status=LeadershipAgreement.Status.ACTIVE,
                    effective_on=fill.filled_on - dt.timedelta(days=200),
                    review_on=fill.filled_on + dt.timedelta(days=180),
                    created_by=sponsor,
                )
            items = transition_items(fill=fill, candidate=candidate)
            for item in transition_plan_propose(
                actor=actor, agreement=agreement, fill=fill, items=items
            ):
                item.proposal = Commitment.Proposal.ACCEPTED
                if item.due_on <= self.today and self.rng.random() < 0.7:
                    item.status, item.progress_percent = Commitment.Status.DONE, 100
                item.save(update_fields=["proposal", "status", "progress_percent"])

    def _fill(self, position, person, filled_on, *, from_pool: bool, note: str = ""):
        """A fill with the slate it would have had: a graduate was mostly a ready-now
        successor (now and then one decided by HR, or one called early); an outside
        hire sometimes came after a long vacancy."""
        on_slate = from_pool or self.rng.random() < 0.5
        readiness = ""
        if on_slate:
            readiness = self.rng.choices(
                [Readiness.READY_NOW, Readiness.ONE_TO_TWO_YEARS], weights=[4, 1]
            )[0]
        nominator = person.manager.manager if person.manager and person.manager.manager else None
        return PositionFill(
            position=position,
            person=person,
            filled_on=filled_on,
            from_pool=from_pool,
            note=note,
            on_slate=on_slate,
            readiness_at_fill=readiness,
            nominated_by=(nominator or self.demo_people["manager"]) if on_slate else None,
            human_decision=readiness == Readiness.READY_NOW and self.rng.random() < 0.25,
            vacant_since=filled_on - dt.timedelta(days=self.rng.randint(10, 150)),
        )

    # How each kind of appointment tends to turn out, for the demo's answers.
    OUTCOME_WEIGHTS = {
        "ready_now": [6, 3, 1, 0],
        "decided": [3, 3, 3, 1],
        "early": [2, 4, 3, 1],
        "off_slate": [3, 4, 2, 1],
    }

    def _fill_outcomes(self, fill, *, owe: bool = False) -> list:
        if not fill.on_slate:
            kind = "off_slate"
        elif fill.readiness_at_fill != Readiness.READY_NOW:
            kind = "early"
        else:
            kind = "decided" if fill.human_decision else "ready_now"
        reached = [m for m in OUTCOME_CHECKPOINTS if months_after(fill.filled_on, m) <= self.today]
        if reached and (owe or self.rng.random() < 0.35):
            reached = reached[:-1]  # the latest still owed: the reminder asks for it
        answers = []
        for months in reached:
            outcome = self.rng.choices(
                FillOutcome.Outcome.values, weights=self.OUTCOME_WEIGHTS[kind]
            )[0]
            answered_on = min(months_after(fill.filled_on, months), self.today)
            answers.append(
                FillOutcome(
                    fill=fill,
                    at_months=months,
                    outcome=outcome,
                    answered_by=fill.person.manager,
                    answered_on=answered_on,
                )
            )
            if outcome == FillOutcome.Outcome.LEFT:
                break
        return answers

    # What the demo's seats in the manager's line ask of a successor.
    MUST_HAVES = (
        ("Led an incident as incident lead", ["support_month.incident"], 12),
        ("Delivered a rotation or a stretch assignment", ["rotation.met", "stretch.succeeded"], 24),
    )

    def build_must_haves(self) -> None:
        """Must-haves on the key positions of the demo manager's line, owned by the
        incumbent's manager; each ready-now successor there gets the evidence that meets
        them when their record holds it, and the others stand as HR's human decision."""
        manager, hr = self.demo_people["manager"], self.demo_people["hr"]
        seats = [
            p
            for p in self.positions
            if p.incumbent_id and (p.incumbent == manager or p.incumbent.is_in_line_of(manager))
        ]
        for n, position in enumerate(seats):
            position.owner = position.incumbent.manager or manager
            if n % 2 == 0:  # half the seats name who steps in for the first weeks
                position.acting_cover = position.owner
                position.cover_from = self.today
                position.cover_note = "Steps in while the seat is empty, until a successor starts."
            position.save(update_fields=["owner", "acting_cover", "cover_from", "cover_note"])
            MustHave.objects.bulk_create(
                MustHave(
                    position=position,
                    behaviour=behaviour,
                    proofs=proofs,
                    within_months=months,
                    order=n,
                    created_by=hr,
                )
                for n, (behaviour, proofs, months) in enumerate(self.MUST_HAVES, 1)
            )
        stale_cut = self.today - dt.timedelta(days=365)
        for nomination in self.nominations:
            if nomination.position in seats and nomination.readiness == Readiness.READY_NOW:
                # A stale one stays stale (nothing new attached), as the demo means it.
                fresh = nomination.readiness_confirmed_on >= stale_cut
                self._ready_now_backed(nomination, hr, attach=fresh)

    def _ready_now_backed(self, nomination, hr, *, attach: bool) -> None:
        must_haves = list(nomination.position.must_haves.all())
        attached = list(nomination.evidence.all())
        unmet = [s for s in must_haves_against(must_haves, attached, self.today) if not s.met]
        offered = [
            ReadinessEvidence(
                nomination=nomination,
                kind=item.kind,
                item_id=item.item_id,
                dated_on=item.dated_on,
                summary=item.summary[:300],
                url=item.url,
                facets=" ".join(sorted(item.facets)),
                attached_by=nomination.nominated_by,
                attached_at=self.at(max(item.dated_on, nomination.nominated_on), 16),
            )
            for item in evidence_available(candidate=nomination.candidate)
            if item.dated_on <= self.today and item.key not in {e.key for e in attached}
        ]
        extra = []
        for state in unmet if attach else []:
            match = next(
                (e for e in offered if must_have_meets(state.must_have, e, state.since)), None
            )
            if match is not None and match not in extra:
                extra.append(match)
        ReadinessEvidence.objects.bulk_create(extra)
        still = [
            s for s in must_haves_against(must_haves, attached + extra, self.today) if not s.met
        ]
        if extra:
            nomination.evidence_latest_on = max(e.dated_on for e in attached + extra)
        if still:
            nomination.override_by = hr
            nomination.override_on = nomination.readiness_confirmed_on
            nomination.override_reason = (
                "Human decision: carried the queue through the spring outage; the rotation "
                "is booked for next quarter (without evidence for: "
                + "; ".join(s.must_have.behaviour for s in still)
                + ")"
            )
            ReadinessChange.objects.create(
                nomination=nomination,
                kind=ReadinessChange.Kind.OVERRIDDEN,
                readiness=Readiness.READY_NOW,
                changed_on=nomination.readiness_confirmed_on,
                changed_by=hr,
                note=nomination.override_reason,
            )
        nomination.save(
            update_fields=["evidence_latest_on", "override_by", "override_on", "override_reason"]
        )
