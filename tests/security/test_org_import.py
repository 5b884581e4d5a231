"""The people directory from HR's page: upload, the worker checks it (created, changed,
leaving, errors by line), HR confirms, the worker applies it all or nothing; the same
rules as import_org, leavers deactivated with their pairings and nominations ended and
their login off. The import has a page of its own that a browser can leave and find
again."""

import datetime as dt
import io

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from candidates.models import Candidate, CandidateStatus, DirectoryImport, Person
from candidates.services import directory_import_check, directory_import_start
from mentorship.models import MentorPairing
from tests import factories

pytestmark = pytest.mark.django_db

HEADER = "email,full_name,title,level,department,manager_email,status\n"
Status = DirectoryImport.Status


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


def _file(text, name="people.csv"):
    file = io.BytesIO(text if isinstance(text, bytes) else text.encode())
    file.name = name
    return file


@pytest.fixture
def upload(client, django_capture_on_commit_callbacks):
    """Upload a file; the worker's check runs (in-process) when the request commits."""

    def uploaded(text, name="people.csv"):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(reverse("front:org_import"), {"file": _file(text, name)})
        return client.get(response["Location"]) if response.status_code == 302 else response

    return uploaded


@pytest.fixture
def confirm(client, django_capture_on_commit_callbacks):
    def confirmed(response, **extra):
        job = response.context["job"]
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("front:org_import_confirm", args=[job.pk]), {"digest": job.digest, **extra}
            )
        return client.get(response["Location"])

    return confirmed


def test_hr_previews_then_confirms_a_new_person_a_change_and_a_leaver(client, org, upload, confirm):
    client.force_login(org.vp.user)
    text = directory_csv(
        org,
        without={org.mentor.email},
        changes={org.bob.email: "Senior engineer"},
        extra=f"new.hire@example.com,New Hire,Engineer,1,{org.alice.department.name},{org.alice.email},\n",
    )
    preview = upload(text)
    assert preview.status_code == 200
    job = preview.context["job"]
    assert job.status == Status.READY
    shown = job.plan["shown"]
    assert [row["email"] for row in shown["created"]] == ["new.hire@example.com"]
    assert [row["email"] for row in shown["changed"]] == [org.bob.email]
    assert "title: " in shown["changed"][0]["changes"][0]
    assert "Senior engineer" in shown["changed"][0]["changes"][0]
    assert [(row["email"], row["why"]) for row in shown["departing"]] == [
        (org.mentor.email, "not in the file")
    ]
    page = preview.content.decode()
    assert "1 to create, 1 to change, 1 to deactivate" in page
    assert "Confirm the import" in page
    # Nothing written yet.
    assert not Person.objects.filter(email="new.hire@example.com").exists()
    assert Person.objects.get(pk=org.mentor.pk).is_active

    done = confirm(preview)
    assert "1 new, 1 updated, 1 left (1 new login" in done.content.decode()
    assert DirectoryImport.objects.get(pk=job.pk).text == ""  # HR's file is not kept
    hire = Person.objects.get(email="new.hire@example.com")
    assert hire.manager == org.alice
    assert hire.reporting_path == f"{org.alice.reporting_path}{hire.pk}/"
    assert hire.user.username == "new.hire" and not hire.user.has_usable_password()
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
    again = upload(text).context["job"].plan
    assert (again["created"], again["changed"], again["departing"]) == (0, 0, 0)


def test_a_candidate_marked_left_leaves_the_pool_with_their_nominations_closed(
    client, org, upload, confirm
):
    factories.NominationFactory(candidate=org.cand, position=org.position)
    client.force_login(org.vp.user)
    text = directory_csv(org, without={org.cand.person.email})
    person = org.cand.person
    text += f"{person.email},{person.full_name},{person.title},{person.level},{person.department.name},{org.alice.email},left\n"
    preview = upload(text)
    assert preview.context["job"].plan["shown"]["departing"][0]["why"] == "marked as left"
    confirm(preview)
    candidate = Candidate.objects.get(pk=org.cand.pk)
    assert candidate.status == CandidateStatus.EXITED
    assert not candidate.nominations.filter(is_active=True).exists()
    assert not get_user_model().objects.get(pk=person.user_id).is_active


