import datetime as dt

import pytest
from django.urls import reverse

from agreements.models import AgreementVersion, Commitment, LeadershipAgreement, Signature
from tests import factories
from tests.factories import actor_of

pytestmark = pytest.mark.django_db
TODAY = dt.date.today()


@pytest.fixture
def signed(org):
    """org.agreement, version 1, signed by both, with one commitment on each side."""
    from agreements import services

    mine = factories.CommitmentFactory(
        agreement=org.agreement, side="candidate", description="Take business classes"
    )
    company = factories.CommitmentFactory(
        agreement=org.agreement,
        side="company",
        category="training",
        description="Pay for the executive programme",
    )
    AgreementVersion.objects.create(
        agreement=org.agreement,
        number=1,
        terms=services._terms(org.agreement),
        created_by=org.director,
    )
    for party, person in (("candidate", org.cand_person), ("sponsor", org.director)):
        Signature.objects.create(
            version=org.agreement.versions.get(),
            party=party,
            signed_by=person,
            signed_at=dt.datetime.now(dt.UTC),
        )
    return mine, company


def progress(commitment, **overrides):
    data = {
        "form": "progress",
        "status": "in_progress",
        "progress_percent": 40,
        "evidence": "Enrolled for spring term",
        "dropped_reason": "",
        "revision": commitment.revision,
    }
    data.update(overrides)
    return data


def test_the_candidate_updates_progress_of_their_own_commitment_without_a_new_version(
    client, org, signed
):
    mine, _ = signed
    client.force_login(org.cand_person.user)
    response = client.post(
        reverse("agreements:commitment_edit", args=[mine.pk]), progress(mine, next="/me/")
    )
    assert response.status_code == 302 and response.url == "/me/"
    mine.refresh_from_db()
    assert (mine.status, mine.progress_percent, mine.evidence) == (
        "in_progress",
        40,
        "Enrolled for spring term",
    )
    org.agreement.refresh_from_db()
    assert org.agreement.current_version == 1
    assert org.agreement.status == "active"
    assert mine.history.count() >= 2  # simple_history kept who changed what


def test_the_candidate_cannot_change_the_company_side(client, org, signed):
    _, company = signed
    client.force_login(org.cand_person.user)
    assert client.get(reverse("agreements:commitment_edit", args=[company.pk])).status_code == 404
    assert (
        client.post(
            reverse("agreements:commitment_edit", args=[company.pk]), progress(company)
        ).status_code
        == 404
    )
    company.refresh_from_db()
    assert company.status == "planned"


def test_dropping_needs_a_reason_and_nothing_is_saved_without_one(client, org, signed):
    mine, _ = signed
    client.force_login(org.cand_person.user)
    response = client.post(
        reverse("agreements:commitment_edit", args=[mine.pk]), progress(mine, status="dropped")
    )
    assert response.status_code == 200
    assert "Say why the commitment is dropped" in response.content.decode()
    mine.refresh_from_db()
    assert mine.status == "planned"


def test_a_proposal_waits_for_the_sponsor_then_becomes_a_new_version(client, org, signed):
    client.force_login(org.cand_person.user)
    response = client.post(
        reverse("agreements:commitment_new", args=[org.agreement.pk]),
        {
            "side": "company",
            "category": "conference",
            "description": "Send me to SupportWorld",
            "due_on": "",
        },
    )
    assert response.status_code == 302
    proposal = Commitment.objects.get(description="Send me to SupportWorld")
    assert proposal.proposal == "proposed" and proposal.proposed_by == org.cand_person
    org.agreement.refresh_from_db()
    assert org.agreement.current_version == 1  # a proposal is not a term yet
    # Only the sponsor decides.
    client.force_login(org.alice.user)
    assert (
        client.post(
            reverse("agreements:proposal_decide", args=[proposal.pk]), {"decision": "accept"}
        ).status_code
        == 404
    )
    client.force_login(org.director.user)
    assert (
        client.post(
            reverse("agreements:proposal_decide", args=[proposal.pk]), {"decision": "accept"}
        ).status_code
        == 302
    )
    proposal.refresh_from_db()
    org.agreement.refresh_from_db()
    assert proposal.proposal == "accepted"
    # Accepted, it waits to be sent: version 1 stays in force meanwhile.
    assert (org.agreement.current_version, org.agreement.status) == (1, "active")
    page = client.get(reverse("agreements:detail", args=[org.agreement.pk])).content.decode()
    assert "Changes waiting for signatures: version 2" in page
    assert "Added: Send me to SupportWorld" in page
    client.post(reverse("agreements:send", args=[org.agreement.pk]))
    org.agreement.refresh_from_db()
    assert (org.agreement.current_version, org.agreement.status) == (2, "awaiting_signatures")
    version = org.agreement.versions.get(number=2)
    assert "Send me to SupportWorld" in [t["description"] for t in version.terms]
    assert version.change_summary == "added “Send me to SupportWorld”"
    assert not version.signatures.exists()


