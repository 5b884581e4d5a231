"""Splitting the apps moved models (development experiences out of ``candidates``,
notifications out of ``mentorship``) without moving a row: a database at the schema
before the split, seeded, then migrated to today's, has the same rows in every table,
and the moved models keep their content types (so their permissions)."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# The last migrations before the split: the schema the product ran on until then.
BEFORE_THE_SPLIT = [
    ("candidates", "0002_default_competencies"),
    ("mentorship", "0004_meeting_constraint_message"),
    ("agreements", "0003_default_commitment_templates"),
    ("development", None),
    ("notifications", None),
]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    if targets is None:
        targets = executor.loader.graph.leaf_nodes()
    executor.migrate(targets)
    # The state at those migrations (an app migrated to None has none of its own).
    django_apps = [
        n for n in executor.loader.graph.leaf_nodes() if n[0] in ("auth", "contenttypes")
    ]
    return executor.loader.project_state([t for t in targets if t[1]] + django_apps).apps


def _row_counts() -> dict[str, int]:
    with connection.cursor() as cursor:
        tables = connection.introspection.table_names(cursor)
        counts = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
            counts[table] = cursor.fetchone()[0]
    return counts


def _seed(apps) -> None:
    """One row or more in every table the split touches, written with the models as they
    were before it."""
    # Long on purpose: one story (or one fixture table) read top to bottom.
    today = dt.date.today()
    User = apps.get_model("auth", "User")
    Department = apps.get_model("candidates", "Department")
    Person = apps.get_model("candidates", "Person")
    Candidate = apps.get_model("candidates", "Candidate")
    Competency = apps.get_model("candidates", "Competency")
    Competency.objects.filter(name="Empathy").delete()
    support = Department.objects.create(name="Support", kind="support")
    rnd = Department.objects.create(name="R&D", kind="rnd")
    users = [User.objects.create(username=f"u{i}", email=f"u{i}@example.com") for i in range(3)]
    boss = Person.objects.create(
        user=users[0],
        full_name="Boss",
        email="boss@example.com",
        title="VP",
        level=7,
        department=support,
        reporting_path="/1/",
    )
    mentor = Person.objects.create(
        user=users[1],
        full_name="Mentor",
        email="m@example.com",
        title="Director",
        level=6,
        department=rnd,
        manager=boss,
    )
    person = Person.objects.create(
        user=users[2],
        full_name="Cand",
        email="c@example.com",
        title="Engineer",
        level=2,
        department=support,
        manager=boss,
    )
    candidate = Candidate.objects.create(
        person=person, nominated_by=boss, nominated_on=today, nomination_reason="Good"
    )
    rotation = apps.get_model("candidates", "Rotation").objects.create(
        person=person,
        direction="outbound",
        role="project_lead",
        host_department=rnd,
        host_sponsor=mentor,
        objectives="Ship it",
        starts_on=today,
        ends_on=today,
        assigned_by=boss,
    )
    apps.get_model("candidates", "RotationCompetencyScore").objects.create(
        rotation=rotation, competency=Competency.objects.create(name="Empathy"), score=4
    )
    apps.get_model("candidates", "StretchAssignment").objects.create(
        candidate=candidate,
        title="Own it",
        kind="decision",
        description="D",
        safety_net=boss,
        assigned_by=boss,
        starts_on=today,
    )
    conference = apps.get_model("candidates", "Conference").objects.create(
        candidate=candidate,
        name="SupportConf",
        starts_on=today,
        ends_on=today,
        trip_report_due_on=today,
        assigned_by=boss,
    )
    apps.get_model("candidates", "TaskForce").objects.create(
        conference=conference,
        owner=candidate,
        idea="Idea",
        launched_by=boss,
        launched_on=today,
    )
    apps.get_model("candidates", "BenchmarkVisit").objects.create(
        candidate=candidate, company="Peer", visit_on=today, assigned_by=boss
    )
    agreement = apps.get_model("agreements", "LeadershipAgreement").objects.create(
        candidate=candidate, sponsor=boss, effective_on=today, review_on=today, created_by=boss
    )
    commitment = apps.get_model("agreements", "Commitment").objects.create(
        agreement=agreement, side="company", description="Programme"
    )
    apps.get_model("candidates", "Training").objects.create(
        candidate=candidate, name="Exec", kind="course", starts_on=today, commitment=commitment
    )
    pairing = apps.get_model("mentorship", "MentorPairing").objects.create(
        candidate=candidate,
        mentor=mentor,
        starts_on=today - dt.timedelta(days=30),
        created_by=boss,
        last_met_on=today - dt.timedelta(days=20),
    )
    apps.get_model("mentorship", "Meeting").objects.create(
        pairing=pairing, author=mentor, held_on=today - dt.timedelta(days=20)
    )
    apps.get_model("mentorship", "Notification").objects.create(
        recipient=users[1],
        kind="checkin_due",
        item_key=f"pairing:{pairing.pk}",
        period_key="p",
        title="Check-in due",
    )
    apps.get_model("mentorship", "NotificationPreference").objects.create(user=users[1])
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in ("rotation", "training"):
        ContentType.objects.get_or_create(app_label="candidates", model=model)
    ContentType.objects.filter(app_label="development").delete()
    ContentType.objects.filter(app_label="notifications").delete()
    ContentType.objects.get_or_create(app_label="mentorship", model="notification")


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_split_keeps_every_row():
    old_apps = _migrate(BEFORE_THE_SPLIT)
    _seed(old_apps)
    before = _row_counts()
    assert before["candidates_rotation"] == 1 and before["mentorship_notification"] == 1

    new_apps = _migrate(None)

    after = _row_counts()
    # Every table of before holds the same rows; only the migration log grew.
    assert after.pop("django_migrations") > before.pop("django_migrations")
    assert {t: n for t, n in after.items() if t in before} == before
    # The rows are reachable through the models where they live now.
    assert new_apps.get_model("development", "Rotation").objects.count() == 1
    assert new_apps.get_model("development", "Training").objects.get().commitment_id
    assert new_apps.get_model("notifications", "Notification").objects.count() == 1
    pairing = new_apps.get_model("mentorship", "MentorPairing").objects.get()
    assert pairing.checkin_due_on == pairing.last_met_on + dt.timedelta(days=14)
    ContentType = new_apps.get_model("contenttypes", "ContentType")
    assert ContentType.objects.filter(app_label="development", model="rotation").exists()
    assert not ContentType.objects.filter(app_label="candidates", model="rotation").exists()
    assert ContentType.objects.filter(app_label="notifications", model="notification").exists()


# The last migrations before readiness got one home (key positions, nominations, their
# history, targets, fills and follow-ups out of ``candidates``; the plan from gaps out of
# ``succession``; the one-time form tokens out to ``common``).
BEFORE_READINESS_MOVED = [
    ("candidates", "0007_person_level_index"),
    ("succession", "0001_initial"),
    ("development", "0004_experience_catalogue"),
    ("reviews", "0001_initial"),
    ("reports", "0001_initial"),
    ("common", None),
]

MOVED_TO_SUCCESSION = [
    "keyposition",
    "successornomination",
    "readinesschange",
    "competencytarget",
    "positionfill",
    "followup",
]


def _seed_readiness(apps) -> dict:
    """A row in every table the move touches, written with the models where they were."""
    # Long on purpose: one story (or one fixture table) read top to bottom.
    today = dt.date.today()
    now = dt.datetime.now(dt.UTC)
    get = apps.get_model
    user = get("auth", "User").objects.create(username="hr", email="hr@example.com")
    support = get("candidates", "Department").objects.create(name="Support", kind="support")
    boss = get("candidates", "Person").objects.create(
        user=user,
        full_name="Boss",
        email="boss@example.com",
        title="VP",
        level=7,
        department=support,
        reporting_path="/1/",
    )
    person = get("candidates", "Person").objects.create(
        full_name="Cand",
        email="c@example.com",
        title="Lead",
        level=3,
        department=support,
        manager=boss,
    )
    candidate = get("candidates", "Candidate").objects.create(
        person=person, nominated_by=boss, nominated_on=today, nomination_reason="Good"
    )
    position = get("candidates", "KeyPosition").objects.create(
        title="Support manager", level=4, department=support, incumbent=boss
    )
    nomination = get("candidates", "SuccessorNomination").objects.create(
        position=position,
        candidate=candidate,
        readiness="ready_now",
        nominated_by=boss,
        nominated_on=today,
        readiness_confirmed_on=today,
    )
    get("candidates", "ReadinessChange").objects.create(
        nomination=nomination, kind="nominated", readiness="ready_now", changed_on=today
    )
    competency = get("candidates", "Competency").objects.create(name="Moving on")
    get("candidates", "CompetencyTarget").objects.create(
        competency=competency, position=position, target=4
    )
    get("candidates", "PositionFill").objects.create(
        position=position, person=boss, filled_on=today, from_pool=False
    )
    follow_up = get("candidates", "FollowUp").objects.create(
        candidate=candidate, position=position, description="Talk", owner=boss
    )
    get("candidates", "FormSubmission").objects.create(token="t-1", user=user)
    get("succession", "ReadinessEvidence").objects.create(
        nomination=nomination,
        kind="review",
        item_id=1,
        dated_on=today,
        summary="Moved up",
        attached_at=now,
    )
    agreement = get("agreements", "LeadershipAgreement").objects.create(
        candidate=candidate, sponsor=boss, effective_on=today, review_on=today, created_by=boss
    )
    commitment = get("agreements", "Commitment").objects.create(
        agreement=agreement, side="company", description="Programme"
    )
    get("succession", "GapCommitment").objects.create(
        candidate=candidate,
        position=position,
        competency=competency,
        commitment=commitment,
        target=4,
        created_by=boss,
    )
    review = get("reviews", "TalentReview").objects.create(
        name="Q1", held_on=today, facilitator=boss, created_by=boss
    )
    review.scope_positions.add(position)
    get("reviews", "ReviewMove").objects.create(
        review=review,
        candidate=candidate,
        kind="readiness",
        position=position,
        nomination=nomination,
        before="1–2 years",
        after="Ready now",
        reason="Shipped",
        moved_by=boss,
        moved_at=now,
    )
    get("reviews", "ReviewAction").objects.create(
        review=review,
        candidate=candidate,
        kind="conversation",
        description="Talk",
        follow_up=follow_up,
        created_by=boss,
        created_at=now,
    )
    month = get("reports", "ProgrammeMonth").objects.create(
        month=today.replace(day=1), as_of=today, source="taken", taken_at=now
    )
    get("reports", "NominationMonth").objects.create(
        month=month,
        position=position,
        candidate=candidate,
        reporting_path="/1/",
        readiness="ready_now",
        is_stale=False,
        days_at_readiness=3,
    )
    get("reports", "PositionMonth").objects.create(
        month=month,
        position=position,
        ready_now=1,
        ready_now_fresh=1,
        fills_from_pool=0,
        fills_from_outside=1,
    )
    ContentType = get("contenttypes", "ContentType")
    Permission = get("auth", "Permission")
    ids = {}
    for app_label, model in [
        ("candidates", m) for m in [*MOVED_TO_SUCCESSION, "formsubmission"]
    ] + [("succession", "gapcommitment")]:
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        Permission.objects.get_or_create(
            content_type=content_type, codename=f"change_{model}", defaults={"name": model}
        )
        ids[model] = content_type.pk
    ContentType.objects.filter(
        app_label__in=["common", "development"], model__in=["formsubmission", "gapcommitment"]
    ).delete()
    ContentType.objects.filter(app_label="succession").exclude(
        model__in=["gapcommitment", "readinessevidence"]
    ).delete()
    return ids


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_readiness_moved_keeps_every_row_and_content_type():
    old_apps = _migrate(BEFORE_READINESS_MOVED)
    content_types = _seed_readiness(old_apps)
    before = _row_counts()
    assert before["candidates_keyposition"] == 1 and before["succession_gapcommitment"] == 1

    new_apps = _migrate(None)

    after = _row_counts()
    assert after.pop("django_migrations") > before.pop("django_migrations")
    assert {t: n for t, n in after.items() if t in before} == before
    # Reachable where they live now, with their relations.
    nomination = new_apps.get_model("succession", "SuccessorNomination").objects.get()
    assert nomination.position.title == "Support manager"
    assert nomination.readiness_history.count() == 1
    assert (
        new_apps.get_model("succession", "ReadinessEvidence").objects.get().nomination == nomination
    )
    assert new_apps.get_model("development", "GapCommitment").objects.get().position.level == 4
    assert new_apps.get_model("reviews", "ReviewMove").objects.get().nomination == nomination
    assert (
        new_apps.get_model("reports", "PositionMonth").objects.get().position_id
        == nomination.position_id
    )
    assert new_apps.get_model("common", "FormSubmission").objects.get().token == "t-1"
    # The same content types (so the same permissions and admin history), relabelled.
    ContentType = new_apps.get_model("contenttypes", "ContentType")
    for model in MOVED_TO_SUCCESSION:
        moved = ContentType.objects.get(app_label="succession", model=model)
        assert moved.pk == content_types[model]
        assert moved.permission_set.filter(codename=f"change_{model}").exists()
    assert (
        ContentType.objects.get(app_label="development", model="gapcommitment").pk
        == content_types["gapcommitment"]
    )
    assert (
        ContentType.objects.get(app_label="common", model="formsubmission").pk
        == content_types["formsubmission"]
    )
    assert not ContentType.objects.filter(
        app_label="candidates", model__in=MOVED_TO_SUCCESSION
    ).exists()


@pytest.mark.django_db(transaction=True)
def test_fills_recorded_before_the_slate_was_kept_find_their_slate():
    """A graduate's fill closed their nomination to the seat the same day: the migration
    that keeps the slate reads it back from there; a fill from outside has none."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    # Succession before the slate, and what depends on it after (agreements' link of a
    # commitment to a fill) before it too.
    earlier = {
        "succession": "0008_acting_cover",
        "agreements": "0004_constraint_messages",
    }
    before = [(app, earlier.get(app, name)) for app, name in executor.loader.graph.leaf_nodes()]
    old_apps = _migrate(before)
    get = old_apps.get_model
    today = dt.date.today()
    support = get("candidates", "Department").objects.create(name="Support", kind="support")
    people = [
        get("candidates", "Person").objects.create(
            full_name=name, email=f"{name}@example.com", title="Lead", level=3, department=support
        )
        for name in ("boss", "grad", "hire")
    ]
    boss, grad, hire = people
    candidate = get("candidates", "Candidate").objects.create(
        person=grad, nominated_by=boss, nominated_on=today, nomination_reason="Good"
    )
    seat = get("succession", "KeyPosition").objects.create(
        title="Support manager", level=4, department=support
    )
    get("succession", "SuccessorNomination").objects.create(
        position=seat,
        candidate=candidate,
        readiness="ready_now",
        nominated_by=boss,
        nominated_on=today,
        readiness_confirmed_on=today,
        is_active=False,
        closed_on=today,
        override_by=boss,
    )
    Fill = get("succession", "PositionFill")
    Fill.objects.create(position=seat, person=grad, filled_on=today, from_pool=True)
    Fill.objects.create(position=seat, person=hire, filled_on=today, from_pool=False)

    new_apps = _migrate(None)

    fills = new_apps.get_model("succession", "PositionFill").objects.order_by("pk")
    assert [
        (f.person.full_name, f.on_slate, f.readiness_at_fill, f.nominated_by_id, f.human_decision)
        for f in fills
    ] == [("grad", True, "ready_now", boss.pk, True), ("hire", False, "", None, False)]
