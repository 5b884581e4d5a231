"""The support record (managers in the line and HR, the person on /me/, never a mentor),
its guard rails on screen, HR's page of the sources, and the record as readiness evidence."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audit.models import AuditEvent
from candidates.models import Competency
from common.dates import months_before
from succession.evidence import evidence_available
from supportdata import services
from supportdata.models import (
    AgentAlias,
    FigureMapping,
    SourceState,
    SupportMonth,
    UnmatchedAgent,
)

pytestmark = pytest.mark.django_db
THIS_MONTH = dt.date.today().replace(day=1)


def months_of(person, n, **figures):
    for back in range(n):
        SupportMonth.objects.create(person=person, month=months_before(THIS_MONTH, back), **figures)


def test_a_manager_reads_a_candidates_record_beside_the_team_median(client, org):
    months_of(
        org.cand_person,
        3,
        tickets_solved=40,
        satisfaction_good=18,
        satisfaction_bad=2,
        escalations_resolved=6,
        incidents_led_sev1=1,
    )
    months_of(org.bob, 3, tickets_solved=20)
    services.medians_rebuild(
        departments={org.cand_person.department_id},
        months={months_before(THIS_MONTH, n) for n in range(3)},
    )
    client.force_login(org.alice.user)
    page = client.get(reverse("supportdata:record", args=[org.cand.pk])).content.decode()
    assert "Support record · Cand" in page
    row = page[page.index("Tickets solved") :].split("</tr>")[0]
    # their typical month, the team's median month ((40 + 20) / 2), 12 months (3 × 40)
    assert [cell.split("</td>")[0] for cell in row.split("<td>")[1:4]] == ["40", "30", "120"]
    satisfaction = page[page.index("Customer satisfaction") :][:400]
    assert "90 %" in satisfaction  # 54 good of 60 ratings
    assert "never a ranking" in page
    assert AuditEvent.objects.filter(what="support", viewer=org.alice.user).count() == 1


def test_satisfaction_over_too_few_ratings_reads_not_enough(client, org):
    months_of(org.cand_person, 2, tickets_solved=9, satisfaction_good=9, satisfaction_bad=0)
    client.force_login(org.alice.user)
    page = client.get(reverse("supportdata:record", args=[org.cand.pk])).content.decode()
    satisfaction = page[page.index("Customer satisfaction") :][:400]
    assert "not enough ratings (18 in 12 months, 20 needed)" in satisfaction
    assert "100 %" not in satisfaction


def test_no_record_says_so(client, org):
    client.force_login(org.vp.user)
    page = client.get(reverse("supportdata:record", args=[org.cand.pk])).content.decode()
    assert "No support record for" in page and "(off)" in page


@pytest.mark.parametrize("who", ["mentor", "cand_person", "outsider", "bob"])
def test_nobody_outside_the_line_reads_it(client, org, who):
    months_of(org.cand_person, 1, tickets_solved=4)
    client.force_login(getattr(org, who).user)
    assert client.get(reverse("supportdata:record", args=[org.cand.pk])).status_code == 404


def test_the_candidate_sees_their_own_work_on_me_and_the_mentor_never(client, org):
    months_of(org.cand_person, 2, tickets_solved=12)
    client.force_login(org.cand_person.user)
    me = client.get(reverse("me")).content.decode()
    assert "My support work" in me and "Tickets solved" in me
    client.force_login(org.mentor.user)
    profile = client.get(reverse("front:profile", args=[org.cand.pk])).content.decode()
    assert "Support record" not in profile


def test_the_pool_has_no_support_figure(client, org):
    months_of(org.cand_person, 2, tickets_solved=99, satisfaction_good=50)
    client.force_login(org.alice.user)
    pool = client.get(reverse("front:pool")).content.decode()
    assert "Tickets" not in pool and "satisfaction" not in pool.lower()
    assert client.get(reverse("front:pool"), {"sort": "tickets_solved"}).status_code == 200


@pytest.mark.parametrize("months", [1, 12])
def test_the_record_costs_the_same_queries_at_any_length(
    client, org, months, django_assert_num_queries
):
    months_of(org.cand_person, months, tickets_solved=5)
    client.force_login(org.alice.user)
    url = reverse("supportdata:record", args=[org.cand.pk])
    client.get(url)
    # user (session cache), the actor, the candidate in the line with person and
    # department, the audit row, their months, their department's medians, the sources
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200


def test_hr_sees_the_sources_and_matches_an_unmatched_agent(client, org, settings):
    settings.ZENDESK_API_TOKEN = ""
    SourceState.objects.create(
        source="pagerduty", last_status="failed", last_error="PagerDuty refused the credentials"
    )
    UnmatchedAgent.objects.create(source="zendesk", handle="77", name="Light Agent", records=4)
    client.force_login(org.vp.user)
    url = reverse("supportdata:sources")
    page = client.get(url).content.decode()
    assert "set ZENDESK_URL, ZENDESK_EMAIL, ZENDESK_API_TOKEN" in page
    assert "PagerDuty refused the credentials" in page
    assert "Light Agent" in page and "4 records" in page
    alias = reverse("supportdata:alias_add")
    bad = client.post(
        alias, {"source": "zendesk", "handle": "77", "email": "who@nowhere.example"}, follow=True
    )
    assert "Nobody in the directory has that e-mail." in bad.content.decode()
    assert not AgentAlias.objects.exists()
    client.post(alias, {"source": "zendesk", "handle": "77", "email": org.bob.email.upper()})
    assert AgentAlias.objects.get().person == org.bob
    assert not UnmatchedAgent.objects.exists()


def test_hr_uploads_a_csv_and_bad_lines_are_named(client, org):
    client.force_login(org.vp.user)
    data = (
        "id,kind,agent,date,satisfaction\n"
        f"T-1,ticket,{org.bob.email},{THIS_MONTH.isoformat()},good\n"
        f"T-2,ticket,{org.bob.email},someday,good\n"
    ).encode()
    response = client.post(
        reverse("supportdata:sources"),
        {"file": SimpleUploadedFile("tickets.csv", data, content_type="text/csv")},
        follow=True,
    )
    page = response.content.decode()
    assert "tickets.csv: 1 new, 0 changed, 1 lines skipped" in page
    assert "Line 3: date &#x27;someday&#x27; is not YYYY-MM-DD" in page
    assert SupportMonth.objects.get(person=org.bob).tickets_solved == 1
    empty = client.post(reverse("supportdata:sources"), {})
    assert "This field is required." in empty.content.decode()


@pytest.mark.parametrize("who", ["alice", "mentor", "cand_person"])
def test_only_hr_reaches_the_sources(client, org, who):
    client.force_login(getattr(org, who).user)
    assert client.get(reverse("supportdata:sources")).status_code == 404
    sync = reverse("supportdata:sync_now", args=["zendesk"])
    assert client.post(sync).status_code == 404


def test_sync_now_of_an_unknown_source_is_404(client, org):
    client.force_login(org.vp.user)
    assert client.post(reverse("supportdata:sync_now", args=["myspace"])).status_code == 404


def test_a_notable_month_is_evidence_a_nominator_can_attach(org):
    month = months_before(THIS_MONTH, 1)
    SupportMonth.objects.create(
        person=org.cand_person,
        month=month,
        tickets_solved=80,
        incidents_led_sev1=3,
        escalations_resolved=18,
        satisfaction_good=199,
        satisfaction_bad=13,
    )
    SupportMonth.objects.create(person=org.cand_person, month=THIS_MONTH, tickets_solved=3)
    services.medians_rebuild(departments={org.cand_person.department_id}, months={month})
    items = [i for i in evidence_available(candidate=org.cand) if i.kind == "support_month"]
    [item] = items  # the quiet month offers nothing
    assert item.dated_on == month
    assert item.summary == (
        f"{month:%b %Y} support record: Led 3 Sev-1 incidents · 18 cross-group escalations "
        "resolved · satisfaction 94 % over 212 ratings, team 94 % (speaks to Team management, "
        "Problem solving, Technical expertise, Customer orientation, Empathy)"
    )
    assert item.url == reverse("supportdata:record", args=[org.cand.pk])


def test_hr_says_which_competencies_a_figure_speaks_to(
    client, org, django_capture_on_commit_callbacks
):
    SupportMonth.objects.create(
        person=org.cand_person, month=months_before(THIS_MONTH, 1), incidents_led_sev1=2
    )
    communication = Competency.objects.get(name="Communication")
    client.force_login(org.vp.user)
    page = client.get(reverse("supportdata:sources")).content.decode()
    assert "What the evidence speaks to" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("supportdata:mapping_set", args=["incidents_led"]),
            {"incidents_led-competencies": [communication.pk]},
            follow=True,
        )
    assert "Incidents led now speaks to Communication." in response.content.decode()
    [item] = [i for i in evidence_available(candidate=org.cand) if i.kind == "support_month"]
    assert item.summary.endswith("Led 2 Sev-1 incidents (speaks to Communication)")
    bad = client.post(
        reverse("supportdata:mapping_set", args=["incidents_led"]),
        {"incidents_led-competencies": ["999999"]},
        follow=True,
    )
    assert "Select a valid choice" in bad.content.decode()
    assert client.post(reverse("supportdata:mapping_set", args=["karma"])).status_code == 404
    client.force_login(org.alice.user)
    url = reverse("supportdata:mapping_set", args=["incidents_led"])
    assert client.post(url, {"incidents_led-competencies": []}).status_code == 404
    assert list(FigureMapping.objects.get().competencies.all()) == [communication]