def test_proposals_accepted_together_are_signed_once(client, org, signed):
    """The sponsor accepts three proposals and declines one: one new version, sent once."""
    proposals = [
        factories.CommitmentFactory(
            agreement=org.agreement, proposal="proposed", description=f"Proposal {n}"
        )
        for n in range(4)
    ]
    client.force_login(org.director.user)
    for proposal in proposals[:3]:
        client.post(
            reverse("agreements:proposal_decide", args=[proposal.pk]), {"decision": "accept"}
        )
    client.post(
        reverse("agreements:proposal_decide", args=[proposals[3].pk]),
        {"decision": "decline", "reason": "Not this year"},
    )
    org.agreement.refresh_from_db()
    assert (org.agreement.current_version, org.agreement.status) == (1, "active")
    page = client.get(reverse("agreements:detail", args=[org.agreement.pk])).content.decode()
    assert page.count("<li>Added: Proposal") == 3
    response = client.post(reverse("agreements:send", args=[org.agreement.pk]), follow=True)
    assert "Sent for signatures" in response.content.decode()
    org.agreement.refresh_from_db()
    assert org.agreement.current_version == 2
    assert AgreementVersion.objects.filter(agreement=org.agreement).count() == 2
    # Sent again with nothing new: nothing to sign, no version 3.
    response = client.post(reverse("agreements:send", args=[org.agreement.pk]), follow=True)
    assert "Nothing changed since version 2" in response.content.decode()
    assert AgreementVersion.objects.filter(agreement=org.agreement).count() == 2


def test_declining_a_proposal_needs_a_reason(client, org, signed):
    proposal = factories.CommitmentFactory(
        agreement=org.agreement, proposal="proposed", description="A sabbatical"
    )
    client.force_login(org.director.user)
    client.post(
        reverse("agreements:proposal_decide", args=[proposal.pk]),
        {"decision": "decline", "reason": ""},
    )
    proposal.refresh_from_db()
    assert proposal.proposal == "proposed"
    client.post(
        reverse("agreements:proposal_decide", args=[proposal.pk]),
        {"decision": "decline", "reason": "Not this year"},
    )
    proposal.refresh_from_db()
    assert (proposal.proposal, proposal.decline_reason) == ("declined", "Not this year")


