"""The confidentiality matrix of DESIGN.md, role by role, object by object."""

import pytest
from django.http import Http404

from supportlead import access
from supportlead.access import AgreementRole, CandidateAccess
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_manager_sees_candidates_in_their_line_and_not_beyond(org):
    assert set(access.candidates_managed_by(org.alice.user)) == {org.cand}
    assert set(access.candidates_managed_by(org.director.user)) == {org.cand}
    assert set(access.candidates_managed_by(org.outsider.user)) == {org.other}


def test_view_all_talent_sees_every_candidate(org):
    assert set(access.candidates_managed_by(org.vp.user)) == {org.cand, org.other}


def test_people_without_reports_manage_nobody(org):
    for person in (org.cand_person, org.nobody):
        assert list(access.candidates_managed_by(person.user)) == []


def test_a_manager_never_manages_themself_as_a_candidate(org):
    alice_candidacy = factories.CandidateFactory(person=org.alice, nominated_by=org.director)
    assert alice_candidacy not in access.candidates_managed_by(org.alice.user)
    assert alice_candidacy in access.candidates_managed_by(org.director.user)
    assert access.candidate_access(org.alice.user, alice_candidacy) == CandidateAccess.SELF


@pytest.mark.parametrize(
    ("who", "expected"),
    [
        ("vp", CandidateAccess.MANAGER),
        ("director", CandidateAccess.MANAGER),
        ("alice", CandidateAccess.MANAGER),
        ("mentor", CandidateAccess.MENTOR),
        ("cand_person", CandidateAccess.SELF),
        ("bob", CandidateAccess.NONE),
        ("outsider", CandidateAccess.NONE),
        ("nobody", CandidateAccess.NONE),
    ],
)
def test_access_to_the_candidate_follows_the_relationship(org, who, expected):
    user = getattr(org, who).user
    assert access.candidate_access(user, org.cand) == expected
    assert access.can_see_confidential(user, org.cand) is (expected == CandidateAccess.MANAGER)


def test_a_mentor_who_is_also_the_line_manager_sees_everything(org):
    org.pairing.status = "ended"
    org.pairing.save()
    factories.PairingFactory(candidate=org.cand, mentor=org.director, created_by=org.director)
    assert access.candidate_access(org.director.user, org.cand) == CandidateAccess.MANAGER


def test_an_ended_pairing_no_longer_opens_the_candidate(org):
    org.pairing.status = "ended"
    org.pairing.save()
    assert access.candidate_access(org.mentor.user, org.cand) == CandidateAccess.NONE
    assert list(access.candidates_mentored_by(org.mentor.user)) == []


def test_candidate_get_for_user_answers_404_below_the_minimum(org):
    with pytest.raises(Http404):
        access.candidate_get_for_user(user=org.cand_person.user, pk=org.cand.pk)
    with pytest.raises(Http404):
        access.candidate_get_for_user(user=org.outsider.user, pk=org.cand.pk)
    with pytest.raises(Http404):
        access.candidate_get_for_user(user=org.alice.user, pk=999999)
    candidate, level = access.candidate_get_for_user(user=org.mentor.user, pk=org.cand.pk)
    assert (candidate, level) == (org.cand, CandidateAccess.MENTOR)


def test_roles_are_computed_from_relationships(org):
    roles = access.roles_for(org.mentor.user)
    # The R&D director manages the outsider's branch and mentors cand.
    assert (roles.manager, roles.mentor, roles.candidate) == (True, True, False)
    roles = access.roles_for(org.cand_person.user)
    assert (roles.manager, roles.mentor, roles.candidate) == (False, False, True)
    roles = access.roles_for(org.nobody.user)
    assert not roles.any


def test_a_person_can_hold_three_roles(org):
    """The director mentors someone, manages alice's team and is a candidate for VP."""
    factories.CandidateFactory(person=org.director, nominated_by=org.vp)
    factories.PairingFactory(candidate=org.other, mentor=org.director, created_by=org.vp)
    roles = access.roles_for(org.director.user)
    assert (roles.manager, roles.mentor, roles.candidate) == (True, True, True)
    assert set(access.candidates_mentored_by(org.director.user)) == {org.other}
    assert access.candidate_access(org.director.user, org.other) == CandidateAccess.MENTOR
    assert not access.can_see_confidential(org.director.user, org.other)


