"""The people directory from HR's page: upload, preview (created, changed, leaving,
errors by line), confirm; the same rules as import_org, leavers deactivated with their
pairings and nominations ended and their login off."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from candidates.models import Candidate, CandidateStatus, Person
from mentorship.models import MentorPairing
from tests import factories

pytestmark = pytest.mark.django_db

HEADER = "email,full_name,title,level,department,manager_email,status\n"


def directory_csv(org, *, without=(), extra="", changes=None) -> str:
    """The org as HR's export would list it, minus ``without``, plus ``extra`` lines."""
    changes = changes or {}
    lines = [HEADER]
    for person in Person.objects.filter(is_active=True).select_related("department", "manager"):
        if person.email in without:
            continue
        title = changes.get(person.email, person.title)
        manager = person.manager.email if person.manager else ""
        lines.append(
            f"{person.email},{person.full_name},{title},{person.level},{person.department.name},{manager},\n"
        )
    return "".join(lines) + extra


def upload(client, text: str, name="people.csv"):
    file = io.BytesIO(text.encode())
    file.name = name
    return client.post(reverse("front:org_import"), {"action": "preview", "file": file})


def confirm(client, response, **extra):
    digest = response.context["pending"]["digest"]
    return client.post(
        reverse("front:org_import"), {"action": "confirm", "digest": digest, **extra}, follow=True
    )


def test_hr_previews_then_confirms_a_new_person_a_change_and_a_leaver(client, org):
    client.force_login(org.vp.user)
    text = directory_csv(
        org,
        without={org.mentor.email},
        changes={org.bob.email: "Senior engineer"},
        extra=f"new.hire@example.com,New Hire,Engineer,1,{org.alice.department.name},{org.alice.email},\n",
    )
    preview = upload(client, text)
    assert preview.status_code == 200
    plan = preview.context["plan"]
    assert [row["email"] for row in plan.created] == ["new.hire@example.com"]
    assert [row["email"] for row in plan.changed] == [org.bob.email]
    assert (
        "title:" in plan.changed[0]["changes"][0]
        and "Senior engineer" in plan.changed[0]["changes"][0]
    )
    assert [(row["email"], row["why"]) for row in plan.departing] == [
        (org.mentor.email, "not in the file")
    ]
    # Nothing written yet.
    assert not Person.objects.filter(email="new.hire@example.com").exists()
    assert Person.objects.get(pk=org.mentor.pk).is_active

    done = confirm(client, preview)
    assert "1 new, " in done.content.decode() and "1 left" in done.content.decode()
    assert Person.objects.get(email="new.hire@example.com").manager == org.alice
    assert Person.objects.get(pk=org.bob.pk).title == "Senior engineer"
    mentor = Person.objects.get(pk=org.mentor.pk)
    assert not mentor.is_active and not mentor.user.is_active  # deactivated, not deleted
    pairing = MentorPairing.objects.get(pk=org.pairing.pk)
    assert pairing.status == MentorPairing.Status.ENDED
    assert "Left the company" in pairing.ended_reason
    assert org.meeting.__class__.objects.filter(pk=org.meeting.pk).exists()  # history stays

    # The leaver's login stops working at once.
    client.logout()
    client.force_login(mentor.user)
    assert client.get(reverse("mentorship:home")).status_code == 302

    # The same file again: nothing to create, change or deactivate.
    client.force_login(org.vp.user)
    again = upload(client, text).context["plan"]
    assert (again.created, again.changed, again.departing) == ([], [], [])


def test_a_candidate_marked_left_leaves_the_pool_with_their_nominations_closed(client, org):
    factories.NominationFactory(candidate=org.cand, position=org.position)
    client.force_login(org.vp.user)
    text = directory_csv(org, without={org.cand.person.email})
    person = org.cand.person
    text += f"{person.email},{person.full_name},{person.title},{person.level},{person.department.name},{org.alice.email},left\n"
    preview = upload(client, text)
    assert preview.context["plan"].departing[0]["why"] == "marked as left"
    confirm(client, preview)
    candidate = Candidate.objects.get(pk=org.cand.pk)
    assert candidate.status == CandidateStatus.EXITED
    assert not candidate.nominations.filter(is_active=True).exists()
    assert not get_user_model().objects.get(pk=person.user_id).is_active


