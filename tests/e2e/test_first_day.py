"""What a new team tries first, walked in the browser as its users do."""

import datetime as dt

import pytest
from playwright.sync_api import expect

from agreements.models import LeadershipAgreement
from candidates.models import Candidate, Competency, Person, PersonFlightRisk
from development.models import Rotation
from succession.models import KeyPosition

from .conftest import PASSWORD, assert_accessible, log_in

pytestmark = pytest.mark.e2e


def test_an_agreement_saves_with_the_form_as_it_is_first_shown(app, page):
    """The blank extra commitment row (its side and kind preselected) is left alone: the
    draft saves at the first try, with the template's commitments and nothing else."""
    candidate = (
        Candidate.objects.filter(agreements=None).select_related("person").order_by("pk").first()
    )
    log_in(page, app.url, "hr")
    page.goto(f"{app.url}/candidates/{candidate.pk}/")
    page.get_by_role("link", name="Start a leadership agreement").click()
    sponsor = page.get_by_label("Executive sponsor")
    sponsor.select_option(index=1)
    shown = page.locator("textarea[name$='-description']").count()
    page.get_by_role("button", name="Save the draft").click()
    expect(page.get_by_text("Draft saved.")).to_be_visible()
    agreement = LeadershipAgreement.objects.get(candidate=candidate)
    assert agreement.status == LeadershipAgreement.Status.DRAFT
    assert agreement.commitments.count() == shown - 1  # every row but the blank one


def test_hr_keeps_positions_people_and_competencies_without_django_admin(app, page, shots):
    """HR creates, edits and retires a key position, adds a person and marks them as
    left (seeing what it ends first), and adds and retires a competency."""
    log_in(page, app.url, "hr")
    page.goto(f"{app.url}/candidates/positions/")
    page.get_by_role("link", name="New key position").click()
    assert_accessible(page)
    page.get_by_label("Title").fill("Head of Support, APAC")
    page.get_by_label("Level").select_option(label="Director")
    page.get_by_label("Department").select_option(label="Technical Support")
    page.get_by_label("Time zone").select_option("Asia/Singapore")
    page.get_by_role("button", name="Create the position").click()
    expect(page.get_by_text("Key position Head of Support, APAC created.")).to_be_visible()
    position = KeyPosition.objects.get(title="Head of Support, APAC")
    assert (position.time_zone, position.incumbent) == ("Asia/Singapore", None)
    shots(page, "position-created")

    page.goto(f"{app.url}/candidates/positions/{position.pk}/edit/")
    page.get_by_label("Title").fill("Head of Support, Asia-Pacific")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Head of Support, Asia-Pacific")).to_be_visible()
    page.goto(f"{app.url}/candidates/positions/{position.pk}/edit/")
    page.get_by_role("button", name="Retire it").click()  # no reason: refused, kept
    expect(page.get_by_text("This field is required.")).to_be_visible()
    page.get_by_label("Why it is no longer key").fill("Merged into the global role")
    page.get_by_role("button", name="Retire it").click()
    expect(page.get_by_text("is no longer a key position")).to_be_visible()
    position.refresh_from_db()
    assert not position.is_active

    page.goto(f"{app.url}/candidates/people/new/")
    assert_accessible(page)
    page.get_by_label("Full name").fill("Noor Haddad")
    page.get_by_label("Email").fill("noor.haddad@example.com")
    page.get_by_label("Title").fill("Support engineer")
    page.get_by_label("Level").select_option(label="Engineer")
    page.get_by_label("Department").select_option(label="Technical Support")
    jordan = Person.objects.get(user__username="jordan")
    search = page.get_by_role("combobox", name="Reports to")  # 80 people: a type-ahead
    search.fill(jordan.full_name)
    page.get_by_role("listbox").get_by_role("option").first.click()
    page.get_by_role("button", name="Add them").click()
    noor = Person.objects.get(email="noor.haddad@example.com")
    assert noor.manager.user.username == "jordan" and noor.is_active
    page.goto(f"{app.url}/candidates/people/{noor.pk}/edit/")
    expect(page.get_by_role("heading", name="Mark as left")).to_be_visible()
    page.get_by_label("Why they leave").fill("Moved to a partner company")
    page.get_by_label("Yes: end all of the above").check()
    page.get_by_role("button", name="Mark Noor Haddad as left").click()
    expect(page.get_by_text("Noor Haddad has left")).to_be_visible()
    noor.refresh_from_db()
    assert not noor.is_active

    page.goto(f"{app.url}/candidates/competencies/")
    assert_accessible(page)
    add = page.get_by_role("region", name="Add a competency")
    add.get_by_label("Name").fill("Incident command")
    add.get_by_label("What it means here").fill("Runs a Sev-1 bridge calmly.")
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.get_by_text("“Incident command” added to the model.")).to_be_visible()
    page.get_by_role("button", name="Retire Incident command").click()
    expect(page.get_by_text("“Incident command” retired")).to_be_visible()
    assert not Competency.objects.get(name="Incident command").is_active
    shots(page, "competencies")


