"""Throttled logins (django-axes): failures per username and per address, a clear page
while locked, the end of the cool-off, and the lockout lifted from Django admin."""

import datetime as dt

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def attempt(client, username, password, address="10.0.0.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_after_the_limit_even_the_right_password_is_refused_until_the_cooloff_ends(
    client, org, settings
):
    username = org.alice.user.username
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = attempt(client, username, "wrong")
        assert response.status_code == 200
        assert b"didn&#x27;t match" in response.content or b"didn't match" in response.content
    locked = attempt(client, username, "wrong")
    assert locked.status_code == 429
    assert b"Too many failed logins" in locked.content
    assert b"15 minutes" in locked.content

    refused = attempt(client, username, factories.PASSWORD)
    assert refused.status_code == 429
    assert "_auth_user_id" not in client.session

    # The cool-off passes: the failures are older than it.
    AccessAttempt.objects.update(
        attempt_time=F("attempt_time") - settings.AXES_COOLOFF_TIME * dt.timedelta(hours=1)
    )
    accepted = attempt(client, username, factories.PASSWORD)
    assert accepted.status_code == 302
    assert int(client.session["_auth_user_id"]) == org.alice.user.pk


def test_one_address_trying_many_usernames_is_locked_too(client, org, settings):
    for i in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, f"guess{i}", "wrong", address="10.9.9.9")
    # A real account, the right password, from the same address: refused.
    response = attempt(client, org.bob.user.username, factories.PASSWORD, address="10.9.9.9")
    assert response.status_code == 429
    # The same account from elsewhere still signs in (the user was not the target).
    other = attempt(client, org.bob.user.username, factories.PASSWORD, address="10.1.1.1")
    assert other.status_code == 302


def test_an_admin_sees_the_lockout_and_lifts_it(client, org, settings):
    username = org.alice.user.username
    for _ in range(settings.AXES_FAILURE_LIMIT):
        attempt(client, username, "wrong")
    admin = factories.UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    changelist = reverse("admin:axes_accessattempt_changelist")
    page = client.get(changelist)
    assert page.status_code == 200
    assert username.encode() in page.content
    ids = list(AccessAttempt.objects.values_list("pk", flat=True))
    client.post(
        changelist,
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )
    assert not AccessAttempt.objects.exists()
    client.logout()
    assert attempt(client, username, factories.PASSWORD).status_code == 302


def test_behind_a_trusted_proxy_each_caller_is_throttled_apart(client, org, settings):
    settings.TRUSTED_PROXIES = 1
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            LOGIN,
            {"username": "nobody-real", "password": "wrong"},
            REMOTE_ADDR="172.18.0.2",
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
    # Another caller through the same proxy still signs in.
    response = client.post(
        LOGIN,
        {"username": org.bob.user.username, "password": factories.PASSWORD},
        REMOTE_ADDR="172.18.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.20",
    )
    assert response.status_code == 302
    assert AccessAttempt.objects.get().ip_address == "203.0.113.9"
