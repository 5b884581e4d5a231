"""Every main page fits a phone (390 px wide): no sideways scrolling, even with a
10,000-character word in a note; one error box on a failed login; a favicon."""

import pytest
from django.contrib.auth.models import User

from candidates.models import Candidate, Person
from insights.models import Insight
from mentorship.models import Meeting, MentorPairing
from programme.models import Application, Cohort, Intake
from reviews.models import TalentReview
from succession.models import KeyPosition, PositionFill

from .conftest import PASSWORD, assert_accessible

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}
OVERFLOW = "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
# What sticks out, to say so when a page does not fit.
WIDEST = """() => {
  const limit = document.documentElement.clientWidth;
  return [...document.querySelectorAll('body *')]
    .filter((el) => el.getBoundingClientRect().right > limit + 1)
    .filter((el) => !el.closest('.table-responsive') || el.classList.contains('table-responsive'))
    .slice(0, 5)
    .map((el) => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')}`
      + ` (${Math.round(el.getBoundingClientRect().right)} px)`);
}"""


def log_in_as(page, base_url, username):
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()


def fits(page, base_url, path, shots, name):
    page.goto(f"{base_url}{path}")
    page.wait_for_load_state()
    assert page.evaluate("() => document.readyState") == "complete"
    overflow = page.evaluate(OVERFLOW)
    shots(page, f"phone-{name}")
    if overflow > 0:
        wide = page.evaluate(WIDEST)
        raise AssertionError(f"{path} scrolls sideways by {overflow} px at 390 px: {wide}")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow} px at 390 px"


def test_every_main_page_fits_a_phone(app, browser, shots):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1)
    page = context.new_page()
    page.set_default_timeout(15_000)
    casey = Candidate.objects.get(person__email="candidate@example.com")
    pairing = MentorPairing.objects.filter(candidate=casey).exclude(status="ended").first()
    meeting = Meeting.objects.filter(pairing=pairing).order_by("-held_on").first()
    meeting.shared_notes = "x" * 10_000  # a pasted token, one word
    meeting.save(update_fields=["shared_notes"])
    position = KeyPosition.objects.order_by("-level").first()
    closed = TalentReview.objects.get(state="closed")
    draft = TalentReview.objects.get(state="draft")
    nomination = casey.nominations.filter(is_active=True).first()
    manager = Person.objects.get(user__username="manager")
    incumbent = (
        Person.objects.filter(
            is_active=True,
            reporting_path__startswith=manager.reporting_path,
            key_positions_held__isnull=False,
        )
        .exclude(pk=manager.pk)
        .first()
    )

    log_in_as(page, app.url, "manager")
    for path, name in [
        ("/candidates/", "pool"),
        ("/candidates/ninebox/", "ninebox"),
        ("/candidates/positions/", "positions"),
        (f"/candidates/positions/{position.pk}/", "position"),
        (f"/candidates/{casey.pk}/", "profile"),
        ("/candidates/development/", "development"),
        (f"/agreements/{casey.agreements.first().pk}/", "agreement"),
        ("/mentorship/notifications/", "notifications"),
        ("/reviews/", "reviews"),
        (f"/reviews/{closed.pk}/", "review-agenda"),
        (f"/reviews/{closed.pk}/board/", "review-board"),
        (f"/reviews/{closed.pk}/moved/", "review-moved"),
        (f"/reviews/{closed.pk}/agenda/{closed.agenda.first().pk}/", "review-candidate"),
        (f"/reviews/{draft.pk}/edit/", "review-edit"),
        ("/reviews/new/", "review-new"),
        (f"/candidates/nominations/{nomination.pk}/readiness/", "readiness"),
        (f"/candidates/{casey.pk}/plan/", "plan"),
        ("/reports/", "reports"),
        ("/candidates/development/rotations/host/", "rotation-host"),
        (f"/candidates/people/{incumbent.pk}/flight-risk/", "flight-risk"),
        ("/candidates/positions/coverage/", "coverage"),
        (f"/candidates/positions/{nomination.position_id}/compare/", "compare"),
        (f"/mentorship/pairings/new/?candidate={casey.pk}", "pair-suggestions"),
        (f"/candidates/development/shadowing/{casey.shadowings.first().pk}/", "shadowing"),
    ]:
        fits(page, app.url, path, shots, name)
    context.clear_cookies()

    log_in_as(page, app.url, "hr")
    for path, name in [
        ("/candidates/targets/", "targets"),
        (f"/candidates/positions/{position.pk}/targets/", "position-targets"),
        ("/candidates/development/ideas/", "catalogue"),
        (f"/candidates/positions/{position.pk}/fill/", "fill"),
        ("/audit/", "audit"),
        ("/candidates/people/import/", "people-import"),
        ("/candidates/positions/new/", "position-new"),
        (f"/candidates/positions/{position.pk}/edit/", "position-edit"),
        ("/candidates/competencies/", "competencies"),
        ("/candidates/people/new/", "person-new"),
        (f"/candidates/people/{casey.person_id}/edit/", "person-edit"),
        ("/candidates/people/provisioning/", "provisioning"),
        ("/support-data/", "support-data"),
        (f"/candidates/{casey.pk}/support/", "support-record"),
        (f"/candidates/positions/{position.pk}/must-haves/", "must-haves"),
        (f"/candidates/positions/{position.pk}/cover/", "cover"),
        ("/reports/outcomes/", "outcomes"),
        ("/reports/calibration/", "calibration"),
        (
            f"/candidates/fills/{PositionFill.objects.order_by('pk').first().pk}/outcome/",
            "fill-outcome",
        ),
        ("/mentorship/mentors/", "mentors"),
        ("/programme/", "programme"),
        ("/programme/intakes/new/", "intake-new"),
        (f"/programme/intakes/{Intake.objects.order_by('-opens_on').first().pk}/", "intake"),
        (
            f"/programme/applications/{Application.objects.order_by('pk').first().pk}/",
            "application",
        ),
        (f"/programme/cohorts/{Cohort.objects.first().pk}/", "cohort"),
        ("/insights/", "insights"),
        ("/insights/areas/", "product-areas"),
        (f"/insights/{Insight.objects.order_by('pk').first().pk}/", "insight"),
    ]:
        fits(page, app.url, path, shots, name)
    context.clear_cookies()

    log_in_as(page, app.url, "mentor")
    fits(page, app.url, "/mentorship/", shots, "mentor-home")
    fits(page, app.url, f"/mentorship/pairings/{pairing.pk}/meetings/", shots, "meetings")
    fits(page, app.url, f"/mentorship/pairings/{pairing.pk}/meetings/new/", shots, "log-meeting")
    context.clear_cookies()

    log_in_as(page, app.url, "candidate")
    fits(page, app.url, "/me/", shots, "my-plan")
    fits(page, app.url, "/me/own-words/", shots, "own-words")
    fits(page, app.url, f"/mentorship/meetings/{meeting.pk}/rate/", shots, "rate-meeting")
    fits(page, app.url, "/programme/apply/", shots, "apply")
    fits(page, app.url, "/insights/new/", shots, "insight-new")
    context.clear_cookies()
    fits(page, app.url, "/accounts/login/", shots, "login")
    context.close()


