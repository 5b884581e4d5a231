"""The directory import: HR's export of people read, checked and previewed line by line,
then applied all or nothing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from common.actor import SYSTEM, Actor

from ..models import Department, DepartmentKind, Level, Person
from .directory import person_leave, reporting_paths_rebuild


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


# What a line may hold, as the tables keep it: a longer value is a problem of its line.
LIMITS = {
    "email": Person._meta.get_field("email").max_length,
    "full_name": Person._meta.get_field("full_name").max_length,
    "title": Person._meta.get_field("title").max_length,
    "department": Department._meta.get_field("name").max_length,
    "location": Person._meta.get_field("location").max_length,
    "time_zone": Person._meta.get_field("time_zone").max_length,
}

# Told how far the import is: (what it is doing, done, out of).
Progress = Callable[[str, int, int], None]


def _quiet(stage: str, done: int, total: int) -> None:
    pass


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


def _person_changes(person: Person, row: dict, manager_email: str) -> list[str]:
    """What importing ``row`` changes of ``person``, as the preview says it."""
    compared = [
        ("name", person.full_name, row["full_name"]),
        ("title", person.title, row["title"]),
        ("level", str(person.level), row["level"]),
        ("department", person.department.name, row["department"]),
        ("manager", manager_email, row["manager_email"]),
        ("location", person.location, row.get("location") or person.location),
        ("time zone", person.time_zone, row.get("time_zone") or person.time_zone),
    ]
    changes = [
        f"{label}: {old or '—'} → {new or '—'}" for label, old, new in compared if old != new
    ]
    if not person.is_active:
        changes.append("back: active again")
    return changes


def _username(row: dict) -> str:
    return row.get("username") or row["email"].split("@")[0]


def _cell_problems(line: int, row: dict) -> list[str]:
    problems = []
    email = row["email"]
    try:
        validate_email(email)
    except ValidationError:
        problems.append(f"line {line}: '{email[:80]}' is not an e-mail address")
    if not row["full_name"]:
        problems.append(f"line {line}: full_name is empty")
    if not row["level"].isdigit() or int(row["level"]) not in Level.values:
        problems.append(f"line {line}: level must be 1 to 8, not '{row['level'][:20]}'")
    if not row["department"]:
        problems.append(f"line {line}: department is empty")
    for column, limit in LIMITS.items():
        if len(row.get(column) or "") > limit:
            problems.append(f"line {line}: {column} is longer than {limit} characters")
    return problems


def _login_problems(rows: list[dict], known: dict[str, Person]) -> list[str]:
    """The logins the import would make: none twice in the file, none that is already
    someone else's (one query)."""
    wanted: dict[str, int] = {}
    problems = []
    for line, row in enumerate(rows, start=2):
        person = known.get(row["email"])
        if _row_left(row) or (person is not None and person.user_id is not None):
            continue
        username = _username(row)
        try:
            UnicodeUsernameValidator()(username)
        except ValidationError:
            problems.append(f"line {line}: '{username[:80]}' cannot be a login name")
            continue
        if username in wanted:
            problems.append(
                f"line {line}: the login '{username}' would also be line {wanted[username]}'s:"
                " give one of them a username column"
            )
        wanted.setdefault(username, line)
    taken = dict(
        get_user_model()
        .objects.filter(username__in=wanted, person__isnull=False)
        .values_list("username", "person__email")
    )
    for username, line in wanted.items():
        if username in taken:
            problems.append(
                f"line {line}: the login '{username}' is already {taken[username]}'s:"
                " give this line a username column"
            )
    return problems


def _loop_problems(rows: list[dict], directory: dict[str, str]) -> list[str]:
    """Reporting lines that would go round in a circle once the file is applied:
    ``directory`` is everyone's manager (by e-mail) before it."""
    after = dict(directory)
    lines = {}
    for line, row in enumerate(rows, start=2):
        after[row["email"]] = row["manager_email"]
        lines[row["email"]] = line
    problems, settled = [], set()
    for email in lines:
        chain, seen, current = [], set(), email
        while current and current not in settled and current not in seen:
            seen.add(current)
            chain.append(current)
            current = after.get(current, "")
        if current in seen:  # back on the chain: a loop (found once: its people settle)
            loop = chain[chain.index(current) :]
            first = next(e for e in loop if e in lines)  # a loop needs a line of the file
            problems.append(
                f"line {lines[first]}: {first} cannot report to someone in their own "
                f"team ({' → '.join([*loop, loop[0]])})"
            )
        settled.update(chain)
    return problems


