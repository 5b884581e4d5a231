"""HR adds, edits and marks as left one person of the directory, without Django admin."""

import pytest
from django.urls import reverse

from candidates.models import Level, Person
from mentorship.models import MentorPairing

pytestmark = pytest.mark.django_db


def person_data(org, **overrides):
    data = {
        "full_name": "Rio Lane",
        "email": "rio.lane@example.com",
        "title": "Support engineer",
        "level": Level.ENGINEER,
        "department": org.support.pk,
        "manager": org.alice.pk,
        "location": "Lisbon",
        "time_zone": "Europe/Lisbon",
    }
    data.update(overrides)
    return data


def test_hr_adds_edits_and_marks_a_person_as_left(client, org):
    client.force_login(org.vp.user)
    found = client.get(reverse("front:org_import"), {"q": "bo"}).content.decode()
    assert reverse("front:person_edit", args=[org.bob.pk]) in found
    response = client.post(reverse("front:person_new"), person_data(org), follow=True)
    rio = Person.objects.get(email="rio.lane@example.com")
    assert "Rio Lane added to the directory (login rio.lane)." in response.content.decode()
    assert rio.reporting_path == f"{org.alice.reporting_path}{rio.pk}/"
    assert not rio.user.has_usable_password()

    client.post(
        reverse("front:person_edit", args=[rio.pk]),
        person_data(org, title="Senior support engineer", manager=org.director.pk),
    )
    rio.refresh_from_db()
    assert (rio.title, rio.manager) == ("Senior support engineer", org.director)
    assert rio.reporting_path == f"{org.director.reporting_path}{rio.pk}/"

    # cand: the page says what leaving ends, then it ends it.
    page = client.get(reverse("front:person_edit", args=[org.cand_person.pk])).content.decode()
    for effect in ("their login", "their place in the succession pool", "1 mentor pairing"):
        assert effect in page
    response = client.post(
        reverse("front:person_mark_left", args=[org.cand_person.pk]),
        {"reason": "Joined a customer", "confirm": "on"},
        follow=True,
    )
    assert "Cand has left" in response.content.decode()
    org.cand_person.refresh_from_db()
    assert not org.cand_person.is_active
    assert MentorPairing.objects.get(pk=org.pairing.pk).status == "ended"


def test_bad_input_saves_nothing(client, org):
    client.force_login(org.vp.user)
    before = Person.objects.count()
    page = client.post(reverse("front:person_new"), person_data(org, email=org.bob.email))
    assert "already has this e-mail" in page.content.decode()
    page = client.post(reverse("front:person_new"), person_data(org, level=12))
    assert "Select a valid choice" in page.content.decode()
    assert Person.objects.count() == before
    # A manager inside one's own line is not offered (it would be a loop).
    page = client.post(
        reverse("front:person_edit", args=[org.alice.pk]),
        person_data(org, email=org.alice.email, manager=org.bob.pk),
    )
    assert "Select a valid choice" in page.content.decode()
    org.alice.refresh_from_db()
    assert org.alice.manager == org.director
    # Leaving needs a reason and the confirmation.
    client.post(reverse("front:person_mark_left", args=[org.bob.pk]), {"reason": "x"})
    org.bob.refresh_from_db()
    assert org.bob.is_active


@pytest.mark.parametrize("who", ["alice", "director", "mentor", "cand_person", "nobody"])
def test_nobody_but_hr_may(client, org, who):
    client.force_login(getattr(org, who).user)
    assert client.get(reverse("front:person_new")).status_code == 404
    assert client.post(reverse("front:person_new"), person_data(org)).status_code == 404
    assert client.get(reverse("front:person_edit", args=[org.bob.pk])).status_code == 404
    leave = reverse("front:person_mark_left", args=[org.bob.pk])
    assert client.post(leave, {"reason": "x", "confirm": "on"}).status_code == 404
    assert not Person.objects.filter(email="rio.lane@example.com").exists()
    org.bob.refresh_from_db()
    assert org.bob.is_active


@pytest.mark.parametrize("size", [1, 30])
def test_the_edit_page_costs_the_same_queries(client, org, size, django_assert_num_queries):
    from tests import factories

    for n in range(size):
        factories.PersonFactory(full_name=f"Person {n}")
    client.force_login(org.vp.user)
    # user (the session: cache), the actor; the person; the form's copy; the departments,
    # the manager picker's first 51; what leaving ends: the login, the candidacy, the
    # pairings, the nominations, the agreement
    with django_assert_num_queries(11):
        assert client.get(reverse("front:person_edit", args=[org.bob.pk])).status_code == 200


def test_the_profile_links_hr_to_the_persons_directory_entry(client, org):
    edit = reverse("front:person_edit", args=[org.cand_person.pk])
    profile = reverse("front:profile", args=[org.cand.pk])
    client.force_login(org.vp.user)
    assert f'href="{edit}">Edit in the directory' in client.get(profile).content.decode()
    client.force_login(org.alice.user)  # their manager: rates them, does not keep the directory
    page = client.get(profile).content.decode()
    assert "Rate competencies" in page and "Edit in the directory" not in page
