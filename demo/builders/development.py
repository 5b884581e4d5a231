"""Development experiences in the demo organisation: rotations, stretch assignments,
conferences with trip reports and task forces, benchmark visits, training."""

from __future__ import annotations

import datetime as dt

from candidates.models import CandidateEvent, Competency, Level
from demo.builders.talent import LOCATIONS
from development.models import (
    BenchmarkVisit,
    Conference,
    JobShadowing,
    Rotation,
    RotationCompetencyScore,
    StretchAssignment,
    TaskForce,
    Training,
)

CONFERENCES = ("SupportWorld Live", "TSIA Interact", "Customer Success Summit", "DevOps Days")
PEERS = ("Northwind Systems", "Contoso Cloud", "Globex Software", "Initech Support Centre")


class DevelopmentDemo:
    """Mixed into the demo builder after ``agreements.demo.AgreementDemo``."""

    # --- development ----------------------------------------------------------------
    def build_development(self) -> None:
        # Long on purpose: the demo is built in one pass, step after step in bulk, each
        # step reading what the one before made; it runs once per seed, never in a request.
        departments = [d for d in self.departments if d.kind != "support"]
        hosts = {
            d.pk: [p for p in self.people if p.department_id == d.pk and p.level >= Level.MANAGER]
            for d in self.departments
        }
        demo_candidate = self.active_candidates[0]
        demo_manager = self.demo_people["manager"]
        rotations = []
        for index, candidate in enumerate(self.active_candidates):
            if candidate is not demo_candidate and self.rng.random() > 0.35:
                continue
            department = self.rng.choice(departments)
            phase = index % 4  # finished+assessed, running, ending soon, planned
            if candidate is demo_candidate:
                phase = 1
            if phase == 0:
                start = self.days_ago(200, 400)
            elif phase == 1:
                start = self.days_ago(20, 60)
            elif phase == 2:
                start = self.days_ago(80, 100)
            else:
                start = self.today + dt.timedelta(days=self.rng.randint(10, 60))
            length = 90 if phase != 2 else (self.today - start).days + self.rng.randint(3, 12)
            end = start + dt.timedelta(days=length)
            sponsor = self.rng.choice(hosts[department.pk] or self.people[:1])
            status = (
                Rotation.Status.COMPLETED
                if end < self.today
                else Rotation.Status.RUNNING
                if start <= self.today
                else Rotation.Status.PLANNED
            )
            rotation = Rotation(
                person=candidate.person,
                direction=Rotation.Direction.OUTBOUND,
                role=self.rng.choice(
                    (Rotation.Role.FUNCTIONAL_MANAGER, Rotation.Role.PROJECT_LEAD)
                ),
                host_department=department,
                host_sponsor=sponsor,
                objectives=f"Run a {department.name} team for a quarter; ship the release checklist.",
                project="Release checklist for support",
                project_deadline=end,
                starts_on=start,
                ends_on=end,
                status=status,
                assigned_by=candidate.nominated_by,
            )
            if status == Rotation.Status.COMPLETED:
                rotation.objectives_met = self.rng.random() < 0.8
                rotation.delivered_on_time = self.rng.random() < 0.7
                rotation.assessment_comments = "Took ownership quickly; needs to delegate more."
                rotation.assessed_by = sponsor
                rotation.assessed_on = end
                rotation.reflection = (
                    "Saw how R&D plans releases; brought back a better triage flow."
                )
                rotation.reflection_written_on = end
            rotations.append(rotation)
        # Inbound: engineers and product people doing support shifts.
        support = self.dept_by_kind["support"]
        support_hosts = hosts[support.pk] or [demo_manager]
        in_pool = {c.person_id for c in self.candidates}
        outsiders = [
            p
            for p in self.people
            if p.department.kind in ("rnd", "product")
            and p.level <= Level.SENIOR_ENGINEER
            and p.pk not in in_pool
        ]
        for person in self.rng.sample(outsiders, k=min(len(outsiders), max(2, self.total // 100))):
            start = self.days_ago(-30, 120)
            rotations.append(
                Rotation(
                    person=person,
                    direction=Rotation.Direction.INBOUND,
                    role=self.rng.choice(
                        (Rotation.Role.SUPPORT_SHIFTS, Rotation.Role.SUBJECT_MATTER_EXPERT)
                    ),
                    host_department=support,
                    host_sponsor=self.rng.choice(support_hosts),
                    objectives="See the product end to end from the customer's side; fix one top-ten case driver.",
                    starts_on=start,
                    ends_on=start + dt.timedelta(days=30),
                    status=Rotation.Status.COMPLETED
                    if start + dt.timedelta(days=30) < self.today
                    else Rotation.Status.RUNNING
                    if start <= self.today
                    else Rotation.Status.PLANNED,
                    assigned_by=self.rng.choice(support_hosts),
                )
            )
        Rotation.objects.bulk_create(rotations, batch_size=1000)
        competencies = list(Competency.objects.all()[:3])
        RotationCompetencyScore.objects.bulk_create(
            [
                RotationCompetencyScore(rotation=r, competency=c, score=self.rng.randint(3, 5))
                for r in rotations
                if r.assessed_on
                for c in competencies
            ],
            batch_size=2000,
        )
        candidate_by_person = {c.person_id: c for c in self.candidates}
        for rotation in rotations:
            candidate = candidate_by_person.get(rotation.person_id)
            if candidate:
                self.events.append(
                    CandidateEvent(
                        candidate=candidate,
                        kind=CandidateEvent.Kind.ROTATION,
                        summary=f"Rotation in {rotation.host_department.name} as {rotation.get_role_display().lower()}",
                        actor=rotation.assigned_by,
                        occurred_at=self.at(rotation.starts_on, 9),
                    )
                )
        stretch, conferences, visits, trainings, shadowings = [], [], [], [], []
        shadow_rng = self.rng_of("shadowing")
        for candidate in self.active_candidates:
            is_demo = candidate is demo_candidate
            if is_demo or self.rng.random() < 0.3:
                outcome = self.rng.choice(StretchAssignment.Outcome.values)
                starts_on = self.days_ago(30, 200)
                stretch.append(
                    StretchAssignment(
                        candidate=candidate,
                        title="Own the escalation of a top-20 customer outage",
                        kind=StretchAssignment.Kind.ESCALATION,
                        description="Lead the customer calls and the internal war room; decide the workaround.",
                        safety_net=candidate.nominated_by,
                        assigned_by=candidate.nominated_by,
                        starts_on=starts_on,
                        ends_on=None
                        if outcome == "pending"
                        else min(self.today, starts_on + dt.timedelta(days=30)),
                        outcome=outcome,
                        lessons_learned=""
                        if outcome == "pending"
                        else "Communicate earlier with the account team.",
                    )
                )
            if is_demo or self.rng.random() < 0.3:
                start = (
                    self.days_ago(10, 200) if not is_demo else self.today - dt.timedelta(days=12)
                )
                due = start + dt.timedelta(days=16)
                written = not is_demo and due < self.today and self.rng.random() < 0.6
                conferences.append(
                    Conference(
                        candidate=candidate,
                        name=self.rng.choice(CONFERENCES),
                        location=self.rng.choice(LOCATIONS)[0],
                        starts_on=start,
                        ends_on=start + dt.timedelta(days=2),
                        budget=self.rng.choice((1500, 2500, 3200)),
                        trip_report_due_on=due,
                        assigned_by=candidate.nominated_by,
                        report_learned="Peers run swarming instead of tiers." if written else "",
                        report_ideas="Try swarming for P1 cases; publish a known-issues page."
                        if written
                        else "",
                        report_recommendations="Pilot swarming in one team for a quarter."
                        if written
                        else "",
                        report_submitted_at=self.at(due - dt.timedelta(days=2))
                        if written
                        else None,
                    )
                )
            if is_demo or self.rng.random() < 0.15:
                visit_on = self.today + dt.timedelta(days=self.rng.randint(-60, 30))
                done = visit_on < self.today
                visits.append(
                    BenchmarkVisit(
                        candidate=candidate,
                        company=self.rng.choice(PEERS),
                        visit_on=visit_on,
                        assigned_by=candidate.nominated_by,
                        questions="How do you staff follow-the-sun? How do you measure quality?"
                        if done or self.rng.random() < 0.5
                        else "",
                        questions_ready_on=visit_on - dt.timedelta(days=10) if done else None,
                        findings="They staff by product area, not by tier." if done else "",
                        comparison="Our first-response time is better; their resolution time is half ours."
                        if done
                        else "",
                        presented_on=visit_on + dt.timedelta(days=7)
                        if done and visit_on + dt.timedelta(days=7) <= self.today
                        else None,
                    )
                )
            if is_demo or shadow_rng.random() < 0.2:
                # A day beside someone two levels up, outside their own chain when it can.
                above = [
                    p
                    for p in self.people
                    if p.level >= candidate.person.level + 2
                    and p.level <= candidate.person.level + 4
                    and p.is_active
                    # Nobody shadows HR in the demo: HR's names stay off a candidate's pages.
                    and p.pk != self.demo_people["hr"].pk
                ]
                if above:
                    starts_on = (
                        self.today - dt.timedelta(days=5)
                        if is_demo
                        else self.today - dt.timedelta(days=shadow_rng.randint(5, 300))
                    )
                    reflected = not is_demo and shadow_rng.random() < 0.7
                    shadowings.append(
                        JobShadowing(
                            candidate=candidate,
                            shadowed=shadow_rng.choice(above),
                            starts_on=starts_on,
                            observe=shadow_rng.choice(
                                (
                                    "How they run the weekly escalation meeting and who decides what.",
                                    "A quarterly business meeting with a top-20 customer.",
                                    "Budget and staffing talks with finance.",
                                )
                            ),
                            reflection="Decisions were made in the room, with the numbers at hand; I will bring mine."
                            if reflected
                            else "",
                            reflected_on=starts_on + dt.timedelta(days=3) if reflected else None,
                            assigned_by=candidate.nominated_by,
                        )
                    )
            if is_demo or self.rng.random() < 0.4:
                kind = self.rng.choice(Training.Kind.values)
                trainings.append(
                    Training(
                        candidate=candidate,
                        name={
                            "executive_programme": "Executive leadership programme",
                            "business_classes": "Business administration night classes",
                            "course": "Coaching for managers",
                            "other": "Finance for non-financial managers",
                        }[kind],
                        kind=kind,
                        provider=self.rng.choice(
                            ("INSEAD", "City College", "LinkedIn Learning", "Internal academy")
                        ),
                        starts_on=self.days_ago(30, 300),
                        status=self.rng.choice(Training.Status.values[:3]),
                    )
                )
        StretchAssignment.objects.bulk_create(stretch, batch_size=1000)
        Conference.objects.bulk_create(conferences, batch_size=1000)
        BenchmarkVisit.objects.bulk_create(visits, batch_size=1000)
        Training.objects.bulk_create(trainings, batch_size=1000)
        JobShadowing.objects.bulk_create(shadowings, batch_size=1000)
        task_forces = [
            TaskForce(
                conference=c,
                owner=c.candidate,
                idea="Pilot swarming for P1 cases in one team",
                status=self.rng.choice(TaskForce.Status.values[:3]),
                launched_by=c.assigned_by,
                launched_on=c.trip_report_due_on,
            )
            for c in conferences
            if c.report_submitted_at and self.rng.random() < 0.5
        ]
        TaskForce.objects.bulk_create(task_forces, batch_size=1000)
        for item, kind, summary, day in (
            *[
                (
                    s.candidate,
                    CandidateEvent.Kind.STRETCH,
                    f"Stretch assignment: {s.title}",
                    s.starts_on,
                )
                for s in stretch
            ],
            *[
                (c.candidate, CandidateEvent.Kind.EXPOSURE, f"Conference: {c.name}", c.starts_on)
                for c in conferences
            ],
            *[
                (
                    v.candidate,
                    CandidateEvent.Kind.EXPOSURE,
                    f"Benchmark visit to {v.company}",
                    v.visit_on,
                )
                for v in visits
                if v.visit_on <= self.today
            ],
            *[
                (t.candidate, CandidateEvent.Kind.TRAINING, f"Training: {t.name}", t.starts_on)
                for t in trainings
            ],
        ):
            self.events.append(
                CandidateEvent(
                    candidate=item, kind=kind, summary=summary[:300], occurred_at=self.at(day, 12)
                )
            )
        self.rotations = rotations
