"""Mentoring in the demo organisation: pairings with their meetings and action items."""

from __future__ import annotations

import datetime as dt

from django.db.models import DateTimeField
from django.db.models.functions import Cast

from candidates.models import CandidateEvent, Competency, Level
from mentorship.models import (
    DEFAULT_MENTOR_CAPACITY,
    ActionItem,
    Meeting,
    MeetingRating,
    MeetingTopic,
    MentorPairing,
    MentorProfile,
)
from mentorship.services import checkin_due_on

SHARED_NOTES = (
    "Walked through how the exec team decided on the Q3 headcount; discussed trade-offs.",
    "Reviewed the escalation with the bank customer: what went well, what to do earlier.",
    "Strategy session: how support can feed the product roadmap with case data.",
    "Talked about running the weekly ops meeting and presenting to the VP.",
    "Feedback on the cross-team project plan; agreed to tighten the milestones.",
)
PRIVATE_NOTES = (
    "Confident with customers; still avoids conflict with sales.",
    "Ready for more scope. Consider the EMEA manager bench.",
    "Seemed tired: check workload before adding the rotation.",
    "",
)
ACTION_ITEMS = (
    "Draft the escalation policy and share it with the team leads",
    "Shadow the VP in the quarterly business update",
    "Read 'The First 90 Days' and bring two ideas",
    "Prepare the case study for the all-hands",
)


