"""The programme people apply to, and the insight log, in the browser.

An intake run from opening to a cohort: HR opens it; someone of the manager's line
applies; the manager endorses; the applications close; the manager, on the panel, scores
and decides; HR forms the cohort; each applicant then sees their own outcome and never
the other's application. And an insight raised on a rotation, answered by its owner."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from candidates.access import actor_for
from candidates.models import Candidate, Level, Person
from insights.models import Insight
from programme.models import Application, Intake
from programme.services import application_submit

from .conftest import assert_accessible, log_in

pytestmark = pytest.mark.e2e


def _applicants(manager: Person) -> tuple[Person, Person]:
    """Someone of the manager's line who may apply, and someone outside it."""
    eligible = (
        Person.objects.filter(
            is_active=True,
            user__isnull=False,
            level__gte=Level.ENGINEER,
            level__lte=Level.TEAM_LEAD,
        )
        .exclude(pk__in=Candidate.objects.values("person_id"))
        .exclude(pk__in=Application.objects.values("applicant_id"))
        .exclude(
            email__in=[
                f"{u}@example.com"
                for u in ("manager", "mentor", "candidate", "hr", "jordan", "admin")
            ]
        )
        .order_by("pk")
    )
    inside = eligible.filter(reporting_path__startswith=manager.reporting_path).first()
    outside = eligible.exclude(reporting_path__startswith=manager.reporting_path).first()
    return inside, outside