def test_a_file_with_bad_lines_lists_them_and_imports_nothing(client, org, upload):
    client.force_login(org.vp.user)
    text = directory_csv(org) + (
        "not-an-email,Someone,Engineer,1,Support,,\n"
        "x@example.com,,Engineer,12,Support,ghost@example.com,\n"
        f"long@example.com,{'L' * 161},Engineer,1,Support,,\n"
    )
    response = upload(text)
    job = response.context["job"]
    assert job.status == Status.PROBLEMS
    problems = job.plan["shown"]["problems"]
    lines = len(text.splitlines())
    assert f"line {lines - 2}: 'not-an-email' is not an e-mail address" in problems
    assert f"line {lines - 1}: full_name is empty" in problems
    assert f"line {lines - 1}: level must be 1 to 8, not '12'" in problems
    assert (
        f"line {lines - 1}: manager ghost@example.com is neither in the file nor known" in problems
    )
    assert f"line {lines}: full_name is longer than 160 characters" in problems
    page = response.content.decode()
    assert "Nothing can be imported: 5 problems" in page
    assert "line 2" not in " ".join(problems)
    assert "Confirm the import" not in page
    assert not Person.objects.filter(email="x@example.com").exists()


def test_a_login_taken_or_made_twice_is_a_problem_of_its_line(client, org, upload):
    client.force_login(org.vp.user)
    taken = org.alice.user.username
    text = directory_csv(org) + (
        f"{taken}@elsewhere.example,Namesake,Engineer,1,Support,,\n"
        "sam@one.example,Sam One,Engineer,1,Support,,\n"
        "sam@two.example,Sam Two,Engineer,1,Support,,\n"
    )
    problems = upload(text).context["job"].plan["shown"]["problems"]
    lines = len(text.splitlines())
    assert problems == [
        f"line {lines}: the login 'sam' would also be line {lines - 1}'s: give one of them a username column",
        f"line {lines - 2}: the login '{taken}' is already {org.alice.email}'s: give this line a username column",
    ]


@pytest.mark.parametrize(
    "content,message",
    [
        (b"\xff\xfe\x00garbage", "not UTF-8"),
        (b"name,age\nx,1\n", "Missing columns: email, full_name"),
        (b"", "The submitted file is empty"),
        (b"email,full_name,title,level,department,manager_email\n", "no people in it"),
        (
            b"email,full_name,title,level,department,manager_email\n" + b"\n" * 700_000,
            "700,001 lines (684 KB)",
        ),
        (b"x" * (5 * 1024 * 1024 + 1), "The file is 5.0 MB; an import takes up to 5 MB"),
    ],
    ids=["binary", "other csv", "empty", "header only", "700k empty lines", "too big"],
)
def test_a_file_that_is_not_the_people_csv_is_refused_at_upload(client, org, content, message):
    client.force_login(org.vp.user)
    before = Person.objects.count()
    response = client.post(reverse("front:org_import"), {"file": _file(content, "export.csv")})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Person.objects.count() == before
    assert not DirectoryImport.objects.exists()  # nothing handed to the worker


def test_a_file_that_would_empty_the_directory_needs_a_confirmation(client, org, upload, confirm):
    client.force_login(org.vp.user)
    text = (
        HEADER + f"{org.vp.email},{org.vp.full_name},VP,{org.vp.level},{org.vp.department.name},,\n"
    )
    preview = upload(text)
    assert preview.context["job"].plan["mass_departure"]
    refused = confirm(preview)
    assert "tick the box if it really is the whole directory" in refused.content.decode()
    assert Person.objects.filter(is_active=True).count() > 1
    assert DirectoryImport.objects.get().status == Status.READY  # still waiting for HR
    confirm(preview, whole_directory="yes")
    assert list(Person.objects.filter(is_active=True)) == [org.vp]


