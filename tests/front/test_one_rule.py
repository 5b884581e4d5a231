"""One rule, one function: the same agreement shows the same progress on every page, and
"a check-in is overdue" means the same on the pool, its filter, the mentor home and the
reminders."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from notifications.registry import collect_due
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


@pytest.fixture
def mixed_agreement(org):
    """Company side: 1 done, 1 in progress at 80 %, 1 dropped, 1 proposed, 1 removed,
    1 declined. Candidate side: 2 done, 1 planned. Counted: company 1/2, candidate 2/3."""
    agreement = org.agreement
    company = dict(agreement=agreement, side="company")
    factories.CommitmentFactory(**company, status="done", progress_percent=100)
    factories.CommitmentFactory(**company, status="in_progress", progress_percent=80)
    factories.CommitmentFactory(**company, status="dropped", dropped_reason="Budget cut")
    factories.CommitmentFactory(**company, proposal="proposed", description="A proposal")
    factories.CommitmentFactory(**company, removed=True, description="Taken out")
    factories.CommitmentFactory(**company, proposal="declined", description="Declined one")
    mine = dict(agreement=agreement, side="candidate")
    factories.CommitmentFactory(**mine, status="done", progress_percent=100)
    factories.CommitmentFactory(**mine, status="done", progress_percent=100)
    factories.CommitmentFactory(**mine, status="planned", progress_percent=0)
    return agreement


def test_the_same_agreement_shows_the_same_progress_on_four_pages(client, org, mixed_agreement):
    client.force_login(org.alice.user)
    pool = client.get(reverse("front:pool")).content.decode()
    assert "Company 1/2" in pool and "Candidate 2/3" in pool

    profile = client.get(reverse("front:profile", args=[org.cand.pk])).content.decode()
    assert "The company: 1/2 done" in profile and "Cand: 2/3 done" in profile
    assert 'aria-valuenow="50"' in profile and 'aria-valuenow="67"' in profile

    page = client.get(reverse("agreements:detail", args=[mixed_agreement.pk])).content.decode()
    assert re.search(r"1/2 done", page) and re.search(r"2/3 done", page)
    assert 'aria-valuenow="50"' in page and 'aria-valuenow="67"' in page

    client.force_login(org.cand_person.user)
    me = client.get(reverse("me")).content.decode()
    assert "(2/3 done)" in me and "(1/2 done)" in me


def test_the_csv_export_shows_the_same_progress(client, org, mixed_agreement):
    client.force_login(org.alice.user)
    response = client.get(reverse("front:pool"), {"export": "csv"})
    body = b"".join(response.streaming_content).decode()
    assert ",1/2,2/3," in body


def _mentee(org, *, name: str, days_since: int, cadence: int = 14):
    candidate = factories.CandidateFactory(
        person=factories.PersonFactory(manager=org.alice, level=2, full_name=name),
        nominated_by=org.alice,
    )
    pairing = factories.PairingFactory(
        candidate=candidate, mentor=org.mentor, created_by=org.alice, cadence_days=cadence
    )
    return factories.pairing_dates_set(pairing, last_met_on=TODAY - dt.timedelta(days=days_since))


def test_overdue_means_the_same_on_every_page_and_in_the_reminders(client, org):
    """Due today is not overdue; due yesterday is. The pool's mark and filter, the mentor
    home and the reminders agree, at the boundary."""
    factories.pairing_dates_set(org.pairing, last_met_on=TODAY)
    due_today = _mentee(org, name="Due Today", days_since=14)
    due_yesterday = _mentee(org, name="Due Yesterday", days_since=15)

    client.force_login(org.alice.user)
    filtered = client.get(reverse("front:pool"), {"overdue": "on"})
    assert [c.person.full_name for c in filtered.context["page"].object_list] == ["Due Yesterday"]
    rows = {
        c.person.full_name: c.checkin_overdue
        for c in client.get(reverse("front:pool")).context["page"].object_list
    }
    assert rows["Due Yesterday"] is True and rows["Due Today"] is False

    client.force_login(org.mentor.user)
    home = client.get(reverse("mentorship:home")).context["pairings"]
    assert {p.pk for p in home if p.checkin_overdue} == {due_yesterday.pk}

    reminded = {d.item_key for d in collect_due(today=TODAY) if d.kind == "checkin_due"}
    assert reminded == {f"pairing:{due_yesterday.pk}"}
    assert f"pairing:{due_today.pk}" not in reminded
