"""Readiness you can defend, in the browser: the demo manager finds a stale ready-now
successor on the key positions, reviews the evidence behind it, confirms it, then builds
two commitments from the successor's competency gaps."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from agreements.models import Commitment
from candidates.models import Person
from development.models import GapCommitment
from succession.models import ReadinessChange, SuccessorNomination
from succession.staleness import readiness_stale_q

from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.e2e


def test_a_manager_confirms_a_stale_successor_and_plans_from_the_gaps(app, page, shots):
    manager = Person.objects.get(user__username="manager")
    stale = SuccessorNomination.objects.select_related("candidate__person", "position").get(
        readiness_stale_q(timezone.localdate()),
        is_active=True,
        readiness="ready_now",
        candidate__person__reporting_path__startswith=manager.reporting_path,
    )
    name = stale.candidate.person.full_name
    log_in(page, app.url, "manager")
    page.get_by_role("link", name="Key positions").click()
    row = page.locator("tr", has=page.get_by_role("link", name=stale.position.title))
    expect(row).to_contain_text("1 of them stale")
    row.get_by_role("link", name=stale.position.title).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(stale.position.title)
    expect(page.locator("section[aria-labelledby=bench]")).to_contain_text("1 of them stale")
    assert_accessible(page)
    shots(page, "01-position")

    page.get_by_role("link", name=f"Readiness & evidence of {name}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)
    expect(page.locator("[data-stale]")).to_have_text("Stale")
    assert_accessible(page)
    # Review the evidence: attach the newest item of the record, if there is one.
    items = page.locator(".evidence-list input[type=checkbox]")
    if items.count():
        items.first.check()
        page.get_by_role("button", name="Save readiness and evidence").click()
        expect(page.get_by_role("alert")).to_contain_text("Readiness and its evidence saved")
        expect(page.locator("[data-evidence] li")).to_have_count(1)
    shots(page, "02-evidence")
    page.get_by_role("button", name="Confirm ready now").click()
    expect(page.get_by_role("alert")).to_contain_text("Ready now confirmed")
    expect(page.locator("#state-heading").locator("..")).to_contain_text("Current")
    change = ReadinessChange.objects.filter(nomination=stale).latest("pk")
    assert (change.kind, change.changed_by, change.changed_on) == (
        "confirmed",
        manager,
        timezone.localdate(),
    )

    # From the profile's gaps to the plan: two suggestions become proposals.
    page.get_by_role("link", name="Profile").click()
    expect(page.locator("#targets-heading")).to_be_visible()
    page.get_by_role("link", name="Plan from gaps").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("development plan")
    assert_accessible(page)
    picks = page.locator("input[name=picks]:not([disabled])")
    picks.nth(0).check()
    picks.nth(1).check()
    page.get_by_label("The company will").check()
    shots(page, "03-plan")
    page.get_by_role("button", name="Propose on the agreement").click()
    expect(page.get_by_role("alert")).to_contain_text(re.compile(r"2 commitments proposed"))
    made = GapCommitment.objects.filter(candidate=stale.candidate)
    assert made.count() == 2
    assert all(g.commitment.proposal == Commitment.Proposal.PROPOSED for g in made)
    assert all(g.commitment.side == "company" for g in made)
    # Not offered again while open (under every position whose gap it answers).
    chosen = {g.idea.description for g in made}
    for description in chosen:
        expect(page.get_by_text(f"{description} (already proposed)").first).to_be_visible()