def test_a_term_change_makes_a_new_version_both_sign_again_and_old_versions_stay_readable(
    client, org, signed
):
    mine, _ = signed
    client.force_login(org.director.user)
    response = client.post(
        reverse("agreements:commitment_edit", args=[mine.pk]),
        {
            "form": "terms",
            "category": "classes",
            "description": "Take two business classes",
            "due_on": (TODAY + dt.timedelta(days=200)).isoformat(),
            "revision": mine.revision,
        },
    )
    assert response.status_code == 302
    org.agreement.refresh_from_db()
    assert (org.agreement.current_version, org.agreement.status) == (1, "active")
    client.post(reverse("agreements:send", args=[org.agreement.pk]))
    org.agreement.refresh_from_db()
    assert (org.agreement.current_version, org.agreement.status) == (2, "awaiting_signatures")
    old = org.agreement.versions.get(number=1)
    assert "Take business classes" in [t["description"] for t in old.terms]
    page = client.get(
        reverse("agreements:compare", args=[org.agreement.pk]), {"from": 1, "to": 2}
    ).content.decode()
    assert "Take business classes" in page and "Take two business classes" in page
    # Both sign again; then it is in force.
    client.post(
        reverse("agreements:sign", args=[org.agreement.pk]),
        {"party": "sponsor", "confirm": "yes", "version": 2},
    )
    client.force_login(org.cand_person.user)
    client.post(
        reverse("agreements:sign", args=[org.agreement.pk]),
        {"party": "candidate", "confirm": "yes", "version": 2},
    )
    org.agreement.refresh_from_db()
    assert org.agreement.status == "active"
    assert org.agreement.versions.get(number=2).signatures.count() == 2


def test_signing_is_deliberate_and_only_for_ones_own_party(client, org, signed):
    mine, _ = signed
    from agreements import services

    services.commitment_add(
        actor=actor_of(org.director),
        agreement=org.agreement,
        side="company",
        category="rotation",
        description="A rotation in R&D",
        due_on=None,
    )
    services.agreement_send_for_signatures(actor=actor_of(org.director), agreement=org.agreement)
    client.force_login(org.cand_person.user)
    client.post(
        reverse("agreements:sign", args=[org.agreement.pk]), {"party": "candidate"}
    )  # no confirmation
    assert not org.agreement.versions.get(number=2).signatures.exists()
    assert (
        client.post(
            reverse("agreements:sign", args=[org.agreement.pk]),
            {"party": "sponsor", "confirm": "yes", "version": 2},
        ).status_code
        == 404
    )
    assert client.get(reverse("agreements:sign", args=[org.agreement.pk])).status_code == 405


