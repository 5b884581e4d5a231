"""Django admin under the strict Content-Security-Policy: the pages an administrator
uses to lift a lockout or correct a person render with no violation."""

import pytest

from candidates.models import Person

from .conftest import log_in

pytestmark = pytest.mark.e2e


def test_admin_pages_render_without_a_policy_violation(app, page):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    log_in(page, app.url, "admin")
    person = Person.objects.order_by("pk").first()
    for path in (
        "/admin/",
        "/admin/axes/accessattempt/",
        "/admin/audit/auditevent/",
        "/admin/candidates/person/",
        f"/admin/candidates/person/{person.pk}/change/",
    ):
        page.goto(f"{app.url}{path}")
        page.wait_for_load_state("networkidle")
        assert page.locator("#content").count() == 1, path
    assert violations == []
