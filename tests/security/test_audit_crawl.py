"""Every page of the app, opened by every role: a page that shows a rating, flight risk,
a readiness, a private note, a review or another confidential part of a candidate's
record leaves exactly one audit row and answers ``Cache-Control: no-store``; any other
page, and every 404, leaves none.

The rows are written where access is decided (``audit.record.read`` in the access calls),
not page by page, and ``PAGES`` must name every URL pattern of the app: a new page that
is not classified here fails ``test_every_page_of_the_app_is_classified``."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from agreements.models import AgreementVersion
from audit.models import AuditEvent
from candidates.models import DirectoryImport
from development.models import ExperienceIdea, JobShadowing, StretchAssignment, Training
from insights.models import Insight, ProductArea
from notifications.services import preference_for
from programme.models import Application, Cohort, Intake
from reviews import services as review_services
from reviews.models import ReviewCandidate
from scim.models import ScimUser
from scim.services import token_create
from succession.models import FollowUp, MustHave, PositionFill
from tests import factories

pytestmark = pytest.mark.django_db

ROLES = ("vp", "director", "alice", "mentor", "outsider", "cand_person", "nobody")
# Managers: the VP (view_all_talent), the director and alice in cand's line, the R&D
# director (the mentor, who also manages a branch) and the outsider in another branch;
# cand, a candidate; nobody, who holds no role.
MANAGERS = {"vp", "director", "alice", "mentor", "outsider"}
CAND_LINE = {"vp", "director", "alice"}  # may see cand's confidential record
HR = {"vp"}
# cand's agreement: its candidate, its sponsor (the director), the line, the mentor.
AGREEMENT_READERS = CAND_LINE | {"mentor"}
SUBJECT_AND_READERS = AGREEMENT_READERS | {"cand_person"}
EVERYONE = set(ROLES)
PANEL = HR | {"mentor"}  # the intake's panel: the R&D director, and HR


@dataclass(frozen=True)
class Page:
    url: str  # a URL name
    args: str = ""  # the fixture attribute(s) its arguments come from, comma separated
    # Who gets the page (200); everyone else gets a 404 (or, for a POST-only action, a
    # 405 where the role may act).
    seen_by: set = field(default_factory=set)
    # Of them, who leaves an audit row, and of what kind.
    recorded_for: set = field(default_factory=set)
    what: str = ""
    query: str = ""  # a query string the page needs
    post_only: bool = False
    why: str = ""  # for a page nobody is recorded on, why


PAGES = [
    Page("me", seen_by={"cand_person"}, why="the candidate's own plan: no rating"),
    Page("me_own_words", seen_by={"cand_person"}, why="what the candidate writes of themself"),
    Page("audit", seen_by=HR, why="who read what; reading the audit is not a read of talent"),
    Page("audit_recent", "cand_person.pk", seen_by=HR, why="who read a profile"),
    Page("front:pool", seen_by=MANAGERS, recorded_for=MANAGERS, what="pool"),
    Page("front:ninebox", seen_by=MANAGERS, recorded_for=MANAGERS, what="nine_box"),
    Page("front:development", seen_by=MANAGERS, why="counts of experiences, no rating"),
    Page(
        "front:profile",
        "cand.pk",
        seen_by=CAND_LINE | {"mentor"},
        recorded_for=CAND_LINE | {"mentor"},
        what="profile",
    ),
    Page("front:org_import", seen_by=HR, why="the directory: names, titles, managers"),
    Page("front:people_export", seen_by=HR, why="the directory as the import reads it"),
    Page("front:person_new", seen_by=HR, why="an empty form"),
    Page("front:competencies", seen_by=HR, why="the competency model: no rating"),
    Page("front:person_edit", "bob.pk", seen_by=HR, why="the directory's fields of one person"),
    Page("front:person_mark_left", "bob.pk", seen_by=HR, post_only=True),
    Page("scim_provisioning", seen_by=HR, why="the SCIM tokens' holders and dates"),
    Page(
        "supportdata:record", "cand.pk", seen_by=CAND_LINE, recorded_for=CAND_LINE, what="support"
    ),
    Page("supportdata:sources", seen_by=HR, why="the sources' state and unmatched agents' ids"),
    Page("supportdata:sync_now", "source_zendesk", seen_by=HR, post_only=True),
    Page("supportdata:alias_add", seen_by=HR, post_only=True),
    Page("supportdata:mapping_set", "group_incidents", seen_by=HR, post_only=True),
    Page(
        "front:person_flight_risk",
        "cand_person.pk",
        seen_by=CAND_LINE,
        recorded_for=CAND_LINE,
        what="profile",
    ),
    Page("scim_token_revoke", "scim_token.pk", seen_by=HR, post_only=True),
    Page("scim_person_checked", "scim_user.person_id", seen_by=HR, post_only=True),
    Page(
        "front:org_import_detail",
        "directory_import.pk",
        seen_by=HR,
        why="the directory: names, titles, managers",
    ),
    Page("front:org_import_confirm", "directory_import.pk", seen_by=HR, post_only=True),
    Page("front:org_import_cancel", "directory_import.pk", seen_by=HR, post_only=True),
    Page("front:org_import_requeue", "directory_import.pk", seen_by=HR, post_only=True),
    Page("candidates:nominate", seen_by=MANAGERS, why="a picker of people not in the pool"),
    Page("candidates:rate", "cand.pk", seen_by=CAND_LINE, recorded_for=CAND_LINE, what="profile"),
    Page(
        "candidates:rate_competencies",
        "cand.pk",
        seen_by=CAND_LINE,
        recorded_for=CAND_LINE,
        what="profile",
    ),
    Page("succession:positions", seen_by=MANAGERS, recorded_for=MANAGERS, what="position"),
    Page(
        "succession:position_detail",
        "position.pk",
        seen_by=CAND_LINE,
        recorded_for=CAND_LINE,
        what="position",
    ),
    Page("succession:position_fill", "position.pk", seen_by=HR, recorded_for=HR, what="position"),
    Page(
        "front:position_compare",
        "position.pk",
        seen_by=CAND_LINE,
        recorded_for=CAND_LINE,
        what="position",
    ),
    Page("succession:position_new", seen_by=HR, why="an empty form"),
    Page("succession:position_edit", "position.pk", seen_by=HR, recorded_for=HR, what="position"),
    Page("succession:position_retire", "position.pk", seen_by=HR, post_only=True),
    Page("succession:must_haves", "position.pk", seen_by=HR, why="what a seat asks: no record"),
    Page("succession:cover", "position.pk", seen_by=HR, why="who covers a seat: no record"),
    Page("succession:coverage", seen_by=MANAGERS, recorded_for=MANAGERS, what="position"),
    Page("succession:must_have_edit", "must_have.pk", seen_by=HR, why="one must-have"),
    Page("succession:must_have_remove", "must_have.pk", seen_by=HR, post_only=True),
    Page(
        "succession:targets_position", "position.pk", seen_by=HR, recorded_for=HR, what="position"
    ),
    Page(
        "succession:nominate_successor",
        "cand.pk",
        seen_by=CAND_LINE,
        recorded_for=CAND_LINE,
        what="profile",
    ),
    Page(
        "succession:change_status",
        "cand.pk",
        seen_by=CAND_LINE,
        recorded_for=CAND_LINE,
        what="profile",
    ),
    Page(
        "succession:readiness",
        "nomination.pk",
        seen_by=CAND_LINE,
        recorded_for=CAND_LINE,
        what="readiness",
    ),
    Page("succession:confirm", "nomination.pk", seen_by=CAND_LINE, post_only=True),
    Page("succession:withdraw", "nomination.pk", seen_by=CAND_LINE, post_only=True),
    Page(
        "succession:follow_up_done",
        "follow_up.pk",
        seen_by=CAND_LINE,
        recorded_for=CAND_LINE,
        what="profile",
    ),
    Page("succession:targets", seen_by=HR, why="target profiles of positions, no person"),
    Page("succession:targets_level", "level", seen_by=HR, why="a level's targets, no person"),
    Page("development:plan", "cand.pk", seen_by=CAND_LINE, recorded_for=CAND_LINE, what="profile"),
    Page("development:ideas", seen_by=HR, why="the experience catalogue"),
    Page("development:idea_edit", "idea.pk", seen_by=HR, why="the experience catalogue"),
    Page("development:rotation_new", seen_by=MANAGERS, why="a picker of the actor's people"),
    Page("development:rotation_host", seen_by=MANAGERS, why="a picker of the directory's names"),
    Page(
        "development:rotation_detail",
        "rotation.pk",
        seen_by=SUBJECT_AND_READERS,
        recorded_for=AGREEMENT_READERS,
        what="experience",
    ),
    *(
        Page(
            f"development:{kind}_new",
            "cand.pk",
            seen_by=CAND_LINE,
            recorded_for=CAND_LINE,
            what="profile",
        )
        for kind in ("stretch", "conference", "benchmark", "training", "shadowing")
    ),
    *(
        Page(
            f"development:{kind}_detail",
            f"{kind}.pk",
            seen_by=SUBJECT_AND_READERS,
            recorded_for=AGREEMENT_READERS,
            what="experience",
        )
        for kind in ("stretch", "conference", "benchmark", "training", "shadowing")
    ),
    Page(
        "development:experience_edit",
        "kind_stretch,stretch.pk",
        seen_by=CAND_LINE,
        recorded_for=CAND_LINE,
        what="experience",
    ),
    Page(
        "development:experience_cancel",
        "kind_stretch,stretch.pk",
        seen_by=CAND_LINE,
        recorded_for=CAND_LINE,
        what="experience",
    ),
    Page("reports:health", seen_by=MANAGERS, why="monthly totals of the line, no person"),
    Page("reports:outcomes", seen_by=MANAGERS, recorded_for=MANAGERS, what="outcome"),
    Page("reports:calibration", seen_by=MANAGERS, recorded_for=MANAGERS, what="pool"),
    Page(
        "succession:fill_outcome",
        "fill.pk",
        seen_by=CAND_LINE,
        recorded_for=CAND_LINE,
        what="outcome",
    ),
    Page(
        "reports:series_csv",
        "series",
        seen_by=MANAGERS,
        recorded_for=MANAGERS,
        what="export",
    ),
    Page("notifications:list", seen_by=EVERYONE, why="the reader's own notices"),
    Page("notifications:read_all", seen_by=EVERYONE, post_only=True),
    Page("notifications:preferences", seen_by=EVERYONE, why="the reader's own settings"),
    Page("notifications:read", "notice.pk", seen_by=EVERYONE, post_only=True),
    Page("mentorship:home", seen_by={"mentor"}, why="the mentor's mentees and shared notes"),
    Page(
        "mentorship:meeting_rate",
        "meeting.pk",
        seen_by={"cand_person"},
        why="the mentee's own rating of their meeting",
    ),
    Page("mentorship:mentors", seen_by=HR, why="mentors' capacity; averages of five or more"),
    Page("insights:log", seen_by=EVERYONE, why="product insights: about the product, not people"),
    Page("insights:new", seen_by=EVERYONE, why="an empty form"),
    Page("insights:detail", "insight.pk", seen_by=EVERYONE, why="one product insight"),
    Page("insights:edit", "insight.pk", seen_by={"cand_person"}, why="the raiser's own insight"),
    Page("insights:withdraw", "insight.pk", seen_by={"cand_person"}, post_only=True),
    Page("insights:areas", seen_by=HR, why="product areas and their owners"),
    Page("insights:area_edit", "area.pk", seen_by=HR, why="a product area"),
    Page("programme:home", seen_by=EVERYONE, why="intakes to run or apply to; no application"),
    Page("programme:apply", seen_by=EVERYONE, why="the viewer's own applications only"),
    Page(
        "programme:application_new",
        "intake.pk",
        seen_by={"alice", "outsider", "nobody"},
        why="an empty application form, for the eligible",
    ),
    Page("programme:application_edit", "application.pk", why="the applicant's own (bob)"),
    Page("programme:application_withdraw", "application.pk", post_only=True),
    Page(
        "programme:endorse",
        "application.pk",
        seen_by=CAND_LINE,
        recorded_for=CAND_LINE,
        what="application",
    ),
    Page(
        "programme:application",
        "application.pk",
        seen_by=PANEL,
        recorded_for=PANEL,
        what="application",
    ),
    Page("programme:intake_new", seen_by=HR, why="an empty form"),
    Page("programme:intake", "intake.pk", seen_by=PANEL, recorded_for=PANEL, what="application"),
    Page("programme:intake_edit", "intake.pk", seen_by=HR, why="the intake's own fields"),
    Page("programme:cohort", "cohort.pk", seen_by=PANEL, recorded_for=PANEL, what="cohort"),
    Page("mentorship:mentor_edit", "mentor.pk", seen_by=HR, why="a mentor's capacity"),
    Page("mentorship:pairing_new", seen_by=MANAGERS, why="a picker of candidates to pair"),
    Page("mentorship:pairing_status", "pairing.pk", seen_by=CAND_LINE, post_only=True),
    Page("mentorship:pairing_edit", "pairing.pk", seen_by=CAND_LINE, why="a cadence and dates"),
    Page(
        "mentorship:pairing_meetings",
        "pairing.pk",
        seen_by=CAND_LINE | {"mentor", "cand_person"},
        recorded_for=CAND_LINE | {"mentor"},
        what="meetings",
    ),
    Page("mentorship:meeting_new", "pairing.pk", seen_by={"mentor"}, why="an empty form"),
    Page("mentorship:action_item_done", "action_item.pk", seen_by={"mentor"}, post_only=True),
    Page(
        "mentorship:next_meeting_ics",
        "pairing.pk",
        seen_by={"mentor", "cand_person"},
        why="the parties' own calendar invitation",
    ),
    Page(
        "mentorship:meeting_edit",
        "meeting.pk",
        seen_by={"mentor"},
        recorded_for={"mentor"},
        what="meetings",
    ),
    Page(
        "mentorship:calendar_feed",
        "feed_token",
        seen_by=EVERYONE,
        why="the owner's own meetings, by a private address",
    ),
    Page("agreements:create", "cand.pk", seen_by=CAND_LINE, recorded_for=CAND_LINE, what="profile"),
    Page(
        "agreements:detail",
        "agreement.pk",
        seen_by=SUBJECT_AND_READERS,
        recorded_for=AGREEMENT_READERS,
        what="agreement",
    ),
    Page("agreements:send", "agreement.pk", seen_by=SUBJECT_AND_READERS, post_only=True),
    Page("agreements:sign", "agreement.pk", seen_by=SUBJECT_AND_READERS, post_only=True),
    Page("agreements:set_status", "agreement.pk", seen_by=SUBJECT_AND_READERS, post_only=True),
    Page(
        "agreements:compare",
        "agreement.pk",
        query="?from=1&to=1",
        seen_by=SUBJECT_AND_READERS,
        recorded_for=AGREEMENT_READERS,
        what="agreement",
    ),
    Page(
        "agreements:commitment_new",
        "agreement.pk",
        seen_by=CAND_LINE | {"cand_person"},
        recorded_for=CAND_LINE,
        what="agreement",
    ),
    Page(
        "agreements:commitment_edit",
        "commitment.pk",
        seen_by=CAND_LINE | {"cand_person"},
        recorded_for=CAND_LINE,
        what="agreement",
    ),
    Page(
        "agreements:proposal_decide", "commitment.pk", seen_by=SUBJECT_AND_READERS, post_only=True
    ),
    Page(
        "agreements:commitment_remove", "commitment.pk", seen_by=SUBJECT_AND_READERS, post_only=True
    ),
    Page("reviews:list", seen_by=MANAGERS, recorded_for=MANAGERS, what="review"),
    Page("reviews:new", seen_by=MANAGERS, why="an empty form and pickers"),
    Page("reviews:detail", "review.pk", seen_by=CAND_LINE, recorded_for=CAND_LINE, what="review"),
    Page("reviews:edit", "review.pk", seen_by=HR, recorded_for=HR, what="review"),
    Page("reviews:board", "review.pk", seen_by=CAND_LINE, recorded_for=CAND_LINE, what="review"),
    Page("reviews:agenda_add", "review.pk", seen_by=HR, post_only=True),
    Page(
        "reviews:entry",
        "review.pk,entry.pk",
        seen_by=CAND_LINE,
        recorded_for=CAND_LINE,
        what="review",
    ),
    Page("reviews:agenda_remove", "review.pk,entry.pk", seen_by=HR, post_only=True),
    Page("reviews:start", "review.pk", seen_by=HR, post_only=True),
    Page("reviews:close", "review.pk", seen_by=HR, post_only=True),
    Page("reviews:delete", "review.pk", seen_by=HR, post_only=True),
    Page(
        "reviews:moved",
        "closed_review.pk",
        seen_by=CAND_LINE,
        recorded_for=CAND_LINE,
        what="review",
    ),
]

# Pages of the framework and the sign-in, outside the app's data.
NOT_THE_APPS = {
    "home", "healthz", "favicon", "login", "logout", "oidc_authentication_init",
    "oidc_authentication_callback", "sso_failed",
    # SCIM answers the identity provider's bearer token, never a session (tests/scim).
    "scim:root", "scim:search", "scim:users-search", "scim:users", "scim:groups", "scim:me",
    "scim:bulk", "scim:service-provider-config", "scim:resource-types", "scim:schemas",
    "scim:not-found",
}  # fmt: skip


def _url_names(patterns, namespace=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue  # Django admin: break-glass, audited by its own log
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _url_names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            yield namespace + pattern.name


def test_every_page_of_the_app_is_classified():
    names = set(_url_names(get_resolver().url_patterns)) - NOT_THE_APPS
    assert names == {page.url for page in PAGES}


def test_every_page_nobody_is_recorded_on_says_why():
    for page in PAGES:
        assert page.recorded_for <= page.seen_by, page.url
        assert bool(page.what) == bool(page.recorded_for), page.url
        assert page.post_only or page.recorded_for or page.why, page.url


@pytest.fixture
def record(org):
    """cand's whole record: a nomination, a follow-up, a review, an experience of every
    kind, a commitment, an action item."""
    today = dt.date.today()
    nomination = factories.NominationFactory(candidate=org.cand, position=org.position)
    follow_up = FollowUp.objects.create(
        candidate=org.cand, position=org.position, description="Talk", owner=org.alice
    )
    review = factories.review_for(org)
    entry = ReviewCandidate.objects.get(review=review, candidate=org.cand)
    closed_review = review_services.review_close(
        actor=factories.actor_of(org.vp), review=factories.review_for(org)
    )
    AgreementVersion.objects.create(agreement=org.agreement, number=1, created_by=org.director)
    rotation = factories.RotationFactory(
        person=org.cand_person, host_sponsor=org.mentor, assigned_by=org.alice
    )
    stretch = StretchAssignment.objects.create(
        candidate=org.cand,
        title="Own the escalation queue",
        kind="decision",
        description="Decide alone",
        safety_net=org.alice,
        assigned_by=org.alice,
        starts_on=today,
    )
    training = Training.objects.create(
        candidate=org.cand, name="Executive programme", kind="course", starts_on=today
    )
    factories.pairing_dates_set(org.pairing, next_meeting_on=today + dt.timedelta(days=7))
    return {
        "nomination": nomination,
        "follow_up": follow_up,
        "review": review,
        "closed_review": closed_review,
        "entry": entry,
        "rotation": rotation,
        "stretch": stretch,
        "conference": factories.ConferenceFactory(candidate=org.cand, assigned_by=org.alice),
        "benchmark": factories.BenchmarkVisitFactory(candidate=org.cand, assigned_by=org.alice),
        "shadowing": JobShadowing.objects.create(
            candidate=org.cand,
            shadowed=org.director,
            starts_on=today,
            observe="The escalation meeting",
            assigned_by=org.alice,
        ),
        "training": training,
        "commitment": factories.CommitmentFactory(agreement=org.agreement, side="candidate"),
        "action_item": factories.ActionItemFactory(meeting=org.meeting),
        "idea": ExperienceIdea.objects.first(),
        "directory_import": DirectoryImport.objects.create(
            uploaded_by=org.vp.user, file_name="people.csv", size_bytes=10, lines=1, digest="x"
        ),
        "scim_token": token_create(actor=factories.actor_of(org.vp), name="Okta")[0],
        "must_have": MustHave.objects.create(
            position=org.position, behaviour="Delivered a rotation", proofs=["rotation"]
        ),
        "fill": PositionFill.objects.create(
            position=org.position, person=org.cand_person, filled_on=today, from_pool=True
        ),
        **_programme(org, today),
        "scim_user": ScimUser.objects.create(
            person=org.outsider, user_name="outsider@example.com", to_complete=["level"]
        ),
    }


def _programme(org, today) -> dict:
    """An open intake bob applied to (the mentor sits on its panel), last year's with its
    cohort, a product area and cand's insight."""
    intake = Intake.objects.create(
        name="Leaders",
        opens_on=today,
        closes_on=today + dt.timedelta(days=5),
        starts_on=today + dt.timedelta(days=30),
        places=3,
        questions="Why?",
        created_by=org.vp,
    )
    intake.panel.set([org.mentor])
    past = Intake.objects.create(
        name="Leaders, last year",
        opens_on=today - dt.timedelta(days=60),
        closes_on=today - dt.timedelta(days=50),
        starts_on=today - dt.timedelta(days=40),
        places=3,
        questions="Why?",
        created_by=org.vp,
    )
    past.panel.set([org.mentor])
    area = ProductArea.objects.create(name="Billing", owner=org.outsider)
    return {
        "intake": intake,
        "application": Application.objects.create(
            intake=intake, applicant=org.bob, answers=[], submitted_at=timezone.now()
        ),
        "cohort": Cohort.objects.create(
            intake=past, name="Cohort", starts_on=past.starts_on, formed_by=org.vp, formed_on=today
        ),
        "area": area,
        "insight": Insight.objects.create(
            raised_by=org.cand_person,
            area=area,
            title="Refunds need three screens",
            source="support_shift",
            observed="Three screens",
            frequency="daily",
            raised_on=today,
        ),
    }


