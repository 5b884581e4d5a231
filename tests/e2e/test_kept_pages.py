"""Kept pages in the browser: a manager's pool, shown again from the cache, changes as
soon as a mentor logs a meeting in another browser."""

import pytest
from playwright.sync_api import expect

from .conftest import log_in

pytestmark = pytest.mark.e2e


def casey_row(page):
    return page.get_by_role("row").filter(has=page.get_by_role("link", name="Casey Morgan"))


def test_a_meeting_logged_elsewhere_shows_on_the_managers_kept_pool(app, browser, shots):
    manager = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(manager, app.url, "manager")
    expect(manager.get_by_role("heading", level=1)).to_have_text("Talent pool")
    before = casey_row(manager).inner_text()
    with manager.expect_response(lambda r: r.url.endswith("/candidates/")) as shown_again:
        manager.reload()
    assert shown_again.value.headers.get("x-page-cache") == "hit"
    assert casey_row(manager).inner_text() == before
    assert "today" not in before

    mentor = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    log_in(mentor, app.url, "mentor")
    mentor.goto(f"{app.url}/mentorship/")
    mentor.get_by_role("link", name="Log a meeting with Casey Morgan").click()
    mentor.get_by_label("Duration (minutes)").fill("30")
    mentor.get_by_label("Shared notes (the candidate sees these)").fill("Escalation review.")
    mentor.get_by_role("button", name="Log meeting").click()
    expect(mentor.get_by_role("alert")).to_contain_text("Meeting with Casey Morgan logged")

    with manager.expect_response(lambda r: r.url.endswith("/candidates/")) as made_again:
        manager.reload()
    assert made_again.value.headers.get("x-page-cache") == "miss"
    expect(casey_row(manager)).to_contain_text("today")
    shots(manager, "pool-after-the-meeting")