def test_a_confirm_posted_twice_applies_once(client, org, upload, confirm):
    client.force_login(org.vp.user)
    preview = upload(directory_csv(org, without={org.bob.email}))
    confirm(preview)
    second = confirm(preview)
    assert "no longer waiting" in second.content.decode()
    assert DirectoryImport.objects.get().result["departed"] == 1


def test_a_dropped_import_writes_nothing_and_keeps_no_file(client, org, upload, confirm):
    client.force_login(org.vp.user)
    preview = upload(directory_csv(org, without={org.bob.email}))
    job = preview.context["job"]
    client.post(reverse("front:org_import_cancel", args=[job.pk]))
    job.refresh_from_db()
    assert (job.status, job.text) == (Status.CANCELLED, "")
    assert "no longer waiting" in confirm(preview).content.decode()
    assert Person.objects.get(pk=org.bob.pk).is_active


@pytest.mark.parametrize("who", ["alice", "director", "mentor", "bob"])
def test_only_hr_imports_the_directory(client, org, who, upload):
    client.force_login(org.vp.user)
    job = upload(directory_csv(org)).context["job"]
    client.force_login(getattr(org, who).user)
    assert client.get(reverse("front:org_import")).status_code == 404
    assert upload(directory_csv(org)).status_code == 404
    assert client.get(job.get_absolute_url()).status_code == 404
    for action in ("org_import_confirm", "org_import_cancel", "org_import_requeue"):
        url = reverse(f"front:{action}", args=[job.pk])
        assert client.post(url, {"digest": job.digest}).status_code == 404
    job.refresh_from_db()
    assert job.status == Status.READY


def test_a_short_line_or_a_loop_in_the_reporting_lines_is_a_problem_not_a_500(client, org, upload):
    client.force_login(org.vp.user)
    short = directory_csv(org) + "half.line@example.com,Half Line\n"
    problems = upload(short).context["job"].plan["shown"]["problems"]
    line = len(short.splitlines())
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
    response = upload(looped)
    assert response.context["job"].status == Status.PROBLEMS
    assert "cannot report to someone in their own team" in response.content.decode()
    assert Person.objects.get(pk=org.director.pk).manager == org.vp  # nothing written


def test_a_file_that_no_longer_fits_the_directory_fails_whole(client, org, upload, confirm):
    """Checked, then the directory changed before the confirm: applying checks again,
    writes nothing and says why."""
    client.force_login(org.vp.user)
    outside = factories.PersonFactory(email="boss@example.com", department=org.alice.department)
    text = directory_csv(
        org,
        without={outside.email},
        extra=f"new@example.com,New,Engineer,1,Support,{outside.email},\n",
    )
    preview = upload(text)
    assert preview.context["job"].plan["shown"]["problems"] == []
    Person.objects.filter(pk=outside.pk).update(email="renamed@example.com")
    done = confirm(preview)
    assert "manager boss@example.com is neither in the file nor known" in done.content.decode()
    assert DirectoryImport.objects.get().status == Status.FAILED
    assert not Person.objects.filter(email="new@example.com").exists()


def test_a_browser_that_comes_back_finds_the_import_where_it_stands(client, org):
    """No worker answers: the page says it waits, refreshes itself, and after a while
    offers to hand the file to the worker again; the worker then checks it."""
    client.force_login(org.vp.user)
    response = client.post(
        reverse("front:org_import"), {"file": _file(directory_csv(org))}, follow=True
    )  # the commit never comes in a test's transaction: the worker is not told
    job = response.context["job"]
    assert job.status == Status.CHECKING
    page = response.content.decode()
    assert "Waiting for the worker" in page and 'http-equiv="refresh"' in page
    listed = client.get(reverse("front:org_import")).content.decode()
    assert job.get_absolute_url() in listed and "Checking the file" in listed
    DirectoryImport.objects.filter(pk=job.pk).update(
        updated_at=timezone.now() - dt.timedelta(minutes=5)
    )
    stuck = client.get(job.get_absolute_url()).content.decode()
    assert "is it running?" in stuck and 'http-equiv="refresh"' not in stuck