def test_a_failed_login_shows_one_error_box_and_the_page_has_a_favicon(app, page):
    page.goto(f"{app.url}/accounts/login/")
    page.get_by_label("Username").fill("manager")
    page.get_by_label("Password").fill("wrong")
    page.get_by_role("button", name="Log in").click()
    page.wait_for_load_state()
    assert page.locator(".alert-danger").count() == 1
    assert page.locator("#div_id_username .invalid-feedback, .errorlist").count() == 0
    assert_accessible(page)
    icon = page.locator("link[rel=icon]").get_attribute("href")
    assert page.request.get(f"{app.url}{icon}").ok
    assert page.request.get(f"{app.url}/favicon.ico").ok
    assert User.objects.filter(username="manager").exists()


KEY_FIELDS = """(selectors) => {
  const width = document.documentElement.clientWidth;
  const row = document.querySelector('table.stack-on-phone tbody tr');
  return selectors.map((s) => {
    const el = row.querySelector(s);
    if (!el) return [s, 'missing'];
    const box = el.getBoundingClientRect();
    return [s, box.width > 0 && box.left >= 0 && box.right <= width + 1 ? 'visible' : `off (${Math.round(box.left)}–${Math.round(box.right)} px)`];
  });
}"""
BROKEN_WORDS = """() => [...document.querySelectorAll('.ninebox-cell .fw-semibold')]
  .filter((el) => {
    const range = document.createRange();
    range.selectNodeContents(el);
    const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
    const words = el.textContent.trim().split(/\\s+/).length;
    return lines.size > words;  // more lines than words: a word was cut
  }).map((el) => el.textContent.trim())"""


def test_on_a_phone_the_pool_and_positions_show_name_readiness_and_risk_first(app, browser):
    context = browser.new_context(viewport=PHONE, device_scale_factor=1)
    page = context.new_page()
    log_in_as(page, app.url, "manager")
    page.goto(f"{app.url}/candidates/")
    fields = dict(
        page.evaluate(KEY_FIELDS, ["td.cell-name a", "td.cell-readiness", "td.cell-risk .badge"])
    )
    assert set(fields.values()) == {"visible"}, fields
    assert page.evaluate(OVERFLOW) <= 0
    page.goto(f"{app.url}/candidates/positions/")
    fields = dict(
        page.evaluate(KEY_FIELDS, ["td.cell-name a", "td.cell-readiness", "td.cell-status"])
    )
    assert set(fields.values()) == {"visible"}, fields
    assert page.evaluate(OVERFLOW) <= 0
    page.goto(f"{app.url}/candidates/ninebox/")
    assert page.evaluate(BROKEN_WORDS) == []
    context.close()
