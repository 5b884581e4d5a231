"""Pages kept per viewer until a write (pagecache): a kept page is shown again for three
queries, and never once something it shows was written, whoever wrote it and however;
it is never another viewer's, never outlives the access check, the day, a message or
the form token, and is read in the audit like the first showing."""

import datetime as dt
import re
import threading

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from candidates.models import Person
from notifications.models import Notification
from notifications.services import preference_for
from tests import factories

pytestmark = pytest.mark.django_db

POOL = "/candidates/"
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def shown(client, path=POOL):
    response = client.get(path)
    assert response.status_code == 200
    return response


def grow_line(org, size: int) -> None:
    for i in range(size):
        person = factories.PersonFactory(manager=org.alice, full_name=f"Extra {i}")
        factories.CandidateFactory(person=person, nominated_by=org.alice)


@pytest.mark.parametrize("size", [0, 12])
def test_a_kept_page_is_shown_again_for_two_queries_whatever_its_rows(client, org, size):
    grow_line(org, size)
    client.force_login(org.alice.user)
    first = shown(client)
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        again = shown(client)
    # the user (the session: cache), the audit row of this showing; the viewer and the page
    # come from the cache
    assert len(queries) == 2, [q["sql"][:60] for q in queries]
    assert again["X-Page-Cache"] == "hit"
    assert TOKEN.sub("", again.content.decode()) == TOKEN.sub("", first.content.decode())
    assert "Extra 11" in again.content.decode() or size == 0


def kept_profile(client, org) -> str:
    """Alice's view of cand's profile, made once and kept."""
    client.force_login(org.alice.user)
    profile = reverse("front:profile", args=[org.cand.pk])
    shown(client, profile)
    assert shown(client, profile)["X-Page-Cache"] == "hit"
    return profile


def rename_by_save(person, name):
    person.full_name = name
    person.save()


def rename_by_update(person, name):
    Person.objects.filter(pk=person.pk).update(full_name=name)


def rename_by_raw_sql(person, name):
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {Person._meta.db_table} SET full_name = %s WHERE id = %s", [name, person.pk]
        )


@pytest.mark.parametrize("rename", [rename_by_save, rename_by_update, rename_by_raw_sql])
def test_a_write_of_any_kind_is_shown_at_once(client, org, rename):
    client.force_login(org.alice.user)
    assert "Cand" in shown(client).content.decode()
    assert shown(client)["X-Page-Cache"] == "hit"
    rename(org.cand_person, "Candice Renamed")
    again = shown(client)
    assert again["X-Page-Cache"] == "miss"
    assert "Candice Renamed" in again.content.decode()


def test_a_write_through_a_page_is_shown_on_the_next_one(client, org):
    client.force_login(org.alice.user)
    profile = reverse("front:profile", args=[org.cand.pk])
    assert "Recruiters call every month." in shown(client, profile).content.decode()
    assert shown(client, profile)["X-Page-Cache"] == "hit"
    response = client.post(
        reverse("candidates:rate", args=[org.cand.pk]),
        {
            "performance": 3,
            "potential": 3,
            "flight_risk": "high",
            "flight_risk_reason": "Has an offer from a competitor.",
            "reason": "Quarterly review",
        },
    )
    assert response.status_code == 302
    page = client.get(profile)  # with the saved message: made for this request
    assert "X-Page-Cache" not in page
    assert "Has an offer from a competitor." in page.content.decode()
    assert shown(client, profile)["X-Page-Cache"] == "miss"
    assert shown(client, profile)["X-Page-Cache"] == "hit"


def test_a_new_notice_shows_in_the_badge_of_a_kept_page(client, org):
    client.force_login(org.alice.user)
    assert "unread" not in shown(client).content.decode()
    Notification.objects.create(
        recipient=org.alice.user, kind="checkin_due", item_key="x", period_key="p", title="Due"
    )
    assert "Notifications, 1 unread" in shown(client).content.decode()


def test_each_viewer_gets_their_own_page(client, org):
    client.force_login(org.alice.user)
    assert "Cand" in shown(client).content.decode()
    outsider = Client()
    outsider.force_login(org.outsider.user)
    theirs = shown(outsider).content.decode()
    assert "Other" in theirs and ">Cand<" not in theirs
    assert "Other" not in shown(client).content.decode()


def test_a_kept_page_still_asks_who_may_see_it(client, org):
    profile = kept_profile(client, org)
    for who in (org.bob, org.outsider, org.nobody):
        other = Client()
        other.force_login(who.user)
        assert other.get(profile).status_code == 404
    client.logout()
    assert client.get(profile).status_code == 302


