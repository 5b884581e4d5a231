"""What a new team tries first, walked in the browser as its users do."""

import pytest
from playwright.sync_api import expect

from agreements.models import LeadershipAgreement
from candidates.models import Candidate

from .conftest import log_in

pytestmark = pytest.mark.e2e


def test_an_agreement_saves_with_the_form_as_it_is_first_shown(app, page):
    """The blank extra commitment row (its side and kind preselected) is left alone: the
    draft saves at the first try, with the template's commitments and nothing else."""
    candidate = (
        Candidate.objects.filter(agreements=None).select_related("person").order_by("pk").first()
    )
    log_in(page, app.url, "hr")
    page.goto(f"{app.url}/candidates/{candidate.pk}/")
    page.get_by_role("link", name="Start a leadership agreement").click()
    sponsor = page.get_by_label("Executive sponsor")
    sponsor.select_option(index=1)
    shown = page.locator("textarea[name$='-description']").count()
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    agreement = LeadershipAgreement.objects.get(candidate=candidate)
    assert agreement.status == LeadershipAgreement.Status.DRAFT
    assert agreement.commitments.count() == shown - 1  # every row but the blank one
