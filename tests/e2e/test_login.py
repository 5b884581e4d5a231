import pytest

from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize(
    ("username", "home", "heading"),
    [
        ("manager", "/candidates/", "Talent pool"),
        ("candidate", "/me/", "My plan"),
        ("hr", "/candidates/", "Talent pool"),
    ],
)
def test_each_demo_login_lands_on_its_home(app, page, shots, username, home, heading):
    log_in(page, app.url, username)
    assert page.url == f"{app.url}{home}"
    assert page.get_by_role("heading", level=1).first.inner_text().startswith(heading)
    assert_accessible(page)
    shots(page, f"home-{username}")


def test_a_wrong_password_shows_an_error_and_stays_on_the_login_page(app, page):
    page.goto(f"{app.url}/accounts/login/")
    page.get_by_label("Username").fill("manager")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Log in").click()
    assert "/accounts/login/" in page.url
    assert page.get_by_role("alert").inner_text().startswith("Your username and password")


def test_after_five_failures_the_lockout_page_says_when_to_try_again_on_a_phone(
    app, browser, shots
):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15_000)
    for _ in range(5):
        page.goto(f"{app.url}/accounts/login/")
        page.get_by_label("Username").fill("manager")
        page.get_by_label("Password").fill("not-the-password")
        page.get_by_role("button", name="Log in").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Too many failed logins"
    assert "Try again in 15 minutes" in page.get_by_role("alert").inner_text()
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 390
    assert_accessible(page)
    shots(page, "locked-out-phone")
    context.close()
