import re

import pytest
from django.urls import reverse

import supportlead
from supportlead.celery import app as celery_app
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


def test_the_login_page_renders_and_logs_in(client, org):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    assert b"Log in to supportlead" in response.content
    response = client.post(reverse("login"), {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    assert response.url == reverse("home")


def test_a_wrong_password_is_refused_with_a_message(client, org):
    response = client.post(reverse("login"), {"username": "alice", "password": "nope"})
    assert response.status_code == 200
    assert b"didn&#x27;t match" in response.content or b"didn't match" in response.content
    assert "_auth_user_id" not in client.session


def test_logout_is_a_post_and_ends_the_session(client, org):
    client.force_login(org.alice.user)
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.parametrize(
    ("who", "home"),
    [
        ("alice", "/candidates/"),
        ("vp", "/candidates/"),
        ("mentor", "/candidates/"),  # the R&D director manages a branch: manager first
        ("cand_person", "/me/"),
    ],
)
def test_home_sends_each_user_to_their_role_home(client, org, who, home):
    client.force_login(getattr(org, who).user)
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == home


def test_a_mentor_who_manages_nobody_lands_on_their_mentees(client, org):
    from tests.factories import CandidateFactory, PairingFactory

    # other_person manages nobody and is a candidate too: mentoring comes first.
    PairingFactory(candidate=CandidateFactory(), mentor=org.other_person, created_by=org.alice)
    client.force_login(org.other_person.user)
    assert client.get("/").url == "/mentorship/"


def test_someone_with_no_role_gets_a_welcome_page(client, org):
    client.force_login(org.nobody.user)
    response = client.get("/")
    assert response.status_code == 200
    assert b"Welcome to supportlead" in response.content


def test_home_asks_anonymous_visitors_to_log_in(client):
    response = client.get("/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")


def test_the_navigation_shows_only_the_users_roles(client, org):
    client.force_login(org.cand_person.user)
    page = client.get("/me/").content.decode()
    assert "My plan" in page
    assert "Talent pool" not in page
    assert "9-box" not in page
    client.force_login(org.alice.user)
    page = client.get("/candidates/").content.decode()
    assert "Talent pool" in page
    assert "My plan" not in page


def test_the_layout_loads_nothing_from_the_internet_and_shows_the_version(client, org):
    client.force_login(org.alice.user)
    page = client.get("/candidates/").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources
    assert not [s for s in sources if s.startswith(("http:", "https:", "//"))]
    assert "/static/vendor/bootstrap/bootstrap.min.css" in page
    assert f"supportlead {supportlead.__version__}" in page


def test_a_page_out_of_reach_is_a_404_with_the_apps_not_found_page(client, org, settings):
    settings.DEBUG = False
    client.force_login(org.cand_person.user)
    response = client.get("/candidates/")
    assert response.status_code == 404
    assert b"Page not found" in response.content


def test_healthz_reports_the_database_and_the_broker(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "ok"}


def test_healthz_answers_503_when_the_broker_is_unreachable(client, db, caplog):
    original = celery_app.conf.broker_url
    celery_app.conf.broker_url = "redis://127.0.0.1:1/0"
    try:
        response = client.get("/healthz")
    finally:
        celery_app.conf.broker_url = original
    assert response.status_code == 503
    # Anonymous callers learn which part is down, never why: no exception text, no
    # address; the reason is in the log for whoever runs the service.
    assert response.json() == {"status": "unavailable", "database": "ok", "broker": "unavailable"}
    assert b"Error" not in response.content and b"127.0.0.1" not in response.content
    assert "Connection refused" in caplog.text


def test_healthz_is_get_only(client, db):
    assert client.post("/healthz").status_code == 405


def test_a_login_without_a_person_reads_but_cannot_write(client, org, view_all_permission):
    """An HR account created by hand, not linked to the directory: it sees the pool, and
    a write gets a message instead of a server error."""
    from django.contrib.auth.models import User

    from candidates.models import TalentRating

    hr = User.objects.create_user("hr-no-person", password="x")
    hr.user_permissions.add(view_all_permission)
    client.force_login(hr)
    assert client.get("/candidates/").status_code == 200
    response = client.post(
        f"/candidates/{org.cand.pk}/rate/",
        {"performance": 1, "potential": 1, "flight_risk": "low", "reason": "x"},
        follow=True,
    )
    assert response.status_code == 200
    assert "not linked to a person" in response.content.decode()
    assert not TalentRating.objects.exists()
