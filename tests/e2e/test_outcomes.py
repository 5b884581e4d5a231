"""Did it come true, in the browser: HR records a newcomer taking a key seat in the
manager's line; six months on, the manager finds the answer owed on the outcomes report,
says how it is going, and sees it counted."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from candidates.models import Candidate, Person
from common.dates import months_after
from succession.models import KeyPosition, PositionFill

from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.e2e


def _seat_and_newcomer(manager: Person) -> tuple[KeyPosition, Person]:
    """A seat of the manager's line and someone of their line outside the pool."""
    position = (
        KeyPosition.objects.filter(
            is_active=True, incumbent__reporting_path__startswith=manager.reporting_path
        )
        .exclude(incumbent=manager)
        .order_by("pk")
        .first()
    )
    newcomer = (
        Person.objects.filter(
            is_active=True, reporting_path__startswith=manager.reporting_path, level__gte=2
        )
        .exclude(pk__in=Candidate.objects.values("person_id"))
        .exclude(pk__in=PositionFill.objects.values("person_id"))
        .exclude(pk__in=[manager.pk, position.incumbent_id])
        .order_by("pk")
        .first()
    )
    return position, newcomer


def test_a_fill_recorded_then_answered_six_months_on(app, page, shots):
    manager = Person.objects.get(user__username="manager")
    position, newcomer = _seat_and_newcomer(manager)

    log_in(page, app.url, "hr")
    page.goto(f"{app.url}{position.get_absolute_url()}")
    page.get_by_role("link", name="Filled from outside the pool…").click()
    page.get_by_label("Their e-mail in the directory").fill(newcomer.email)
    page.get_by_role("button", name="Record the new incumbent").click()
    expect(page.get_by_role("alert")).to_contain_text(f"{newcomer.full_name} recorded as the new")

    # Six months and a few days pass.
    fill = PositionFill.objects.get(position=position, person=newcomer)
    fill.filled_on = months_after(timezone.localdate(), -6) - dt.timedelta(days=3)
    fill.save(update_fields=["filled_on"])

    page.context.clear_cookies()
    log_in(page, app.url, "manager")
    page.get_by_role("link", name="Reports").click()
    page.get_by_role("link", name="Did it come true?").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Did it come true")
    assert_accessible(page)
    row = page.locator("[data-fills] tr", has_text=newcomer.full_name).filter(
        has_text=position.title
    )
    expect(row).to_contain_text("from outside")
    expect(row).to_contain_text("due")
    shots(page, "01-outcomes")

    row.get_by_role("link", name=f"Answer for {newcomer.full_name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"{newcomer.full_name} as {position.title}"
    )
    assert_accessible(page)
    page.get_by_label("Struggling").check()
    page.get_by_label("Note").fill(
        "Still learning the escalation desk; pairing them with a mentor."
    )
    page.get_by_role("button", name="Save the answer").click()
    expect(page.get_by_role("alert")).to_contain_text("at 6 months: struggling")
    expect(page.locator("[data-answers]")).to_contain_text("Struggling")
    shots(page, "02-answered")

    page.get_by_role("link", name="Back to outcomes").click()
    row = page.locator("[data-fills] tr", has_text=newcomer.full_name).filter(
        has_text=position.title
    )
    expect(row).to_contain_text("Struggling")
    expect(page.locator("[data-by-readiness]")).to_contain_text("Not on the seat's slate")
