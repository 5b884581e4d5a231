"""The talent base of the demo organisation: departments, people and their reporting
lines, the demo logins, candidates with ratings, key positions with successors, and the
conversations due. The apps above add their parts (``mentorship.demo``,
``agreements.demo``, ``development.demo``); ``front.demo`` puts them together.

Rows are written with bulk inserts, level by level (5,000 people take seconds), through
the services where a rule lives (reporting paths). Dates are relative to today.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.utils import timezone

from candidates.models import (
    Candidate,
    CandidateEvent,
    CandidateStatus,
    Competency,
    CompetencyRating,
    Department,
    DepartmentKind,
    FlightRisk,
    Level,
    OwnWords,
    Person,
    Relocation,
    SelfAssessment,
    TalentRating,
    Travel,
)
from candidates.services import reporting_paths_rebuild
from succession.models import FollowUp, KeyPosition, Readiness, ReadinessChange, SuccessorNomination

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


def _sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


class TalentDemo:
    """The people and the talent pool of the demo org (the base the other parts use)."""

    def __init__(self, *, people: int, seed: int, password: str, today: dt.date):
        self.total = max(people, 60)
        self.rng = random.Random(seed)
        self.seed = seed
        self.password_hash = make_password(password)
        self.today = today
        self.now = timezone.now()
        self.used_emails: set[str] = set()

    # --- helpers --------------------------------------------------------------------
    def rng_of(self, part: str) -> random.Random:
        """A part's own random sequence: a part added later leaves the others' as they were."""
        return random.Random(f"{self.seed}:{part}")

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
        # Long on purpose: the demo is built in one pass, step after step in bulk, each
        # step reading what the one before made; it runs once per seed, never in a request.
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
        director who mentors and manages nobody (mentor), a senior support engineer below
        the manager (candidate), an HR partner with view_all_talent (hr), a support senior
        manager who also mentors (jordan) and the app's admin."""
        wanted = {
            "manager": (Level.DIRECTOR, "support", "Dana Whitfield"),
            "mentor": (Level.DIRECTOR, "rnd", "Morgan Ellis"),
            "candidate": (Level.SENIOR_ENGINEER, "support", "Casey Morgan"),
            "hr": (Level.SENIOR_MANAGER, "operations", "Harper Quinn"),
            # Two roles at once: manages a support team and mentors someone elsewhere.
            "jordan": (Level.SENIOR_MANAGER, "support", "Jordan Reyes"),
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
        self.lines_split(self.demo_people["manager"], self.demo_people["jordan"])
        manager = self.demo_people["manager"]
        candidate = self.demo_people["candidate"]
        jordan = self.demo_people["jordan"]
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
        middle = next((p for p in below if p.pk != jordan.pk), below[0])  # not jordan's line
        leads = [p for p in self.people if p.manager_id == middle.pk and p.level < middle.level]
        boss = leads[0] if leads else middle
        if boss.pk == candidate.pk:
            boss = middle
        candidate.manager = boss
        candidate.save(update_fields=["manager"])
        # The demo mentor is a mentor only: their team reports to their own manager.
        mentor = self.demo_people["mentor"]
        for person in self.people:
            if person.manager_id == mentor.pk:
                person.manager_id = mentor.manager_id
                person.save(update_fields=["manager"])
        reporting_paths_rebuild()
        self.people = list(Person.objects.select_related("department").order_by("pk"))
        self.person_by_pk = {p.pk: p for p in self.people}
        for username in self.demo_people:
            self.demo_people[username] = next(
                p for p in self.people if p.email == f"{username}@example.com"
            )
        hr_user = self.demo_people["hr"].user
        hr_user.user_permissions.add(Permission.objects.get(codename="view_all_talent"))

    def lines_split(self, manager: Person, jordan: Person) -> None:
        """Three lines of about a third each under the demo manager, `jordan` heading one
        of them, so that HR, `manager` and `jordan` each see a different pool (the random
        tree put nearly all of the manager's line under jordan)."""
        manager = self.person_by_pk[manager.pk]  # as saved, with its reporting path
        jordan = self.person_by_pk[jordan.pk]
        path = manager.reporting_path
        line = [p for p in self.people if p.reporting_path.startswith(path) and p.pk != manager.pk]
        others = [
            p
            for p in line
            if p.pk != jordan.pk and Level.MANAGER <= p.level <= Level.SENIOR_MANAGER
        ]
        others.sort(key=lambda p: (-p.level, p.pk))
        heads = [jordan, *others[:2]]
        changed = []
        for head in heads:
            head.manager = manager
            changed.append(head)
        teams = [p for p in line if p not in heads and Level.TEAM_LEAD <= p.level <= Level.MANAGER]
        for index, lead in enumerate(sorted(teams, key=lambda p: p.pk)):
            lead.manager = heads[index % len(heads)]
            changed.append(lead)
        for person in line:  # a senior manager not heading a line reports to the manager
            if person not in heads and person.level >= Level.SENIOR_MANAGER:
                person.manager = manager
                changed.append(person)
        Person.objects.bulk_update(changed, ["manager"])
        reporting_paths_rebuild()
        self.people = list(Person.objects.select_related("department").order_by("pk"))
        self.person_by_pk = {p.pk: p for p in self.people}
        for username in self.demo_people:
            self.demo_people[username] = next(
                p for p in self.people if p.email == f"{username}@example.com"
            )

    # --- talent pool ----------------------------------------------------------------
    def build_candidates(self) -> None:
        # Long on purpose: the demo is built in one pass, step after step in bulk, each
        # step reading what the one before made; it runs once per seed, never in a request.
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
                "jordan@example.com",
                "hr@example.com",
                "admin@example.com",
            }
        ]
        # Mostly support people (it is their succession pool), and a fifth from the other
        # departments (QA, R&D, operations leads who want to lead in support), so that
        # HR's pool is wider than the support director's.
        self.rng.shuffle(eligible)
        eligible = [p for p in eligible if p.pk != demo_candidate.pk]
        count = max(4, self.total // 10)
        others = [p for p in eligible if p.department.kind != "support"]
        support = [p for p in eligible if p.department.kind == "support"]
        outside = others[: count // 5]
        chosen = [demo_candidate, *(support + others[len(outside) :])[: count - 1 - len(outside)]]
        chosen += outside
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
                # Before candidates wrote their own, a manager typed their aspirations at
                # nomination: a few old nominations still carry such a note.
                aspirations=(
                    self.rng.choice(
                        (
                            "Lead a support team within two years.",
                            "Run global support one day.",
                            "Move into support operations.",
                        )
                    ),
                    "",
                )[nominated_on >= self.today - dt.timedelta(days=600)],
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
                # Graduations and exits spread over the programme's life (the reports
                # show them month by month), always after the nomination.
                status_changed_on=None
                if status == CandidateStatus.ACTIVE
                else max(nominated_on + dt.timedelta(days=30), self.days_ago(5, 600)),
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
        self.build_own_words(candidates, competencies, demo_candidate)
        self.candidates = candidates
        self.active_candidates = [c for c in candidates if c.status == CandidateStatus.ACTIVE]
        self.events = events

    def build_own_words(self, candidates, competencies, demo_candidate) -> None:
        """Two in three active candidates have written their aspirations, mobility and
        self-assessment (the demo candidate among them)."""
        rng = self.rng_of("own_words")
        words, scores = [], []
        for candidate in candidates:
            if candidate.status != CandidateStatus.ACTIVE:
                continue
            if candidate.person_id != demo_candidate.pk and rng.random() > 0.66:
                continue
            on = self.today - dt.timedelta(days=rng.randint(3, 200))
            words.append(
                OwnWords(
                    candidate=candidate,
                    roles_wanted=rng.choice(
                        (
                            "Lead a support team, then run support for a region.",
                            "Support manager for the escalation desk; director of support later.",
                            "Support operations: tooling, staffing and the numbers behind them.",
                            "Run global support one day.",
                        )
                    ),
                    wanted_by=self.today.replace(day=1)
                    + dt.timedelta(days=rng.choice((365, 540, 730))),
                    relocation=rng.choice(Relocation.values),
                    time_zones=rng.choice(
                        ("Europe/Berlin to America/New_York", "Asia/Singapore ± 3 hours", "Any")
                    ),
                    travel=rng.choice(Travel.values),
                    motivation=rng.choice(
                        (
                            "Untangling a hard customer problem with the team, and seeing people I coached take the lead.",
                            "A bigger scope, and being trusted with decisions before I feel ready.",
                            "Learning how the business side works: pricing, renewals, what customers pay for.",
                        )
                    ),
                    updated_on=on,
                )
            )
            scores += [
                SelfAssessment(
                    candidate=candidate,
                    competency=competency,
                    score=rng.randint(2, 5),
                    assessed_on=on,
                )
                for competency in competencies
            ]
        OwnWords.objects.bulk_create(words, batch_size=2000)
        SelfAssessment.objects.bulk_create(scores, batch_size=2000)

    def build_positions(self) -> None:
        # Long on purpose: the demo is built in one pass, step after step in bulk, each
        # step reading what the one before made; it runs once per seed, never in a request.
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
                # A quarter were nominated long ago and nobody has looked since: stale.
                nominated_on = (
                    self.days_ago(400, 800) if self.rng.random() < 0.25 else self.days_ago(20, 300)
                )
                nominations.append(
                    SuccessorNomination(
                        position=position,
                        candidate=candidate,
                        readiness=readiness,
                        nominated_by=candidate.nominated_by,
                        nominated_on=nominated_on,
                        readiness_confirmed_on=nominated_on,
                        readiness_confirmed_by=candidate.nominated_by,
                    )
                )
        demo = self.active_candidates[0]
        demo_manager = self.demo_people["manager"]
        demo_positions = [
            p for p in unique if p.incumbent and p.incumbent.is_in_line_of(demo_manager)
        ]
        for position in demo_positions[:2]:
            if not any(n.position is position and n.candidate is demo for n in nominations):
                nominated_on = self.days_ago(30, 90)
                nominations.append(
                    SuccessorNomination(
                        position=position,
                        candidate=demo,
                        readiness=Readiness.ONE_TO_TWO_YEARS,
                        nominated_by=demo_manager,
                        nominated_on=nominated_on,
                        readiness_confirmed_on=nominated_on,
                        readiness_confirmed_by=demo_manager,
                    )
                )
        # The demo manager's line holds a ready-now successor nobody has confirmed for
        # over a year: the position page and the pool mark it stale.
        in_line = [
            n
            for n in nominations
            if n.candidate.person.is_in_line_of(demo_manager)
            and n.candidate is not demo
            and n.position.level - n.candidate.person.level == 1
        ]
        stale = in_line[0] if in_line else None
        if stale is not None:
            stale.readiness = Readiness.READY_NOW
            stale.nominated_on = stale.readiness_confirmed_on = self.days_ago(420, 500)
        # ...and only that one, so the journey (and a first look) finds it at once.
        for nomination in nominations:
            if (
                nomination is not stale
                and nomination.readiness == Readiness.READY_NOW
                and nomination.candidate.person.is_in_line_of(demo_manager)
                and (self.today - nomination.readiness_confirmed_on).days > 300
            ):
                nomination.readiness_confirmed_on = self.days_ago(20, 300)
                nomination.nominated_on = min(
                    nomination.nominated_on, nomination.readiness_confirmed_on
                )
        # Some readiness moved up since the nomination: the history says when.
        changes = []
        for nomination in nominations:
            order = Readiness.values.index(nomination.readiness)
            if order < 2 and nomination is not stale and self.rng.random() < 0.35:
                first = Readiness.values[order + 1]
                span = (self.today - nomination.nominated_on).days
                changed_on = nomination.nominated_on + dt.timedelta(
                    days=self.rng.randint(span // 3, max(span // 3, span - 10))
                )
                nomination.readiness_changed_on = changed_on
                nomination.readiness_confirmed_on = changed_on
                changes.append((nomination, first, nomination.nominated_on, "nominated"))
                changes.append((nomination, nomination.readiness, changed_on, "changed"))
            else:
                changes.append(
                    (nomination, nomination.readiness, nomination.nominated_on, "nominated")
                )
        SuccessorNomination.objects.bulk_create(nominations, batch_size=2000)
        ReadinessChange.objects.bulk_create(
            (
                ReadinessChange(
                    nomination=nomination,
                    kind=kind,
                    readiness=readiness,
                    changed_on=on,
                    changed_by=nomination.nominated_by,
                )
                for nomination, readiness, on, kind in changes
            ),
            batch_size=2000,
        )
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
