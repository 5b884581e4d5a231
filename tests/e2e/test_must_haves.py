"""Readiness that must be earned, in the browser: HR lists a must-have on a key position,
the nominating manager's "ready now" is refused for want of evidence, and in a talent
review HR decides it with a written reason, shown as a human decision on the agenda and
the position."""

import pytest
from playwright.sync_api import expect

from candidates.models import Person
from reviews import services as review_services
from reviews.models import ReviewCandidate
from succession.models import KeyPosition, MustHave, Readiness, SuccessorNomination
from tests.factories import actor_of

from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.e2e


def _a_successor_short_of_ready(manager: Person) -> SuccessorNomination:
    return (
        SuccessorNomination.objects.filter(
            is_active=True,
            nominated_by=manager,
            readiness=Readiness.ONE_TO_TWO_YEARS,
            candidate__person__reporting_path__startswith=manager.reporting_path,
            candidate__person__level__gte=1,
        )
        .select_related("candidate__person", "position")
        .order_by("pk")
        .first()
    )


def test_ready_now_is_refused_without_evidence_then_decided_in_a_review(app, page, shots):
    # Long on purpose: one journey, in the order its people walk it.
    manager = Person.objects.get(user__username="manager")
    hr = Person.objects.get(user__username="hr")
    nomination = _a_successor_short_of_ready(manager)
    position, name = nomination.position, nomination.candidate.person.full_name
    MustHave.objects.filter(position=position).delete()  # the journey lists its own

    # HR lists what a successor must have shown.
    log_in(page, app.url, "hr")
    page.goto(f"{app.url}{position.get_absolute_url()}")
    page.get_by_role("link", name="Keep the must-haves").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Must-haves of {position.title}")
    assert_accessible(page)
    page.get_by_label("What they must have shown").fill("Led a Sev-1 incident as incident lead")
    page.get_by_label("Led a Sev-1 incident (support record)").check()
    page.get_by_label("Within the last (months)").fill("6")
    page.get_by_role("button", name="Add it").click()
    expect(page.get_by_role("alert")).to_contain_text("Must-have added")
    expect(page.locator("[data-must-haves]")).to_contain_text("within 6 months")
    shots(page, "01-must-haves")

    # The nominating manager asks for "ready now" and is told what is missing.
    page.context.clear_cookies()
    log_in(page, app.url, "manager")
    page.goto(f"{app.url}/candidates/nominations/{nomination.pk}/readiness/")
    expect(page.locator("[data-must-have=unmet]")).to_contain_text("Led a Sev-1 incident")
    expect(page.locator("textarea[name=override_reason]")).to_have_count(0)  # not theirs
    page.locator("#id_readiness").select_option("ready_now")
    page.locator("#id_note").fill("Ran the queue all quarter")
    page.get_by_role("button", name="Save readiness and evidence").click()
    expect(page.locator("body")).to_contain_text("needs fresh evidence for every must-have")
    assert_accessible(page)
    shots(page, "02-refused")
    nomination.refresh_from_db()
    assert nomination.readiness == Readiness.ONE_TO_TWO_YEARS

    # In the talent review HR facilitates, the refusal again, then HR's decision.
    review = review_services.review_start(
        actor=actor_of(hr),
        review=review_services.review_create(
            actor=actor_of(hr),
            name="Must-haves review",
            held_on=nomination.nominated_on,
            scope="line",
            scope_head=manager,
            scope_positions=[],
            facilitator=hr,
            participants=[manager],
        ),
    )
    entry = ReviewCandidate.objects.get(review=review, candidate=nomination.candidate)
    page.context.clear_cookies()
    log_in(page, app.url, "hr")
    page.goto(f"{app.url}{entry.get_absolute_url()}")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    form = page.locator("form", has=page.locator(f"[name=n{nomination.pk}-readiness]"))
    form.locator(f"[name=n{nomination.pk}-readiness]").select_option("ready_now")
    form.locator(f"[name=n{nomination.pk}-reason]").fill("Carried the spring outage bridge.")
    form.get_by_role("button", name="Change").click()
    expect(page.locator("body")).to_contain_text("needs fresh evidence for every must-have")
    form = page.locator("form", has=page.locator(f"[name=n{nomination.pk}-readiness]"))
    form.locator(f"[name=n{nomination.pk}-readiness]").select_option("ready_now")
    form.locator(f"[name=n{nomination.pk}-reason]").fill("Carried the spring outage bridge.")
    form.get_by_label("decide it").check()
    form.get_by_role("button", name="Change").click()
    expect(page.get_by_role("alert")).to_contain_text("Readiness changed.")
    expect(page.locator("[data-human-decision]").first).to_be_visible()
    assert_accessible(page)
    shots(page, "03-decided")
    nomination.refresh_from_db()
    assert (nomination.readiness, nomination.override_by) == (Readiness.READY_NOW, hr)

    page.goto(f"{app.url}{review.get_absolute_url()}")
    expect(page.locator("[data-human-decision]").first).to_be_visible()
    page.goto(f"{app.url}{position.get_absolute_url()}")
    expect(page.locator("#left-tomorrow")).to_be_visible()
    expect(page.locator("[data-human-decision]").first).to_be_visible()
    shots(page, "04-position")


def test_hr_names_an_acting_cover_and_a_manager_reads_the_coverage(app, page, shots):
    manager = Person.objects.get(user__username="manager")
    position = (
        KeyPosition.objects.filter(
            is_active=True,
            acting_cover=None,
            incumbent__reporting_path__startswith=manager.reporting_path,
        )
        .exclude(incumbent=manager)
        .order_by("title")
        .first()
    )
    log_in(page, app.url, "manager")
    page.goto(f"{app.url}/candidates/positions/")
    page.get_by_role("link", name="Coverage by time zone").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Coverage by time zone")
    assert_accessible(page)
    zone = page.locator(f'[data-zone="{position.time_zone}"]')
    expect(zone).to_contain_text(position.title)
    shots(page, "05-coverage")

    page.context.clear_cookies()
    log_in(page, app.url, "hr")
    page.goto(f"{app.url}{position.get_absolute_url()}")
    page.locator("[data-acting-cover]").get_by_role("link", name="Name one").click()
    assert_accessible(page)
    page.get_by_role("combobox", name="Acting cover").fill(manager.full_name)
    page.get_by_role("listbox").get_by_role("option").first.click()
    page.get_by_label("Can step in from").fill("2027-01-04")
    page.get_by_label("Note").fill("Knows the queue; two weeks' notice.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text(f"{manager.full_name} covers")
    expect(page.locator("[data-acting-cover]")).to_contain_text(manager.full_name)
    position.refresh_from_db()
    assert position.acting_cover == manager
    shots(page, "06-covered")