def _line_problems(rows: list[dict], known: dict[str, Person]) -> list[str]:
    """What is wrong with each line of a file, checked against itself and the directory
    (the managers it names outside the file, the logins it would make, everyone's
    manager for loops: three queries)."""
    emails = {row["email"] for row in rows}
    outside = {row["manager_email"] for row in rows} - emails - {""}
    known_managers = set(Person.objects.filter(email__in=outside).values_list("email", flat=True))
    problems: list[str] = []
    seen: dict[str, int] = {}
    for line, row in enumerate(rows, start=2):
        email, manager_email = row["email"], row["manager_email"]
        problems += _cell_problems(line, row)
        if email in seen:
            problems.append(f"line {line}: {email} is already on line {seen[email]}")
        seen.setdefault(email, line)
        if manager_email and manager_email == email:
            problems.append(f"line {line}: {email} cannot be their own manager")
        elif manager_email in outside and manager_email not in known_managers:
            problems.append(
                f"line {line}: manager {manager_email} is neither in the file nor known"
            )
    if problems:
        return problems
    problems += _login_problems(rows, known)
    directory = dict(Person.objects.values_list("email", "manager__email"))
    return problems + _loop_problems(rows, {k: v or "" for k, v in directory.items()})


def org_plan(
    *, rows: list[dict], progress: Progress = _quiet, changes_only: bool = False
) -> OrgPlan:
    """Check every line of an HR export and say what importing it would create, change
    and deactivate. People marked ``status=left`` have left; so have the people of the
    directory missing from the file, unless it holds only the changes (``changes_only``:
    a file of just the people who changed). A fixed number of queries, whatever the
    file."""
    rows = _rows_clean(rows)
    plan = OrgPlan(active_before=Person.objects.filter(is_active=True).count())
    if rows and (missing := [c for c in ORG_COLUMNS if c not in rows[0]]):
        plan.problems.append(f"Missing columns: {', '.join(missing)}")
        return plan
    if not rows:
        plan.problems.append("The file has no people in it.")
        return plan
    progress("checking", 0, len(rows))
    emails = {row["email"] for row in rows}
    known = {
        p.email: p
        for p in Person.objects.filter(email__in=emails).select_related("department", "manager")
    }
    plan.problems = _line_problems(rows, known)
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
        elif changes := _person_changes(
            person, row, person.manager.email if person.manager else ""
        ):
            plan.changed.append({**entry, "name": person.full_name, "changes": changes})
        else:
            plan.unchanged += 1
        if line % 2000 == 0:
            progress("checking", line, len(rows))
    missing = (
        Person.objects.none()
        if changes_only
        else Person.objects.filter(is_active=True).exclude(email__in=emails)
    )
    for email, name in missing.order_by("full_name").values_list("email", "full_name"):
        plan.departing.append(
            {"line": None, "email": email, "name": name, "why": "not in the file"}
        )
    progress("checking", len(rows), len(rows))
    return plan


# --- Applying a file --------------------------------------------------------------------
# In bulk: a query per kind of write, not per line (10,000 lines took 142 s one person at
# a time, and a page that waited for it timed out). The preview's checks are what keep the
# rows valid (lengths, levels, e-mails, logins, loops); the database constraints still
# stand behind them.

PERSON_FIELDS = ["full_name", "title", "level", "department", "location", "time_zone", "is_active"]


def _departments_ensure(names: set[str], result: dict) -> dict[str, Department]:
    departments = {d.name: d for d in Department.objects.filter(name__in=names)}
    made = [
        Department(name=name, kind=DepartmentKind.OTHER)
        for name in sorted(names - set(departments))
    ]
    Department.objects.bulk_create(made)
    result["departments"] = len(made)
    return departments | {d.name: d for d in made}


