"""The loops a manager, a mentor and a candidate close in their first week, walked end to
end in the browser through the UI only."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.e2e


def test_mentor_logs_a_meeting_closing_an_item_and_edits_it(app, page, shots):
    log_in(page, app.url, "mentor")
    expect(page.get_by_role("heading", level=1)).to_have_text("My mentees")
    page.get_by_role("link", name="All meetings with Casey Morgan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Casey Morgan")
    assert_accessible(page)
    page.get_by_role("link", name="Log a meeting").first.click()
    page.wait_for_load_state()
    assert_accessible(page)
    open_items = page.locator("#div_id_items_done")
    expect(open_items).to_contain_text("Open action items")
    done_box = open_items.get_by_role("checkbox").first
    ticked = done_box.evaluate("e => e.labels[0].innerText.split(' (')[0]")
    done_box.check()
    page.get_by_label("Shared notes (the candidate sees these)").fill("Walked through the Q3 plan.")
    page.locator("#id_items-0-description").fill("Draft the Q3 escalation policy")
    page.get_by_role("button", name="Log meeting").click()
    page.wait_for_load_state()
    expect(page.get_by_role("alert")).to_contain_text("logged")
    shots(page, "01-mentor-home")
    # The new meeting is editable from the mentor home.
    page.get_by_role(
        "link", name=re.compile(r"^Edit the meeting of .* with Casey Morgan")
    ).first.click()
    page.wait_for_load_state()
    page.get_by_label("Shared notes (the candidate sees these)").fill(
        "Walked through the Q3 plan and the budget."
    )
    page.get_by_role("button", name="Save changes").click()
    page.wait_for_load_state()
    expect(page.get_by_role("alert")).to_contain_text("Meeting updated")
    page.get_by_role("link", name="All meetings with Casey Morgan").click()
    expect(page.get_by_text("Walked through the Q3 plan and the budget.")).to_be_visible()
    # The item ticked in the form is done: it offers "Reopen" now.
    expect(page.locator("button", has_text="Reopen").filter(has_text=ticked).first).to_be_visible()


def test_candidate_closes_an_item_and_follows_a_proposal(app, page, shots):
    log_in(page, app.url, "candidate")
    expect(page.get_by_role("heading", level=1)).to_have_text("My plan")
    buttons = page.get_by_role("button", name=re.compile(r"^Mark done\s*:"))
    before = buttons.count()
    assert before > 0  # the demo candidate has open action items
    buttons.first.click()
    page.wait_for_load_state()
    expect(page.get_by_role("alert")).to_contain_text("done")
    assert page.get_by_role("button", name=re.compile(r"^Mark done\s*:")).count() == before - 1
    page.get_by_role("link", name="Propose a commitment").click()
    page.wait_for_load_state()
    page.get_by_label("Commitment").fill("Shadow the VP in one quarterly business review")
    page.get_by_role("button", name="Send the proposal").click()
    page.wait_for_load_state()
    page.goto(f"{app.url}/me/")
    proposals = page.get_by_role("heading", name="What I proposed").locator(
        "xpath=following-sibling::ul[1]"
    )
    expect(proposals).to_contain_text("Shadow the VP in one quarterly business review")
    expect(proposals).to_contain_text("Waiting for")
    assert_accessible(page)
    shots(page, "02-my-plan")


def test_manager_rates_competencies_changes_status_and_cancels_with_a_reason(app, page, shots):
    log_in(page, app.url, "manager")
    page.get_by_role("link", name="Casey Morgan").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Casey Morgan")
    profile = page.url

    page.get_by_role("link", name="Rate competencies").first.click()
    page.get_by_label("Empathy").select_option("5")
    page.get_by_label("Communication").select_option("2")
    page.get_by_label("Note (what you saw)").fill("Calm on the outage bridge.")
    page.get_by_role("button", name="Save ratings").click()
    page.wait_for_load_state()
    expect(page.get_by_role("alert")).to_contain_text("Competency ratings saved")
    page.get_by_text("Ratings by managers, newest first").click()
    expect(page.get_by_text("Calm on the outage bridge.").first).to_be_visible()
    assert_accessible(page)
    shots(page, "03-competencies")

    # The status form starts on the current status; graduating needs its position.
    page.get_by_role("link", name="Change status").click()
    expect(page.get_by_label("Status")).to_have_value("active")
    page.get_by_label("Status").select_option("graduated")
    page.get_by_role("button", name="Change status").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Choose the key position they graduate into")).to_be_visible()
    page.goto(profile)

    # Send to a conference, then call it off with a reason: it stays, marked.
    page.get_by_role("link", name=re.compile("conference", re.I)).first.click()
    page.wait_for_load_state()
    page.get_by_label("Name").fill("Support Leaders Forum")
    page.get_by_label("Starts on").fill("2027-03-10")
    page.get_by_label("Ends on").fill("2027-03-11")
    page.get_by_label("Trip report due").fill("2027-03-25")
    page.get_by_label("Budget").fill("-10")
    page.get_by_role("button", name="Assign").click()
    page.wait_for_load_state()
    expect(page.get_by_text("greater than or equal to 0")).to_be_visible()
    page.get_by_label("Budget").fill("1200")
    page.get_by_role("button", name="Assign").click()
    page.wait_for_load_state()
    expect(page.get_by_role("heading", level=1)).to_have_text("Support Leaders Forum")
    page.get_by_role("link", name="Cancel…").click()
    page.get_by_label("Why is it cancelled?").fill("Travel budget frozen this quarter")
    page.get_by_role("button", name="Cancel it").click()
    page.wait_for_load_state()
    expect(page.get_by_text("Travel budget frozen this quarter")).to_be_visible()
    page.goto(profile)
    expect(page.get_by_text("Cancelled: conference Support Leaders Forum")).to_be_visible()
    shots(page, "04-profile-after")


def test_a_long_person_picker_searches_as_you_type(app, page):
    """The demo org of 80 leaves more people to nominate than a list shows (50): the
    picker holds its first 20 and asks the page for the rest as HR types."""
    log_in(page, app.url, "hr")
    page.goto(f"{app.url}/candidates/nominate/")
    select = page.locator("select[name=person]")
    assert select.locator("option").count() == 21  # the empty choice and the first 20
    search = page.get_by_role("combobox", name="Person")
    search.fill("engineer")
    results = page.get_by_role("listbox")
    expect(results.get_by_role("option").first).to_be_visible()
    found = results.get_by_role("option").all_inner_texts()
    assert found and all("engineer" in text.lower() for text in found)
    search.press("ArrowDown")
    search.press("Enter")
    assert select.evaluate("s => s.selectedOptions[0].text") == found[0]
    assert search.input_value() == found[0]
