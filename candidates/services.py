"""Writes for the people directory and the talent pool."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Value
from django.db.models.functions import Concat, Substr
from django.dispatch import Signal
from django.utils import timezone

from .models import (
    SUCCESSION_REACH_LEVELS,
    Candidate,
    CandidateEvent,
    CandidateStatus,
    Competency,
    CompetencyRating,
    CompetencyTarget,
    Department,
    DepartmentKind,
    FollowUp,
    KeyPosition,
    Level,
    Person,
    PositionFill,
    Readiness,
    ReadinessChange,
    SuccessorNomination,
    TalentRating,
)


def reporting_path(*, manager_path: str, pk: int) -> str:
    """THE rule of a reporting path: the manager's path, then the person's own id
    ("/<root id>/…/<own id>/"); a person without a manager starts one."""
    return f"{manager_path or '/'}{pk}/"


def person_reporting_path_sync(person: Person) -> None:
    """Make the person's reporting path, and everyone's below them, follow their manager
    chain. Every writer of a person goes through ``person_save``, which calls this."""
    manager_path = ""
    if person.manager_id:
        manager_path = (
            Person.objects.filter(pk=person.manager_id)
            .values_list("reporting_path", flat=True)
            .first()
        ) or f"/{person.manager_id}/"
    expected = reporting_path(manager_path=manager_path, pk=person.pk)
    old = Person.objects.filter(pk=person.pk).values_list("reporting_path", flat=True).first()
    if old == expected:
        person.reporting_path = expected
        return
    Person.objects.filter(pk=person.pk).update(reporting_path=expected)
    if old:
        # Everyone below keeps their own tail and takes the new prefix.
        Person.objects.filter(reporting_path__startswith=old).exclude(pk=person.pk).update(
            reporting_path=Concat(Value(expected), Substr("reporting_path", len(old) + 1))
        )
    person.reporting_path = expected


@transaction.atomic
def person_save(*, person: Person) -> Person:
    """Create or update a person of the directory (admin, import, shell, tests): the one
    way in, so the reporting paths stay true however a row is written."""
    if person.manager_id is not None and person.pk is not None:
        _manager_validate(person=person, manager_id=person.manager_id)
    person.full_clean(exclude=["reporting_path", "user"])
    person.save()
    person_reporting_path_sync(person)
    return person


def _manager_validate(*, person: Person, manager_id: int) -> None:
    manager_path = Person.objects.filter(pk=manager_id).values_list("reporting_path", flat=True)
    path = Person.objects.filter(pk=person.pk).values_list("reporting_path", flat=True).first()
    if manager_id == person.pk or (path and (manager_path.first() or "").startswith(path)):
        raise ValidationError(
            {"manager": "A person cannot report to themselves or to someone in their own team."}
        )


@transaction.atomic
def person_set_manager(*, person: Person, manager: Person | None) -> Person:
    """Move ``person`` (and everyone under them) below ``manager``."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    person.manager = manager
    return person_save(person=person)


def reporting_paths_rebuild() -> int:
    """Recompute every reporting path from the manager links (after a bulk insert, such
    as the demo org's), in memory, then one bulk update."""
    managers = dict(Person.objects.values_list("pk", "manager_id"))
    paths: dict[int, str] = {}

    def path_of(pk: int, seen: frozenset = frozenset()) -> str:
        if pk in paths:
            return paths[pk]
        manager_id = managers.get(pk)
        manager_path = (
            "" if manager_id is None or manager_id in seen else path_of(manager_id, seen | {pk})
        )
        paths[pk] = reporting_path(manager_path=manager_path, pk=pk)
        return paths[pk]

    people = list(Person.objects.only("pk", "reporting_path"))
    for person in people:
        person.reporting_path = path_of(person.pk)
    Person.objects.bulk_update(people, ["reporting_path"], batch_size=1000)
    return len(people)


