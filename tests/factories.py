"""factory_boy factories and a small org with every role (``build_org``)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from agreements.models import Commitment, LeadershipAgreement, Side
from candidates.access import actor_for
from candidates.models import Candidate, Department, DepartmentKind, Level, Person, TalentRating
from candidates.services import person_set_manager
from common.actor import Actor
from demo.org import defaults_ensure
from development.models import BenchmarkVisit, Conference, Rotation
from mentorship.models import ActionItem, Meeting, MentorPairing
from mentorship.services import checkin_due_on
from reviews import services as review_services
from reviews.models import TalentReview
from succession.models import KeyPosition, Readiness, SuccessorNomination

PASSWORD = "correct-horse-battery"
TODAY = dt.date.today()


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.com")
    password = factory.django.Password(PASSWORD)


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("name",)

    name = "Technical Support"
    kind = DepartmentKind.SUPPORT


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    user = factory.SubFactory(UserFactory)
    full_name = factory.Sequence(lambda n: f"Person {n}")
    email = factory.Sequence(lambda n: f"person{n}@example.com")
    title = "Support engineer"
    level = Level.ENGINEER
    department = factory.SubFactory(DepartmentFactory)
    manager = None

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        manager = kwargs.pop("manager", None)
        person = super()._create(model_class, *args, **kwargs)
        return person_set_manager(person=person, manager=manager)


class CandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Candidate

    person = factory.SubFactory(PersonFactory, level=Level.SENIOR_ENGINEER)
    nominated_by = factory.LazyAttribute(lambda o: o.person.manager or o.person)
    nominated_on = TODAY - dt.timedelta(days=200)
    nomination_reason = "Runs the escalation desk like a manager already."
    performance = 3
    potential = 3
    flight_risk = "medium"
    flight_risk_reason = "Recruiters call every month."


class TalentRatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TalentRating

    candidate = factory.SubFactory(CandidateFactory)
    performance = 3
    potential = 3
    flight_risk = "medium"
    reason = "Quarterly talent review."
    rated_by = factory.LazyAttribute(lambda o: o.candidate.nominated_by)
    rated_at = factory.LazyFunction(timezone.now)


class KeyPositionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = KeyPosition

    title = factory.Sequence(lambda n: f"Support manager {n}")
    level = Level.MANAGER
    department = factory.SubFactory(DepartmentFactory)
    incumbent = None


class NominationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SuccessorNomination

    position = factory.SubFactory(KeyPositionFactory)
    candidate = factory.SubFactory(CandidateFactory)
    readiness = Readiness.ONE_TO_TWO_YEARS
    nominated_by = factory.LazyAttribute(lambda o: o.candidate.nominated_by)
    nominated_on = TODAY - dt.timedelta(days=100)
    readiness_confirmed_on = factory.LazyAttribute(lambda o: o.nominated_on)
    readiness_confirmed_by = factory.LazyAttribute(lambda o: o.nominated_by)


class PairingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MentorPairing

    candidate = factory.SubFactory(CandidateFactory)
    mentor = factory.SubFactory(PersonFactory, level=Level.DIRECTOR, title="Director")
    cadence_days = 14
    starts_on = TODAY - dt.timedelta(days=180)
    created_by = factory.LazyAttribute(lambda o: o.candidate.nominated_by)
    last_met_on = None
    checkin_due_on = factory.LazyAttribute(
        lambda o: checkin_due_on(
            last_met_on=o.last_met_on, starts_on=o.starts_on, cadence_days=o.cadence_days
        )
    )


def pairing_dates_set(pairing: MentorPairing, **dates) -> MentorPairing:
    """Set a pairing's meeting dates as if its meetings said so (the day the check-in is
    due follows, through the service's own rule)."""
    MentorPairing.objects.filter(pk=pairing.pk).update(**dates)
    pairing.refresh_from_db()
    pairing.checkin_due_on = checkin_due_on(
        last_met_on=pairing.last_met_on,
        starts_on=pairing.starts_on,
        cadence_days=pairing.cadence_days,
    )
    pairing.save(update_fields=["checkin_due_on"])
    return pairing


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    pairing = factory.SubFactory(PairingFactory)
    author = factory.LazyAttribute(lambda o: o.pairing.mentor)
    held_on = TODAY - dt.timedelta(days=10)
    duration_minutes = 45
    shared_notes = "Talked about leading the Q3 escalation review."
    private_notes = "Still hesitant to push back on sales; watch this."


class ActionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActionItem

    meeting = factory.SubFactory(MeetingFactory)
    description = "Draft the escalation policy"
    owner = factory.LazyAttribute(lambda o: o.meeting.pairing.candidate.person)
    due_on = TODAY + dt.timedelta(days=7)


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LeadershipAgreement

    candidate = factory.SubFactory(CandidateFactory)
    sponsor = factory.SubFactory(PersonFactory, level=Level.VP, title="VP Support")
    status = LeadershipAgreement.Status.ACTIVE
    effective_on = TODAY - dt.timedelta(days=90)
    review_on = TODAY + dt.timedelta(days=275)
    created_by = factory.LazyAttribute(lambda o: o.sponsor)


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    agreement = factory.SubFactory(AgreementFactory)
    side = Side.CANDIDATE
    category = Commitment.Category.CLASSES
    description = "Take business classes at night school."
    due_on = TODAY + dt.timedelta(days=120)


class RotationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Rotation

    person = factory.SubFactory(PersonFactory)
    direction = Rotation.Direction.OUTBOUND
    role = Rotation.Role.PROJECT_LEAD
    host_department = factory.SubFactory(DepartmentFactory, name="R&D", kind=DepartmentKind.RND)
    host_sponsor = factory.SubFactory(PersonFactory, level=Level.DIRECTOR)
    objectives = "Lead the diagnostics-bundle project across R&D and support."
    starts_on = TODAY - dt.timedelta(days=30)
    ends_on = TODAY + dt.timedelta(days=60)
    assigned_by = factory.LazyAttribute(lambda o: o.person.manager or o.host_sponsor)


class ConferenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Conference

    candidate = factory.SubFactory(CandidateFactory)
    name = "SupportWorld Live"
    starts_on = TODAY - dt.timedelta(days=20)
    ends_on = TODAY - dt.timedelta(days=18)
    trip_report_due_on = TODAY - dt.timedelta(days=4)
    budget = 2500
    assigned_by = factory.LazyAttribute(lambda o: o.candidate.nominated_by)


class BenchmarkVisitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BenchmarkVisit

    candidate = factory.SubFactory(CandidateFactory)
    company = "Peer Software AG"
    visit_on = TODAY + dt.timedelta(days=20)
    assigned_by = factory.LazyAttribute(lambda o: o.candidate.nominated_by)


def login_person(username: str, *, manager=None, **kwargs) -> Person:
    user = UserFactory(username=username)
    return PersonFactory(
        user=user,
        full_name=kwargs.pop("full_name", username.capitalize()),
        email=f"{username}@example.com",
        manager=manager,
        **kwargs,
    )


def build_org() -> SimpleNamespace:
    """The role matrix in one org; see tests/conftest.py ``org``."""
    defaults_ensure()  # a transactional test before this one may have flushed them
    support = DepartmentFactory()
    rnd = DepartmentFactory(name="R&D", kind=DepartmentKind.RND)
    vp = login_person("vp", level=Level.VP, title="VP Support", department=support)
    vp.user.user_permissions.add(Permission.objects.get(codename="view_all_talent"))
    director = login_person(
        "director", manager=vp, level=Level.DIRECTOR, title="Director", department=support
    )
    alice = login_person(
        "alice", manager=director, level=Level.MANAGER, title="Support manager", department=support
    )
    cand_person = login_person(
        "cand",
        manager=alice,
        level=Level.SENIOR_ENGINEER,
        title="Senior support engineer",
        department=support,
    )
    bob = login_person("bob", manager=alice, level=Level.ENGINEER, department=support)
    mentor = login_person(
        "mentor", manager=vp, level=Level.DIRECTOR, title="Director R&D", department=rnd
    )
    outsider = login_person(
        "outsider", manager=mentor, level=Level.MANAGER, title="R&D manager", department=rnd
    )
    other_person = login_person(
        "other", manager=outsider, level=Level.SENIOR_ENGINEER, department=rnd
    )
    nobody = login_person("nobody", manager=bob, level=Level.ENGINEER, department=support)

    cand = CandidateFactory(person=cand_person, nominated_by=alice)
    other = CandidateFactory(person=other_person, nominated_by=outsider)
    pairing = PairingFactory(candidate=cand, mentor=mentor, created_by=alice)
    meeting = MeetingFactory(pairing=pairing)
    agreement = AgreementFactory(candidate=cand, sponsor=director, created_by=director)
    other_agreement = AgreementFactory(candidate=other, sponsor=mentor, created_by=mentor)
    position = KeyPositionFactory(title="Support manager EMEA", department=support, incumbent=alice)
    return SimpleNamespace(**locals())


def actor_of(who) -> Actor:
    """The actor of a person or a login, read as a request reads it (one query)."""
    return actor_for(who.user if isinstance(who, Person) else who)


def review_for(org, *, participants=None, start=True) -> TalentReview:
    """A talent review of everyone under the director (alice's team: cand), facilitated
    by the VP (HR); started unless ``start`` is False."""
    review = review_services.review_create(
        actor=actor_of(org.vp),
        name="Q4 support review",
        held_on=dt.date.today(),
        scope="line",
        scope_head=org.director,
        scope_positions=[],
        facilitator=org.vp,
        participants=participants if participants is not None else [org.alice, org.director],
    )
    if start:
        review = review_services.review_start(actor=actor_of(org.vp), review=review)
    return review