class MentoringDemo:
    """Mixed into the demo builder after ``candidates.demo.TalentDemo``."""

    # --- mentorship -----------------------------------------------------------------
    def build_mentorship(self) -> None:
        # Long on purpose: the demo is built in one pass, step after step in bulk, each
        # step reading what the one before made; it runs once per seed, never in a request.
        executives = [p for p in self.people if p.level >= Level.DIRECTOR and p.user_id]
        demo_mentor = self.demo_people["mentor"]
        demo_candidate = self.active_candidates[0]
        pairings = []
        mentored = [c for c in self.active_candidates if self.rng.random() < 0.8]
        if demo_candidate not in mentored:
            mentored.insert(0, demo_candidate)
        # The demo mentor gets the demo candidate plus two more, one of them overdue.
        demo_mentees = [demo_candidate] + [
            c for c in mentored if c is not demo_candidate and c.person.level < demo_mentor.level
        ][:2]
        # The two-role demo account (a support senior manager) mentors one candidate,
        # outside their own team when there is one.
        jordan = self.demo_people["jordan"]
        juniors = [c for c in mentored if c not in demo_mentees and c.person.level < jordan.level]
        outside = [
            c for c in juniors if not c.person.reporting_path.startswith(jordan.reporting_path)
        ]
        jordan_mentee = (outside or juniors or [None])[0]
        for candidate in mentored:
            if candidate in demo_mentees:
                mentor = demo_mentor
            elif candidate is jordan_mentee:
                mentor = jordan
            else:
                seniors = [
                    e
                    for e in executives
                    if e.level > candidate.person.level
                    and e.pk != candidate.person.manager_id
                    and e.pk != candidate.person_id
                    and e.pk != demo_mentor.pk
                ]
                mentor = self.rng.choice(seniors)
            pairings.append(
                MentorPairing(
                    candidate=candidate,
                    mentor=mentor,
                    cadence_days=self.rng.choice((14, 14, 21, 28)),
                    format=self.rng.choice(MentorPairing.Format.values),
                    goals="Learn how executives decide; grow into people management.",
                    starts_on=max(candidate.nominated_on, self.today - dt.timedelta(days=365)),
                    created_by=candidate.nominated_by,
                )
            )
        MentorPairing.objects.bulk_create(pairings, batch_size=2000)
        topics = list(MeetingTopic.objects.all())
        meetings, topic_links, items = [], [], []
        for index, pairing in enumerate(pairings):
            # Most pairings are on track; every fifth is overdue; the demo's second mentee too.
            overdue = index % 5 == 0 or (
                pairing.candidate is demo_mentees[1] if len(demo_mentees) > 1 else False
            )
            if pairing.candidate is demo_candidate:
                overdue = False
            last = self.today - dt.timedelta(
                days=pairing.cadence_days + self.rng.randint(5, 40)
                if overdue
                else self.rng.randint(1, pairing.cadence_days - 2)
            )
            day = last
            dates = []
            while day >= pairing.starts_on:
                dates.append(day)
                day -= dt.timedelta(days=pairing.cadence_days + self.rng.randint(-2, 4))
            dates.reverse()
            for i, held_on in enumerate(dates):
                is_last = i == len(dates) - 1
                next_on = None
                if is_last and not overdue:
                    next_on = held_on + dt.timedelta(days=pairing.cadence_days)
                    if next_on <= self.today:
                        next_on = self.today + dt.timedelta(days=1)
                elif not is_last:
                    next_on = dates[i + 1]
                meetings.append(
                    Meeting(
                        pairing=pairing,
                        author=pairing.mentor,
                        held_on=held_on,
                        duration_minutes=self.rng.choice((30, 45, 60)),
                        format=self.rng.choice(Meeting.Format.values),
                        shared_notes=self.rng.choice(SHARED_NOTES),
                        private_notes=self.rng.choice(PRIVATE_NOTES),
                        next_meeting_on=next_on,
                        potential_read=self.rng.choice((None, 2, 3)),
                    )
                )
            if dates:
                pairing.last_met_on = dates[-1]
                pairing.next_meeting_on = meetings[-1].next_meeting_on
            pairing.checkin_due_on = checkin_due_on(
                last_met_on=pairing.last_met_on,
                starts_on=pairing.starts_on,
                cadence_days=pairing.cadence_days,
            )
        Meeting.objects.bulk_create(meetings, batch_size=2000)
        # Logged on the day they were held (not today), so only the last week's are
        # still editable, as in real use.
        Meeting.objects.update(
            created_at=Cast("held_on", DateTimeField()) + dt.timedelta(hours=17),
            updated_at=Cast("held_on", DateTimeField()) + dt.timedelta(hours=17),
        )
        for meeting in meetings:
            for topic in self.rng.sample(topics, k=self.rng.randint(1, 2)):
                topic_links.append(
                    Meeting.topics.through(meeting_id=meeting.pk, meetingtopic_id=topic.pk)
                )
            if self.rng.random() < 0.5:
                owner = (
                    meeting.pairing.candidate.person
                    if self.rng.random() < 0.7
                    else meeting.pairing.mentor
                )
                due = meeting.held_on + dt.timedelta(days=14)
                items.append(
                    ActionItem(
                        meeting=meeting,
                        description=self.rng.choice(ACTION_ITEMS),
                        owner=owner,
                        due_on=due,
                        done_at=self.at(due)
                        if due < self.today and self.rng.random() < 0.8
                        else None,
                    )
                )
            self.events.append(
                CandidateEvent(
                    candidate=meeting.pairing.candidate,
                    kind=CandidateEvent.Kind.MEETING,
                    summary=f"Mentor meeting with {meeting.pairing.mentor.full_name}",
                    actor=meeting.pairing.mentor,
                    occurred_at=self.at(meeting.held_on, 15),
                )
            )
        Meeting.topics.through.objects.bulk_create(topic_links, batch_size=5000)
        ActionItem.objects.bulk_create(items, batch_size=2000)
        MentorPairing.objects.bulk_update(
            pairings, ["last_met_on", "next_meeting_on", "checkin_due_on"], batch_size=1000
        )
        for pairing in pairings:
            self.events.append(
                CandidateEvent(
                    candidate=pairing.candidate,
                    kind=CandidateEvent.Kind.PAIRING,
                    summary=f"Paired with executive mentor {pairing.mentor.full_name} (every {pairing.cadence_days} days)",
                    actor=pairing.created_by,
                    occurred_at=self.at(pairing.starts_on, 8),
                )
            )
        self.pairings = pairings
        self.meetings = meetings
        self.build_mentor_matching(executives, pairings, meetings)

    def build_mentor_matching(self, executives, pairings, meetings) -> None:
        """Every executive has a capacity (room for one or two more than they mentor now)
        and two or three strengths; mentees rated most past meetings, in private."""
        rng = self.rng_of("matching")
        mentees: dict[int, int] = {}
        for pairing in pairings:
            mentees[pairing.mentor_id] = mentees.get(pairing.mentor_id, 0) + 1
        competencies = list(Competency.objects.filter(is_active=True))
        hr = self.demo_people["hr"]
        profiles = [
            MentorProfile(
                person=person,
                capacity=min(
                    12,
                    max(DEFAULT_MENTOR_CAPACITY, mentees.get(person.pk, 0) + rng.randint(1, 2)),
                ),
                updated_by=hr,
                updated_on=self.today - dt.timedelta(days=rng.randint(10, 300)),
            )
            for person in {p.pk: p for p in executives + [self.demo_people["jordan"]]}.values()
        ]
        MentorProfile.objects.bulk_create(profiles, batch_size=2000)
        MentorProfile.strengths.through.objects.bulk_create(
            [
                MentorProfile.strengths.through(mentorprofile_id=profile.pk, competency_id=c.pk)
                for profile in profiles
                for c in rng.sample(competencies, k=min(len(competencies), rng.randint(2, 3)))
            ],
            batch_size=5000,
        )
        MeetingRating.objects.bulk_create(
            [
                MeetingRating(
                    meeting=meeting,
                    usefulness=rng.choices((2, 3, 4, 5), (1, 3, 5, 3))[0],
                    rated_on=meeting.held_on,
                )
                for meeting in meetings
                if meeting.held_on <= self.today
                and rng.random() < 0.6
                # The demo candidate's last two months are theirs to rate in the demo.
                and (
                    meeting.pairing.candidate_id != self.active_candidates[0].pk
                    or meeting.held_on < self.today - dt.timedelta(days=60)
                )
            ],
            batch_size=5000,
        )