def test_handing_a_stuck_import_to_the_worker_again_checks_it(
    client, org, django_capture_on_commit_callbacks
):
    client.force_login(org.vp.user)
    client.post(reverse("front:org_import"), {"file": _file(directory_csv(org))})
    job = DirectoryImport.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("front:org_import_requeue", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == Status.READY and job.plan["unchanged"] == Person.objects.count()


@pytest.mark.parametrize("extra", [1, 12])
def test_an_import_page_costs_the_same_queries_whatever_the_file(
    client, org, extra, upload, django_assert_num_queries
):
    client.force_login(org.vp.user)
    text = directory_csv(org) + "".join(
        f"new{i}@example.com,New {i},Engineer,1,{org.alice.department.name},{org.alice.email},\n"
        for i in range(extra)
    )
    job = upload(text).context["job"]
    # user (the session: cache), the actor, the import with who uploaded it
    with django_assert_num_queries(3):
        response = client.get(job.get_absolute_url())
    assert response.context["job"].plan["created"] == extra
    # user, the actor, the last ten imports with who uploaded them
    with django_assert_num_queries(3):
        client.get(reverse("front:org_import"))


@pytest.mark.parametrize("extra", [1, 12])
def test_the_check_costs_the_same_queries_whatever_the_file(org, extra, django_assert_num_queries):
    text = directory_csv(org) + "".join(
        f"new{i}@example.com,New {i},Engineer,1,{org.alice.department.name},{org.alice.email},\n"
        for i in range(extra)
    )
    job = directory_import_start(
        actor=factories.actor_of(org.vp), file_name="p.csv", text=text, size=len(text), lines=9
    )
    # the import; progress at the start; the active count, the people named in the file,
    # the managers outside it (none: no query), the logins wanted, everyone's manager;
    # who is missing; progress at the end; the import saved
    with django_assert_num_queries(9):
        directory_import_check(import_id=job.pk)
    job.refresh_from_db()
    assert job.plan["created"] == extra


def test_a_file_of_changes_only_touches_nobody_else(
    client, org, django_capture_on_commit_callbacks, confirm
):
    client.force_login(org.vp.user)
    text = HEADER + (
        f"{org.bob.email},Bob,Support team lead,{org.bob.level},{org.bob.department.name},"
        f"{org.alice.email},\n"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("front:org_import"), {"file": _file(text), "scope": "changes"}
        )
    page = client.get(response["Location"])
    assert "A file of changes only" in page.content.decode()
    assert (page.context["job"].plan["changed"], page.context["job"].plan["departing"]) == (1, 0)
    confirm(page)
    org.bob.refresh_from_db()
    assert org.bob.title == "Support team lead"
    assert Person.objects.filter(is_active=True).count() == Person.objects.count()


def test_the_preview_says_what_each_departure_ends(client, org, upload):
    client.force_login(org.vp.user)
    page = upload(directory_csv(org, without={org.cand_person.email})).content.decode()
    assert (
        "Cand &lt;cand@example.com&gt;: not in the file; ends their login, their place in the "
        "succession pool, 1 mentor pairing, their leadership agreement"
    ) in page


def test_hr_exports_todays_directory_and_it_imports_as_unchanged(client, org, upload):
    client.force_login(org.vp.user)
    response = client.get(reverse("front:people_export"))
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    lines = text.splitlines()
    assert (
        lines[0]
        == "email,full_name,title,level,department,manager_email,username,location,time_zone,status"
    )
    assert len(lines) == 1 + Person.objects.filter(is_active=True).count()
    plan = upload(text).context["job"].plan
    assert (plan["created"], plan["changed"], plan["departing"], plan["problems"]) == (0, 0, 0, 0)


@pytest.mark.parametrize("who", ["alice", "director", "cand_person", "nobody"])
def test_only_hr_exports_the_directory(client, org, who):
    client.force_login(getattr(org, who).user)
    assert client.get(reverse("front:people_export")).status_code == 404
