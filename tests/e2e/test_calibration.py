"""Calibration checks, in the browser: a manager rates three people of their line low on
the rate form; HR opens the calibration checks and finds that rater flagged below
everyone else, with the page's other checks beside it."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from candidates.models import Candidate, CandidateStatus, Person

from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.e2e


def test_a_rater_skewed_low_is_flagged_for_hr(app, page, shots):
    manager = Person.objects.get(user__username="manager")
    line = list(
        Candidate.objects.filter(
            status=CandidateStatus.ACTIVE,
            person__reporting_path__startswith=manager.reporting_path,
        )
        .exclude(person=manager)
        .order_by("pk")[:3]
    )
    assert len(line) == 3

    log_in(page, app.url, "manager")
    for candidate in line:
        page.goto(f"{app.url}{reverse('candidates:rate', args=[candidate.pk])}")
        page.get_by_label("Performance").select_option("1")
        page.get_by_label("Potential").select_option("1")
        page.get_by_label("Reason for this rating").fill("Missed the quarter's goals.")
        page.get_by_role("button", name="Save rating").click()
        expect(page.get_by_role("alert")).to_be_visible()

    page.context.clear_cookies()
    log_in(page, app.url, "hr")
    page.get_by_role("link", name="Reports").click()
    page.get_by_role("link", name="Calibration checks").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Calibration checks")
    assert_accessible(page)
    flagged = page.locator("[data-raters] li", has_text=manager.full_name)
    expect(flagged).to_contain_text("below")
    expect(page.locator("[data-gap=Level]")).to_be_visible()
    expect(page.locator("[data-claims]")).to_be_visible()
    shots(page, "01-calibration")