def _args(page: Page, org, record, role) -> list:
    args = []
    for name in filter(None, page.args.split(",")):
        if name == "level":
            args.append(5)
        elif name == "series":
            args.append("ready_now")
        elif name == "kind_stretch":
            args.append("stretch")
        elif name == "source_zendesk":
            args.append("zendesk")
        elif name == "group_incidents":
            args.append("incidents_led")
        elif name == "feed_token":
            args.append(preference_for(getattr(org, role).user).calendar_token)
        elif name == "notice.pk":
            args.append(1)
        else:
            owner, attribute = name.split(".")
            obj = record[owner] if owner in record else getattr(org, owner)
            args.append(getattr(obj, attribute))
    return args


def _shown(client, url):
    response = client.get(url)
    if response.streaming:
        b"".join(response.streaming_content)
    return response


@pytest.mark.parametrize("target", PAGES, ids=lambda target: target.url)
def test_a_confidential_page_leaves_one_row_and_is_never_stored(client, org, record, target):
    page = target
    for role in ROLES:
        client.force_login(getattr(org, role).user)
        url = reverse(page.url, args=_args(page, org, record, role)) + page.query
        AuditEvent.objects.all().delete()
        response = _shown(client, url)
        rows = list(AuditEvent.objects.values_list("what", "viewer_id"))
        if page.post_only:
            expected = 405 if role in page.seen_by else (405, 404)
            assert response.status_code in (
                expected if isinstance(expected, tuple) else (expected,)
            ), (role, url)
            assert rows == [], (role, url)
        elif role in page.seen_by:
            assert response.status_code == 200, (role, url, response.status_code)
            if role in page.recorded_for:
                assert rows == [(page.what, getattr(org, role).user.pk)], (role, url)
                assert "no-store" in response["Cache-Control"], (role, url)
            else:
                assert rows == [], (role, url)
        else:
            assert response.status_code == 404, (role, url, response.status_code)
            assert rows == [], (role, url)