def test_an_intake_from_opening_to_a_cohort(app, page, shots):
    manager = Person.objects.get(user__username="manager")
    applicant, other = _applicants(manager)
    today = timezone.localdate()

    log_in(page, app.url, "hr")
    page.get_by_role("link", name="Programme").click()
    page.get_by_role("link", name="Open an intake").click()
    page.get_by_label("Name").fill("Support leaders, spring")
    page.get_by_label("Applications open on").fill(today.isoformat())
    page.get_by_label("Applications close on").fill((today + dt.timedelta(days=14)).isoformat())
    page.get_by_label("The cohort starts on").fill((today + dt.timedelta(days=45)).isoformat())
    page.get_by_label("Places").fill("2")
    page.get_by_label("Questions (one a line)").fill(
        "Why do you want to lead in support?\nTell us about a time you led without the title."
    )
    page.get_by_label("The panel (managers and HR who score and decide)").select_option(
        [str(manager.pk)]
    )
    assert_accessible(page)
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Support leaders, spring")
    intake = Intake.objects.get(name="Support leaders, spring")
    application_submit(
        actor=actor_for(other.user), intake=intake, answers=["Outside voice.", "Ran a migration."]
    )

    page.context.clear_cookies()
    log_in(page, app.url, applicant.user.username)
    page.get_by_role("link", name="Programme").click()
    page.get_by_role("link", name="Apply to Support leaders, spring").click()
    page.get_by_label("Why do you want to lead in support?").fill(
        "I want to build the team I wished I had on night shift."
    )
    page.get_by_label("Tell us about a time you led without the title.").fill(
        "I ran the bridge during the March outage until the incident lead arrived."
    )
    assert_accessible(page)
    shots(page, "01-apply")
    page.get_by_role("button", name="Send my application").click()
    expect(page.get_by_role("alert")).to_contain_text("Your manager is asked to endorse it")
    mine = Application.objects.get(intake=intake, applicant=applicant)
    theirs = Application.objects.get(intake=intake, applicant=other)
    expect(page.locator(f'[data-my-application="{mine.pk}"]')).to_contain_text(
        "Waiting for your manager"
    )
    expect(page.locator("main")).not_to_contain_text(other.full_name)
    page.goto(f"{app.url}/programme/applications/{theirs.pk}/edit/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    page.goto(f"{app.url}/programme/applications/{theirs.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")

    page.context.clear_cookies()
    log_in(page, app.url, "manager")
    page.get_by_role("link", name="Programme").click()
    page.locator("[data-endorsements]").get_by_role("link", name=applicant.full_name).click()
    expect(page.locator("main")).to_contain_text("I ran the bridge during the March outage")
    assert_accessible(page)
    page.get_by_label("I endorse this application").check()
    page.get_by_label("Note for the panel").fill("Runs our escalations already.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("Your word is with the panel")

    # Two weeks pass: applications close.
    Intake.objects.filter(pk=intake.pk).update(
        opens_on=today - dt.timedelta(days=15), closes_on=today - dt.timedelta(days=1)
    )

    page.get_by_role("link", name="Programme").click()
    page.get_by_role("link", name="Support leaders, spring").click()
    assert_accessible(page)
    for application, decision, note in (
        (mine, "Accept", "Welcome: your first rotation is planned with your manager."),
        (theirs, "Decline", "Lead a cross-team project this year and apply again."),
    ):
        page.locator(f'[data-application="{application.pk}"]').get_by_role(
            "link", name=application.applicant.full_name
        ).click()
        page.get_by_label("4", exact=True).check()
        page.get_by_role("button", name="Save my score").click()
        expect(page.get_by_role("alert")).to_contain_text("Score saved")
        page.get_by_label(decision, exact=True).check()
        page.get_by_label("What the applicant reads (required to decline)").fill(note)
        page.get_by_role("button", name="Save the decision").click()
        expect(page.get_by_role("alert")).to_contain_text("Decision saved")
        page.get_by_role("link", name="Support leaders, spring").click()
    shots(page, "02-panel-board")
    page.get_by_label("The cohort's name").fill("Cohort spring")
    page.get_by_role("button", name="Form the cohort").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cohort spring")
    expect(
        page.locator(f'[data-member="{Candidate.objects.get(person=applicant).pk}"]')
    ).to_be_visible()
    assert_accessible(page)
    shots(page, "03-cohort")
    assert Candidate.objects.get(person=applicant).joined_by == "application"

    page.context.clear_cookies()
    log_in(page, app.url, applicant.user.username)
    page.goto(f"{app.url}/programme/apply/")
    expect(page.locator(f'[data-my-application="{mine.pk}"]')).to_contain_text("Accepted")
    expect(page.locator("main")).not_to_contain_text(other.full_name)
    shots(page, "04-outcome")

    page.context.clear_cookies()
    log_in(page, app.url, other.user.username)
    page.goto(f"{app.url}/programme/apply/")
    outcome = page.locator(f'[data-my-application="{theirs.pk}"]')
    expect(outcome).to_contain_text("Not this time")
    expect(outcome).to_contain_text("Lead a cross-team project this year")
    expect(page.locator("main")).not_to_contain_text(applicant.full_name)


def test_an_insight_raised_on_a_rotation_is_answered_by_its_owner(app, page, shots):
    candidate = Person.objects.get(user__username="candidate")
    rotation = candidate.rotations.order_by("pk").first()

    log_in(page, app.url, "candidate")
    page.goto(f"{app.url}/candidates/development/rotations/{rotation.pk}/")
    page.get_by_role("link", name="Raise a product insight from it").click()
    expect(page.get_by_label("Which rotation")).to_have_value(str(rotation.pk))
    page.get_by_label("Product area").select_option(label="Billing")
    page.get_by_label("In one line").fill("Sales cannot see a customer's open escalations")
    page.get_by_label("What you saw").fill(
        "In my rotation, account managers walked into renewals not knowing about open Sev-2s."
    )
    page.get_by_label("How often").select_option(label="Every week")
    page.get_by_label("The change you suggest").fill("Show open escalations on the account page")
    assert_accessible(page)
    shots(page, "05-raise-insight")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("alert")).to_contain_text("answers for Billing")
    insight = Insight.objects.get(title="Sales cannot see a customer's open escalations")
    owner = insight.area.owner

    page.context.clear_cookies()
    log_in(page, app.url, owner.user.username)
    page.get_by_role("link", name="Insights").click()
    page.locator("[data-waiting]").get_by_role("link", name=insight.title).click()
    assert_accessible(page)
    page.get_by_label("Planned").check()
    page.get_by_label("What happens now (a reason is required to decline)").fill(
        "In the next CRM integration release."
    )
    page.get_by_role("button", name="Answer").click()
    expect(page.locator("[data-answer]")).to_contain_text("Planned")
    shots(page, "06-insight-answered")

    page.context.clear_cookies()
    log_in(page, app.url, "candidate")
    page.goto(f"{app.url}/mentorship/notifications/")
    expect(page.locator("main")).to_contain_text(f"Your insight “{insight.title}”: planned")