def test_a_file_with_bad_lines_lists_them_and_imports_nothing(client, org):
    client.force_login(org.vp.user)
    text = directory_csv(org) + (
        "not-an-email,Someone,Engineer,1,Support,,\n"
        "x@example.com,,Engineer,12,Support,ghost@example.com,\n"
    )
    response = upload(client, text)
    problems = response.context["plan"].problems
    lines = len(text.splitlines())
    assert f"line {lines - 1}: 'not-an-email' is not an e-mail address" in problems
    assert f"line {lines}: full_name is empty" in problems
    assert f"line {lines}: level must be 1 to 8, not '12'" in problems
    assert f"line {lines}: manager ghost@example.com is neither in the file nor known" in problems
    assert b"Confirm the import" not in response.content
    assert response.context["pending"] is None
    assert not Person.objects.filter(email="x@example.com").exists()


@pytest.mark.parametrize(
    "content,message",
    [
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"name,age\nx,1\n", "Missing columns"),
        (b"", "The submitted file is empty"),
        (b"email,full_name,title,level,department,manager_email\n", "no people"),
    ],
)
def test_a_file_that_is_not_the_people_csv_is_a_clear_error(client, org, content, message):
    client.force_login(org.vp.user)
    before = Person.objects.count()
    file = io.BytesIO(content)
    file.name = "export.csv"
    response = client.post(reverse("front:org_import"), {"action": "preview", "file": file})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Person.objects.count() == before
    assert b"Confirm the import" not in response.content


def test_a_file_that_would_empty_the_directory_needs_a_confirmation(client, org):
    client.force_login(org.vp.user)
    text = (
        HEADER + f"{org.vp.email},{org.vp.full_name},VP,{org.vp.level},{org.vp.department.name},,\n"
    )
    preview = upload(client, text)
    assert preview.context["plan"].mass_departure
    refused = confirm(client, preview)
    assert "would deactivate" in refused.content.decode()
    assert Person.objects.filter(is_active=True).count() > 1
    preview = upload(client, text)
    confirm(client, preview, whole_directory="yes")
    assert list(Person.objects.filter(is_active=True)) == [org.vp]


def test_a_confirm_posted_twice_applies_once(client, org):
    client.force_login(org.vp.user)
    preview = upload(client, directory_csv(org, without={org.bob.email}))
    confirm(client, preview)
    second = confirm(client, preview)
    assert "no longer pending" in second.content.decode()


@pytest.mark.parametrize("who", ["alice", "director", "mentor", "bob"])
def test_only_hr_imports_the_directory(client, org, who):
    client.force_login(getattr(org, who).user)
    assert client.get(reverse("front:org_import")).status_code == 404
    assert upload(client, directory_csv(org)).status_code == 404


def test_a_short_line_or_a_loop_in_the_reporting_lines_is_an_error_not_a_500(client, org):
    client.force_login(org.vp.user)
    short = directory_csv(org) + "half.line@example.com,Half Line\n"
    response = upload(client, short)
    assert response.status_code == 200
    line = len(short.splitlines())
    problems = response.context["plan"].problems
    assert f"line {line}: level must be 1 to 8, not ''" in problems
    assert f"line {line}: department is empty" in problems
    # alice and her director each named as the other's manager: a loop.
    looped = directory_csv(org).replace(
        f"{org.director.email},{org.director.full_name},{org.director.title},"
        f"{org.director.level},{org.director.department.name},{org.vp.email},",
        f"{org.director.email},{org.director.full_name},{org.director.title},"
        f"{org.director.level},{org.director.department.name},{org.alice.email},",
    )
    assert looped != directory_csv(org)
    done = confirm(client, upload(client, looped))
    assert "cannot report to themselves or to someone in their own team" in done.content.decode()
    assert Person.objects.get(pk=org.director.pk).manager == org.vp  # nothing written


@pytest.mark.parametrize("extra", [1, 12])
def test_the_preview_costs_the_same_queries_whatever_the_file(
    client, org, extra, django_assert_num_queries
):
    client.force_login(org.vp.user)
    text = directory_csv(org) + "".join(
        f"new{i}@example.com,New {i},Engineer,1,{org.alice.department.name},{org.alice.email},\n"
        for i in range(extra)
    )
    upload(client, text)  # the session row exists from here on
    # user (the session: cache), the actor; the active count, the people named in the
    # file, who is missing (managers outside the file: none here, so no query); the
    # session's update with the upload (savepoint, UPDATE, release)
    with django_assert_num_queries(8):
        response = upload(client, text)
    assert len(response.context["plan"].created) == extra
