"""Talent reviews in the demo organisation: a closed review from last quarter (moves with
reasons, decisions, "what moved") and a draft for next month, both of the demo
manager's part of the org, facilitated by HR."""

from __future__ import annotations

import datetime as dt

from candidates.models import CandidateEvent, CandidateStatus, TalentRating
from reviews.models import ReviewAction, ReviewCandidate, ReviewMove, TalentReview
from reviews.services import cell_label
from succession.models import FollowUp

MOVE_REASONS = (
    "Ran the escalation desk alone for a month; the room agreed performance is higher.",
    "Calibrated against peers: strong, but not yet stretching beyond the role.",
    "Two rotations assessed well and the mentor reads potential as high.",
)


class ReviewDemo:
    """Mixed into the demo builder after ``development.demo.DevelopmentDemo``."""

    def build_reviews(self) -> None:
        # Long on purpose: the demo is built in one pass, step after step in bulk, each
        # step reading what the one before made; it runs once per seed, never in a request.
        manager = self.demo_people["manager"]
        hr = self.demo_people["hr"]
        jordan = self.demo_people["jordan"]
        in_scope = [
            c
            for c in self.active_candidates
            if c.person.reporting_path.startswith(manager.reporting_path)
            and c.person.pk != manager.pk
        ]
        held_on = self.today - dt.timedelta(days=80)
        closed = TalentReview.objects.create(
            name=f"Support talent review, {held_on:%B %Y}",
            held_on=held_on,
            scope=TalentReview.Scope.LINE,
            scope_head=manager,
            facilitator=hr,
            state=TalentReview.State.CLOSED,
            created_by=hr,
            started_at=self.at(held_on, 9),
            closed_at=self.at(held_on, 12),
            closed_by=hr,
        )
        closed.participants.set([manager, jordan])
        upcoming = TalentReview.objects.create(
            name=f"Support talent review, {self.today + dt.timedelta(days=30):%B %Y}",
            held_on=self.today + dt.timedelta(days=30),
            scope=TalentReview.Scope.LINE,
            scope_head=manager,
            facilitator=hr,
            created_by=hr,
        )
        upcoming.participants.set([manager, jordan])
        entries = []
        for index, candidate in enumerate(in_scope):
            end = {
                "performance": candidate.performance,
                "potential": candidate.potential,
                "flight_risk": candidate.flight_risk,
                "readiness": {},
            }
            start = dict(end)
            moved = index < 3 and candidate.performance and candidate.potential
            if moved:
                # Moved up one step in the session (from one lower on the busier axis).
                if candidate.performance > 1:
                    start["performance"] = candidate.performance - 1
                else:
                    start["potential"] = max(1, candidate.potential - 1)
            entries.append(
                ReviewCandidate(
                    review=closed,
                    candidate=candidate,
                    added_by=hr,
                    start=start,
                    end=end,
                    note=(
                        "Ready for a bigger scope: plan a rotation into operations."
                        if index == 0
                        else ""
                    ),
                    note_by=hr if index == 0 else None,
                    note_at=self.at(held_on, 11) if index == 0 else None,
                )
            )
            if moved and start != end:
                rating = TalentRating.objects.create(
                    candidate=candidate,
                    performance=candidate.performance,
                    potential=candidate.potential,
                    flight_risk=candidate.flight_risk,
                    reason=MOVE_REASONS[index],
                    rated_by=manager,
                    rated_at=self.at(held_on, 10),
                )
                ReviewMove.objects.create(
                    review=closed,
                    candidate=candidate,
                    kind=ReviewMove.Kind.RATING,
                    before=cell_label(start["performance"], start["potential"]),
                    after=cell_label(end["performance"], end["potential"]),
                    reason=MOVE_REASONS[index],
                    moved_by=manager,
                    moved_at=rating.rated_at,
                    rating=rating,
                )
                self.events.append(
                    CandidateEvent(
                        candidate=candidate,
                        kind=CandidateEvent.Kind.RATED,
                        summary=(
                            f"In talent review “{closed.name}”: rated performance "
                            f"{end['performance']}/3, potential {end['potential']}/3"
                        ),
                        detail=MOVE_REASONS[index],
                        confidential=True,
                        actor=manager,
                        occurred_at=rating.rated_at,
                        url=f"/reviews/{closed.pk}/moved/",
                    )
                )
            if index < 2:
                follow_up = FollowUp.objects.create(
                    candidate=candidate,
                    kind=FollowUp.Kind.OTHER,
                    description="Talk about a rotation into operations next quarter.",
                    owner=manager,
                )
                if index == 0:
                    FollowUp.objects.filter(pk=follow_up.pk).update(
                        done_at=self.at(held_on + dt.timedelta(days=14), 15),
                        done_by=manager,
                        outcome="Keen; rotation planned for next quarter.",
                    )
                ReviewAction.objects.create(
                    review=closed,
                    candidate=candidate,
                    kind=ReviewAction.Kind.CONVERSATION,
                    description=follow_up.description,
                    follow_up=follow_up,
                    created_by=manager,
                    created_at=self.at(held_on, 11),
                )
        ReviewCandidate.objects.bulk_create(entries)
        ReviewCandidate.objects.bulk_create(
            ReviewCandidate(review=upcoming, candidate=c, added_by=hr)
            for c in in_scope
            if c.status == CandidateStatus.ACTIVE
        )
        self.reviews = [closed, upcoming]
