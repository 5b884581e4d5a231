"""The three journeys of the product's users (docs/product.md), from the login page,
through the UI only."""

import csv
import datetime as dt
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.e2e


def nav(page, name):
    page.get_by_role("navigation", name="Main navigation").get_by_role(
        "link", name=name, exact=True
    ).click()
    page.wait_for_load_state()


def test_manager_journey(app, page, shots):
    # Long on purpose: one journey, in the order a person walks it.
    log_in(page, app.url, "manager")
    expect(page.get_by_role("heading", level=1)).to_have_text("Talent pool")
    assert_accessible(page)
    shots(page, "01-talent-pool")

    # Filter by readiness and overdue check-in: the state lives in the URL.
    page.get_by_label("Readiness").select_option(label="Ready in 1–2 years")
    page.get_by_label("Check-in overdue").check()
    page.get_by_role("button", name="Filter").click()
    page.wait_for_load_state()
    assert "readiness=1_2_years" in page.url and "overdue=on" in page.url
    assert_accessible(page)
    shots(page, "02-filtered")
    page.get_by_label("Check-in overdue").uncheck()
    page.get_by_role("button", name="Filter").click()
    page.wait_for_load_state()

    # A candidate and their timeline.
    page.get_by_role("link", name="Casey Morgan").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Casey Morgan")
    expect(page.get_by_role("heading", name="Timeline")).to_be_visible()
    expect(page.locator(".timeline li").first).to_be_visible()
    assert_accessible(page)
    shots(page, "03-profile")

    # The 9-box, one cell, the pool filtered to it.
    nav(page, "9-box")
    assert_accessible(page)
    shots(page, "04-ninebox")
    page.get_by_role("cell", name=re.compile(r"^Future leader: \d+")).click()
    page.wait_for_load_state()
    assert "performance=3" in page.url and "potential=3" in page.url
    expect(page.get_by_role("link", name="Casey Morgan")).to_be_visible()

    # Key positions, the chain if the incumbent left tomorrow, nominate a successor.
    nav(page, "Key positions")
    assert_accessible(page)
    shots(page, "05-positions")
    page.get_by_role("link", name=re.compile(r"^Support manager")).first.click()
    expect(page.get_by_role("heading", name="If the incumbent left tomorrow")).to_be_visible()
    assert_accessible(page)
    candidate_select = page.get_by_label("Candidate")
    chosen = candidate_select.locator("option").nth(1).inner_text()
    candidate_select.select_option(index=1)
    # The seat has must-haves: "ready now" waits for the evidence, said on the form.
    page.get_by_label("Readiness").select_option(label="Ready now")
    page.get_by_label("Note").fill("Ran the team for three months while its lead was away.")
    page.get_by_role("button", name="Nominate").click()
    expect(page.locator("body")).to_contain_text("has must-haves")
    candidate_select.select_option(index=1)
    page.get_by_label("Readiness").select_option(label="Ready in 1–2 years")
    page.get_by_role("button", name="Nominate").click()
    page.wait_for_load_state()
    expect(page.get_by_role("alert")).to_contain_text("nominated for")
    expect(page.get_by_role("table")).to_contain_text(chosen.split(" · ")[0])
    shots(page, "06-position")

    # Export what the pool shows.
    nav(page, "Talent pool")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Export CSV").click()
    download = download_info.value
    rows = list(csv.DictReader(io.StringIO(Path(download.path()).read_text(encoding="utf-8"))))
    assert rows and "Casey Morgan" in {r["name"] for r in rows}
    assert "flight risk" in rows[0]


def test_mentor_journey(app, page, shots):
    log_in(page, app.url, "mentor")
    nav(page, "My mentees")
    expect(page.get_by_role("heading", level=1)).to_have_text("My mentees")
    first_card = page.locator("section.mentee").first
    expect(first_card.get_by_text("Overdue")).to_be_visible()  # the overdue mentee first
    assert_accessible(page)
    shots(page, "01-mentees")

    page.get_by_role("link", name="Log a meeting with Casey Morgan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Log a meeting with Casey Morgan")
    assert_accessible(page)
    page.get_by_label("Duration (minutes)").fill("40")
    page.get_by_label("Strategy").check()
    page.get_by_label("Shared notes (the candidate sees these)").fill(
        "Talked through the Q3 support strategy."
    )
    page.get_by_label("Private notes (only you see these)").fill("Ready for a team-lead seat soon.")
    page.locator("#id_items-0-description").fill("Write the escalation playbook")
    page.locator("#id_items-0-due_on").fill((dt.date.today() + dt.timedelta(days=10)).isoformat())
    page.get_by_label("Next meeting").fill((dt.date.today() + dt.timedelta(days=14)).isoformat())
    shots(page, "02-meeting-form")
    page.get_by_role("button", name="Log meeting").click()
    page.wait_for_load_state()
    expect(page.get_by_role("alert")).to_contain_text("Meeting with Casey Morgan logged")
    expect(page.get_by_text("Write the escalation playbook").first).to_be_visible()

    # The meeting is on the mentee's timeline.
    page.get_by_role("link", name="Casey Morgan").first.click()
    expect(page.locator(".timeline")).to_contain_text("Mentor meeting with Morgan Ellis")
    assert "Ready for a team-lead seat" not in page.content()  # private notes stay private
    shots(page, "03-timeline")

    nav(page, "My mentees")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the next meeting with Casey Morgan (.ics)").click()
    body = Path(download_info.value.path()).read_text(encoding="utf-8")
    assert body.startswith("BEGIN:VCALENDAR") and "Mentor meeting with Casey Morgan" in body