def candidate_event_record(
    *,
    candidate: Candidate,
    kind: str,
    summary: str,
    acting_user: Person | None = None,
    confidential: bool = False,
    detail: str = "",
    url: str = "",
    occurred_at: dt.datetime | None = None,
) -> CandidateEvent:
    """Add one line to the candidate's timeline (called by the service that did the thing)."""
    return CandidateEvent.objects.create(
        candidate=candidate,
        kind=kind,
        summary=summary[:300],
        actor=acting_user,
        confidential=confidential,
        detail=detail,
        url=url,
        occurred_at=occurred_at or timezone.now(),
    )


class OrgImportError(ValueError):
    pass


# Someone left the company (the org import found them gone): apps above the talent base
# end what they own of theirs (mentorship ends their pairings) without being imported.
person_left = Signal()

ORG_COLUMNS = ("email", "full_name", "title", "level", "department", "manager_email")
LEFT_MARKS = {"left", "inactive", "leaver", "gone"}
# A file that would deactivate more than this share of the directory is probably not the
# whole directory: refused unless the importer says it is.
MASS_DEPARTURE_SHARE = 0.5


@dataclass
class OrgPlan:
    """What importing a file would do, read without writing: by line."""

    created: list[dict] = field(default_factory=list)
    changed: list[dict] = field(default_factory=list)
    unchanged: int = 0
    departing: list[dict] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    active_before: int = 0

    @property
    def mass_departure(self) -> bool:
        return (
            bool(self.departing) and len(self.departing) > self.active_before * MASS_DEPARTURE_SHARE
        )


def _row_left(row: dict) -> bool:
    return row.get("status", "").lower() in LEFT_MARKS


def _rows_clean(rows: list[dict]) -> list[dict]:
    """Every cell as stripped text, e-mails in lower case: a short line's missing cells
    (None from csv.DictReader) read as empty, surplus cells (its key None) are dropped."""
    clean = []
    for row in rows:
        cells = {
            key: value.strip() if isinstance(value, str) else ""
            for key, value in row.items()
            if key is not None
        }
        for key in ("email", "manager_email"):
            if key in cells:
                cells[key] = cells[key].lower()
        clean.append(cells)
    return clean


def _person_changes(person: Person, row: dict) -> list[str]:
    """What importing ``row`` changes of ``person``, as the preview says it."""
    manager = person.manager.email if person.manager else ""
    compared = [
        ("name", person.full_name, row["full_name"]),
        ("title", person.title, row["title"]),
        ("level", str(person.level), row["level"]),
        ("department", person.department.name, row["department"]),
        ("manager", manager, row["manager_email"]),
        ("location", person.location, row.get("location") or person.location),
        ("time zone", person.time_zone, row.get("time_zone") or person.time_zone),
    ]
    changes = [
        f"{label}: {old or '—'} → {new or '—'}" for label, old, new in compared if old != new
    ]
    if not person.is_active:
        changes.append("back: active again")
    return changes


