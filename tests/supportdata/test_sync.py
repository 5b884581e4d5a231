"""The sync against local stand-ins of Zendesk and PagerDuty: pages and cursors, 429 with
Retry-After, 5xx retried, 401, junk, an agent with no e-mail, a malformed record, a rerun
storing nothing, a failure resumed from its cursor, two runs at once."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from supportdata import services
from supportdata.models import (
    AgentAlias,
    SourceState,
    SupportItem,
    SupportMonth,
    TeamMedian,
    UnmatchedAgent,
)
from supportdata.sources import CsvReader, http
from supportdata.tasks import support_sync
from tests.factories import actor_of

from .stand_in import StandIn

pytestmark = pytest.mark.django_db
EXPORT = "/api/v2/incremental/tickets/cursor.json"
MARCH = dt.date(2026, 3, 1)


@pytest.fixture
def stand_in():
    server = StandIn().start()
    yield server
    server.stop()


@pytest.fixture
def waits(monkeypatch):
    """The waits between tries, counted instead of slept."""
    waited = []
    monkeypatch.setattr(http, "sleep", waited.append)
    return waited


@pytest.fixture
def zendesk(settings, stand_in):
    settings.ZENDESK_URL = stand_in.url
    settings.ZENDESK_EMAIL = "agent@example.com"
    settings.ZENDESK_API_TOKEN = "zd-token"
    return stand_in


def ticket(ident, agent, *, day=4, score="unoffered", status="solved"):
    return {
        "id": ident,
        "status": status,
        "assignee_id": agent,
        "updated_at": f"2026-03-{day:02d}T10:00:00Z",
        "satisfaction_rating": {"score": score, "comment": "The customer's words, never kept"},
        "requester_id": 999,
        "subject": "A customer's subject, never kept",
    }


def metric(ident, *, groups=1, reopens=0, day=4):
    return {
        "ticket_id": ident,
        "group_stations": groups,
        "reopens": reopens,
        "solved_at": f"2026-03-{day:02d}T09:00:00Z",
    }


def export(org, stand_in, per_page=2):
    users = [
        {"id": 1, "email": org.alice.email.upper(), "name": "Alice"},
        {"id": 2, "email": org.bob.email, "name": "Bob"},
        {"id": 3, "email": None, "name": "Light Agent"},  # no e-mail: unmatched, listed
    ]
    tickets = [
        ticket(101, 1, score="good"),
        ticket(102, 1, score="bad"),
        ticket(103, 2, score="good"),
        ticket(104, 3),
        ticket(105, 1, status="open"),  # not solved: not kept
        {"status": "solved", "assignee_id": 2},  # malformed: no id
    ]
    metrics = [metric(101, groups=3), metric(102, reopens=1), metric(103), metric(104)]
    stand_in.zendesk_export(tickets, users, metrics, per_page=per_page)


def test_a_zendesk_sync_keeps_figures_per_person_and_month_with_the_team_median(
    org, zendesk, waits
):
    export(org, zendesk)
    result = services.sync_source("zendesk")
    assert (result.status, result.new, result.changed, result.skipped) == ("ok", 3, 0, 1)
    assert result.problems == ["Zendesk ticket ?: a ticket without an id"]
    assert sorted(SupportItem.objects.values_list("external_id", "person__email")) == [
        ("101", org.alice.email),
        ("102", org.alice.email),
        ("103", org.bob.email),
    ]
    alice = SupportMonth.objects.get(person=org.alice, month=MARCH)
    assert (
        alice.tickets_solved,
        alice.satisfaction_good,
        alice.satisfaction_bad,
        alice.escalations_resolved,
        alice.reopened,
    ) == (2, 1, 1, 1, 1)
    median = TeamMedian.objects.get(department=org.alice.department, month=MARCH)
    assert median.people == 2 and median.figures["tickets_solved"] == 1.5
    [unmatched] = UnmatchedAgent.objects.all()
    assert (unmatched.handle, unmatched.name, unmatched.records) == ("3", "Light Agent", 1)
    # Pages followed by their cursor; the last one kept for the next run.
    cursors = [q.get("cursor") for path, q in zendesk.requests if path == EXPORT]
    assert cursors == [None, "c1", "c2"]
    assert SourceState.objects.get(source="zendesk").cursor == "c3"
    # Nothing of the customer is stored anywhere.
    stored = str(list(SupportItem.objects.values()))
    assert "never kept" not in stored and "999" not in stored


def test_a_rerun_stores_nothing_twice(org, zendesk, waits):
    export(org, zendesk)
    services.sync_source("zendesk")
    again = services.sync_source("zendesk", full=True)
    assert (again.status, again.new, again.changed) == ("ok", 0, 0)
    assert SupportItem.objects.count() == 3
    assert UnmatchedAgent.objects.get().records == 2  # seen twice, listed once


def test_a_changed_ticket_is_updated_not_added(org, zendesk, waits):
    export(org, zendesk)
    services.sync_source("zendesk")
    zendesk.zendesk_pages[0]["metric_sets"][1]["reopens"] = 0  # 102 no longer reopened
    again = services.sync_source("zendesk", full=True)
    assert (again.new, again.changed) == (0, 1)
    assert SupportMonth.objects.get(person=org.alice, month=MARCH).reopened == 0


def test_429_waits_what_retry_after_says_and_a_500_is_tried_again(org, zendesk, waits):
    export(org, zendesk)
    zendesk.fault(EXPORT, (429, 7), 500, "junk")
    result = services.sync_source("zendesk")
    assert result.status == "ok" and result.new == 3
    assert waits[0] == 7  # Retry-After
    assert len(waits) == 3  # then a back-off after the 500 and after the junk


def test_refused_credentials_stop_the_run_and_say_so(org, zendesk, waits, settings):
    export(org, zendesk)
    settings.ZENDESK_API_TOKEN = "wrong"
    result = services.sync_source("zendesk")
    assert result.status == "failed" and "refused the credentials (401)" in result.error
    state = SourceState.objects.get(source="zendesk")
    assert (state.last_status, state.cursor) == ("failed", "")
    assert not SupportItem.objects.exists()
    assert waits == []  # a 401 is not retried


def test_a_failure_mid_way_resumes_from_the_cursor(org, zendesk, waits):
    export(org, zendesk)
    pages = zendesk.zendesk_pages
    zendesk.zendesk_pages = [pages[0], {"broken": True}, pages[2]]  # page two is not the API's
    result = services.sync_source("zendesk")
    assert result.status == "failed" and "without a list of tickets" in result.error
    assert SourceState.objects.get(source="zendesk").cursor == "c1"
    assert SupportItem.objects.count() == 2  # page one kept
    zendesk.zendesk_pages = pages
    zendesk.requests.clear()
    resumed = services.sync_source("zendesk")
    assert resumed.status == "ok" and resumed.new == 1
    cursors = [q.get("cursor") for path, q in zendesk.requests if path == EXPORT]
    assert cursors == ["c1", "c2"]  # the rerun starts where the failure stopped


def test_two_runs_at_once_sync_once(org, zendesk, waits):
    export(org, zendesk)
    SourceState.objects.create(source="zendesk", running_since=dt.datetime.now(dt.UTC))
    result = services.sync_source("zendesk")
    assert result.status == "busy" and not SupportItem.objects.exists()
    assert zendesk.requests == []


def test_a_source_without_credentials_is_off(org, settings):
    settings.ZENDESK_API_TOKEN = ""
    assert services.sync_source("zendesk").status == "off"


def test_hrs_alias_matches_an_agent_the_next_full_sync(org, zendesk, waits):
    export(org, zendesk)
    services.sync_source("zendesk")
    services.alias_add(actor=actor_of(org.vp), source="zendesk", handle="3", person=org.cand_person)
    assert not UnmatchedAgent.objects.exists()
    result = services.sync_source("zendesk", full=True)
    assert result.new == 1 and result.unmatched == 0
    assert SupportItem.objects.get(external_id="104").person == org.cand_person
    assert AgentAlias.objects.get().created_by == org.vp


def test_the_command_reports_and_fails_loudly(org, zendesk, waits, settings, capsys):
    export(org, zendesk)
    call_command("support_sync", "--source", "zendesk")
    out = capsys.readouterr().out
    assert "zendesk: 5 read, 3 new, 0 changed, 1 skipped, 1 by unmatched agents" in out
    assert "skipped: Zendesk ticket ?: a ticket without an id" in out
    settings.ZENDESK_API_TOKEN = "wrong"
    with pytest.raises(CommandError, match="resumes from its cursor"):
        call_command("support_sync", "--source", "zendesk", "--full")
    with pytest.raises(CommandError, match="is not a date"):
        call_command("support_sync", "--since", "March")


@pytest.fixture
def pagerduty(settings, stand_in):
    settings.PAGERDUTY_URL = stand_in.url
    settings.PAGERDUTY_API_TOKEN = "pd-token"
    return stand_in


def log_entry(ident, kind, agent, incident, day):
    return {
        "id": ident,
        "type": kind,
        "created_at": f"2026-03-{day:02d}T02:00:00Z",
        "agent": agent,
        "incident": {"id": incident, "type": "incident_reference"},
    }


def test_pagerduty_counts_who_responded_to_each_incident(org, pagerduty, waits):
    pagerduty.pd_users = [
        {"id": "PU1", "email": org.alice.email, "name": "Alice"},
        {"id": "PU2", "email": org.bob.email, "name": "Bob"},
    ]
    user = {"type": "user_reference"}
    pagerduty.pd_log_entries = [
        log_entry("L1", "acknowledge_log_entry", {**user, "id": "PU1"}, "PI1", 3),
        log_entry("L2", "resolve_log_entry", {**user, "id": "PU1"}, "PI1", 3),  # same incident
        log_entry("L3", "acknowledge_log_entry", {**user, "id": "PU2"}, "PI2", 5),
        log_entry("L4", "resolve_log_entry", {"type": "service_reference", "id": "S1"}, "PI2", 5),
        log_entry("L5", "trigger_log_entry", {**user, "id": "PU2"}, "PI3", 6),
        {
            "id": "L6",
            "type": "acknowledge_log_entry",
            "created_at": "2026-03-07T02:00:00Z",
            "agent": {**user, "id": "PU2"},
        },  # no incident
    ] + [
        log_entry(f"M{i}", "acknowledge_log_entry", {**user, "id": "PU2"}, f"PX{i}", 9)
        for i in range(30)
    ]
    pagerduty.fault("/log_entries", (429, 3), 502)
    result = services.sync_source("pagerduty")
    assert result.status == "ok", result.error
    assert result.skipped == 1 and "PagerDuty log entry L6" in result.problems[0]
    assert SupportMonth.objects.get(person=org.alice, month=MARCH).incidents_responded == 1
    assert SupportMonth.objects.get(person=org.bob, month=MARCH).incidents_responded == 31
    assert waits[0] == 3  # Retry-After honoured
    assert SourceState.objects.get(source="pagerduty").cursor == "2026-03-09T02:00:00Z"
    again = services.sync_source("pagerduty")
    assert (again.new, again.changed) == (0, 0)


def test_pagerduty_refusing_the_token_fails_the_run(org, pagerduty, waits, settings):
    settings.PAGERDUTY_API_TOKEN = "wrong"
    result = services.sync_source("pagerduty")
    assert result.status == "failed" and "401" in result.error


CSV = """id,kind,agent,date,satisfaction,groups,reopened,sla,severity,reuse
KB-1,article,{alice},2026-03-02,,,,,,14
INC-9,incident_led,{alice},2026-03-10,,,,,SEV1,
T-1,ticket,{bob},2026-03-11,good,2,no,met,,
T-2,ticket,{bob},2026-03-12,meh,1,no,met,,
T-3,ticket,{bob},March 13,,1,no,met,,
"""


def test_a_csv_of_any_tool_is_read_with_its_bad_lines_reported(org):
    data = CSV.format(alice=org.alice.email, bob=org.bob.email).encode()
    result = services.sync_source("csv", reader=CsvReader(data), full=True)
    assert result.new == 3
    assert result.problems == [
        "Line 5: satisfaction 'meh' is not good or bad",
        "Line 6: date 'March 13' is not YYYY-MM-DD",
    ]
    alice = SupportMonth.objects.get(person=org.alice, month=MARCH)
    assert (alice.articles, alice.article_reuse, alice.incidents_led_sev1) == (1, 14, 1)
    bob = SupportMonth.objects.get(person=org.bob, month=MARCH)
    assert (bob.tickets_solved, bob.escalations_resolved, bob.sla_met) == (1, 1, 1)


@pytest.fixture
def incidentio(settings, stand_in, monkeypatch):
    settings.INCIDENTIO_URL = stand_in.url
    settings.INCIDENTIO_API_KEY = "io-key"
    monkeypatch.setattr("supportdata.sources.incidentio.PAGE_SIZE", 2)
    return stand_in


def incident(ident, lead, severity, day, **extra):
    roles = [{"role": {"role_type": "reporter"}, "assignee": {"id": "U9", "email": "x@y.z"}}]
    if lead:
        roles.append({"role": {"role_type": "lead", "name": "Incident Lead"}, "assignee": lead})
    return {
        "id": ident,
        "name": "Checkout is down for a customer, never kept",
        "created_at": f"2026-03-{day:02d}T08:00:00Z",
        "severity": {"name": severity, "rank": 1},
        "incident_role_assignments": roles,
        **extra,
    }


def test_incident_io_counts_the_incidents_each_person_led_by_severity(org, incidentio, waits):
    alice = {"id": "U1", "email": org.alice.email, "name": "Alice"}
    incidentio.incidents = [
        incident("I1", alice, "Critical", 2),
        incident("I2", alice, "SEV1", 3),
        incident("I3", alice, "Major", 4),
        incident("I4", None, "Minor", 5),  # nobody led it
        {"created_at": "2026-03-05T08:00:00Z", "severity": {"name": "Minor"}},  # no id
        incident("I6", {"id": "U2", "email": "", "name": "Contractor"}, "Minor", 6),
    ]
    incidentio.fault("/v2/incidents", (429, 2))
    result = services.sync_source("incidentio")
    assert result.status == "ok", result.error
    assert (result.new, result.skipped, result.unmatched) == (3, 1, 1)
    month = SupportMonth.objects.get(person=org.alice, month=MARCH)
    assert (month.incidents_led_sev1, month.incidents_led_sev2) == (2, 1)
    assert waits == [2]
    assert SourceState.objects.get(source="incidentio").cursor == "2026-03-06T08:00:00Z"
    afters = [q.get("after") for p, q in incidentio.requests if p == "/v2/incidents"]
    assert afters == [None, None, "i2", "i4"]  # the 429 asked again, then the pages
    again = services.sync_source("incidentio")
    assert (again.new, again.changed) == (0, 0)
    assert [q["created_at[gte]"] for p, q in incidentio.requests[-1:]] == ["2026-03-06"]


@pytest.fixture
def jira(settings, stand_in, monkeypatch):
    settings.JIRA_URL = stand_in.url
    settings.JIRA_EMAIL = "sync@example.com"
    settings.JIRA_API_TOKEN = "jira-token"
    monkeypatch.setattr("supportdata.sources.jira.PAGE_SIZE", 2)
    return stand_in


def request(ident, assignee, *, rating=None, breached=None, day=8):
    return {
        "id": ident,
        "key": f"SUP-{ident}",
        "fields": {
            "assignee": assignee,
            "resolutiondate": f"2026-03-{day:02d}T11:00:00.000+0000",
            "summary": "A customer's words, never kept",
            "customfield_10031": {"rating": rating} if rating else None,
            "customfield_10030": {"completedCycles": [{"breached": breached}]}
            if breached is not None
            else None,
        },
    }


def test_jira_service_management_requests_with_feedback_and_sla(org, jira, waits):
    alice = {"accountId": "A1", "emailAddress": org.alice.email, "displayName": "Alice"}
    hidden = {"accountId": "A2", "displayName": "Privacy On"}  # Cloud may hide the e-mail
    jira.jira_issues = [
        request("1", alice, rating=5, breached=False),
        request("2", alice, rating=2, breached=True),
        request("3", alice, rating=3),
        request("4", hidden, rating=5),
        {"id": "5", "key": "SUP-5"},  # no fields: skipped, reported
        request("6", None),  # unassigned: not anyone's work
    ]
    jira.fault("/rest/api/2/search/jql", 500)
    result = services.sync_source("jira")
    assert result.status == "ok", result.error
    assert (result.new, result.skipped, result.unmatched) == (3, 1, 1)
    assert result.problems == ["Jira issue SUP-5: 'fields'"]
    month = SupportMonth.objects.get(person=org.alice, month=MARCH)
    assert (month.tickets_solved, month.satisfaction_good, month.satisfaction_bad) == (3, 1, 1)
    assert (month.sla_met, month.sla_breached) == (1, 1)
    assert UnmatchedAgent.objects.get(source="jira").handle == "A2"
    assert waits == [2]  # one back-off after the 500
    assert SourceState.objects.get(source="jira").cursor == "2026-03-08"
    again = services.sync_source("jira")
    assert (again.new, again.changed) == (0, 0)


def test_a_jira_data_center_is_read_by_its_own_search(org, jira, waits):
    jira.jira_deployment = "Server"
    alice = {"accountId": "A1", "emailAddress": org.alice.email, "displayName": "Alice"}
    jira.jira_issues = [request(str(i), alice, rating=5) for i in range(1, 6)]
    result = services.sync_source("jira")
    assert (result.status, result.new) == ("ok", 5)
    starts = [q.get("startAt") for p, q in jira.requests if p == "/rest/api/2/search"]
    assert starts == ["0", "2", "4"]


def test_jira_refusing_the_token_fails_the_run(org, jira, waits, settings):
    settings.JIRA_API_TOKEN = "wrong"
    result = services.sync_source("jira")
    assert result.status == "failed" and "refused the credentials (401)" in result.error


def test_hr_syncs_a_source_now_from_its_page(
    client, org, zendesk, waits, django_capture_on_commit_callbacks
):
    export(org, zendesk)
    client.force_login(org.vp.user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("supportdata:sync_now", args=["zendesk"]), follow=True)
    assert "Zendesk: the worker syncs it now." in response.content.decode()
    state = SourceState.objects.get(source="zendesk")
    assert (state.last_status, state.stored, state.skipped) == ("ok", 3, 1)
    page = client.get(reverse("supportdata:sources")).content.decode()
    assert "1 record skipped last run" in page and "a ticket without an id" in page


def test_the_nightly_task_syncs_every_source_with_credentials(org, zendesk, waits, settings):
    settings.PAGERDUTY_API_TOKEN = ""
    export(org, zendesk)
    summaries = support_sync.delay().get()
    assert "zendesk: 5 read, 3 new, 0 changed, 1 skipped, 1 by unmatched agents" in summaries
    assert "pagerduty: off (no credentials)" in summaries
    beat = settings.CELERY_BEAT_SCHEDULE["nightly-support-sync"]
    assert beat["task"] == "supportdata.tasks.support_sync"


def test_jira_waits_what_retry_after_asks(org, jira, waits, monkeypatch):
    """The jira client waits a 429 out itself: at least Retry-After (it doubles it, with
    jitter), counted here instead of slept."""
    slept = []
    monkeypatch.setattr("jira.resilientsession.time.sleep", slept.append)
    alice = {"accountId": "A1", "emailAddress": org.alice.email, "displayName": "Alice"}
    jira.jira_issues = [request("1", alice, rating=5)]
    jira.fault("/rest/api/2/search/jql", (429, 3))
    result = services.sync_source("jira")
    assert (result.status, result.new) == ("ok", 1)
    assert len(slept) == 1 and 3 <= slept[0] <= 6
