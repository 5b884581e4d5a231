"""A programme people apply to: HR opens an intake; anyone eligible applies in writing;
their manager endorses or not; the panel scores and decides once applications close;
forming the cohort puts the accepted in the pool "by application" and tells every
applicant their own outcome, and nobody else's."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEvent
from candidates.models import Candidate, Level
from notifications.models import Notification
from programme.models import Application, Cohort, Intake, PanelScore
from programme.services import (
    application_decide,
    application_submit,
    cohort_form,
    intake_save,
    panel_score,
)
from tests import factories
from tests.factories import actor_of

pytestmark = pytest.mark.django_db

TODAY = factories.TODAY
QUESTIONS = "Why do you want to lead in support?\nWhen did you lead without the title?"


def intake_data(org, **overrides):
    return {
        "name": "Leaders 2027",
        "opens_on": (TODAY - dt.timedelta(days=5)).isoformat(),
        "closes_on": (TODAY + dt.timedelta(days=5)).isoformat(),
        "starts_on": (TODAY + dt.timedelta(days=30)).isoformat(),
        "places": 2,
        "min_level": Level.ENGINEER,
        "max_level": Level.MANAGER,
        "questions": QUESTIONS,
        "panel": [org.mentor.pk, org.vp.pk],
    } | overrides


@pytest.fixture
def intake(org):
    return intake_save(
        actor=actor_of(org.vp),
        name="Leaders 2027",
        opens_on=TODAY - dt.timedelta(days=5),
        closes_on=TODAY + dt.timedelta(days=5),
        starts_on=TODAY + dt.timedelta(days=30),
        places=2,
        min_level=Level.ENGINEER,
        max_level=Level.MANAGER,
        questions=QUESTIONS,
        departments=[],
        panel=[org.mentor],
    )


def answers(**extra):
    return {"answer_0": "I want to grow people.", "answer_1": "I ran the outage call."} | extra


def apply_as(person, intake):
    return application_submit(
        actor=actor_of(person), intake=intake, answers=["I want to grow people.", "Outage call."]
    )


def close(intake):
    Intake.objects.filter(pk=intake.pk).update(
        opens_on=TODAY - dt.timedelta(days=20), closes_on=TODAY - dt.timedelta(days=1)
    )
    intake.refresh_from_db()
    return intake


# --- HR opens an intake ------------------------------------------------------------------


def test_hr_opens_an_intake(client, org):
    client.force_login(org.vp.user)
    response = client.post(reverse("programme:intake_new"), intake_data(org))
    intake = Intake.objects.get()
    assert response["Location"] == intake.get_absolute_url()
    assert set(intake.panel.all()) == {org.mentor, org.vp}
    assert intake.question_list() == QUESTIONS.splitlines()


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"closes_on": (TODAY - dt.timedelta(days=9)).isoformat()}, "closes after it opens"),
        ({"panel": []}, "This field is required"),
        ({"questions": "  \n "}, "This field is required"),
        ({"min_level": Level.DIRECTOR}, "lowest level comes before"),
        ({"places": 0}, "Between 1 and 200 places"),
    ],
)
def test_a_bad_intake_is_refused(client, org, overrides, message):
    client.force_login(org.vp.user)
    response = client.post(reverse("programme:intake_new"), intake_data(org, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Intake.objects.exists()


@pytest.mark.parametrize("who", ["alice", "director", "mentor", "cand_person", "nobody"])
def test_only_hr_opens_intakes(client, org, who):
    client.force_login(getattr(org, who).user)
    assert client.post(reverse("programme:intake_new"), intake_data(org)).status_code == 404
    assert not Intake.objects.exists()


# --- Applying --------------------------------------------------------------------------


def test_someone_eligible_applies_and_their_manager_is_asked(client, org, intake):
    client.force_login(org.bob.user)
    page = client.get(reverse("programme:apply")).content.decode()
    assert f'data-open-intake="{intake.pk}"' in page
    response = client.post(reverse("programme:application_new", args=[intake.pk]), answers())
    assert response["Location"] == reverse("programme:apply")
    application = Application.objects.get()
    assert (application.applicant, application.manager, application.endorsement) == (
        org.bob,
        org.alice,
        "pending",
    )
    assert application.answers[0] == {
        "question": "Why do you want to lead in support?",
        "answer": "I want to grow people.",
    }
    notice = Notification.objects.get(kind="application_to_endorse")
    assert notice.recipient == org.alice.user
    page = client.get(reverse("programme:apply")).content.decode()
    assert "Waiting for your manager" in page and f'data-open-intake="{intake.pk}"' not in page


@pytest.mark.parametrize("bad", [{"answer_1": ""}, {"answer_0": "x" * 5001}])
def test_an_application_without_every_answer_is_refused(client, org, intake, bad):
    client.force_login(org.bob.user)
    response = client.post(reverse("programme:application_new", args=[intake.pk]), answers(**bad))
    assert response.status_code == 200
    assert "is-invalid" in response.content.decode()
    assert not Application.objects.exists()


@pytest.mark.parametrize("who", ["cand_person", "director", "vp"])
def test_someone_not_eligible_cannot_apply(client, org, intake, who):
    client.force_login(getattr(org, who).user)
    assert (
        f'data-open-intake="{intake.pk}"'
        not in client.get(reverse("programme:apply")).content.decode()
    )
    url = reverse("programme:application_new", args=[intake.pk])
    assert client.post(url, answers()).status_code == 404
    with pytest.raises(ValidationError):
        apply_as(getattr(org, who), intake)
    assert not Application.objects.exists()


def test_an_intake_for_other_departments_is_not_offered(client, org, intake):
    intake.departments.set([org.rnd])
    client.force_login(org.bob.user)
    assert client.get(reverse("programme:application_new", args=[intake.pk])).status_code == 404


def test_a_closed_intake_takes_no_application(client, org, intake):
    close(intake)
    client.force_login(org.bob.user)
    assert (
        client.post(reverse("programme:application_new", args=[intake.pk]), answers()).status_code
        == 404
    )
    assert not Application.objects.exists()


def test_the_applicant_changes_or_withdraws_until_it_closes(client, org, intake):
    application = apply_as(org.bob, intake)
    client.force_login(org.bob.user)
    assert client.get(reverse("programme:application_new", args=[intake.pk]))["Location"] == (
        reverse("programme:application_edit", args=[application.pk])
    )
    client.post(
        reverse("programme:application_edit", args=[application.pk]),
        answers(answer_0="Changed my mind"),
    )
    application.refresh_from_db()
    assert application.answers[0]["answer"] == "Changed my mind"
    close(intake)
    assert (
        client.get(reverse("programme:application_edit", args=[application.pk])).status_code == 404
    )
    client.post(reverse("programme:application_withdraw", args=[application.pk]))
    assert Application.objects.filter(pk=application.pk).exists()


def test_an_applicant_never_sees_another_application(client, org, intake):
    other = factories.login_person(
        "casey", manager=org.alice, level=Level.ENGINEER, department=org.support
    )
    theirs = apply_as(other, intake)
    apply_as(org.bob, intake)
    client.force_login(org.bob.user)
    for url in (
        reverse("programme:application_edit", args=[theirs.pk]),
        reverse("programme:application", args=[theirs.pk]),
        reverse("programme:endorse", args=[theirs.pk]),
        reverse("programme:intake", args=[intake.pk]),
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(reverse("programme:application_withdraw", args=[theirs.pk])).status_code == 404
    )
    page = client.get(reverse("programme:apply")).content.decode()
    assert page.count("data-my-application") == 1 and "Casey" not in page


# --- The manager's word ----------------------------------------------------------------


def test_the_manager_endorses_with_a_note(client, org, intake):
    application = apply_as(org.bob, intake)
    client.force_login(org.alice.user)
    home = client.get(reverse("programme:home")).content.decode()
    assert "Applications from your team to endorse" in home
    url = reverse("programme:endorse", args=[application.pk])
    assert "I want to grow people." in client.get(url).content.decode()
    assert AuditEvent.objects.filter(what="application", subject_person_id=org.bob.pk).exists()
    client.post(url, {"endorsed": "yes", "note": "Runs our escalations already."})
    application.refresh_from_db()
    assert (application.endorsement, application.endorsed_by) == ("endorsed", org.alice)


def test_an_endorsement_without_a_note_is_refused(client, org, intake):
    application = apply_as(org.bob, intake)
    client.force_login(org.alice.user)
    response = client.post(reverse("programme:endorse", args=[application.pk]), {"endorsed": "no"})
    assert "is-invalid" in response.content.decode()
    application.refresh_from_db()
    assert application.endorsement == "pending"


@pytest.mark.parametrize("who", ["outsider", "mentor", "bob", "cand_person"])
def test_nobody_outside_the_line_endorses(client, org, intake, who):
    application = apply_as(org.bob, intake)
    client.force_login(getattr(org, who).user)
    url = reverse("programme:endorse", args=[application.pk])
    assert client.post(url, {"endorsed": "yes", "note": "x"}).status_code == 404
    application.refresh_from_db()
    assert application.endorsement == "pending"


# --- The panel -----------------------------------------------------------------------


def test_the_panel_scores_and_decides_after_it_closes(client, org, intake):
    application = apply_as(org.bob, intake)
    client.force_login(org.mentor.user)
    url = application.get_absolute_url()
    client.post(url, {"form": "score", "score-score": "4", "score-note": "Clear and honest"})
    assert PanelScore.objects.get().score == 4
    response = client.post(url, {"form": "decide", "decide-decision": "accepted"})
    assert "Decide once applications close" in response.content.decode()
    close(intake)
    client.post(url, {"form": "decide", "decide-decision": "accepted", "decide-note": "Welcome"})
    application.refresh_from_db()
    assert (application.decision, application.decided_by) == ("accepted", org.mentor)
    board = client.get(intake.get_absolute_url())
    row = next(a for a in board.context["board"] if a.pk == application.pk)
    assert (row.score_average, row.score_count, row.my_score) == (4.0, 1, 4)


def test_a_decline_needs_a_reason_and_places_are_kept(client, org, intake):
    first, second, third = (
        apply_as(
            factories.login_person(
                n, manager=org.alice, level=Level.ENGINEER, department=org.support
            ),
            intake,
        )
        for n in ("ana", "ben", "cleo")
    )
    close(intake)
    panel = actor_of(org.mentor)
    with pytest.raises(ValidationError, match="Say why"):
        application_decide(actor=panel, application=first, decision="declined")
    application_decide(actor=panel, application=first, decision="accepted")
    application_decide(actor=panel, application=second, decision="accepted")
    with pytest.raises(ValidationError, match="All 2 places are taken"):
        application_decide(actor=panel, application=third, decision="accepted")
    assert Application.objects.filter(decision="accepted").count() == 2


@pytest.mark.parametrize("score", ["0", "6", "", "top"])
def test_a_score_out_of_range_is_refused(client, org, intake, score):
    application = apply_as(org.bob, intake)
    client.force_login(org.mentor.user)
    response = client.post(application.get_absolute_url(), {"form": "score", "score-score": score})
    assert "is-invalid" in response.content.decode()
    assert not PanelScore.objects.exists()


def test_hr_decides_but_only_the_panel_scores(org, intake):
    application = apply_as(org.bob, intake)
    with pytest.raises(ValidationError):
        panel_score(actor=actor_of(org.vp), application=application, score=5)
    close(intake)
    application_decide(actor=actor_of(org.vp), application=application, decision="accepted")


@pytest.mark.parametrize("who", ["alice", "director", "outsider", "bob", "cand_person"])
def test_nobody_off_the_panel_reads_or_runs_the_intake(client, org, intake, who):
    application = apply_as(
        factories.login_person(
            "ana", manager=org.outsider, level=Level.ENGINEER, department=org.rnd
        ),
        intake,
    )
    client.force_login(getattr(org, who).user)
    assert client.get(intake.get_absolute_url()).status_code == 404
    assert client.get(application.get_absolute_url()).status_code == 404
    assert (
        client.post(
            application.get_absolute_url(), {"form": "score", "score-score": "5"}
        ).status_code
        == 404
    )
    assert not PanelScore.objects.exists()


# --- The cohort ------------------------------------------------------------------------


def decided(org, intake):
    yes = apply_as(org.bob, intake)
    no = apply_as(
        factories.login_person(
            "ana", manager=org.alice, level=Level.ENGINEER, department=org.support
        ),
        intake,
    )
    close(intake)
    application_decide(
        actor=actor_of(org.mentor), application=yes, decision="accepted", note="Welcome"
    )
    application_decide(
        actor=actor_of(org.mentor), application=no, decision="declined", note="Lead a project first"
    )
    return yes, no


def test_outcomes_stay_hidden_until_the_cohort_is_formed(client, org, intake):
    yes, no = decided(org, intake)
    client.force_login(org.bob.user)
    page = client.get(reverse("programme:apply")).content.decode()
    assert "With the panel" in page and "Accepted" not in page and "Welcome" not in page


def test_forming_the_cohort_puts_the_accepted_in_the_pool_and_tells_everyone(client, org, intake):
    yes, no = decided(org, intake)
    client.force_login(org.mentor.user)
    response = client.post(intake.get_absolute_url(), {"name": "Cohort 2027"})
    cohort = Cohort.objects.get()
    assert response["Location"] == cohort.get_absolute_url()
    candidate = Candidate.objects.get(person=org.bob)
    assert (candidate.joined_by, candidate.nominated_by, candidate.performance) == (
        "application",
        org.mentor,
        None,
    )
    assert "By application to Leaders 2027" in candidate.nomination_reason
    assert not Candidate.objects.filter(person=no.applicant).exists()
    titles = dict(
        Notification.objects.filter(kind="application_outcome").values_list(
            "recipient__username", "title"
        )
    )
    assert titles["bob"].startswith("Welcome to Cohort 2027")
    assert titles["ana"] == "Your application to Leaders 2027: not this time"
    client.force_login(no.applicant.user)
    page = client.get(reverse("programme:apply")).content.decode()
    assert "Not this time" in page and "Lead a project first" in page and "Bob" not in page


def test_the_cohort_waits_for_every_decision(org, intake):
    apply_as(org.bob, intake)
    close(intake)
    with pytest.raises(ValidationError, match="Decide every application first"):
        cohort_form(actor=actor_of(org.vp), intake=intake, name="Too soon")
    assert not Cohort.objects.exists()


def test_the_cohort_page_follows_each_member(client, org, intake):
    decided(org, intake)
    cohort = cohort_form(actor=actor_of(org.vp), intake=intake, name="Cohort 2027")
    candidate = Candidate.objects.get(person=org.bob)
    factories.PairingFactory(candidate=candidate, mentor=org.mentor)
    client.force_login(org.vp.user)
    page = client.get(cohort.get_absolute_url())
    [member] = page.context["members"]
    assert (member.mentor_name, member.agreement_signed, member.first_experience_on) == (
        "Mentor",
        False,
        None,
    )
    assert page.context["counts"]["paired"] == 1
    assert AuditEvent.objects.filter(what="cohort").exists()


@pytest.mark.parametrize("who", ["alice", "director", "bob", "outsider", "nobody"])
def test_only_hr_and_the_panel_follow_the_cohort(client, org, intake, who):
    decided(org, intake)
    cohort = cohort_form(actor=actor_of(org.vp), intake=intake, name="Cohort 2027")
    client.force_login(getattr(org, who).user)
    assert client.get(cohort.get_absolute_url()).status_code == 404


# --- What each page costs -----------------------------------------------------------------


def many(org, intake, size):
    return [
        apply_as(
            factories.login_person(
                f"p{n}", manager=org.alice, level=Level.ENGINEER, department=org.support
            ),
            intake,
        )
        for n in range(size)
    ]


@pytest.mark.parametrize("size", [1, 6])
def test_the_board_costs_the_same_queries(client, org, intake, size, django_assert_num_queries):
    for application in many(org, intake, size):
        panel_score(actor=actor_of(org.mentor), application=application, score=3)
    client.force_login(org.mentor.user)
    # user (the session: cache), the actor, the intake with its cohort, the panel check,
    # the applications with their scores; the audit row
    with django_assert_num_queries(6):
        assert client.get(intake.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("size", [1, 6])
def test_the_apply_page_costs_the_same_queries(
    client, org, intake, size, django_assert_num_queries
):
    for n in range(size):
        other = intake_save(
            actor=actor_of(org.vp),
            name=f"Other {n}",
            opens_on=TODAY,
            closes_on=TODAY,
            starts_on=TODAY,
            places=1,
            min_level=1,
            max_level=8,
            questions="Why?",
            departments=[],
            panel=[org.mentor],
        )
        application_submit(actor=actor_of(org.bob), intake=other, answers=["Because"])
    client.force_login(org.bob.user)
    # user (the session: cache), the actor, my applications' intakes, the open intakes,
    # their departments, my applications with their intakes and cohorts
    with django_assert_num_queries(6):
        assert client.get(reverse("programme:apply")).status_code == 200


@pytest.mark.parametrize("size", [1, 6])
def test_the_cohort_page_costs_the_same_queries(
    client, org, intake, size, django_assert_num_queries
):
    intake.places = 10
    intake.save()
    applications = many(org, intake, size)
    close(intake)
    for application in applications:
        application_decide(actor=actor_of(org.vp), application=application, decision="accepted")
    cohort = cohort_form(actor=actor_of(org.vp), intake=intake, name="Cohort")
    client.force_login(org.vp.user)
    # user (the session: cache), the actor, the cohort with its intake, the members with
    # their agreement, mentor, readiness and first experiences; the audit row
    with django_assert_num_queries(5):
        assert client.get(cohort.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("size", [1, 6])
def test_an_application_costs_the_same_queries(
    client, org, intake, size, django_assert_num_queries
):
    applications = many(org, intake, size)
    for application in applications:
        panel_score(actor=actor_of(org.mentor), application=application, score=3)
    client.force_login(org.mentor.user)
    # user (the session: cache), the actor, the application with its intake and people,
    # the panel check, the scores with their members (mine among them), the cohort; the
    # audit row
    with django_assert_num_queries(7):
        assert client.get(applications[-1].get_absolute_url()).status_code == 200


def test_the_profile_says_they_joined_by_application(client, org, intake):
    decided(org, intake)
    cohort_form(actor=actor_of(org.vp), intake=intake, name="Cohort 2027")
    client.force_login(org.alice.user)
    candidate = Candidate.objects.get(person=org.bob)
    page = client.get(candidate.get_absolute_url()).content.decode()
    assert "by application</span> By application to Leaders 2027" in page


def test_the_cohort_links_a_profile_only_for_whom_the_profile_opens(client, org, intake):
    decided(org, intake)
    cohort = cohort_form(actor=actor_of(org.vp), intake=intake, name="Cohort 2027")
    profile = Candidate.objects.get(person=org.bob).get_absolute_url()
    client.force_login(org.vp.user)
    assert f'href="{profile}"' in client.get(cohort.get_absolute_url()).content.decode()
    client.force_login(org.mentor.user)  # on the panel, outside Bob's line
    page = client.get(cohort.get_absolute_url()).content.decode()
    assert "Bob" in page and f'href="{profile}"' not in page
    assert client.get(profile).status_code == 404