def org_plan(*, rows: list[dict]) -> OrgPlan:
    """Check every line of an HR export and say what importing it would create, change
    and deactivate. People of the directory missing from the file, or marked
    ``status=left`` in it, have left. A fixed number of queries, whatever the file."""
    rows = _rows_clean(rows)
    plan = OrgPlan(active_before=Person.objects.filter(is_active=True).count())
    if rows and (missing := [c for c in ORG_COLUMNS if c not in rows[0]]):
        plan.problems.append(f"Missing columns: {', '.join(missing)}")
        return plan
    if not rows:
        plan.problems.append("The file has no people in it.")
        return plan
    emails = {row["email"] for row in rows}
    known = {
        p.email: p
        for p in Person.objects.filter(email__in=emails).select_related("department", "manager")
    }
    outside = {row["manager_email"] for row in rows} - emails - {""}
    known_managers = set(Person.objects.filter(email__in=outside).values_list("email", flat=True))
    seen: dict[str, int] = {}
    for line, row in enumerate(rows, start=2):
        email, manager_email = row["email"], row["manager_email"]
        if "@" not in email:
            plan.problems.append(f"line {line}: '{email}' is not an e-mail address")
        if email in seen:
            plan.problems.append(f"line {line}: {email} is already on line {seen[email]}")
        seen.setdefault(email, line)
        if not row["full_name"]:
            plan.problems.append(f"line {line}: full_name is empty")
        if not row["level"].isdigit() or int(row["level"]) not in Level.values:
            plan.problems.append(f"line {line}: level must be 1 to 8, not '{row['level']}'")
        if not row["department"]:
            plan.problems.append(f"line {line}: department is empty")
        if manager_email and manager_email == email:
            plan.problems.append(f"line {line}: {email} cannot be their own manager")
        elif manager_email in outside and manager_email not in known_managers:
            plan.problems.append(
                f"line {line}: manager {manager_email} is neither in the file nor known"
            )
    if plan.problems:
        return plan
    for line, row in enumerate(rows, start=2):
        person = known.get(row["email"])
        entry = {"line": line, "email": row["email"]}
        if _row_left(row):
            if person is not None and person.is_active:
                plan.departing.append({**entry, "name": person.full_name, "why": "marked as left"})
        elif person is None:
            plan.created.append({**entry, "name": row["full_name"]})
        elif changes := _person_changes(person, row):
            plan.changed.append({**entry, "name": person.full_name, "changes": changes})
        else:
            plan.unchanged += 1
    for person in (
        Person.objects.filter(is_active=True).exclude(email__in=emails).order_by("full_name")
    ):
        plan.departing.append(
            {
                "line": None,
                "email": person.email,
                "name": person.full_name,
                "why": "not in the file",
            }
        )
    return plan


