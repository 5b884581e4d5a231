"""A query compiled once (common.sql.union_rows_compiled, values_compiled) answers each
call with that call's own rows: the stand-in ids are replaced, whatever asked first."""

import datetime as dt

import pytest

from candidates.access import actor_for
from common.sql import _COMPILED, union_rows, union_rows_compiled
from development.selectors import EXPERIENCE_COLUMNS, _experience_parts, experiences
from succession.evidence import evidence_available
from tests import factories

pytestmark = pytest.mark.django_db


def test_each_call_reads_its_own_candidate(org):
    factories.RotationFactory(
        person=org.cand_person, host_sponsor=org.mentor, assigned_by=org.alice
    )
    factories.ConferenceFactory(candidate=org.other, assigned_by=org.outsider, name="Far away")
    _COMPILED.clear()
    mine = experiences(candidate=org.cand)
    theirs = experiences(candidate=org.other)
    assert [e.kind for e in mine] == ["rotation"]
    assert [(e.kind, e.title) for e in theirs] == [("conference", "Far away")]
    assert len([key for key in _COMPILED if key[0] == ("union", "experiences")]) == 1


def test_it_reads_what_the_union_reads(org):
    factories.RotationFactory(
        person=org.cand_person, host_sponsor=org.mentor, assigned_by=org.alice
    )
    factories.ConferenceFactory(candidate=org.cand, assigned_by=org.alice)
    compiled = union_rows_compiled(
        "experiences",
        EXPERIENCE_COLUMNS,
        _experience_parts,
        candidate_id=org.cand.pk,
        person_id=org.cand_person.pk,
    )
    plain = list(union_rows(EXPERIENCE_COLUMNS, _experience_parts(org.cand.pk, org.cand_person.pk)))
    key = lambda row: (row["ex_kind"], row["ex_pk"])  # noqa: E731
    assert sorted(compiled, key=key) == sorted(plain, key=key)
    assert all(isinstance(row["ex_starts_on"], dt.date) for row in compiled)


def test_lists_of_ids_make_a_shape_of_their_own(org):
    """The competency picture reads the targets of one, then two positions."""
    from succession.models import CompetencyTarget

    second = factories.KeyPositionFactory(title="Director", level=6, department=org.support)
    competency = CompetencyTarget._meta.get_field("competency").related_model.objects.first()
    CompetencyTarget.objects.create(competency=competency, position=second, target=4)
    from front.selectors import competency_facts

    one = competency_facts(candidate=org.cand, positions=[org.position])
    two = competency_facts(candidate=org.cand, positions=[org.position, second])
    assert (second.pk, None, competency.pk, 4) in [row[:4] for row in two["targets"]]
    assert not [row for row in one["targets"] if row[0] == second.pk]


def test_the_evidence_of_two_candidates_stays_apart(org):
    factories.RotationFactory(
        person=org.cand_person,
        host_sponsor=org.mentor,
        assigned_by=org.alice,
        assessed_on=dt.date.today(),
    )
    assert [item.kind for item in evidence_available(candidate=org.cand)] == ["rotation"]
    assert evidence_available(candidate=org.other) == []


def test_each_login_reads_its_own_actor(org):
    """The actor query (every page runs it) is compiled once and answers each login."""
    _COMPILED.clear()
    alice = actor_for(org.alice.user)
    casey = actor_for(org.cand_person.user)
    assert (alice.person.pk, alice.manager, alice.candidate) == (org.alice.pk, True, False)
    assert (casey.person.pk, casey.manager, casey.candidate) == (org.cand_person.pk, False, True)
    assert casey.person.full_name == org.cand_person.full_name
    assert len([key for key in _COMPILED if key[0][0] == "values"]) == 1