def test_the_form_token_of_a_kept_page_is_this_sessions(org):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(org.alice.user)
    second.force_login(org.alice.user)
    shown(first)
    again = shown(second)
    assert again["X-Page-Cache"] == "hit"
    token = TOKEN.search(again.content.decode()).group(1)
    response = second.post(reverse("logout"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302
    assert second.get(POOL).status_code == 302  # signed out: the token was accepted


def test_a_page_with_a_message_is_not_kept_and_a_waiting_message_is_shown(client, org):
    client.force_login(org.alice.user)
    for _ in range(2):  # the warning is made by each request, never kept
        warned = shown(client, POOL + "?performance=9")
        assert "Filter ignored" in warned.content.decode()
        assert "X-Page-Cache" not in warned

    admin = get_user_model().objects.create_superuser("root", "root@example.com", "x")
    client.force_login(admin)
    assert shown(client)["X-Page-Cache"] == "miss"
    # A login with no person may read but not write: the refusal is a message on the page
    # it is sent back to, which is kept already.
    page = client.post(POOL, follow=True)
    assert "not linked to a person" in page.content.decode()
    assert "not linked to a person" not in shown(client).content.decode()


def test_a_kept_page_is_audited_like_the_first(client, org):
    kept_profile(client, org)
    rows = AuditEvent.objects.filter(viewer=org.alice.user, what=AuditEvent.What.PROFILE)
    assert rows.count() == 2
    assert {row.subject_person_id for row in rows} == {org.cand_person.pk}


def test_a_new_day_is_a_new_page(client, org, monkeypatch):
    client.force_login(org.alice.user)
    shown(client)
    assert shown(client)["X-Page-Cache"] == "hit"
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: tomorrow)
    assert shown(client)["X-Page-Cache"] == "miss"


def test_the_page_cache_can_be_turned_off(client, org, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.force_login(org.alice.user)
    shown(client)
    assert "X-Page-Cache" not in shown(client)


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("rename", [rename_by_save, rename_by_update, rename_by_raw_sql])
def test_a_write_committed_by_another_process_is_shown(client, rename):
    """The worker's writes (the reminder sweep's notices, a leaver's pairings ended) are
    committed on another connection, by the ORM or in raw SQL: the next page is made
    again."""
    org = factories.build_org()
    client.force_login(org.alice.user)
    shown(client)
    assert shown(client)["X-Page-Cache"] == "hit"

    def elsewhere():
        try:
            rename(org.cand_person, "Renamed Elsewhere")
        finally:
            connection.close()

    worker = threading.Thread(target=elsewhere)
    worker.start()
    worker.join()
    again = shown(client)
    assert again["X-Page-Cache"] == "miss"
    assert "Renamed Elsewhere" in again.content.decode()


@pytest.mark.django_db(transaction=True)
def test_a_page_made_while_a_write_runs_is_not_kept_past_it(client):
    """django-cachalot stamps a write made outside a transaction before the statement
    runs: a page made in between reads the rows as they were, under the new stamp. The
    write's table is stamped again once it ran (pagecache/writes.py)."""
    org = factories.build_org()
    client.force_login(org.alice.user)
    shown(client)
    update = f'UPDATE "{Person._meta.db_table}"'
    made_meanwhile = []

    def read_elsewhere():
        try:
            made_meanwhile.append(shown(client))
        finally:
            connection.close()

    def a_reader_in_between(execute, sql, params, many, context):
        if sql.startswith(update) and not made_meanwhile:
            reader = threading.Thread(target=read_elsewhere)
            reader.start()
            reader.join()
        return execute(sql, params, many, context)

    with connection.execute_wrapper(a_reader_in_between):
        Person.objects.filter(pk=org.cand_person.pk).update(full_name="Renamed Meanwhile")
    assert made_meanwhile[0]["X-Page-Cache"] == "miss"
    assert "Renamed Meanwhile" not in made_meanwhile[0].content.decode()
    again = shown(client)
    assert again["X-Page-Cache"] == "miss"
    assert "Renamed Meanwhile" in again.content.decode()


@pytest.mark.parametrize(
    "path",
    [
        lambda org: ("alice", POOL),
        lambda org: ("alice", reverse("front:ninebox")),
        lambda org: ("vp", reverse("succession:positions")),
        lambda org: ("alice", reverse("front:profile", args=[org.cand.pk])),
        lambda org: ("cand_person", reverse("me")),
        lambda org: ("mentor", reverse("mentorship:home")),
    ],
)
def test_every_kept_page_is_kept(client, org, path):
    who, url = path(org)
    user = getattr(org, who).user
    preference_for(user)  # made at the first visit of the mentor home: a write
    client.force_login(user)
    assert shown(client, url)["X-Page-Cache"] == "miss"
    assert shown(client, url)["X-Page-Cache"] == "hit"
