"""Pickers tell people apart: title and department on every person picker, read in the
same query, and a filter box where the list is long."""

import pytest
from django.urls import reverse

from candidates.models import Level
from tests import factories

pytestmark = pytest.mark.django_db


def test_two_people_with_the_same_name_are_told_apart(client, org):
    qa = factories.DepartmentFactory(name="QA", kind="qa")
    factories.PersonFactory(
        manager=org.alice, full_name="Sam Lee", title="QA engineer", department=qa
    )
    factories.PersonFactory(manager=org.alice, full_name="Sam Lee", title="Support engineer")
    client.force_login(org.alice.user)
    page = client.get(reverse("candidates:nominate")).content.decode()
    assert "Sam Lee · QA engineer, QA" in page
    assert "Sam Lee · Support engineer, Technical Support" in page
    assert 'data-searchable="people"' in page


@pytest.mark.parametrize("size", [2, 40])
def test_the_person_picker_costs_the_same_queries_whatever_its_length(
    client, org, size, django_assert_num_queries
):
    for i in range(size):
        factories.PersonFactory(
            manager=org.alice,
            full_name=f"Person {i:02}",
            level=Level.ENGINEER,
            department=factories.DepartmentFactory(name=f"Team {i % 5}"),
        )
    client.force_login(org.alice.user)
    # user (the session: cache), the actor (person, roles, mentor flag, unread count: one query),
    # how many are left to nominate (few: no search), those people with their
    # departments (read once for "anyone?" and the options)
    with django_assert_num_queries(4):
        response = client.get(reverse("candidates:nominate"))
    assert response.content.decode().count("Person ") >= size


def test_every_person_picker_names_the_department(client, org):
    factories.CandidateFactory(
        person=factories.PersonFactory(manager=org.alice, level=2), nominated_by=org.alice
    )
    client.force_login(org.alice.user)
    for url in (
        reverse("mentorship:pairing_new"),
        reverse("development:rotation_new"),
        reverse("development:stretch_new", args=[org.cand.pk]),
    ):
        page = client.get(url).content.decode()
        assert "Director R&amp;D, R&amp;D" in page, url
