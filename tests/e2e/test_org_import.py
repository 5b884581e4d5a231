"""HR loads the people directory from the browser: a file with a bad line is refused
with the line named, the corrected file is previewed and confirmed."""

import csv
import io

import pytest
from playwright.sync_api import expect

from candidates.models import Person

from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.e2e


def directory(extra: list) -> str:
    """The demo org as HR's export lists it (csv-quoted: titles hold commas), plus one row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["email", "full_name", "title", "level", "department", "manager_email"])
    for person in Person.objects.filter(is_active=True).select_related("department", "manager"):
        manager = person.manager.email if person.manager else ""
        writer.writerow(
            [
                person.email,
                person.full_name,
                person.title,
                person.level,
                person.department.name,
                manager,
            ]
        )
    writer.writerow(extra)
    return out.getvalue()


def test_hr_uploads_a_bad_file_then_a_good_one_and_confirms(app, page, shots, tmp_path):
    hr = Person.objects.get(user__username="hr")
    department = hr.department.name
    bad = tmp_path / "people-bad.csv"
    bad.write_text(
        directory(["new.lead@example.com", "New Lead", "Team lead", 11, department, hr.email])
    )
    good = tmp_path / "people.csv"
    good.write_text(
        directory(["new.lead@example.com", "New Lead", "Team lead", 3, department, hr.email])
    )
    bad_line = len(bad.read_text().splitlines())

    log_in(page, app.url, "hr")
    page.get_by_role("button", name="HR").click()
    page.get_by_role("link", name="People").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Import the people directory"
    page.get_by_label("People CSV").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()
    problems = page.get_by_role("region", name="Nothing can be imported: 1 problem")
    assert f"line {bad_line}: level must be 1 to 8, not '11'" in problems.inner_text()
    assert page.get_by_role("button", name="Confirm the import").count() == 0
    assert_accessible(page)
    shots(page, "import-refused")

    page.get_by_role("link", name="upload it again").click()
    page.get_by_label("People CSV").set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    assert (
        "1 to create, 0 to change, 0 to deactivate"
        in page.locator("#preview-heading + p").inner_text()
    )
    assert "New Lead" in page.get_by_role("list").filter(has_text="new.lead@").inner_text()
    shots(page, "import-preview")
    page.get_by_role("button", name="Confirm the import").click()
    expect(page.get_by_role("heading", name="Imported")).to_be_visible()
    assert "1 new, 0 updated, 0 left" in page.get_by_role("status").inner_text()
    assert Person.objects.get(email="new.lead@example.com").manager == hr
    page.get_by_role("link", name="All imports").click()
    recent = page.get_by_role("region", name="Recent imports")
    assert "people.csv" in recent.inner_text()
    assert "people-bad.csv" in recent.inner_text()
