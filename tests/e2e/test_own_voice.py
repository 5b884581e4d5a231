"""The candidate's own voice, in the browser: the candidate writes their aspirations and
how they see themself on their plan, and their manager reads them on the profile; a
manager pairs a candidate with a mentor from the suggestions, and the mentee rates a
meeting in private."""

import pytest
from playwright.sync_api import expect

from candidates.access import actor_for
from candidates.models import Candidate, Person
from mentorship.models import MentorPairing
from mentorship.selectors import candidates_to_pair
from mentorship.services import pairing_set_status

from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.e2e


def test_a_candidate_writes_their_aspirations_and_their_manager_reads_them(app, page, shots):
    candidate = Candidate.objects.select_related("person").get(person__user__username="candidate")

    log_in(page, app.url, "candidate")
    page.goto(f"{app.url}/me/")
    page.locator("#own-words").get_by_role("link", name="Edit").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("In my own words")
    assert_accessible(page)
    page.get_by_label("Roles I want to grow into").fill(
        "Support manager for the Lisbon escalation desk, then director of support."
    )
    page.get_by_label("By when").fill("2028-06-30")
    page.get_by_label("Would I move for a role?").select_option(label="Anywhere")
    page.get_by_label("What motivates me").fill("Coaching people until they lead without me.")
    page.get_by_label("Empathy").select_option("5")
    shots(page, "01-own-words")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Your managers and your mentor read this")
    expect(page.locator("#own-words")).to_contain_text("Lisbon escalation desk")

    page.context.clear_cookies()
    log_in(page, app.url, "manager")
    page.goto(f"{app.url}{candidate.get_absolute_url()}")
    words = page.locator("#own-words")
    expect(words.get_by_role("heading", level=2)).to_have_text("In their own words")
    expect(words).to_contain_text("Lisbon escalation desk")
    expect(words).to_contain_text("Anywhere")
    expect(words.locator("tr", has_text="Empathy")).to_contain_text("5/5")
    assert_accessible(page)
    shots(page, "02-profile-own-words")


def test_a_manager_pairs_from_the_suggestions_and_the_mentee_rates_a_meeting(app, page, shots):
    manager = Person.objects.get(user__username="manager")
    actor = actor_for(manager.user)
    candidate = candidates_to_pair(actor=actor).select_related("person").order_by(
        "pk"
    ).first() or _unpaired(actor)

    log_in(page, app.url, "manager")
    page.get_by_role("link", name="Development").click()
    page.get_by_role("link", name="Pair with a mentor").click()
    page.get_by_label("Candidate").select_option(str(candidate.pk))
    suggestions = page.locator("[data-suggestions]")
    expect(suggestions.get_by_role("heading")).to_have_text(
        f"Suggested mentors for {candidate.person.first_name}"
    )
    first = suggestions.locator("[data-suggestion]").first
    expect(first).to_contain_text("outside their reporting line")
    expect(first).to_contain_text("room for")
    mentor = Person.objects.get(pk=first.get_attribute("data-suggestion"))
    assert not mentor.reporting_path or not candidate.person.reporting_path.startswith(
        mentor.reporting_path
    )
    assert_accessible(page)
    shots(page, "03-mentor-suggestions")
    first.get_by_role("link", name=f"Choose {mentor.full_name}").click()
    expect(page.get_by_label("Executive mentor")).to_have_value(str(mentor.pk))
    page.get_by_role("button", name="Create pairing").click()
    expect(page.get_by_role("alert")).to_contain_text(f"is paired with {mentor.full_name}")
    assert MentorPairing.objects.filter(candidate=candidate, mentor=mentor, status="active")

    page.context.clear_cookies()
    log_in(page, app.url, "candidate")
    page.goto(f"{app.url}/me/")
    page.get_by_role("link", name="Was it useful? Rate it (private)").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Your meeting with")
    assert_accessible(page)
    page.get_by_label("4", exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Your mentor never sees this")
    expect(page.locator("#me-meetings").locator("..")).to_contain_text("You rated it 4/5")

    page.context.clear_cookies()
    log_in(page, app.url, "hr")
    page.goto(f"{app.url}/mentorship/mentors/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mentors")
    assert_accessible(page)
    shots(page, "04-mentors")


def _unpaired(actor):
    """End one pairing of the manager's line, so that someone is there to pair."""
    pairing = (
        MentorPairing.objects.filter(
            status="active",
            candidate__person__reporting_path__startswith=actor.person.reporting_path,
        )
        .exclude(candidate__person=actor.person)
        .order_by("pk")
        .first()
    )
    pairing_set_status(actor=actor, pairing=pairing, status="ended", reason="Mentor moved on")
    return pairing.candidate
