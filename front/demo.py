"""A deterministic, realistic demo organisation (``python manage.py seed_demo``).

Everything is written with bulk inserts, level by level, so 5,000 people take seconds.
The same ``--people`` and ``--seed`` on the same day give the same org; dates are relative
to today so the demo always looks alive (check-ins due, reports overdue, reviews near).
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from agreements.defaults import commitment_templates_ensure
from agreements.models import (
    AgreementVersion,
    Commitment,
    CommitmentTemplate,
    LeadershipAgreement,
    Signature,
)
from agreements.services import version_terms
from candidates.defaults import competencies_ensure
from candidates.models import (
    Candidate,
    CandidateEvent,
    CandidateStatus,
    Competency,
    CompetencyRating,
    Department,
    DepartmentKind,
    FlightRisk,
    FollowUp,
    KeyPosition,
    Level,
    Person,
    Readiness,
    SuccessorNomination,
    TalentRating,
)
from candidates.services import reporting_paths_rebuild
from development.models import (
    BenchmarkVisit,
    Conference,
    Rotation,
    RotationCompetencyScore,
    StretchAssignment,
    TaskForce,
    Training,
)
from mentorship.defaults import topics_ensure
from mentorship.models import (
    ActionItem,
    Meeting,
    MeetingTopic,
    MentorPairing,
)
from mentorship.services import checkin_due_on

DEMO_PASSWORD = "supportlead-demo"
DEMO_USERNAMES = ("manager", "mentor", "candidate", "hr", "admin")

FIRST_NAMES = [
    "Ada",
    "Alan",
    "Amara",
    "Anika",
    "Ben",
    "Carla",
    "Chen",
    "Dara",
    "Diego",
    "Elif",
    "Emma",
    "Farah",
    "Felix",
    "Grace",
    "Hana",
    "Ivan",
    "Jonas",
    "Kai",
    "Lara",
    "Leo",
    "Lina",
    "Malik",
    "Mara",
    "Mateo",
    "Mei",
    "Nadia",
    "Nils",
    "Noor",
    "Omar",
    "Priya",
    "Quinn",
    "Rafael",
    "Rosa",
    "Sam",
    "Sara",
    "Tariq",
    "Tomas",
    "Uma",
    "Vera",
    "Wei",
    "Yara",
    "Yusuf",
    "Zoe",
    "Aiko",
    "Bruno",
    "Chloe",
    "Dmitri",
    "Esther",
    "Gustav",
]
LAST_NAMES = [
    "Andersen",
    "Baker",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Haddad",
    "Ito",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Petrov",
    "Quispe",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Ueda",
    "Varga",
    "Weber",
    "Xu",
    "Yilmaz",
    "Zhang",
    "Almeida",
    "Brennan",
    "Castillo",
    "Delgado",
    "Egger",
    "Ferrari",
    "Gruber",
    "Horvat",
    "Ibrahim",
    "Janssen",
    "Keller",
]
LOCATIONS = (
    ("Berlin", "Europe/Berlin"),
    ("Dublin", "Europe/Dublin"),
    ("Austin", "America/Chicago"),
    ("Toronto", "America/Toronto"),
    ("Singapore", "Asia/Singapore"),
    ("Lisbon", "Europe/Lisbon"),
)
DEPARTMENTS = (
    ("Technical Support", DepartmentKind.SUPPORT, 0.55),
    ("R&D", DepartmentKind.RND, 0.20),
    ("Sales", DepartmentKind.SALES, 0.10),
    ("QA", DepartmentKind.QA, 0.06),
    ("Product", DepartmentKind.PRODUCT, 0.05),
    ("Operations", DepartmentKind.OPERATIONS, 0.04),
)
TITLES = {
    Level.ENGINEER: "{dept} engineer",
    Level.SENIOR_ENGINEER: "Senior {dept} engineer",
    Level.TEAM_LEAD: "{dept} team lead",
    Level.MANAGER: "{dept} manager",
    Level.SENIOR_MANAGER: "Senior {dept} manager",
    Level.DIRECTOR: "Director, {dept}",
    Level.VP: "VP {dept}",
    Level.EXECUTIVE: "Chief Operating Officer",
}
DEPT_WORD = {
    DepartmentKind.SUPPORT: "support",
    DepartmentKind.RND: "software",
    DepartmentKind.SALES: "sales",
    DepartmentKind.QA: "QA",
    DepartmentKind.PRODUCT: "product",
    DepartmentKind.OPERATIONS: "operations",
}
CONFERENCES = ("SupportWorld Live", "TSIA Interact", "Customer Success Summit", "DevOps Days")
PEERS = ("Northwind Systems", "Contoso Cloud", "Globex Software", "Initech Support Centre")
SHARED_NOTES = (
    "Walked through how the exec team decided on the Q3 headcount; discussed trade-offs.",
    "Reviewed the escalation with the bank customer: what went well, what to do earlier.",
    "Strategy session: how support can feed the product roadmap with case data.",
    "Talked about running the weekly ops review and presenting to the VP.",
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
    "Shadow the VP in the quarterly business review",
    "Read 'The First 90 Days' and bring two ideas",
    "Prepare the case study for the all-hands",
)


@dataclass
class DemoResult:
    people: int = 0
    candidates: int = 0
    key_positions: int = 0
    pairings: int = 0
    meetings: int = 0
    agreements: int = 0
    rotations: int = 0
    counts: dict = field(default_factory=dict)


def defaults_ensure() -> None:
    """The competency model, meeting topics and commitment templates the migrations load
    (a flushed database has lost them: each app puts its own back)."""
    competencies_ensure()
    topics_ensure()
    commitment_templates_ensure()


def database_is_empty() -> bool:
    return not Person.objects.exists()


def demo_org_clear() -> None:
    """Empty the database (Django's ``flush``: every table, then the content types and
    permissions again), and put back the defaults the migrations load."""
    call_command("flush", interactive=False, verbosity=0)
    defaults_ensure()


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


class _Builder:
    def __init__(self, *, people: int, seed: int, password: str, today: dt.date):
        self.total = max(people, 60)
        self.rng = random.Random(seed)
        self.password_hash = make_password(password)
        self.today = today
        self.now = timezone.now()
        self.used_emails: set[str] = set()

    # --- helpers --------------------------------------------------------------------
    def name(self) -> str:
        return f"{self.rng.choice(FIRST_NAMES)} {self.rng.choice(LAST_NAMES)}"

    def email_for(self, full_name: str) -> str:
        base = full_name.lower().replace(" ", ".")
        email, n = f"{base}@example.com", 1
        while email in self.used_emails:
            n += 1
            email = f"{base}{n}@example.com"
        self.used_emails.add(email)
        return email

    def days_ago(self, low: int, high: int) -> dt.date:
        return self.today - dt.timedelta(days=self.rng.randint(low, high))

    def at(self, day: dt.date, hour: int = 10) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))

    # --- people ---------------------------------------------------------------------
    def build_people(self) -> None:
        User = get_user_model()
        self.departments = Department.objects.bulk_create(
            [Department(name=name, kind=kind) for name, kind, _ in DEPARTMENTS]
        )
        self.dept_by_kind = {d.kind: d for d in self.departments}
        plan = []  # (level, department, manager placeholder index)
        # Layer sizes per department, top-down; the COO sits above the VPs.
        specs: list[tuple[int, Department]] = [(Level.EXECUTIVE, self.dept_by_kind["operations"])]
        for (_, _kind, share), department in zip(DEPARTMENTS, self.departments, strict=True):
            size = max(6, round(self.total * share))
            directors = max(1, size // 150)
            senior_managers = max(1, size // 90)
            managers = max(1, size // 30)
            leads = max(1, size // 10)
            seniors = max(1, (size - 1 - directors - senior_managers - managers - leads) // 3)
            engineers = max(1, size - 1 - directors - senior_managers - managers - leads - seniors)
            for level, count in (
                (Level.VP, 1),
                (Level.DIRECTOR, directors),
                (Level.SENIOR_MANAGER, senior_managers),
                (Level.MANAGER, managers),
                (Level.TEAM_LEAD, leads),
                (Level.SENIOR_ENGINEER, seniors),
                (Level.ENGINEER, engineers),
            ):
                specs.extend([(level, department)] * count)
        # Trim or pad engineers of support so the org has exactly the requested size.
        support = self.dept_by_kind["support"]
        while len(specs) > self.total:
            removable = [i for i, (lvl, d) in enumerate(specs) if lvl == Level.ENGINEER]
            support_ones = [i for i in removable if specs[i][1] == support]
            specs.pop((support_ones or removable)[-1])
        while len(specs) < self.total:
            specs.append((Level.ENGINEER, support))
        plan = sorted(specs, key=lambda s: -s[0])

        users, persons = [], []
        for level, department in plan:
            full_name = self.name()
            email = self.email_for(full_name)
            users.append(
                User(
                    username=email.split("@")[0],
                    email=email,
                    first_name=full_name.split(" ")[0],
                    last_name=full_name.split(" ", 1)[1],
                    password=self.password_hash,
                )
            )
            location, zone = self.rng.choice(LOCATIONS)
            persons.append(
                Person(
                    full_name=full_name,
                    email=email,
                    title=_sentence_case(TITLES[level].format(dept=DEPT_WORD[department.kind])),
                    level=level,
                    department=department,
                    location=location,
                    time_zone=zone,
                )
            )
        self.demo_slots(plan, users, persons)
        User.objects.bulk_create(users, batch_size=1000)
        for user, person in zip(users, persons, strict=True):
            person.user = user
        # Insert level by level so every manager has an id before their reports.
        by_level: dict[int, list[Person]] = {}
        for person in persons:
            by_level.setdefault(person.level, []).append(person)
        placed: dict[tuple[int, int], list[Person]] = {}  # (level, dept id) -> people
        for level in sorted(by_level, reverse=True):
            group = by_level[level]
            for person in group:
                person.manager = self.pick_manager(person, placed)
            Person.objects.bulk_create(group, batch_size=1000)
            for person in group:
                placed.setdefault((level, person.department_id), []).append(person)
        self.people = persons
        reporting_paths_rebuild()
        self.people = list(Person.objects.select_related("department").order_by("pk"))
        self.person_by_pk = {p.pk: p for p in self.people}
        self.wire_demo_accounts()

    def pick_manager(self, person: Person, placed) -> Person | None:
        if person.level == Level.EXECUTIVE:
            return None
        if person.level == Level.VP:
            return placed[(Level.EXECUTIVE, self.dept_by_kind["operations"].pk)][0]
        # Engineers and senior engineers report to team leads; everyone else one level up.
        for level in range(max(person.level + 1, Level.TEAM_LEAD), Level.VP + 1):
            pool = placed.get((level, person.department_id))
            if pool:
                return pool[self.rng.randrange(len(pool))]
        return None

    def demo_slots(self, plan, users, persons) -> None:
        """Give the demo logins to fitting people: a support director (manager), an R&D
        director (mentor), a senior support engineer below the manager (candidate), an HR
        partner with view_all_talent (hr) and the app's admin."""
        wanted = {
            "manager": (Level.DIRECTOR, "support", "Dana Whitfield"),
            "mentor": (Level.DIRECTOR, "rnd", "Morgan Ellis"),
            "candidate": (Level.SENIOR_ENGINEER, "support", "Casey Morgan"),
            "hr": (Level.SENIOR_MANAGER, "operations", "Harper Quinn"),
            "admin": (Level.MANAGER, "operations", "Alex Admin"),
        }
        taken: set[int] = set()
        self.demo_people: dict[str, Person] = {}
        for username, (level, kind, full_name) in wanted.items():
            idx = next(
                i
                for i, (lvl, dept) in enumerate(plan)
                if lvl == level and dept.kind == kind and i not in taken
            )
            taken.add(idx)
            email = f"{username}@example.com"
            self.used_emails.add(email)
            users[idx].username = username
            users[idx].email = email
            users[idx].first_name, users[idx].last_name = full_name.split(" ", 1)
            users[idx].is_staff = username == "admin"
            users[idx].is_superuser = username == "admin"
            persons[idx].full_name = full_name
            persons[idx].email = email
            if username == "hr":
                persons[idx].title = "HR business partner, support"
            if username == "admin":
                persons[idx].title = "Business applications admin"
            self.demo_people[username] = persons[idx]

    def wire_demo_accounts(self) -> None:
        """Put the demo candidate in the demo manager's line (through a team lead and a
        manager), whatever the random tree did."""
        manager = self.demo_people["manager"]
        candidate = self.demo_people["candidate"]
        support = manager.department
        below = [
            p
            for p in self.people
            if p.department_id == support.pk
            and p.manager_id == manager.pk
            and p.level < manager.level
        ]
        if not below:
            below = [
                p
                for p in self.people
                if p.department_id == support.pk and Level.MANAGER <= p.level < manager.level
            ][:1]
            for p in below:
                p.manager = manager
                p.save(update_fields=["manager"])
        middle = below[0]
        leads = [p for p in self.people if p.manager_id == middle.pk and p.level < middle.level]
        boss = leads[0] if leads else middle
        if boss.pk == candidate.pk:
            boss = middle
        candidate.manager = boss
        candidate.save(update_fields=["manager"])
        reporting_paths_rebuild()
        self.people = list(Person.objects.select_related("department").order_by("pk"))
        self.person_by_pk = {p.pk: p for p in self.people}
        for username in self.demo_people:
            self.demo_people[username] = next(
                p for p in self.people if p.email == f"{username}@example.com"
            )
        hr_user = self.demo_people["hr"].user
        hr_user.user_permissions.add(Permission.objects.get(codename="view_all_talent"))

    # --- talent pool ----------------------------------------------------------------
    def build_candidates(self) -> None:
        demo_candidate = self.demo_people["candidate"]
        eligible = [
            p
            for p in self.people
            if Level.SENIOR_ENGINEER <= p.level <= Level.DIRECTOR
            and p.manager_id
            and p.email
            not in {
                "manager@example.com",
                "mentor@example.com",
                "hr@example.com",
                "admin@example.com",
            }
        ]
        # Support people first: it is their succession pool.
        self.rng.shuffle(eligible)
        eligible.sort(key=lambda p: p.department.kind != "support")
        count = max(4, self.total // 10)
        chosen = [demo_candidate] + [p for p in eligible if p.pk != demo_candidate.pk][: count - 1]
        statuses = [CandidateStatus.ACTIVE] * 17 + [
            CandidateStatus.PAUSED,
            CandidateStatus.EXITED,
            CandidateStatus.GRADUATED,
        ]
        candidates, ratings, events = [], [], []
        for person in chosen:
            manager = self.person_by_pk[person.manager_id]
            nominated_on = self.days_ago(60, 900)
            history = [
                (
                    self.rng.choices((1, 2, 3), (1, 4, 3))[0],
                    self.rng.choices((1, 2, 3), (2, 4, 3))[0],
                    self.rng.choices(FlightRisk.values, (6, 3, 2))[0],
                )
                for _ in range(self.rng.randint(1, 3))
            ]
            if person.pk == demo_candidate.pk:
                history[-1] = (3, 3, FlightRisk.MEDIUM)
            performance, potential, risk = history[-1]
            status = (
                CandidateStatus.ACTIVE
                if person.pk == demo_candidate.pk
                else self.rng.choice(statuses)
            )
            candidate = Candidate(
                person=person,
                status=status,
                nominated_by=manager,
                nominated_on=nominated_on,
                nomination_reason=self.rng.choice(
                    (
                        "Runs the escalation desk like a manager already; peers go to them first.",
                        "Led the migration incident calmly and wrote the post-mortem everyone reuses.",
                        "Customers ask for them by name; wants to grow into people management.",
                    )
                ),
                aspirations=self.rng.choice(
                    (
                        "Lead a support team within two years.",
                        "Run global support one day.",
                        "Move into support operations.",
                    )
                ),
                motivators=self.rng.choice(
                    (
                        "Solving hard customer problems; recognition from peers.",
                        "Growing people; a bigger scope.",
                        "Learning the business side.",
                    )
                ),
                performance=performance,
                potential=potential,
                flight_risk=risk,
                flight_risk_reason={
                    "low": "",
                    "medium": "Recruiters call regularly; no counter-offer needed yet.",
                    "high": "Has an offer for a manager role elsewhere; wants a bigger job now.",
                }[risk],
                status_changed_on=None
                if status == CandidateStatus.ACTIVE
                else self.days_ago(5, 50),
            )
            candidate._history = history
            candidate._manager = manager
            candidates.append(candidate)
        Candidate.objects.bulk_create(candidates, batch_size=1000)
        for candidate in candidates:
            start = candidate.nominated_on
            span = max(1, (self.today - start).days)
            for i, (performance, potential, risk) in enumerate(candidate._history):
                rated_on = start + dt.timedelta(days=span * i // len(candidate._history))
                ratings.append(
                    TalentRating(
                        candidate=candidate,
                        performance=performance,
                        potential=potential,
                        flight_risk=risk,
                        reason=("Nomination" if i == 0 else "Talent review"),
                        rated_by=candidate._manager,
                        rated_at=self.at(rated_on),
                    )
                )
                events.append(
                    CandidateEvent(
                        candidate=candidate,
                        kind=CandidateEvent.Kind.RATED,
                        summary=f"Rated performance {performance}/3, potential {potential}/3, flight risk {risk}",
                        confidential=True,
                        actor=candidate._manager,
                        occurred_at=self.at(rated_on, 11),
                    )
                )
            events.append(
                CandidateEvent(
                    candidate=candidate,
                    kind=CandidateEvent.Kind.NOMINATED,
                    summary=f"Nominated to the succession pool by {candidate._manager.full_name}",
                    detail=candidate.nomination_reason,
                    confidential=True,
                    actor=candidate._manager,
                    occurred_at=self.at(start, 9),
                )
            )
        TalentRating.objects.bulk_create(ratings, batch_size=2000)
        competencies = list(Competency.objects.filter(is_active=True))
        competency_ratings = [
            CompetencyRating(
                candidate=candidate,
                competency=competency,
                score=self.rng.randint(2, 5),
                rated_by=candidate._manager,
                rated_on=self.days_ago(10, 120),
            )
            for candidate in candidates
            for competency in competencies
        ]
        CompetencyRating.objects.bulk_create(competency_ratings, batch_size=2000)
        self.candidates = candidates
        self.active_candidates = [c for c in candidates if c.status == CandidateStatus.ACTIVE]
        self.events = events

    def build_positions(self) -> None:
        support = self.dept_by_kind["support"]
        holders = [
            p for p in self.people if p.department_id == support.pk and p.level >= Level.MANAGER
        ]
        positions = []
        for person in holders:
            title = person.title if person.level != Level.VP else "VP of Support"
            if person.level < Level.VP:
                title = f"{title} – {person.location}"
            positions.append(
                KeyPosition(title=title, level=person.level, department=support, incumbent=person)
            )
        # A few team-lead seats too: hiring happens in stages, team lead first.
        leads = [
            p for p in self.people if p.department_id == support.pk and p.level == Level.TEAM_LEAD
        ]
        for person in leads[: max(2, len(leads) // 10)]:
            positions.append(
                KeyPosition(
                    title=f"Support team lead – {person.full_name.split()[-1]} team",
                    level=Level.TEAM_LEAD,
                    department=support,
                    incumbent=person,
                )
            )
        seen, unique = set(), []
        for position in positions:
            key = position.title
            n = 2
            while key in seen:
                key = f"{position.title} ({n})"
                n += 1
            position.title = key
            seen.add(key)
            unique.append(position)
        KeyPosition.objects.bulk_create(unique, batch_size=1000)
        self.positions = unique
        nominations = []
        pool = [c for c in self.active_candidates]
        for position in unique:
            below = [
                c
                for c in pool
                if c.person.level < position.level and c.person.level >= position.level - 3
            ]
            if not below:
                continue
            for candidate in self.rng.sample(below, k=min(len(below), self.rng.randint(0, 4))):
                gap = position.level - candidate.person.level
                readiness = {1: Readiness.READY_NOW, 2: Readiness.ONE_TO_TWO_YEARS}.get(
                    gap, Readiness.THREE_TO_FIVE_YEARS
                )
                if self.rng.random() < 0.25:
                    readiness = self.rng.choice(Readiness.values)
                nominations.append(
                    SuccessorNomination(
                        position=position,
                        candidate=candidate,
                        readiness=readiness,
                        nominated_by=candidate.nominated_by,
                        nominated_on=self.days_ago(20, 300),
                    )
                )
        demo = self.active_candidates[0]
        demo_manager = self.demo_people["manager"]
        demo_positions = [
            p for p in unique if p.incumbent and p.incumbent.is_in_line_of(demo_manager)
        ]
        for position in demo_positions[:2]:
            if not any(n.position is position and n.candidate is demo for n in nominations):
                nominations.append(
                    SuccessorNomination(
                        position=position,
                        candidate=demo,
                        readiness=Readiness.ONE_TO_TWO_YEARS,
                        nominated_by=demo_manager,
                        nominated_on=self.days_ago(30, 90),
                    )
                )
        SuccessorNomination.objects.bulk_create(nominations, batch_size=2000)
        for nomination in nominations:
            self.events.append(
                CandidateEvent(
                    candidate=nomination.candidate,
                    kind=CandidateEvent.Kind.SUCCESSOR,
                    summary=f"Nominated as successor for {nomination.position.title} ({nomination.get_readiness_display()})",
                    confidential=True,
                    actor=nomination.nominated_by,
                    occurred_at=self.at(nomination.nominated_on, 14),
                )
            )
        self.nominations = nominations

    # --- mentorship -----------------------------------------------------------------
    def build_mentorship(self) -> None:
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
        for candidate in mentored:
            if candidate in demo_mentees:
                mentor = demo_mentor
            else:
                seniors = [
                    e
                    for e in executives
                    if e.level > candidate.person.level
                    and e.pk != candidate.person.manager_id
                    and e.pk != candidate.person_id
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

    # --- agreements -----------------------------------------------------------------
    def build_agreements(self) -> None:
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

    # --- development ----------------------------------------------------------------
    def build_development(self) -> None:
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
                objectives=f"Run a {department.name} team for a quarter; ship the support-readiness checklist.",
                project="Support-readiness checklist for new releases",
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
        stretch, conferences, visits, trainings = [], [], [], []
        for candidate in self.active_candidates:
            is_demo = candidate is demo_candidate
            if is_demo or self.rng.random() < 0.3:
                outcome = self.rng.choice(StretchAssignment.Outcome.values)
                stretch.append(
                    StretchAssignment(
                        candidate=candidate,
                        title="Own the escalation of a top-20 customer outage",
                        kind=StretchAssignment.Kind.ESCALATION,
                        description="Lead the customer calls and the internal war room; decide the workaround.",
                        safety_net=candidate.nominated_by,
                        assigned_by=candidate.nominated_by,
                        starts_on=self.days_ago(30, 200),
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

    def build_follow_ups(self) -> None:
        graduated = [c for c in self.candidates if c.status == CandidateStatus.GRADUATED]
        follow_ups = []
        for candidate in graduated[:5]:
            peers = [n for n in self.nominations if n.candidate is not candidate][:2]
            for nomination in peers:
                follow_ups.append(
                    FollowUp(
                        candidate=nomination.candidate,
                        position=nomination.position,
                        description=f"{candidate.person.full_name} was promoted; talk to {nomination.candidate.person.full_name} about what it means for them.",
                        owner=nomination.nominated_by,
                    )
                )
        seen, unique = set(), []
        for follow_up in follow_ups:
            key = (follow_up.candidate.pk, follow_up.position.pk)
            if key not in seen:
                seen.add(key)
                unique.append(follow_up)
        FollowUp.objects.bulk_create(unique)

    def build(self) -> DemoResult:
        self.build_people()
        self.build_candidates()
        self.build_positions()
        self.build_mentorship()
        self.build_agreements()
        self.build_development()
        self.build_follow_ups()
        CandidateEvent.objects.bulk_create(self.events, batch_size=5000)
        return DemoResult(
            people=len(self.people),
            candidates=len(self.candidates),
            key_positions=len(self.positions),
            pairings=len(self.pairings),
            meetings=len(self.meetings),
            agreements=len(self.agreements),
            rotations=len(self.rotations),
        )


def demo_org_build(
    *, people: int, seed: int = 2026, password: str = DEMO_PASSWORD, today: dt.date | None = None
) -> DemoResult:
    """Build the demo org in one transaction (the database must be empty)."""
    builder = _Builder(
        people=people, seed=seed, password=password, today=today or timezone.localdate()
    )
    with transaction.atomic():
        defaults_ensure()
        result = builder.build()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return result
