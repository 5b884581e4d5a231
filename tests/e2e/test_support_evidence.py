"""Support's own evidence, walked as its users: HR reads the sources and matches an agent,
uploads a CSV; a manager reads a candidate's support record and finds a month of it among
the readiness evidence; the candidate reads their own work on /me/."""

import pytest
from playwright.sync_api import expect

from candidates.models import Candidate
from supportdata.models import AgentAlias

from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.e2e


def test_hr_matches_an_agent_and_uploads_a_csv(app, page, tmp_path, shots):
    log_in(page, app.url, "hr")
    page.goto(f"{app.url}/candidates/people/import/")
    page.get_by_role("link", name="Support data: the helpdesk and incident tools").click()
    assert_accessible(page)
    expect(page.get_by_role("heading", name="Support data")).to_be_visible()
    expect(page.get_by_text("set ZENDESK_URL, ZENDESK_EMAIL, ZENDESK_API_TOKEN")).to_be_visible()
    shots(page, "support-data")
    agent = page.locator("div.border-top", has_text="Night shift (contractor)")
    agent.get_by_label("Who it is: their e-mail in the directory").fill("nobody@nowhere.example")
    agent.get_by_role("button", name="Match Night shift (contractor)").click()
    expect(page.get_by_text("Nobody in the directory has that e-mail.")).to_be_visible()
    agent = page.locator("div.border-top", has_text="Night shift (contractor)")
    agent.get_by_label("Who it is: their e-mail in the directory").fill("candidate@example.com")
    agent.get_by_role("button", name="Match Night shift (contractor)").click()
    expect(page.get_by_text("90233 is Casey Morgan")).to_be_visible()
    assert AgentAlias.objects.get(handle="90233").person.email == "candidate@example.com"

    csv = tmp_path / "kb.csv"
    csv.write_text(
        "id,kind,agent,date,reuse\n"
        "KB-100,article,candidate@example.com,2026-11-03,41\n"
        "KB-101,article,candidate@example.com,03/11/2026,2\n"
    )
    page.get_by_label("Support CSV").set_input_files(str(csv))
    page.get_by_role("button", name="Read the file").click()
    expect(page.get_by_text("kb.csv: 1 new, 0 changed, 1 lines skipped")).to_be_visible()
    expect(page.get_by_role("alert").filter(has_text="Line 3: date '03/11/2026'")).to_contain_text(
        "is not YYYY-MM-DD"
    )


def test_a_manager_reads_the_support_record_and_attaches_a_month(app, page, shots):
    casey = Candidate.objects.get(person__email="candidate@example.com")
    log_in(page, app.url, "manager")
    page.goto(f"{app.url}/candidates/{casey.pk}/")
    page.get_by_role("link", name="Support record", exact=True).click()
    assert_accessible(page)
    expect(page.get_by_role("heading", name="Support record · Casey Morgan")).to_be_visible()
    expect(page.get_by_text("never a ranking")).to_be_visible()
    row = page.locator("tr", has_text="Tickets solved")
    expect(row.locator("svg.sparkline")).to_be_visible()
    shots(page, "support-record")
    nomination = casey.nominations.filter(is_active=True).first()
    page.goto(f"{app.url}/candidates/nominations/{nomination.pk}/readiness/")
    expect(page.get_by_role("link", name="Their support record")).to_be_visible()
    month = page.locator(".evidence-list .form-check", has_text="support record:").first
    summary = month.locator("label").inner_text()
    month.locator("input").check()
    page.get_by_role("button", name="Save readiness and evidence").click()
    expect(page.get_by_role("alert")).to_contain_text("Readiness and its evidence saved")
    attached = page.locator("[data-evidence] li", has_text="support record:")
    expect(attached).to_have_count(1)
    # The summary as offered, less the mark of the must-haves it meets.
    offered = summary.split("· Support record (a month) ")[-1].split(" meets: ")[0]
    assert offered in attached.inner_text()


def test_the_candidate_reads_their_own_support_work(app, page):
    log_in(page, app.url, "candidate")
    page.goto(f"{app.url}/me/")
    expect(page.get_by_role("heading", name="My support work")).to_be_visible()
    expect(page.get_by_text("Tickets solved")).to_be_visible()
    assert "9-box" not in page.content()
