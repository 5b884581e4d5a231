"""The confidentiality matrix of docs/product.md, role by role, object by object, through each
app's access module."""

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404

from agreements import access as agreement_access
from candidates import access as talent_access
from candidates.access import Relation
from candidates.models import Person
from candidates.services import person_save, person_set_manager
from mentorship import access as mentoring_access
from supportlead.context_processors import navigation
from supportlead.middleware import ActorOnce
from tests import factories
from tests.factories import actor_of

pytestmark = pytest.mark.django_db


def test_a_manager_sees_candidates_in_their_line_and_not_beyond(org):
    assert set(talent_access.candidates_managed_by(actor_of(org.alice.user))) == {org.cand}
    assert set(talent_access.candidates_managed_by(actor_of(org.director.user))) == {org.cand}
    assert set(talent_access.candidates_managed_by(actor_of(org.outsider.user))) == {org.other}


def test_view_all_talent_sees_every_candidate(org):
    assert set(talent_access.candidates_managed_by(actor_of(org.vp.user))) == {org.cand, org.other}


def test_people_without_reports_manage_nobody(org):
    for person in (org.cand_person, org.nobody):
        assert list(talent_access.candidates_managed_by(actor_of(person.user))) == []


def test_a_manager_never_manages_themself_as_a_candidate(org):
    alice_candidacy = factories.CandidateFactory(person=org.alice, nominated_by=org.director)
    assert alice_candidacy not in talent_access.candidates_managed_by(actor_of(org.alice.user))
    assert alice_candidacy in talent_access.candidates_managed_by(actor_of(org.director.user))
    assert (
        talent_access.candidate_relation(actor_of(org.alice.user), alice_candidacy) == Relation.SELF
    )


def test_hr_who_is_a_candidate_does_not_see_their_own_ratings(org):
    vp_candidacy = factories.CandidateFactory(person=org.vp, nominated_by=org.vp)
    assert vp_candidacy not in talent_access.candidates_managed_by(actor_of(org.vp.user))
    assert talent_access.candidate_relation(actor_of(org.vp.user), vp_candidacy) == Relation.SELF


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("vp", Relation.MANAGER),
        ("director", Relation.MANAGER),
        ("alice", Relation.MANAGER),
        ("mentor", Relation.MENTOR),
        ("cand_person", Relation.SELF),
        ("bob", Relation.NONE),
        ("outsider", Relation.NONE),
        ("nobody", Relation.NONE),
    ],
)
def test_access_to_the_candidate_follows_the_relationship(org, who, expected):
    user = getattr(org, who).user
    assert talent_access.candidate_relation(actor_of(user), org.cand) == expected
    if expected >= Relation.MENTOR:
        _, permissions = talent_access.candidate_get_for_user(actor=actor_of(user), pk=org.cand.pk)
        assert permissions.sees_confidential is (expected == Relation.MANAGER)


def test_a_mentor_who_is_also_the_line_manager_sees_everything(org):
    org.pairing.status = "ended"
    org.pairing.save()
    factories.PairingFactory(candidate=org.cand, mentor=org.director, created_by=org.director)
    assert (
        talent_access.candidate_relation(actor_of(org.director.user), org.cand) == Relation.MANAGER
    )


def test_an_ended_pairing_no_longer_opens_the_candidate(org):
    org.pairing.status = "ended"
    org.pairing.save()
    assert talent_access.candidate_relation(actor_of(org.mentor.user), org.cand) == Relation.NONE
    with pytest.raises(Http404):
        mentoring_access.pairing_get_for_party(actor=actor_of(org.mentor.user), pk=org.pairing.pk)


def test_candidate_get_for_user_answers_404_below_the_minimum(org):
    with pytest.raises(Http404):
        talent_access.candidate_get_for_user(actor=actor_of(org.cand_person.user), pk=org.cand.pk)
    with pytest.raises(Http404):
        talent_access.candidate_get_for_user(actor=actor_of(org.outsider.user), pk=org.cand.pk)
    with pytest.raises(Http404):
        talent_access.candidate_get_for_user(actor=actor_of(org.alice.user), pk=999999)
    candidate, permissions = talent_access.candidate_get_for_user(
        actor=actor_of(org.mentor.user), pk=org.cand.pk
    )
    assert candidate == org.cand
    assert permissions.relation == Relation.MENTOR
    assert not permissions.sees_confidential


def _roles(rf, user):
    """The actor as the navigation reads it: built by the request's middleware."""
    request = rf.get("/")
    request.user = user
    ActorOnce(lambda request: None)(request)
    return navigation(request)["actor"]