def _logins_ensure(rows: list[dict], known: dict[str, Person], result: dict) -> dict:
    """The login of each line that needs one: a free one of that name, or a new one with
    no password (they sign in through the company's sign-in, or are sent a reset)."""
    User = get_user_model()
    wanted = {
        _username(row)
        for row in rows
        if (person := known.get(row["email"])) is None or person.user_id is None
    }
    users = {u.username: u for u in User.objects.filter(username__in=wanted, person__isnull=True)}
    emails = {_username(row): row["email"] for row in rows}
    made = [
        User(username=name, email=emails[name], password=make_password(None))
        for name in sorted(wanted - set(users))
    ]
    User.objects.bulk_create(made, batch_size=2000)
    result["users"] = len(made)
    return users | {u.username: u for u in made}


def _people_write(rows: list[dict], result: dict) -> dict[str, Person]:
    known = {p.email: p for p in Person.objects.filter(email__in=[row["email"] for row in rows])}
    departments = _departments_ensure({row["department"] for row in rows}, result)
    logins = _logins_ensure(rows, known, result)
    new, changed, returning = [], [], []
    for row in rows:
        person = known.get(row["email"])
        if person is None:
            person = known[row["email"]] = Person(email=row["email"])
            new.append(person)
        else:
            changed.append(person)
            if not person.is_active and person.user_id:
                returning.append(person.user_id)
        person.full_name = row["full_name"]
        person.title = row["title"]
        person.level = int(row["level"])
        person.department = departments[row["department"]]
        person.location = row.get("location") or person.location
        person.time_zone = row.get("time_zone") or person.time_zone or "UTC"
        person.is_active = True
        if person.user_id is None:
            person.user = logins[_username(row)]
    Person.objects.bulk_create(new, batch_size=2000)
    Person.objects.bulk_update(changed, PERSON_FIELDS, batch_size=2000)
    get_user_model().objects.filter(pk__in=returning).update(is_active=True)
    result["created"], result["updated"] = len(new), len(changed)
    return known


def _managers_link(rows: list[dict], people: dict[str, Person]) -> None:
    """Each line's manager, once everyone of the file exists; then every reporting path
    that changed, computed in memory (``reporting_paths_rebuild``)."""
    named = {row["manager_email"] for row in rows} - {""}
    ids = dict(Person.objects.filter(email__in=named).values_list("email", "pk"))
    moved = []
    for row in rows:
        person = people[row["email"]]
        manager_id = ids.get(row["manager_email"])
        if person.manager_id != manager_id:
            person.manager_id = manager_id
            moved.append(person)
    Person.objects.bulk_update(moved, ["manager"], batch_size=2000)
    reporting_paths_rebuild()


@transaction.atomic
def org_import(
    *,
    rows: list[dict],
    dry_run: bool = False,
    actor: Actor = SYSTEM,
    allow_mass_departure: bool = False,
    progress: Progress = _quiet,
    changes_only: bool = False,
) -> dict:
    """Create or update people from rows (HR's export), then their reporting lines, then
    deactivate who left (missing from the file, or marked ``status=left``). All or
    nothing: one bad row and nothing is written, with every problem listed. Running the
    same file again changes nothing."""
    plan = org_plan(rows=rows, progress=progress, changes_only=changes_only)
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
    rows = [row for line, row in enumerate(_rows_clean(rows), start=2) if line in writes]
    progress("writing", 0, len(rows))
    people = _people_write(rows, result)
    _managers_link(rows, people)
    progress("writing", len(rows), len(rows))
    stamp = timezone.localdate().isoformat()
    leaving = {entry["email"]: entry["why"] for entry in plan.departing}
    for done, person in enumerate(Person.objects.filter(email__in=leaving), start=1):
        person_leave(
            person=person,
            actor=actor,
            reason=f"Left the company ({leaving[person.email]} in the org import of {stamp})",
        )
        result["departed"] += 1
        if done % 100 == 0:
            progress("leaving", done, len(leaving))
    if dry_run:
        transaction.set_rollback(True)
    return result
