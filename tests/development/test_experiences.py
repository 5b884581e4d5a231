import datetime as dt

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from development.models import Conference, Rotation, StretchAssignment, TaskForce, Training
from tests import factories

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


def rotation_data(org, **overrides):
    data = {
        "person": org.cand_person.pk,
        "direction": "outbound",
        "role": "project_lead",
        "host_department": org.rnd.pk,
        "host_sponsor": org.mentor.pk,
        "objectives": "Ship the diagnostics bundle with R&D",
        "project": "Diagnostics bundle",
        "project_deadline": (TODAY + dt.timedelta(days=80)).isoformat(),
        "starts_on": (TODAY + dt.timedelta(days=10)).isoformat(),
        "ends_on": (TODAY + dt.timedelta(days=100)).isoformat(),
    }
    data.update(overrides)
    return data


def test_a_manager_assigns_a_rotation_and_the_matrix_shows_it(client, org):
    client.force_login(org.alice.user)
    response = client.post(reverse("development:rotation_new"), rotation_data(org))
    assert response.status_code == 302
    rotation = Rotation.objects.get(person=org.cand_person)
    assert (rotation.status, rotation.assigned_by) == ("planned", org.alice)
    assert org.cand.events.filter(kind="rotation").exists()
    page = client.get(reverse("front:development"))
    row = next(c for c in page.context["page"].object_list if c.pk == org.cand.pk)
    assert row.rot_rnd == 1 and row.n_conferences == 0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"ends_on": (TODAY + dt.timedelta(days=5)).isoformat()},
            "A rotation ends after it starts",
        ),
        ({"project_deadline": (TODAY - dt.timedelta(days=5)).isoformat()}, "project deadline"),
    ],
)
def test_bad_rotation_dates_are_refused_and_nothing_saved(client, org, overrides, message):
    client.force_login(org.alice.user)
    response = client.post(reverse("development:rotation_new"), rotation_data(org, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Rotation.objects.exists()


def test_overlapping_rotations_for_one_person_are_refused(client, org):
    factories.RotationFactory(
        person=org.cand_person,
        starts_on=TODAY + dt.timedelta(days=50),
        ends_on=TODAY + dt.timedelta(days=150),
        host_sponsor=org.mentor,
    )
    client.force_login(org.alice.user)
    response = client.post(reverse("development:rotation_new"), rotation_data(org))
    assert response.status_code == 200
    assert "rotations cannot overlap" in response.content.decode()
    assert Rotation.objects.filter(person=org.cand_person).count() == 1


def test_inbound_rotations_take_people_who_are_not_candidates(client, org):
    client.force_login(org.alice.user)
    response = client.post(
        reverse("development:rotation_new"),
        rotation_data(
            org,
            person=org.bob.pk,
            direction="inbound",
            role="support_shifts",
            host_department=org.support.pk,
        ),
    )
    assert response.status_code == 302
    assert Rotation.objects.get(person=org.bob).direction == "inbound"


def test_someone_outside_the_line_cannot_be_sent_on_a_rotation(client, org):
    client.force_login(org.alice.user)
    response = client.post(
        reverse("development:rotation_new"), rotation_data(org, person=org.other_person.pk)
    )
    assert "Select a valid choice" in response.content.decode()
    assert not Rotation.objects.exists()


def test_the_host_sponsor_assesses_and_the_person_reflects(client, org):
    rotation = factories.RotationFactory(
        person=org.cand_person, host_sponsor=org.mentor, assigned_by=org.alice
    )
    client.force_login(org.mentor.user)
    response = client.post(
        reverse("development:rotation_detail", args=[rotation.pk]),
        {
            "form": "assess",
            "objectives_met": "1",
            "delivered_on_time": "0",
            "assessment_comments": "Great work, two weeks late",
        },
    )
    assert response.status_code == 302
    client.force_login(org.cand_person.user)
    client.post(
        reverse("development:rotation_detail", args=[rotation.pk]),
        {"form": "reflect", "reflection": "I learned how R&D plans"},
    )
    # The candidate cannot assess their own rotation.
    assert (
        client.post(
            reverse("development:rotation_detail", args=[rotation.pk]),
            {
                "form": "assess",
                "objectives_met": "1",
                "delivered_on_time": "1",
                "assessment_comments": "x",
            },
        ).status_code
        == 404
    )
    rotation.refresh_from_db()
    assert (rotation.objectives_met, rotation.delivered_on_time, rotation.assessed_by) == (
        True,
        False,
        org.mentor,
    )
    assert rotation.reflection == "I learned how R&D plans"


def test_conference_trip_report_review_and_task_force(client, org):
    client.force_login(org.alice.user)
    response = client.post(
        reverse("development:conference_new", args=[org.cand.pk]),
        {
            "name": "SupportWorld",
            "location": "Las Vegas",
            "starts_on": (TODAY - dt.timedelta(days=5)).isoformat(),
            "ends_on": (TODAY - dt.timedelta(days=3)).isoformat(),
            "budget": "2500",
            "currency": "EUR",
            "assignment": "Bring back ideas",
            "trip_report_due_on": (TODAY + dt.timedelta(days=7)).isoformat(),
        },
    )
    conference = Conference.objects.get()
    assert response.status_code == 302
    client.force_login(org.cand_person.user)
    page = client.get(reverse("me")).content.decode()
    assert "Trip report: SupportWorld" in page  # what to write next, first
    response = client.post(
        reverse("development:conference_detail", args=[conference.pk]),
        {
            "form": "report",
            "learned": "Swarming",
            "ideas": "Try swarming on P1s",
            "recommendations": "Pilot it",
        },
    )
    assert response.status_code == 302
    client.force_login(org.alice.user)
    client.post(
        reverse("development:conference_detail", args=[conference.pk]),
        {"form": "review", "comments": "Good"},
    )
    client.post(
        reverse("development:conference_detail", args=[conference.pk]),
        {"form": "launch", "idea": "Swarming pilot in EMEA"},
    )
    task_force = TaskForce.objects.get()
    assert (task_force.owner, task_force.status) == (org.cand, "launched")
    client.force_login(org.cand_person.user)
    client.post(
        reverse("development:conference_detail", args=[conference.pk]),
        {"form": "task_force", "task_force": task_force.pk, "status": "implemented", "notes": ""},
    )
    task_force.refresh_from_db()
    assert task_force.status == "implemented" and task_force.implemented_on == TODAY


def test_a_trip_report_due_before_the_conference_ends_is_refused(client, org):
    client.force_login(org.alice.user)
    response = client.post(
        reverse("development:conference_new", args=[org.cand.pk]),
        {
            "name": "X",
            "starts_on": TODAY.isoformat(),
            "ends_on": (TODAY + dt.timedelta(days=2)).isoformat(),
            "budget": "0",
            "currency": "EUR",
            "assignment": "x",
            "trip_report_due_on": TODAY.isoformat(),
        },
    )
    assert "due after the conference ends" in response.content.decode()
    assert not Conference.objects.exists()


def test_completing_a_training_marks_its_commitment_done(client, org):
    commitment = factories.CommitmentFactory(
        agreement=org.agreement,
        side="company",
        category="training",
        description="Executive programme",
    )
    training = Training.objects.create(
        candidate=org.cand,
        name="Executive programme",
        kind="executive_programme",
        starts_on=TODAY,
        commitment=commitment,
    )
    client.force_login(org.cand_person.user)
    assert (
        client.post(
            reverse("development:training_detail", args=[training.pk]), {"evidence": ""}
        ).status_code
        == 200
    )
    commitment.refresh_from_db()
    assert commitment.status == "planned"
    client.post(
        reverse("development:training_detail", args=[training.pk]), {"evidence": "Certificate #42"}
    )
    commitment.refresh_from_db()
    training.refresh_from_db()
    assert training.status == "completed"
    assert (commitment.status, commitment.progress_percent) == ("done", 100)


def test_benchmark_findings_come_after_the_visit(client, org):
    visit = factories.BenchmarkVisitFactory(
        candidate=org.cand, visit_on=TODAY + dt.timedelta(days=10)
    )
    client.force_login(org.cand_person.user)
    response = client.post(
        reverse("development:benchmark_detail", args=[visit.pk]),
        {
            "questions": "How do you staff nights?",
            "findings": "They staff by product",
            "comparison": "",
            "presented_on": "",
        },
    )
    assert "Findings come after the visit" in response.content.decode()
    visit.refresh_from_db()
    assert visit.questions == ""
    client.post(
        reverse("development:benchmark_detail", args=[visit.pk]),
        {
            "questions": "How do you staff nights?",
            "findings": "",
            "comparison": "",
            "presented_on": "",
        },
    )
    visit.refresh_from_db()
    assert visit.questions_ready_on == TODAY


def test_a_failed_stretch_assignment_is_a_valid_recorded_outcome(client, org):
    client.force_login(org.alice.user)
    client.post(
        reverse("development:stretch_new", args=[org.cand.pk]),
        {
            "title": "Own the Acme escalation",
            "kind": "escalation",
            "description": "Lead the calls",
            "safety_net": org.alice.pk,
            "starts_on": TODAY.isoformat(),
        },
    )
    assignment = org.cand.stretch_assignments.get()
    client.force_login(org.cand_person.user)
    client.post(
        reverse("development:stretch_detail", args=[assignment.pk]),
        {
            "outcome": "failed",
            "lessons_learned": "Escalate to engineering sooner",
            "ends_on": TODAY.isoformat(),
        },
    )
    assignment.refresh_from_db()
    assert assignment.outcome == "failed"
    assert org.cand.events.filter(summary__contains="failed").exists()


@pytest.mark.parametrize("who", ["bob", "outsider", "other_person", "nobody"])
def test_experiences_are_404_for_everyone_else(client, org, who):
    rotation = factories.RotationFactory(
        person=org.cand_person, host_sponsor=org.director, assigned_by=org.alice
    )
    conference = factories.ConferenceFactory(candidate=org.cand)
    visit = factories.BenchmarkVisitFactory(candidate=org.cand)
    client.force_login(getattr(org, who).user)
    for url in (
        reverse("development:rotation_detail", args=[rotation.pk]),
        reverse("development:conference_detail", args=[conference.pk]),
        reverse("development:benchmark_detail", args=[visit.pk]),
        reverse("development:conference_new", args=[org.cand.pk]),
    ):
        assert client.get(url).status_code == 404, url


def test_the_candidate_cannot_assign_experiences_or_see_the_overview(client, org):
    client.force_login(org.cand_person.user)
    assert client.get(reverse("front:development")).status_code == 404
    assert client.get(reverse("development:rotation_new")).status_code == 404


@pytest.mark.parametrize("size", [3, 30])
def test_the_overview_costs_the_same_queries_whatever_the_pool(
    client, org, size, django_assert_num_queries
):
    for _i in range(size):
        person = factories.PersonFactory(manager=org.alice, level=2)
        candidate = factories.CandidateFactory(person=person, nominated_by=org.alice)
        factories.RotationFactory(person=person, host_sponsor=org.mentor, assigned_by=org.alice)
        factories.ConferenceFactory(candidate=candidate)
    client.force_login(org.alice.user)
    # user (the session: cache), the actor (person, roles, mentor flag, unread count: one query),
    # count, matrix rows, running rotations, upcoming, overdue reports, unassessed
    with django_assert_num_queries(8):
        assert client.get(reverse("front:development")).status_code == 200


def test_the_profile_and_my_plan_list_every_kind_of_experience_from_one_query(client, org):
    today = factories.TODAY
    factories.RotationFactory(
        person=org.cand_person,
        host_sponsor=org.mentor,
        assigned_by=org.alice,
        starts_on=today - dt.timedelta(days=80),
        ends_on=today + dt.timedelta(days=5),
        assessed_on=None,
    )
    conference = factories.ConferenceFactory(candidate=org.cand)
    TaskForce.objects.create(
        conference=conference,
        owner=org.cand,
        idea="Self-service diagnostics",
        launched_by=org.alice,
        launched_on=today,
    )
    factories.BenchmarkVisitFactory(candidate=org.cand, company="Peer Cloud GmbH")
    Training.objects.create(
        candidate=org.cand,
        name="Executive programme",
        kind="executive_programme",
        starts_on=today,
        status="in_progress",
    )
    StretchAssignment.objects.create(
        candidate=org.cand,
        title="Own the Q3 escalation desk",
        kind="escalation",
        description="Run it",
        safety_net=org.alice,
        assigned_by=org.alice,
        starts_on=today,
        ends_on=today,
        outcome="succeeded",
    )
    client.force_login(org.alice.user)
    profile = client.get(reverse("front:profile", args=[org.cand.pk])).content.decode()
    for words in (
        "Rotation in R&amp;D</a>, cross-department project lead",
        "SupportWorld Live</a>",
        "1 task force",
        "Benchmark visit to Peer Cloud GmbH",
        "Executive programme</a> · in progress",
        "Own the Q3 escalation desk</a> · succeeded · safety net Alice",
    ):
        assert words in profile, words
    client.force_login(org.cand_person.user)
    plan = client.get(reverse("me")).content.decode()
    assert "Rotation reflection: R&amp;D" in plan  # ends within two weeks, not written
    assert "Questions for the benchmark visit: Peer Cloud GmbH" in plan


def test_a_stretch_outcome_without_an_end_date_is_readiness_evidence(client, org):
    """ "Ended on" is optional: the outcome saved without it is dated today, offered as
    evidence on the readiness page and counted on the review agenda."""
    client.force_login(org.alice.user)
    client.post(
        reverse("development:stretch_new", args=[org.cand.pk]),
        {
            "title": "Own the Acme escalation",
            "kind": "escalation",
            "description": "Lead the calls",
            "safety_net": org.alice.pk,
            "starts_on": (TODAY - dt.timedelta(days=30)).isoformat(),
        },
    )
    assignment = org.cand.stretch_assignments.get()
    response = client.post(
        reverse("development:stretch_detail", args=[assignment.pk]),
        {"outcome": "succeeded", "lessons_learned": "Escalate sooner", "ends_on": ""},
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert (assignment.outcome, assignment.ends_on) == ("succeeded", TODAY)

    nomination = factories.NominationFactory(candidate=org.cand, position=org.position)
    page = client.get(reverse("succession:readiness", args=[nomination.pk])).content.decode()
    assert "Own the Acme escalation: succeeded" in page
    review = factories.review_for(org)
    agenda = client.get(reverse("reviews:detail", args=[review.pk])).content.decode()
    assert "1 stretch outcome" in agenda


def test_the_database_refuses_an_outcome_without_an_end(org):
    with pytest.raises(IntegrityError), transaction.atomic():
        StretchAssignment.objects.create(
            candidate=org.cand,
            title="Escalation desk",
            kind="escalation",
            description="Run it",
            safety_net=org.alice,
            assigned_by=org.alice,
            starts_on=TODAY,
            outcome="succeeded",
        )
