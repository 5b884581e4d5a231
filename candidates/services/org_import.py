"""The directory import: HR's export of people read, checked and previewed line by line,
then applied all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from common.actor import SYSTEM, Actor

from ..models import Department, DepartmentKind, Level, Person
from .directory import person_leave, person_save, person_set_manager


class OrgImportError(ValueError):
    pass


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


def _line_problems(rows: list[dict]) -> list[str]:
    """What is wrong with each line of a file, checked against itself and the directory
    (one query: the managers it names outside the file)."""
    emails = {row["email"] for row in rows}
    outside = {row["manager_email"] for row in rows} - emails - {""}
    known_managers = set(Person.objects.filter(email__in=outside).values_list("email", flat=True))
    problems: list[str] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(rows, start=2):
        email, manager_email = row["email"], row["manager_email"]
        if "@" not in email:
            problems.append(f"line {line}: '{email}' is not an e-mail address")
        if email in seen:
            problems.append(f"line {line}: {email} is already on line {seen[email]}")
        seen.setdefault(email, line)
        if not row["full_name"]:
            problems.append(f"line {line}: full_name is empty")
        if not row["level"].isdigit() or int(row["level"]) not in Level.values:
            problems.append(f"line {line}: level must be 1 to 8, not '{row['level']}'")
        if not row["department"]:
            problems.append(f"line {line}: department is empty")
        if manager_email and manager_email == email:
            problems.append(f"line {line}: {email} cannot be their own manager")
        elif manager_email in outside and manager_email not in known_managers:
            problems.append(
                f"line {line}: manager {manager_email} is neither in the file nor known"
            )
    return problems


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
    plan.problems = _line_problems(rows)
    if plan.problems:
        return plan
    emails = {row["email"] for row in rows}
    known = {
        p.email: p
        for p in Person.objects.filter(email__in=emails).select_related("department", "manager")
    }
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


def _person_write(row: dict, result: dict) -> Person:
    """Create or update the person of one line (their department and login too)."""
    User = get_user_model()
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
        user, made = User.objects.get_or_create(username=username, defaults={"email": row["email"]})
        if made:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        result["users"] += int(made)
        person.user = user
    elif returning:
        User.objects.filter(pk=person.user_id).update(is_active=True)
    return person_save(person=person)


def _managers_set(written: list[tuple[Person, str]]) -> None:
    """The reporting lines of the people written, once they all exist."""
    managers = {
        p.email: p
        for p in Person.objects.filter(email__in={email for _, email in written if email})
    }
    for person, manager_email in written:
        manager = managers.get(manager_email)
        if (manager.pk if manager else None) == person.manager_id:
            continue
        try:
            person_set_manager(person=person, manager=manager)
        except ValidationError as error:  # a loop in the reporting lines
            problem = " ".join(error.message_dict.get("manager", error.messages))
            raise OrgImportError(
                f"Nothing imported: {person.email} reporting to {manager_email}: {problem}"
            ) from None


@transaction.atomic
def org_import(
    *,
    rows: list[dict],
    dry_run: bool = False,
    actor: Actor = SYSTEM,
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
    # Only the lines the preview shows as new or changed are written: the same file
    # again writes nothing.
    writes = {entry["line"] for entry in plan.created + plan.changed}
    written = [
        (_person_write(row, result), row["manager_email"])
        for line, row in enumerate(_rows_clean(rows), start=2)
        if line in writes
    ]
    _managers_set(written)
    stamp = timezone.localdate().isoformat()
    for leaving in plan.departing:
        person_leave(
            person=Person.objects.get(email=leaving["email"]),
            actor=actor,
            reason=f"Left the company ({leaving['why']} in the org import of {stamp})",
        )
        result["departed"] += 1
    if dry_run:
        transaction.set_rollback(True)
    return result
