"""Company sign-in in a real browser against a real OpenID Connect provider process
(tests/oidc): the authorisation-code flow through the provider's login form, a walk of
the confidential pages with no Content-Security-Policy violation, the logout that ends
the provider's session too, and an e-mail the directory does not know."""

import copy

import pytest

from candidates.models import Person
from supportlead import sso
from tests.oidc_provider import CLIENT_ID, CLIENT_SECRET, provider_running

from .conftest import assert_accessible

pytestmark = pytest.mark.e2e


@pytest.fixture
def company_sign_in(app, settings):
    with provider_running(app_urls=[app.url]) as provider:
        settings.OIDC_ISSUER = provider.issuer
        settings.SSO_ENABLED = True
        settings.OIDC_RP_CLIENT_ID = CLIENT_ID
        settings.OIDC_RP_CLIENT_SECRET = CLIENT_SECRET
        settings.OIDC_PROVIDER_NAME = "Acme sign-in"
        policy = copy.deepcopy(settings.CONTENT_SECURITY_POLICY)
        policy["DIRECTIVES"]["form-action"].append(provider.issuer)  # as settings.py does
        settings.CONTENT_SECURITY_POLICY = policy
        sso._discovered.clear()
        yield provider
        sso._discovered.clear()


def at_provider_log_in(page, provider, login: str) -> None:
    assert page.url.startswith(provider.issuer)
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill("whatever the company checks")
    page.locator("button[type=submit]").click()
    page.wait_for_load_state()


def test_a_manager_signs_in_through_the_company_provider_and_out_again(
    app, page, company_sign_in, shots
):
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    manager = Person.objects.get(user__username="manager")
    page.goto(f"{app.url}/accounts/login/")
    assert_accessible(page)
    shots(page, "login-with-sso")
    page.get_by_role("link", name="Sign in with Acme sign-in").click()
    at_provider_log_in(page, company_sign_in, manager.email)
    assert page.url == f"{app.url}/candidates/"
    assert page.get_by_role("heading", level=1).first.inner_text().startswith("Talent pool")

    # The confidential pages render whole under the strict policy: no inline script or
    # style is blocked (Chart.js, Bootstrap, the pickers all come from static/).
    page.get_by_role("table").get_by_role("link").first.click()
    page.wait_for_load_state("networkidle")
    for path in ("/candidates/ninebox/", "/candidates/positions/", "/reports/", "/me/"):
        page.goto(f"{app.url}{path}")
        page.wait_for_load_state("networkidle")
    assert violations == []

    # Logging out ends the provider's session too: signing in again asks for the login.
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state()
    assert page.url.startswith(company_sign_in.issuer)
    page.locator("button[name=logout]").click()
    page.wait_for_url(f"{app.url}/accounts/login/**")
    page.get_by_role("link", name="Sign in with Acme sign-in").click()
    page.wait_for_load_state()
    assert page.locator("input[name=login]").is_visible()


def test_an_e_mail_the_directory_does_not_know_gets_a_clear_page(app, page, company_sign_in, shots):
    page.goto(f"{app.url}/accounts/login/")
    page.get_by_role("link", name="Sign in with Acme sign-in").click()
    at_provider_log_in(page, company_sign_in, "contractor@vendor.example")
    assert page.url == f"{app.url}/accounts/sso/refused/"
    assert page.get_by_role("heading", level=1).inner_text() == "Sign-in refused"
    assert "contractor@vendor.example" in page.get_by_role("alert").inner_text()
    assert_accessible(page)
    shots(page, "sso-refused")
    page.goto(f"{app.url}/candidates/")
    assert "/accounts/login/" in page.url