def test_candidate_journey(app, page, shots):
    log_in(page, app.url, "candidate")
    assert page.url.endswith("/me/")
    expect(page.get_by_role("heading", name="My leadership agreement")).to_be_visible()
    assert_accessible(page)
    shots(page, "01-my-plan")

    # Update progress and evidence of one of my commitments.
    page.get_by_role("link", name=re.compile("^Update progress")).first.click()
    assert_accessible(page)
    page.get_by_label("Status").select_option(label="In progress")
    page.get_by_label("Progress (%)").fill("50")
    page.get_by_label("Progress notes and evidence").fill("Enrolled; first module passed.")
    page.get_by_role("button", name="Save progress").click()
    page.wait_for_load_state()
    assert page.url.endswith("/me/")
    expect(page.get_by_text("Progress saved.")).to_be_visible()
    expect(page.get_by_text("50%").first).to_be_visible()

    # Propose a new commitment.
    page.get_by_role("link", name="Propose a commitment").click()
    page.get_by_label("Side").select_option(label="The company will")
    page.get_by_label("Kind").select_option(label="Conference with trip report")
    page.get_by_label("Commitment").fill("Send me to the TSIA conference")
    page.get_by_role("button", name="Send the proposal").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Proposal sent to your sponsor.")).to_be_visible()

    # Sign the new version of the agreement.
    page.get_by_label(re.compile("I have read version 2")).check()
    page.get_by_role("button", name="Sign the agreement").click()
    page.wait_for_load_state()
    expect(page.get_by_text("You signed version 2.")).to_be_visible()

    # Write the trip report that is due.
    page.get_by_role("link", name=re.compile("^Trip report: ")).first.click()
    assert_accessible(page)
    page.get_by_label("What I learned").fill("Peers run swarming instead of tiers.")
    page.get_by_label("Ideas that could benefit us").fill("Pilot swarming for P1 cases.")
    page.get_by_role("button", name="Submit the trip report").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Trip report saved.")).to_be_visible()
    shots(page, "02-trip-report")

    # A manager's page answers the not-found page.
    page.goto(f"{app.url}/candidates/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert_accessible(page)


def test_bad_input_shows_the_error_and_saves_nothing(app, page, shots):
    log_in(page, app.url, "mentor")
    nav(page, "My mentees")
    meetings_before = page.locator(".list-group-item").count()
    page.get_by_role("link", name="Log a meeting with Casey Morgan").click()
    page.locator("#id_held_on").fill("2001-01-01")
    page.get_by_label("Shared notes (the candidate sees these)").fill("Never saved")
    page.get_by_role("button", name="Log meeting").click()
    page.wait_for_load_state()
    expect(page.get_by_text(re.compile("The pairing started on"))).to_be_visible()
    assert_accessible(page)
    shots(page, "01-meeting-error")
    nav(page, "My mentees")
    assert "Never saved" not in page.content()
    assert page.locator(".list-group-item").count() == meetings_before

    page.get_by_role("button", name="Log out").click()
    log_in(page, app.url, "manager")
    nav(page, "Development")
    page.get_by_role("link", name="Assign a rotation").click()
    page.get_by_label("Who rotates").select_option(index=1)
    page.get_by_label("Host department").select_option(label="R&D")
    page.get_by_label("Host sponsor").select_option(index=1)
    page.get_by_label("Objectives").fill("Never saved either")
    page.get_by_label("Starts on").fill((dt.date.today() + dt.timedelta(days=30)).isoformat())
    page.get_by_label("Ends on").fill((dt.date.today() + dt.timedelta(days=10)).isoformat())
    page.get_by_role("button", name="Assign").click()
    page.wait_for_load_state()
    expect(page.get_by_text("A rotation ends after it starts.")).to_be_visible()
    assert_accessible(page)
    shots(page, "02-rotation-error")
    nav(page, "Development")
    assert "Never saved either" not in page.content()