def test_a_director_hosts_a_rotation_and_the_persons_manager_declines(app, page, shots):
    """manager hosts an R&D engineer on support shifts; the engineer's manager reads the
    offer, declines it with a reason, and manager is told."""
    host = Person.objects.get(user__username="manager")
    visitor = (
        Person.objects.filter(is_active=True, manager__user__isnull=False)
        .exclude(reporting_path__startswith=host.reporting_path)
        .exclude(department=host.department)
        .select_related("manager__user")
        .order_by("full_name")
        .first()
    )
    their_manager = visitor.manager.user
    their_manager.set_password(PASSWORD)
    their_manager.save()

    log_in(page, app.url, "manager")
    page.goto(f"{app.url}/candidates/development/")
    page.get_by_role("link", name="Host someone from another team").click()
    assert_accessible(page)
    page.get_by_label("Who comes to rotate").select_option(str(visitor.pk))
    page.get_by_label("Role").select_option(label="Support shifts")
    page.get_by_label("Objectives").fill("Take P1 shifts; bring back what confuses customers.")
    page.get_by_label("Starts on").fill((dt.date.today() + dt.timedelta(days=14)).isoformat())
    page.get_by_label("Ends on").fill((dt.date.today() + dt.timedelta(days=60)).isoformat())
    page.get_by_role("button", name="Host").click()
    shots(page, "rotation-hosted")
    expect(page.get_by_text("is told and may decline it")).to_be_visible()
    rotation = Rotation.objects.get(person=visitor, host_sponsor=host)
    page.context.clear_cookies()

    log_in(page, app.url, their_manager.username)
    page.goto(f"{app.url}/candidates/development/rotations/{rotation.pk}/")
    expect(page.get_by_text(f"would host {visitor.full_name} from your team")).to_be_visible()
    shots(page, "rotation-offer")
    page.get_by_role("link", name="Decline it").click()
    page.get_by_label("Why is it cancelled?").fill("Release month: we cannot spare them")
    page.get_by_role("button", name="Cancel it").click()
    expect(page.get_by_text("Cancelled; it stays in the record")).to_be_visible()
    page.context.clear_cookies()

    log_in(page, app.url, "manager")
    page.goto(f"{app.url}/mentorship/notifications/")
    told = page.get_by_role("link", name=f"called off {visitor.full_name}'s rotation")
    expect(told).to_be_visible()


def test_a_director_reads_an_incumbents_flight_risk_from_the_position(app, page):
    """A key position held by someone in manager's line (not in the pool) links to their
    flight risk; the read is saved and the positions list shows the risk."""
    manager = Person.objects.get(user__username="manager")
    position = (
        KeyPosition.objects.filter(
            is_active=True, incumbent__reporting_path__startswith=manager.reporting_path
        )
        .exclude(incumbent=manager)
        .select_related("incumbent")
        .first()
    )
    log_in(page, app.url, "manager")
    page.goto(f"{app.url}/candidates/positions/{position.pk}/")
    page.get_by_role("link", name="their flight risk").click()
    assert_accessible(page)
    page.get_by_label("Flight risk").select_option("high")
    page.get_by_label("What the read rests on").fill("Asked about the London opening twice.")
    page.get_by_role("button", name="Save the read").click()
    expect(page.get_by_text("Asked about the London opening twice.")).to_be_visible()
    assert PersonFlightRisk.objects.filter(person=position.incumbent, risk="high").exists()
