"""A talent review run in the browser: HR creates it for the support director's part of
the org with two managers, starts it, moves a candidate with the keyboard only, a
manager moves another through the page without the board's script, and HR closes it
and reads "what moved"."""

import re

import pytest
from playwright.sync_api import expect

from candidates.models import Person
from reviews.models import ReviewMove, TalentReview

from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.e2e


def test_hr_runs_a_review_from_creation_to_what_moved(app, page, shots):
    # Long on purpose: one journey, in the order a person walks it.
    manager = Person.objects.get(user__username="manager")
    jordan = Person.objects.get(user__username="jordan")
    log_in(page, app.url, "hr")
    page.get_by_role("link", name="Reviews", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Talent reviews")
    assert_accessible(page)
    page.get_by_role("link", name="New review").click()
    page.locator("#id_name").fill("Journey review")
    page.locator("#id_scope_head").select_option(str(manager.pk))
    page.locator("#id_participants").select_option([str(manager.pk), str(jordan.pk)])
    assert_accessible(page)
    page.get_by_role("button", name="Create review").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Journey review")
    expect(page.get_by_role("alert")).to_contain_text("candidates on the agenda")
    assert_accessible(page)
    page.get_by_role("button", name="Start the review").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Journey review")
    expect(page.locator("#distribution")).to_contain_text("Top box")
    assert_accessible(page)
    shots(page, "01-board")

    # Keyboard only: focus a card's Move button, Enter opens the dialog on the cell
    # choice; arrow to another cell, Tab to the reason, type it, Enter moves.
    move = page.locator(".board-card [data-move]").first
    name = move.get_attribute("aria-label").removeprefix("Move ")
    move.focus()
    page.keyboard.press("Enter")
    dialog = page.locator("#move-dialog")
    expect(dialog).to_be_visible()
    expect(page.locator("#move-cell")).to_be_focused()
    before = page.locator("#move-cell").input_value()
    page.keyboard.press("ArrowDown" if before != "3-1" else "ArrowUp")
    page.keyboard.press("Tab")
    page.keyboard.type("Calibrated against peers in the room.")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("Moved")
    review = TalentReview.objects.get(name="Journey review")
    moved = ReviewMove.objects.get(review=review)
    assert (moved.candidate.person.full_name, moved.reason) == (
        name,
        "Calibrated against peers in the room.",
    )

    # A manager, without the dialog: the candidate's page and its plain form.
    page.context.clear_cookies()
    log_in(page, app.url, "manager")
    page.goto(f"{app.url}/reviews/{review.pk}/board/")
    second = page.locator(".board-card a:not([data-move])").nth(1)
    other = second.inner_text()
    second.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(other)
    assert_accessible(page)
    page.locator("#move").get_by_role("button", name="Move").click()
    expect(page.locator("#move")).to_contain_text("Give the reason")
    page.locator("#move select[name=cell]").select_option("1-1")
    page.locator("#move textarea[name=reason]").fill("Missed two quarters of goals.")
    page.locator("#move").get_by_role("button", name="Move").click()
    expect(page.get_by_role("alert")).to_contain_text("Moved")
    page.locator("#id_kind").select_option("conversation")
    page.locator("#id_description").fill("Talk about the goals before the next review.")
    page.get_by_role("button", name="Record the decision").click()
    expect(page.get_by_role("alert")).to_contain_text("Decision recorded")
    shots(page, "02-candidate-in-review")

    # HR closes it; "what moved" shows both moves with their reasons.
    page.context.clear_cookies()
    log_in(page, app.url, "hr")
    page.goto(f"{app.url}/reviews/{review.pk}/")
    page.once("dialog", lambda d: d.accept())
    page.get_by_role("button", name="Close the review").click()
    expect(page.get_by_role("heading", name="What moved")).to_be_visible()
    expect(page.locator("main")).to_contain_text("Calibrated against peers in the room.")
    expect(page.locator("main")).to_contain_text("Missed two quarters of goals.")
    expect(page.locator("main")).to_contain_text(re.compile(r"\d+ up, \d+ down"))
    assert_accessible(page)
    shots(page, "03-what-moved")