@pytest.mark.parametrize(
    ("who", "visible"),
    [
        ("vp", {"pairing"}),
        ("alice", {"pairing"}),
        ("mentor", {"pairing"}),
        ("cand_person", {"pairing"}),
        ("bob", set()),
        ("outsider", set()),
    ],
)
def test_pairings_and_meetings_follow_the_candidate(org, who, visible):
    user = getattr(org, who).user
    expected = {getattr(org, name) for name in visible}
    assert set(access.pairings_visible_to(user)) == expected
    meetings = set(access.meetings_visible_to(user))
    assert meetings == ({org.meeting} if expected else set())


def test_only_the_mentor_of_an_open_pairing_can_log_meetings(org):
    assert access.pairing_get_for_mentor(user=org.mentor.user, pk=org.pairing.pk) == org.pairing
    for person in (org.alice, org.cand_person, org.outsider, org.vp):
        with pytest.raises(Http404):
            access.pairing_get_for_mentor(user=person.user, pk=org.pairing.pk)


def test_private_notes_are_the_authors_only(org):
    assert access.can_see_private_notes(org.mentor.user, org.meeting)
    for person in (org.alice, org.vp, org.cand_person):
        assert not access.can_see_private_notes(person.user, org.meeting)


@pytest.mark.parametrize(
    ("who", "roles"),
    [
        ("cand_person", {AgreementRole.CANDIDATE}),
        ("director", {AgreementRole.SPONSOR, AgreementRole.MANAGER}),
        ("alice", {AgreementRole.MANAGER}),
        ("vp", {AgreementRole.MANAGER}),
        ("mentor", set()),
        ("bob", set()),
        ("outsider", set()),
        ("other_person", set()),
    ],
)
def test_agreement_roles(org, who, roles):
    user = getattr(org, who).user
    if roles:
        agreement, found = access.agreement_get_for_user(user=user, pk=org.agreement.pk)
        assert found == roles
        assert org.agreement in access.agreements_visible_to(user)
    else:
        with pytest.raises(Http404):
            access.agreement_get_for_user(user=user, pk=org.agreement.pk)
        assert org.agreement not in access.agreements_visible_to(user)


def test_a_candidate_cannot_reach_another_candidates_agreement(org):
    with pytest.raises(Http404):
        access.agreement_get_for_user(user=org.cand_person.user, pk=org.other_agreement.pk)
    assert list(access.agreements_visible_to(org.cand_person.user)) == [org.agreement]


def test_people_managed_by_is_the_line_below(org):
    assert set(access.people_managed_by(org.alice.user)) == {
        org.cand_person,
        org.bob,
        org.nobody,
    }
    assert list(access.people_managed_by(org.nobody.user)) == []


def test_reporting_lines_follow_people_however_they_are_written(org):
    """A person created or moved outside the services (shell, admin, import) is still
    placed in the right line, and their team moves with them."""
    from candidates.models import Person

    newcomer = Person.objects.create(
        full_name="Newcomer",
        email="newcomer@example.com",
        title="Engineer",
        level=1,
        department=org.support,
        manager=org.bob,
    )
    assert newcomer.reporting_path == f"{org.bob.reporting_path}{newcomer.pk}/"
    new_candidate = factories.CandidateFactory(person=newcomer, nominated_by=org.bob)
    assert new_candidate in access.candidates_managed_by(org.alice.user)
    # bob's team (nobody, newcomer) moves to the outsider's branch with him.
    org.bob.manager = org.outsider
    org.bob.save()
    newcomer.refresh_from_db()
    assert newcomer.reporting_path.startswith(org.outsider.reporting_path)
    assert new_candidate not in access.candidates_managed_by(org.alice.user)
    assert new_candidate in access.candidates_managed_by(org.outsider.user)