def test_roles_are_computed_from_relationships(org, rf):
    roles = _roles(rf, org.mentor.user)
    # The R&D director manages the outsider's branch and mentors cand.
    assert (roles.manager, roles.mentor, roles.candidate) == (True, True, False)
    roles = _roles(rf, org.cand_person.user)
    assert (roles.manager, roles.mentor, roles.candidate) == (False, False, True)
    roles = _roles(rf, org.nobody.user)
    assert not (roles.manager or roles.mentor or roles.candidate)


def test_a_person_can_hold_three_roles(org, rf):
    """The director mentors someone, manages alice's team and is a candidate for VP."""
    factories.CandidateFactory(person=org.director, nominated_by=org.vp)
    factories.PairingFactory(candidate=org.other, mentor=org.director, created_by=org.vp)
    roles = _roles(rf, org.director.user)
    assert (roles.manager, roles.mentor, roles.candidate) == (True, True, True)
    assert (
        talent_access.candidate_relation(actor_of(org.director.user), org.other) == Relation.MENTOR
    )


def test_only_the_mentor_of_an_open_pairing_can_log_meetings(org):
    pairing = mentoring_access.pairing_get_for_mentor(
        actor=actor_of(org.mentor.user), pk=org.pairing.pk
    )
    assert pairing == org.pairing
    for person in (org.alice, org.cand_person, org.outsider, org.vp):
        with pytest.raises(Http404):
            mentoring_access.pairing_get_for_mentor(actor=actor_of(person.user), pk=org.pairing.pk)


@pytest.mark.parametrize(
    ("who", "parts"),
    [
        ("cand_person", {"candidate"}),
        ("director", {"sponsor", "manager"}),
        ("alice", {"manager"}),
        ("vp", {"manager"}),
        ("mentor", {"mentor"}),
        ("bob", set()),
        ("outsider", set()),
        ("other_person", set()),
    ],
)
def test_agreement_permissions(org, who, parts):
    user = getattr(org, who).user
    if parts:
        agreement, permissions = agreement_access.agreement_get_for_user(
            actor=actor_of(user), pk=org.agreement.pk
        )
        found = {
            name
            for name in ("candidate", "sponsor", "manager", "mentor")
            if getattr(permissions, f"is_{name}")
        }
        assert found == parts
    else:
        with pytest.raises(Http404):
            agreement_access.agreement_get_for_user(actor=actor_of(user), pk=org.agreement.pk)


def test_a_mentor_reads_the_agreement_but_neither_edits_nor_signs_it(org):
    _, permissions = agreement_access.agreement_get_for_user(
        actor=actor_of(org.mentor.user), pk=org.agreement.pk
    )
    assert not permissions.can_edit_terms
    assert not permissions.can_propose
    assert permissions.parties == frozenset()
    assert not permissions.can_update_progress("candidate")
    assert not permissions.can_update_progress("company")


def test_a_candidate_cannot_reach_another_candidates_agreement(org):
    with pytest.raises(Http404):
        agreement_access.agreement_get_for_user(
            actor=actor_of(org.cand_person.user), pk=org.other_agreement.pk
        )


def test_people_managed_by_is_the_line_below(org):
    assert set(talent_access.people_managed_by(actor_of(org.alice.user))) == {
        org.cand_person,
        org.bob,
        org.nobody,
    }
    assert list(talent_access.people_managed_by(actor_of(org.nobody.user))) == []


def test_reporting_lines_follow_people_through_the_person_service(org):
    """A person created or moved through the service (admin, import, shell all call it)
    is placed in the right line, and their team moves with them."""
    newcomer = person_save(
        person=Person(
            full_name="Newcomer",
            email="newcomer@example.com",
            title="Engineer",
            level=1,
            department=org.support,
            manager=org.bob,
        )
    )
    assert newcomer.reporting_path == f"{org.bob.reporting_path}{newcomer.pk}/"
    new_candidate = factories.CandidateFactory(person=newcomer, nominated_by=org.bob)
    assert new_candidate in talent_access.candidates_managed_by(actor_of(org.alice.user))
    # bob's team (nobody, newcomer) moves to the outsider's branch with him.
    person_set_manager(person=org.bob, manager=org.outsider)
    newcomer.refresh_from_db()
    assert newcomer.reporting_path.startswith(org.outsider.reporting_path)
    assert new_candidate not in talent_access.candidates_managed_by(actor_of(org.alice.user))
    assert new_candidate in talent_access.candidates_managed_by(actor_of(org.outsider.user))


def test_a_manager_cannot_be_placed_under_their_own_team(org):
    with pytest.raises(ValidationError):
        person_set_manager(person=org.alice, manager=org.bob)
