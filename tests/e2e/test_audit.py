"""HR reads the audit after a manager's crawl: the rows, a filter, and the profile's
"who looked at this" panel, loaded after the page."""

import pytest

from candidates.models import Person

from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.e2e


def test_hr_sees_who_opened_what_after_a_managers_crawl(app, page, shots):
    manager = Person.objects.get(user__username="manager")
    log_in(page, app.url, "manager")
    page.get_by_role("link", name="Casey Morgan").first.click()
    profile_url = page.url
    page.goto(f"{app.url}/candidates/ninebox/")
    with page.expect_download():
        page.goto(f"{app.url}/candidates/")
        page.get_by_role("link", name="Export CSV").click()
    page.get_by_role("button", name="Log out").click()

    log_in(page, app.url, "hr")
    page.get_by_role("button", name="HR").click()
    page.get_by_role("link", name="Audit").click()
    page.get_by_label("Viewer").fill(manager.full_name.split()[0])
    page.get_by_role("button", name="Filter").click()
    rows = page.locator("tbody tr")
    kinds = [rows.nth(i).locator("td").nth(2).inner_text() for i in range(rows.count())]
    assert "Candidate's record" in kinds and "9-box" in kinds and "CSV export" in kinds
    assert all(
        manager.full_name in rows.nth(i).locator("td").nth(1).inner_text()
        for i in range(rows.count())
    )
    assert_accessible(page)
    shots(page, "audit-filtered")

    page.goto(profile_url)
    panel = page.locator("#audit-heading + div")
    panel.get_by_text(manager.full_name).wait_for()
    assert "1 time" in panel.inner_text()
    shots(page, "profile-who-looked")