def test_a_concurrent_edit_is_refused_and_both_texts_survive(client, org, signed):
    """Two tabs open the same commitment; the first saves; the second is refused with
    what changed, and the page keeps what the second person typed."""
    mine, _ = signed
    opened_at = mine.revision
    client.force_login(org.cand_person.user)
    client.post(
        reverse("agreements:commitment_edit", args=[mine.pk]),
        progress(mine, evidence="First tab: enrolled", revision=opened_at),
    )
    response = client.post(
        reverse("agreements:commitment_edit", args=[mine.pk]),
        progress(mine, evidence="Second tab: passed module 1", revision=opened_at),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Someone saved this commitment while you were editing it" in page
    assert "First tab: enrolled" in page  # what changed meanwhile
    assert "Second tab: passed module 1" in page  # what they typed, kept in the form
    mine.refresh_from_db()
    assert mine.evidence == "First tab: enrolled"


@pytest.mark.parametrize("who", ["other_person", "bob", "outsider", "nobody"])
def test_everyone_else_gets_404_including_other_candidates(client, org, signed, who):
    mine, _ = signed
    client.force_login(getattr(org, who).user)
    assert client.get(reverse("agreements:detail", args=[org.agreement.pk])).status_code == 404
    assert client.get(reverse("agreements:commitment_edit", args=[mine.pk])).status_code == 404
    assert (
        client.post(reverse("agreements:commitment_new", args=[org.agreement.pk]), {}).status_code
        == 404
    )


def test_a_candidate_changing_the_id_in_the_url_reaches_nothing(client, org):
    client.force_login(org.cand_person.user)
    for agreement in LeadershipAgreement.objects.exclude(candidate=org.cand):
        assert client.get(reverse("agreements:detail", args=[agreement.pk])).status_code == 404
        assert client.get(reverse("agreements:compare", args=[agreement.pk])).status_code == 404
    assert client.get(reverse("agreements:detail", args=[999999])).status_code == 404


def test_a_manager_starts_an_agreement_from_the_default_template(client, org):
    org.agreement.status = "closed"
    org.agreement.save()
    client.force_login(org.alice.user)
    response = client.get(reverse("agreements:create", args=[org.cand.pk]))
    formset = response.context["formset"]
    assert any("executive programme" in f.initial.get("description", "") for f in formset)
    data = {
        "sponsor": org.director.pk,
        "title": "Leadership agreement",
        "effective_on": TODAY.isoformat(),
        "review_on": (TODAY + dt.timedelta(days=365)).isoformat(),
        "commitments-TOTAL_FORMS": "2",
        "commitments-INITIAL_FORMS": "0",
        "commitments-MIN_NUM_FORMS": "0",
        "commitments-MAX_NUM_FORMS": "30",
        "commitments-0-side": "company",
        "commitments-0-category": "training",
        "commitments-0-description": "Executive programme at INSEAD",
        "commitments-0-due_on": "",
        "commitments-1-side": "candidate",
        "commitments-1-category": "classes",
        "commitments-1-description": "Night school",
        "commitments-1-due_on": "",
    }
    response = client.post(reverse("agreements:create", args=[org.cand.pk]), data)
    assert response.status_code == 302
    agreement = LeadershipAgreement.objects.get(candidate=org.cand, status="draft")
    assert agreement.commitments.count() == 2
    assert agreement.versions.get().number == 1


def test_bad_dates_or_a_second_open_agreement_save_nothing(client, org):
    client.force_login(org.alice.user)
    data = {
        "sponsor": org.director.pk,
        "title": "X",
        "effective_on": TODAY.isoformat(),
        "review_on": (TODAY - dt.timedelta(days=1)).isoformat(),
        "commitments-TOTAL_FORMS": "0",
        "commitments-INITIAL_FORMS": "0",
    }
    response = client.post(reverse("agreements:create", args=[org.cand.pk]), data)
    assert "The review comes after the agreement takes effect" in response.content.decode()
    data["review_on"] = (TODAY + dt.timedelta(days=30)).isoformat()
    response = client.post(reverse("agreements:create", args=[org.cand.pk]), data)
    assert "already has an open agreement" in response.content.decode()
    assert LeadershipAgreement.objects.filter(candidate=org.cand).count() == 1


def test_only_managers_of_the_candidate_can_start_one(client, org):
    for person in (org.cand_person, org.mentor, org.outsider):
        client.force_login(person.user)
        assert client.get(reverse("agreements:create", args=[org.cand.pk])).status_code == 404


@pytest.mark.parametrize("size", [2, 20])
def test_the_agreement_page_costs_the_same_queries_whatever_its_length(
    client, org, signed, size, django_assert_num_queries
):
    for i in range(size):
        factories.CommitmentFactory(agreement=org.agreement, description=f"Commitment {i}")
    client.force_login(org.director.user)
    # user (the session: cache), the actor (person, roles, mentor flag, unread count: one query),
    # agreement with its parties, commitments, versions, signatures, proposals, history; the audit row (INSERT)
    with django_assert_num_queries(9):
        assert client.get(reverse("agreements:detail", args=[org.agreement.pk])).status_code == 200


def test_the_me_page_shows_the_agreement_first_with_due_items(client, org, signed):
    client.force_login(org.cand_person.user)
    page = client.get(reverse("me")).content.decode()
    assert page.index("My leadership agreement") < page.index("My mentor meetings")
    assert "Take business classes" in page


def test_the_mentor_reads_the_agreement_but_cannot_change_or_sign_it(client, org, signed):
    mine, _ = signed
    client.force_login(org.mentor.user)
    page = client.get(reverse("agreements:detail", args=[org.agreement.pk])).content.decode()
    assert mine.description in page
    assert "Update<" not in page and "Propose a commitment" not in page
    assert "Sign as" not in page and "Add a commitment" not in page
    assert client.get(reverse("agreements:commitment_edit", args=[mine.pk])).status_code == 404
    assert (
        client.post(reverse("agreements:commitment_new", args=[org.agreement.pk]), {}).status_code
        == 404
    )
    sign = reverse("agreements:sign", args=[org.agreement.pk])
    assert client.post(sign, {"party": "candidate", "confirm": "yes"}).status_code == 404
    status = reverse("agreements:set_status", args=[org.agreement.pk])
    assert client.post(status, {"status": "closed"}).status_code == 404


def test_the_navigation_stays_whole_on_the_agreement_page(client, org):
    client.force_login(org.cand_person.user)
    page = client.get(reverse("agreements:detail", args=[org.agreement.pk])).content.decode()
    assert 'href="/me/"' in page
    assert "Cand and Director (executive sponsor)" in page


def test_the_sponsor_runs_the_review_and_closes_the_agreement(client, org, signed):
    client.force_login(org.cand_person.user)
    url = reverse("agreements:set_status", args=[org.agreement.pk])
    assert client.post(url, {"status": "closed"}).status_code == 404
    client.force_login(org.director.user)
    client.post(url, {"status": "under_review"})
    org.agreement.refresh_from_db()
    assert org.agreement.status == "under_review"
    client.post(url, {"status": "closed"})
    org.agreement.refresh_from_db()
    assert org.agreement.status == "closed"
    response = client.post(url, {"status": "active"}, follow=True)
    assert "cannot become active" in response.content.decode()
    org.agreement.refresh_from_db()
    assert org.agreement.status == "closed"


@pytest.mark.parametrize("signer", ["cand_person", "director"])
def test_a_signature_binds_only_the_version_the_signer_read(client, org, signed, signer):
    """The signer opens version N; someone changes a commitment; the signer then posts the
    sign form of version N: refused, told what changed, nothing signed."""
    mine, _ = signed
    from agreements import services

    services.commitment_add(
        actor=actor_of(org.director),
        agreement=org.agreement,
        side="company",
        category="rotation",
        description="A rotation in R&D",
        due_on=None,
    )
    services.agreement_send_for_signatures(
        actor=actor_of(org.director), agreement=org.agreement
    )  # version 2, awaiting both signatures
    client.force_login(getattr(org, signer).user)
    page = client.get(reverse("agreements:detail", args=[org.agreement.pk])).content.decode()
    assert 'name="version" value="2"' in page
    services.commitment_change_terms(
        actor=actor_of(org.director),
        commitment=mine.__class__.objects.get(pk=mine.pk),
        revision=mine.__class__.objects.get(pk=mine.pk).revision,
        description="Take three business classes",
        due_on=mine.due_on,
    )
    services.agreement_send_for_signatures(actor=actor_of(org.director), agreement=org.agreement)
    org.agreement.refresh_from_db()
    assert org.agreement.current_version == 3  # a version being read never changes
    party = "candidate" if signer == "cand_person" else "sponsor"
    response = client.post(
        reverse("agreements:sign", args=[org.agreement.pk]),
        {"party": party, "confirm": "yes", "version": 2},
        follow=True,
    )
    text = response.content.decode()
    assert "Not signed: the terms changed since you read version 2" in text
    assert "Take three business classes" in text
    assert not org.agreement.versions.get(number=3).signatures.exists()
    assert not org.agreement.versions.get(number=2).signatures.filter(party=party).exists()
    client.post(
        reverse("agreements:sign", args=[org.agreement.pk]),
        {"party": party, "confirm": "yes", "version": 3},
    )
    assert org.agreement.versions.get(number=3).signatures.filter(party=party).exists()


def test_a_sign_form_without_a_version_signs_nothing(client, org, signed):
    from agreements import services

    services.commitment_add(
        actor=actor_of(org.director),
        agreement=org.agreement,
        side="company",
        category="rotation",
        description="A rotation in R&D",
        due_on=None,
    )
    services.agreement_send_for_signatures(actor=actor_of(org.director), agreement=org.agreement)
    client.force_login(org.cand_person.user)
    for junk in ("", "x", "99999999999999999999"):
        client.post(
            reverse("agreements:sign", args=[org.agreement.pk]),
            {"party": "candidate", "confirm": "yes", "version": junk},
        )
    assert not org.agreement.versions.get(number=2).signatures.exists()
