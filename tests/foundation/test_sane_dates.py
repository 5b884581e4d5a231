"""Dates a person would not mean are refused with a message on the form, and a
constraint of the database never reaches a user as its own words."""

import datetime as dt

import pytest
from django.urls import reverse

from agreements.models import Commitment
from development.models import Conference, Rotation
from mentorship.models import MentorPairing
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = dt.date.today()


def test_a_pairing_started_in_1900_is_refused(client, org):
    fresh = factories.CandidateFactory(
        person=factories.PersonFactory(manager=org.alice, level=2), nominated_by=org.alice
    )
    client.force_login(org.alice.user)
    response = client.post(
        reverse("mentorship:pairing_new"),
        {
            "candidate": fresh.pk,
            "mentor": org.mentor.pk,
            "cadence_days": 14,
            "format": "informal",
            "starts_on": "1900-01-01",
        },
    )
    assert response.status_code == 200
    assert "is before 2000: check the year" in response.content.decode()
    assert not MentorPairing.objects.filter(candidate=fresh).exists()


def test_a_rotation_of_seventy_years_is_refused(client, org):
    client.force_login(org.alice.user)
    response = client.post(
        reverse("development:rotation_new"),
        {
            "person": org.cand_person.pk,
            "direction": "outbound",
            "role": "project_lead",
            "host_department": org.rnd.pk,
            "host_sponsor": org.mentor.pk,
            "objectives": "Ship the thing",
            "starts_on": TODAY.isoformat(),
            "ends_on": TODAY.replace(year=TODAY.year + 70).isoformat(),
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "check the year" in page or "two years at the most" in page
    assert not Rotation.objects.exists()


def test_a_rotation_of_three_years_is_refused_by_its_own_rule(client, org):
    client.force_login(org.alice.user)
    response = client.post(
        reverse("development:rotation_new"),
        {
            "person": org.cand_person.pk,
            "direction": "outbound",
            "role": "project_lead",
            "host_department": org.rnd.pk,
            "host_sponsor": org.mentor.pk,
            "objectives": "Ship the thing",
            "starts_on": TODAY.isoformat(),
            "ends_on": (TODAY + dt.timedelta(days=3 * 365)).isoformat(),
        },
    )
    assert "two years at the most" in response.content.decode()
    assert not Rotation.objects.exists()


def test_a_commitment_due_six_years_ago_is_refused(client, org):
    client.force_login(org.director.user)
    before = Commitment.objects.count()
    response = client.post(
        reverse("agreements:commitment_new", args=[org.agreement.pk]),
        {
            "side": "company",
            "category": "training",
            "description": "Executive programme",
            "due_on": TODAY.replace(year=TODAY.year - 6).isoformat(),
        },
    )
    assert response.status_code == 200
    assert "more than a year ago: check the date" in response.content.decode()
    assert Commitment.objects.count() == before


def test_a_conference_budget_below_zero_is_a_form_message_not_a_constraint(client, org):
    client.force_login(org.alice.user)
    response = client.post(
        reverse("development:conference_new", args=[org.cand.pk]),
        {
            "name": "SupportConf",
            "starts_on": TODAY.isoformat(),
            "ends_on": TODAY.isoformat(),
            "trip_report_due_on": (TODAY + dt.timedelta(days=14)).isoformat(),
            "budget": "-100",
            "currency": "EUR",
            "assignment": "Bring back ideas",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "greater than or equal to 0" in page
    assert "Constraint" not in page and "violated" not in page
    assert not Conference.objects.exists()


def test_a_check_constraint_speaks_as_the_product(org):
    from django.core.exceptions import ValidationError

    conference = Conference(
        candidate=org.cand,
        name="X",
        starts_on=TODAY,
        ends_on=TODAY,
        trip_report_due_on=TODAY,
        budget=-1,
        assigned_by=org.alice,
    )
    with pytest.raises(ValidationError) as refused:
        conference.full_clean()
    assert "The budget cannot be below zero." in str(refused.value)


def test_dates_of_another_year_show_the_year(client, org):
    factories.ActionItemFactory(
        meeting=org.meeting,
        description="Next year's item",
        due_on=TODAY.replace(year=TODAY.year + 1),
    )
    factories.ActionItemFactory(meeting=org.meeting, description="This year's item", due_on=TODAY)
    client.force_login(org.cand_person.user)
    page = client.get(reverse("me")).content.decode()
    next_year = TODAY.replace(year=TODAY.year + 1)
    assert f"by {next_year.day} {next_year:%b %Y}" in page
    assert f"by {TODAY.day} {TODAY:%b}<" in page or f"by {TODAY.day} {TODAY:%b} " in page