@transaction.atomic
def person_leave(*, person: Person, reason: str, acting_user: Person | None = None) -> None:
    """Someone left: deactivated, not deleted (their history stays). Their login stops
    working, they leave the succession pool (nominations closed) and, through
    ``person_left``, the apps above end what they own of theirs."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    if not person.is_active:
        return
    person.is_active = False
    person.save(update_fields=["is_active"])
    if person.user_id:
        get_user_model().objects.filter(pk=person.user_id).update(is_active=False)
    candidate = Candidate.objects.filter(person=person).first()
    if candidate is not None and candidate.status not in (
        CandidateStatus.EXITED,
        CandidateStatus.GRADUATED,
    ):
        candidate_change_status(
            acting_user=acting_user,
            candidate=candidate,
            status=CandidateStatus.EXITED,
            reason=reason,
        )
    SuccessorNomination.objects.filter(candidate__person=person, is_active=True).update(
        is_active=False, closed_on=timezone.localdate()
    )
    person_left.send(sender=Person, person=person, reason=reason, acting_user=acting_user)


@transaction.atomic
def org_import(
    *,
    rows: list[dict],
    dry_run: bool = False,
    acting_user: Person | None = None,
    allow_mass_departure: bool = False,
) -> dict:
    """Create or update people from rows (HR's export), then their reporting lines, then
    deactivate who left (missing from the file, or marked ``status=left``). All or
    nothing: one bad row and nothing is written, with every problem listed. Running the
    same file again changes nothing."""
    plan = org_plan(rows=rows)
    if plan.problems:
        raise OrgImportError("Nothing imported:\n" + "\n".join(plan.problems))
    if plan.mass_departure and not allow_mass_departure:
        raise OrgImportError(
            f"Nothing imported: the file would deactivate {len(plan.departing)} of "
            f"{plan.active_before} people. If it really is the whole directory, confirm it."
        )
    result = {"created": 0, "updated": 0, "departments": 0, "users": 0, "departed": 0}
    User = get_user_model()
    rows = _rows_clean(rows)
    # Only the lines the preview shows as new or changed are written: the same file
    # again writes nothing.
    writes = {entry["line"] for entry in plan.created + plan.changed}
    written: list[tuple[Person, str]] = []
    for line, row in enumerate(rows, start=2):
        if line not in writes:
            continue
        department, made = Department.objects.get_or_create(
            name=row["department"], defaults={"kind": DepartmentKind.OTHER}
        )
        result["departments"] += int(made)
        person = Person.objects.filter(email=row["email"]).first()
        result["updated" if person else "created"] += 1
        person = person or Person(email=row["email"])
        person.full_name = row["full_name"]
        person.title = row["title"]
        person.level = int(row["level"])
        person.department = department
        person.location = row.get("location") or person.location
        person.time_zone = row.get("time_zone") or person.time_zone or "UTC"
        returning = person.pk is not None and not person.is_active
        person.is_active = True
        if person.user_id is None:
            username = row.get("username") or row["email"].split("@")[0]
            user, made = User.objects.get_or_create(
                username=username, defaults={"email": row["email"]}
            )
            if made:
                user.set_unusable_password()
                user.save(update_fields=["password"])
            result["users"] += int(made)
            person.user = user
        elif returning:
            User.objects.filter(pk=person.user_id).update(is_active=True)
        written.append((person_save(person=person), row["manager_email"]))
    managers = {
        p.email: p
        for p in Person.objects.filter(email__in={email for _, email in written if email})
    }
    for person, manager_email in written:
        manager = managers.get(manager_email)
        if (manager.pk if manager else None) != person.manager_id:
            try:
                person_set_manager(person=person, manager=manager)
            except ValidationError as error:  # a loop in the reporting lines
                problem = " ".join(error.message_dict.get("manager", error.messages))
                raise OrgImportError(
                    f"Nothing imported: {person.email} reporting to {manager_email}: {problem}"
                ) from None
    stamp = timezone.localdate().isoformat()
    for leaving in plan.departing:
        person = Person.objects.get(email=leaving["email"])
        person_leave(
            person=person,
            acting_user=acting_user,
            reason=f"Left the company ({leaving['why']} in the org import of {stamp})",
        )
        result["departed"] += 1
    if dry_run:
        transaction.set_rollback(True)
    return result


# --- Talent actions ---------------------------------------------------------------------


@transaction.atomic
def candidate_nominate(
    *,
    acting_user: Person,
    person: Person,
    reason: str,
    performance: int,
    potential: int,
    flight_risk: str,
    flight_risk_reason: str = "",
    aspirations: str = "",
    motivators: str = "",
) -> Candidate:
    """Put a person in the succession pool, with the first rating on record."""
    if Candidate.objects.filter(person=person).exists():
        raise ValidationError({"person": f"{person} is already in the succession pool."})
    now = timezone.now()
    candidate = Candidate(
        person=person,
        status=CandidateStatus.ACTIVE,
        nominated_by=acting_user,
        nominated_on=timezone.localdate(),
        nomination_reason=reason,
        aspirations=aspirations,
        motivators=motivators,
        performance=performance,
        potential=potential,
        flight_risk=flight_risk,
        flight_risk_reason=flight_risk_reason,
    )
    candidate.full_clean()
    try:
        with transaction.atomic():
            candidate.save()
    except IntegrityError:  # a concurrent nomination of the same person won the race
        raise ValidationError({"person": f"{person} is already in the succession pool."}) from None
    rating = TalentRating(
        candidate=candidate,
        performance=performance,
        potential=potential,
        flight_risk=flight_risk,
        reason=f"Nomination: {reason}",
        rated_by=acting_user,
        rated_at=now,
    )
    rating.full_clean()
    rating.save()
    candidate_event_record(
        candidate=candidate,
        kind=CandidateEvent.Kind.NOMINATED,
        summary=f"Nominated to the succession pool by {acting_user}",
        detail=reason,
        acting_user=acting_user,
        confidential=True,
        occurred_at=now,
    )
    return candidate


@transaction.atomic
def candidate_rate(
    *,
    acting_user: Person,
    candidate: Candidate,
    performance: int,
    potential: int,
    flight_risk: str,
    reason: str,
    flight_risk_reason: str = "",
    context: str = "",
) -> Candidate:
    """A new rating: kept next to the earlier ones, never over them. ``context`` names
    where it was decided (a talent review) on the timeline."""
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    now = timezone.now()
    rating = TalentRating(
        candidate=candidate,
        performance=performance,
        potential=potential,
        flight_risk=flight_risk,
        reason=reason,
        rated_by=acting_user,
        rated_at=now,
    )
    rating.full_clean()
    rating.save()
    before = (candidate.performance, candidate.potential, candidate.flight_risk)
    candidate.performance = performance
    candidate.potential = potential
    candidate.flight_risk = flight_risk
    candidate.flight_risk_reason = flight_risk_reason
    candidate.full_clean()
    candidate.save()
    candidate_event_record(
        candidate=candidate,
        kind=CandidateEvent.Kind.RATED,
        summary=(
            (f"{context}: r" if context else "R")
            + f"ated performance {performance}/3, potential {potential}/3, flight risk "
            f"{flight_risk} (was {before[0] or '–'}/{before[1] or '–'}, {before[2]})"
        ),
        detail=reason,
        acting_user=acting_user,
        confidential=True,
        occurred_at=now,
    )
    return candidate


def nomination_validate(*, candidate: Candidate, position: KeyPosition, readiness: str, note: str):
    """The position is within reach (one to three levels up), the candidate is active, and
    "ready now" more than one level up is a claim that needs its reason written down."""
    gap = position.level - candidate.person.level
    if candidate.status != CandidateStatus.ACTIVE:
        raise ValidationError(
            f"{candidate.person} is {candidate.get_status_display().lower()}: only active "
            "candidates are nominated as successors."
        )
    if not 1 <= gap <= SUCCESSION_REACH_LEVELS:
        raise ValidationError(
            {
                "position": (
                    f"{position.title} is a {position.get_level_display().lower()} position; "
                    f"{candidate.person} ({candidate.person.get_level_display().lower()}) can be "
                    f"nominated for positions one to {SUCCESSION_REACH_LEVELS} levels above "
                    "their own."
                )
            }
        )
    if readiness == Readiness.READY_NOW and gap > 1 and not note.strip():
        raise ValidationError(
            {
                "note": (
                    f"{position.title} is {gap} levels above {candidate.person}'s role: say why "
                    "they are ready now. The reason is shown on the position page."
                )
            }
        )


@transaction.atomic
def nomination_create(
    *, acting_user: Person, candidate: Candidate, position, readiness: str, note: str = ""
):
    """Nominate a candidate as successor for a key position."""
    if position.incumbent_id == candidate.person_id:
        raise ValidationError({"position": "They already hold this position."})
    nomination_validate(candidate=candidate, position=position, readiness=readiness, note=note)
    if SuccessorNomination.objects.filter(
        position=position, candidate=candidate, is_active=True
    ).exists():
        raise ValidationError({"position": f"Already nominated for {position.title}."})
    nomination = SuccessorNomination(
        position=position,
        candidate=candidate,
        readiness=readiness,
        note=note,
        nominated_by=acting_user,
        nominated_on=timezone.localdate(),
        readiness_confirmed_on=timezone.localdate(),
        readiness_confirmed_by=acting_user,
    )
    nomination.full_clean()
    try:
        with transaction.atomic():
            nomination.save()
    except IntegrityError:  # a concurrent nomination for the same position won the race
        raise ValidationError({"position": f"Already nominated for {position.title}."}) from None
    _readiness_record(
        nomination=nomination,
        kind=ReadinessChange.Kind.NOMINATED,
        acting_user=acting_user,
        note=note,
    )
    candidate_event_record(
        candidate=candidate,
        kind=CandidateEvent.Kind.SUCCESSOR,
        summary=f"Nominated as successor for {position.title} ({nomination.get_readiness_display()})",
        detail=note,
        acting_user=acting_user,
        confidential=True,
    )
    return nomination


@transaction.atomic
def nomination_change_readiness(
    *, acting_user: Person, nomination, readiness: str, note: str, context: str = ""
):
    nomination = (
        SuccessorNomination.objects.select_for_update()
        .select_related("candidate__person", "position")
        .get(pk=nomination.pk)
    )
    if nomination.readiness == readiness:
        return nomination  # idempotent: nothing changed, nothing recorded
    nomination_validate(
        candidate=nomination.candidate, position=nomination.position, readiness=readiness, note=note
    )
    before = nomination.get_readiness_display()
    if readiness == Readiness.READY_NOW and note.strip():
        nomination.note = note  # the reason for "ready now", shown on the position page
    nomination.readiness = readiness
    nomination.readiness_changed_on = timezone.localdate()
    nomination.readiness_confirmed_on = timezone.localdate()
    nomination.readiness_confirmed_by = acting_user
    nomination.full_clean()
    nomination.save()
    _readiness_record(
        nomination=nomination, kind=ReadinessChange.Kind.CHANGED, acting_user=acting_user, note=note
    )
    candidate_event_record(
        candidate=nomination.candidate,
        kind=CandidateEvent.Kind.READINESS,
        summary=(
            (f"{context}: r" if context else "R")
            + f"eadiness for {nomination.position.title}: {before} → "
            f"{nomination.get_readiness_display()}"
        ),
        detail=note,
        acting_user=acting_user,
        confidential=True,
    )
    return nomination


def _readiness_record(
    *, nomination: SuccessorNomination, kind: str, acting_user: Person | None, note: str = ""
) -> ReadinessChange:
    return ReadinessChange.objects.create(
        nomination=nomination,
        kind=kind,
        readiness=nomination.readiness,
        changed_on=timezone.localdate(),
        changed_by=acting_user,
        note=note,
    )


@transaction.atomic
def nomination_confirm_readiness(
    *, acting_user: Person, nomination: SuccessorNomination, note: str = ""
) -> SuccessorNomination:
    """The nominator (or another manager in the line) looked again and the readiness
    stands: it is fresh from today, and the history says who confirmed it. Confirming
    twice the same day by the same person records it once."""
    nomination = (
        SuccessorNomination.objects.select_for_update()
        .select_related("candidate__person", "position")
        .get(pk=nomination.pk)
    )
    if not nomination.is_active:
        raise ValidationError("This nomination is closed: there is no readiness to confirm.")
    today = timezone.localdate()
    if (
        nomination.readiness_confirmed_on == today
        and nomination.readiness_confirmed_by_id == acting_user.pk
    ):
        return nomination
    nomination.readiness_confirmed_on = today
    nomination.readiness_confirmed_by = acting_user
    nomination.save(update_fields=["readiness_confirmed_on", "readiness_confirmed_by"])
    _readiness_record(
        nomination=nomination,
        kind=ReadinessChange.Kind.CONFIRMED,
        acting_user=acting_user,
        note=note,
    )
    candidate_event_record(
        candidate=nomination.candidate,
        kind=CandidateEvent.Kind.READINESS,
        summary=(
            f"Readiness for {nomination.position.title} confirmed: "
            f"{nomination.get_readiness_display()}"
        ),
        detail=note,
        acting_user=acting_user,
        confidential=True,
    )
    return nomination


def nomination_evidence_latest_set(
    *, nomination: SuccessorNomination, latest_on: dt.date | None
) -> None:
    """The date of the newest evidence attached to the readiness (kept by the app that
    holds the evidence, ``succession``): with the last confirmation, its freshness."""
    SuccessorNomination.objects.filter(pk=nomination.pk).update(evidence_latest_on=latest_on)
    nomination.evidence_latest_on = latest_on


@transaction.atomic
def competency_targets_save(
    *,
    acting_user: Person,
    targets: dict[int, int | None],
    position: KeyPosition | None = None,
    level: int | None = None,
) -> int:
    """Set the target level (1–5) per competency of one key position, or of every
    position of a level; ``None`` clears it (a position then inherits its level's).
    Returns how many targets changed."""
    if (position is None) == (level is None):
        raise ValueError("Targets are for one position or for one level.")
    owner = {"position": position} if position is not None else {"level": level}
    current = {t.competency_id: t for t in CompetencyTarget.objects.filter(**owner)}
    active = set(Competency.objects.filter(pk__in=targets).values_list("pk", flat=True))
    changed = 0
    for competency_id, value in targets.items():
        if competency_id not in active:
            raise ValidationError("That competency is not in the model any more.")
        existing = current.get(competency_id)
        if value is None:
            if existing is not None:
                existing.delete()
                changed += 1
            continue
        if not 1 <= value <= 5:
            raise ValidationError("Targets are 1 to 5, like the ratings.")
        if existing is not None and existing.target == value:
            continue
        target = existing or CompetencyTarget(competency_id=competency_id, **owner)
        target.target = value
        target.updated_by = acting_user
        target.full_clean()
        target.save()
        changed += 1
    return changed


@transaction.atomic
def position_fill_record(
    *,
    acting_user: Person,
    position: KeyPosition,
    person: Person,
    filled_on: dt.date | None = None,
    note: str = "",
) -> PositionFill:
    """Someone from outside the succession pool took a key position (a graduate takes
    it through ``candidate_change_status``). They become its incumbent; the other
    nominees are owed a conversation as with a graduation."""
    filled_on = filled_on or timezone.localdate()
    if filled_on > timezone.localdate():
        raise ValidationError({"filled_on": "Record a fill once it happened: not a future date."})
    candidacy = Candidate.objects.filter(person=person).first()
    if candidacy is not None and candidacy.status == CandidateStatus.ACTIVE:
        raise ValidationError(
            {
                "email": (
                    f"{person} is in the succession pool: graduate them from their profile, "
                    "which closes their nominations and counts as an internal fill."
                )
            }
        )
    position = KeyPosition.objects.select_for_update().get(pk=position.pk)
    if position.incumbent_id == person.pk:
        raise ValidationError({"email": f"{person} already holds {position.title}."})
    position.incumbent = person
    position.save(update_fields=["incumbent"])
    fill = PositionFill.objects.create(
        position=position,
        person=person,
        filled_on=filled_on,
        from_pool=False,
        recorded_by=acting_user,
        note=note,
    )
    _passed_over_follow_ups(acting_user=acting_user, position=position, newcomer=person)
    return fill


def _passed_over_follow_ups(*, acting_user: Person, position: KeyPosition, newcomer: Person):
    """Every other active nominee of a position just filled is owed a conversation."""
    others = (
        SuccessorNomination.objects.filter(position=position, is_active=True)
        .exclude(candidate__person=newcomer)
        .select_related("candidate__person")
    )
    for nomination in others:
        FollowUp.objects.get_or_create(
            candidate=nomination.candidate,
            position=position,
            kind=FollowUp.Kind.PASSED_OVER,
            done_at=None,
            defaults={
                "owner": acting_user,
                "description": (
                    f"{newcomer} got {position.title}. Talk to "
                    f"{nomination.candidate.person} about what it means for them."
                ),
            },
        )
        candidate_event_record(
            candidate=nomination.candidate,
            kind=CandidateEvent.Kind.FOLLOW_UP,
            summary=f"Passed over for {position.title}: a conversation is due",
            acting_user=acting_user,
            confidential=True,
        )


@transaction.atomic
def candidate_change_status(
    *, acting_user: Person, candidate: Candidate, status: str, reason: str = "", position=None
) -> Candidate:
    """Pause, resume, exit or graduate. Graduating into a key position makes the candidate
    its incumbent, closes their nominations, and opens a follow-up for every other nominee
    of that position: people passed over resent it or leave. A graduate can graduate again
    into another position, in one step."""
    candidate = Candidate.objects.select_for_update().select_related("person").get(pk=candidate.pk)
    if status == CandidateStatus.GRADUATED and position is None:
        raise ValidationError({"position": "Choose the key position they graduate into."})
    if status != CandidateStatus.GRADUATED and position is not None:
        raise ValidationError({"position": "A position is only for a graduation."})
    if status == CandidateStatus.EXITED and not reason.strip():
        raise ValidationError({"reason": "Say why they leave the pool (it stays in the history)."})
    if position is not None and position.incumbent_id == candidate.person_id:
        raise ValidationError({"position": f"{candidate.person} already holds {position.title}."})
    if candidate.status == status and status != CandidateStatus.GRADUATED:
        return candidate
    previous = candidate.get_status_display()
    candidate.status = status
    candidate.status_changed_on = timezone.localdate()
    candidate.status_reason = reason
    candidate.full_clean()
    candidate.save()
    summary = (
        f"Status {previous} → {candidate.get_status_display()}"
        if previous != candidate.get_status_display()
        else "Graduated again"
    )
    if status in (CandidateStatus.GRADUATED, CandidateStatus.EXITED):
        SuccessorNomination.objects.filter(candidate=candidate, is_active=True).update(
            is_active=False, closed_on=timezone.localdate()
        )
    if status == CandidateStatus.GRADUATED and position is not None:
        position = KeyPosition.objects.select_for_update().get(pk=position.pk)
        position.incumbent = candidate.person
        position.save(update_fields=["incumbent"])
        PositionFill.objects.create(
            position=position,
            person=candidate.person,
            filled_on=timezone.localdate(),
            from_pool=True,
            recorded_by=acting_user,
            note=reason,
        )
        summary += f": now {position.title}"
        _passed_over_follow_ups(
            acting_user=acting_user, position=position, newcomer=candidate.person
        )
    candidate_event_record(
        candidate=candidate,
        kind=CandidateEvent.Kind.STATUS,
        summary=summary,
        detail=reason,
        acting_user=acting_user,
        confidential=True,
    )
    return candidate


@transaction.atomic
def follow_up_complete(*, acting_user: Person, follow_up, outcome: str):
    follow_up = FollowUp.objects.select_for_update().get(pk=follow_up.pk)
    if follow_up.done_at:
        return follow_up
    follow_up.done_at = timezone.now()
    follow_up.done_by = acting_user
    follow_up.outcome = outcome
    follow_up.save()
    candidate_event_record(
        candidate=follow_up.candidate,
        kind=CandidateEvent.Kind.FOLLOW_UP,
        summary=f"Follow-up done: {follow_up.get_kind_display().lower()}",
        detail=outcome,
        acting_user=acting_user,
        confidential=True,
    )
    return follow_up


@transaction.atomic
def competencies_rate(
    *,
    acting_user: Person,
    candidate: Candidate,
    scores: dict[int, int],
    note: str = "",
    rated_on: dt.date | None = None,
) -> list[CompetencyRating]:
    """Rate some or all competencies (1–5), dated and signed; earlier ratings stay in the
    history. Rating the same competency again on the same day corrects that day's score."""
    rated_on = rated_on or timezone.localdate()
    if rated_on > timezone.localdate():
        raise ValidationError({"rated_on": "A rating is of what was seen: not a future date."})
    if not scores:
        raise ValidationError("Score at least one competency.")
    competencies = {c.pk: c for c in Competency.objects.filter(pk__in=scores, is_active=True)}
    saved = []
    for competency_id, score in scores.items():
        competency = competencies.get(competency_id)
        if competency is None:
            raise ValidationError("That competency is not in the model any more.")
        rating, _ = CompetencyRating.objects.update_or_create(
            candidate=candidate,
            competency=competency,
            rated_by=acting_user,
            rated_on=rated_on,
            defaults={"score": score, "note": note},
        )
        rating.full_clean()
        saved.append(rating)
    candidate_event_record(
        candidate=candidate,
        kind=CandidateEvent.Kind.COMPETENCY,
        summary=f"Competencies rated ({len(saved)}): "
        + ", ".join(f"{r.competency.name} {r.score}/5" for r in saved),
        detail=note,
        acting_user=acting_user,
        confidential=True,
    )
    return saved
