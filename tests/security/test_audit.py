"""The audit of confidential reads and exports: one row per request that showed
something, none for a 404; HR's page with its filters and CSV; "who looked" on a
profile; rows nobody edits; the retention task."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from audit.tasks import audit_prune, audit_prune_task
from reviews.models import ReviewCandidate
from tests import factories

pytestmark = pytest.mark.django_db


def pages(org):
    """Each audited page: its URL, what the row says, and whose data it showed."""
    review = factories.review_for(org)
    entry = ReviewCandidate.objects.get(review=review, candidate=org.cand)
    return [
        (reverse("front:profile", args=[org.cand.pk]), "profile", org.cand.person),
        (reverse("front:pool"), "pool", None),
        (reverse("front:ninebox"), "nine_box", None),
        (reverse("succession:position_detail", args=[org.position.pk]), "position", org.alice),
        (reverse("reviews:detail", args=[review.pk]), "review", None),
        (reverse("reviews:board", args=[review.pk]), "review", None),
        (reverse("reviews:entry", args=[review.pk, entry.pk]), "review", org.cand.person),
        (reverse("agreements:detail", args=[org.agreement.pk]), "agreement", org.cand.person),
        (reverse("front:pool") + "?export=csv", "export", None),
        (reverse("reports:series_csv", args=["ready_now"]), "export", None),
    ]


def test_each_audited_page_and_export_writes_one_row_with_who_what_when_where(client, org):
    client.force_login(org.vp.user)
    for url, what, person in pages(org):
        AuditEvent.objects.all().delete()
        response = client.get(url, REMOTE_ADDR="10.20.30.40", HTTP_USER_AGENT="Probe/1.0")
        assert response.status_code == 200, url
        if response.streaming:
            b"".join(response.streaming_content)
        assert AuditEvent.objects.count() == 1, url
        row = AuditEvent.objects.get()
        assert row.viewer == org.vp.user
        assert row.viewer_name
        assert row.what == what, url
        assert row.subject_person_id == (person.pk if person else None), url
        assert row.path == url
        assert row.ip_address == "10.20.30.40"
        assert row.user_agent == "Probe/1.0"
        assert timezone.now() - row.at < dt.timedelta(minutes=1)


def test_a_404_leaves_no_row_and_neither_does_an_unaudited_page(client, org):
    client.force_login(org.outsider.user)
    assert client.get(reverse("front:profile", args=[org.cand.pk])).status_code == 404
    assert client.get(reverse("agreements:detail", args=[org.agreement.pk])).status_code == 404
    client.force_login(org.cand.person.user)
    assert client.get(reverse("front:pool")).status_code == 404
    assert client.get(reverse("me")).status_code == 200
    assert not AuditEvent.objects.exists()


def test_behind_a_trusted_proxy_the_address_is_the_one_it_saw(client, org, settings):
    settings.TRUSTED_PROXIES = 1
    client.force_login(org.alice.user)
    client.get(
        reverse("front:pool"),
        REMOTE_ADDR="172.18.0.2",
        HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.44",
    )
    assert AuditEvent.objects.get().ip_address == "192.0.2.44"


def seen(client, org):
    """alice opens cand's profile twice and the pool; the VP opens cand's agreement."""
    client.force_login(org.alice.user)
    client.get(reverse("front:profile", args=[org.cand.pk]))
    client.get(reverse("front:profile", args=[org.cand.pk]))
    client.get(reverse("front:pool"))
    client.force_login(org.vp.user)
    client.get(reverse("agreements:detail", args=[org.agreement.pk]))


def listed(response) -> list[tuple[str, str]]:
    return [(e.viewer_name, e.what) for e in response.context["page"].object_list]


def test_hr_filters_the_audit_by_viewer_by_person_and_by_date(client, org):
    seen(client, org)
    url = reverse("audit")
    alice_name = org.alice.user.get_full_name() or org.alice.user.username
    everything = client.get(url)
    assert everything.status_code == 200
    assert len(listed(everything)) == 4
    by_viewer = client.get(url, {"viewer": alice_name})
    assert sorted(what for _, what in listed(by_viewer)) == ["pool", "profile", "profile"]
    by_person = client.get(url, {"person_id": org.cand.person.pk})
    assert sorted(what for _, what in listed(by_person)) == ["agreement", "profile", "profile"]
    by_name = client.get(url, {"person": org.cand.person.full_name[:4]})
    assert len(listed(by_name)) == 3
    today = timezone.localdate()
    assert len(listed(client.get(url, {"since": today.isoformat()}))) == 4
    assert listed(client.get(url, {"until": (today - dt.timedelta(days=1)).isoformat()})) == []


def test_bad_filters_are_form_errors_not_a_500(client, org):
    seen(client, org)
    client.force_login(org.vp.user)
    response = client.get(reverse("audit"), {"since": "2026-12-01", "until": "2026-11-01"})
    assert response.status_code == 200
    assert "The end date is before the start date." in response.content.decode()
    assert listed(response) == []
    response = client.get(reverse("audit"), {"since": "yesterday", "what": "nonsense"})
    assert response.status_code == 200
    assert response.context["form"].errors.keys() == {"since", "what"}


def test_the_audit_csv_is_itself_audited_and_neutralised(client, org):
    seen(client, org)
    AuditEvent.objects.filter(what="pool").update(label="=cmd|' /C calc'!A0")
    client.force_login(org.vp.user)
    response = client.get(reverse("audit"), {"export": "csv"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:3] == ["when", "viewer", "what"]
    # The header, the four reads, and this export itself (written as it starts).
    assert len(rows) == 1 + 4 + 1
    assert any(row[4] == "'=cmd|' /C calc'!A0" for row in rows)
    assert AuditEvent.objects.filter(what="export", label="Audit log CSV").count() == 1


@pytest.mark.parametrize("who", ["alice", "director", "mentor", "cand.person", "bob"])
def test_only_hr_sees_the_audit(client, org, who):
    person = org
    for name in who.split("."):
        person = getattr(person, name)
    client.force_login(person.user)
    assert client.get(reverse("audit")).status_code == 404
    recent = reverse("audit_recent", args=[org.cand.person.pk])
    assert client.get(recent).status_code == 404
    profile = client.get(reverse("front:profile", args=[org.cand.pk]))
    assert b"Who looked at this" not in profile.content


def test_hr_sees_who_looked_at_a_profile_in_the_last_90_days(client, org):
    seen(client, org)
    AuditEvent.objects.create(
        viewer=org.bob.user,
        viewer_name="Long Ago",
        what="profile",
        subject_person_id=org.cand.person.pk,
        subject_name="x",
        path="/",
        at=timezone.now() - dt.timedelta(days=91),
    )
    client.force_login(org.vp.user)
    profile = client.get(reverse("front:profile", args=[org.cand.pk]))
    assert b"Who looked at this (90 days)" in profile.content
    panel = client.get(reverse("audit_recent", args=[org.cand.person.pk])).content.decode()
    alice_name = org.alice.user.get_full_name() or org.alice.user.username
    assert alice_name in panel and "2 times" in panel
    assert "Long Ago" not in panel


@pytest.mark.parametrize("size", [2, 30])
def test_the_audit_page_costs_the_same_queries_whatever_its_rows(
    client, org, size, django_assert_num_queries
):
    AuditEvent.objects.bulk_create(
        AuditEvent(
            viewer=org.alice.user, viewer_name=f"Viewer {i}", what="pool", path="/candidates/"
        )
        for i in range(size)
    )
    client.force_login(org.vp.user)
    url = reverse("audit")
    client.get(url)
    # user (the session: cache), the actor (one query), the count, one page of rows
    with django_assert_num_queries(4):
        assert client.get(url, {"what": "pool"}).status_code == 200


def test_audit_rows_cannot_be_added_edited_or_deleted_in_admin(client, org):
    seen(client, org)
    row = AuditEvent.objects.first()
    admin = factories.UserFactory(username="root", is_staff=True, is_superuser=True)
    client.force_login(admin)
    assert client.get(reverse("admin:audit_auditevent_changelist")).status_code == 200
    assert client.get(reverse("admin:audit_auditevent_add")).status_code == 403
    change = client.get(reverse("admin:audit_auditevent_change", args=[row.pk]))
    assert change.status_code == 200 and b'name="_save"' not in change.content
    client.post(reverse("admin:audit_auditevent_change", args=[row.pk]), {"viewer_name": "X"})
    assert client.get(reverse("admin:audit_auditevent_delete", args=[row.pk])).status_code == 403
    row.refresh_from_db()
    assert row.viewer_name != "X"


def test_rows_older_than_the_retention_are_deleted_daily(org, settings):
    settings.AUDIT_RETENTION_DAYS = 30
    now = timezone.now()
    for days in (29, 30, 31, 400):
        AuditEvent.objects.create(
            viewer_name=f"{days} days",
            what="pool",
            path="/",
            at=now - dt.timedelta(days=days, seconds=1 if days == 30 else 0),
        )
    assert audit_prune(now=now) == 3
    assert list(AuditEvent.objects.values_list("viewer_name", flat=True)) == ["29 days"]
    assert audit_prune_task.delay().get() == 0
    assert "daily-audit-retention" in settings.CELERY_BEAT_SCHEDULE
