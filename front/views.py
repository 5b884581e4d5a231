"""The pages that read across apps: the talent pool (and its CSV), the 9-box, the
candidate profile, /me/, the development overview, HR's audit."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from audit import record as audit
from audit import selectors as audit_selectors
from audit.models import AuditEvent
from candidates import selectors as candidate_selectors
from candidates.access import (
    candidate_for_self,
    candidate_get_for_user,
    candidate_required,
    manager_required,
    view_all_talent_required,
)
from candidates.forms import OwnWordsForm
from candidates.models import NINE_BOX_LABELS, CandidateStatus, Competency, FlightRisk, Level
from candidates.services import OWN_WORDS_FIELDS, own_words_save
from common.form_pages import form_page
from common.pagination import CountedPaginator
from common.pickers import picker_answer
from development import selectors as development
from succession import selectors as succession_selectors

from . import selectors
from .audit_filters import AuditFilter


def _position_picked(request):
    """The filter bar's position picker answered (titles of positions in view only, so
    the pool is not read for it), or None."""
    return picker_answer(
        request, lambda: selectors.pool_filter_form(actor=request.actor, data=None)
    )


def _pool_filterset(request, shown_as: str):
    return selectors.pool_filterset(
        actor=request.actor,
        data=request.GET,
        options=selectors.filter_options(actor=request.actor),
        shown_as=shown_as,
    )


def _ignored_filters_say(request, filterset) -> None:
    for problem in filterset.ignored:
        messages.warning(request, f"Filter ignored, {problem}")


@manager_required
def pool(request):
    if picked := _position_picked(request):
        return picked
    filterset = _pool_filterset(request, audit.What.POOL)
    _ignored_filters_say(request, filterset)
    if request.GET.get("export") == "csv":
        return _pool_csv(request, filterset.qs)
    # Counted without the page's joins (``pool_queryset``), then a page of rows.
    page = CountedPaginator(
        selectors.pool_rows(filterset.qs), settings.PAGE_SIZE, count=filterset.qs.count()
    ).get_page(request.GET.get("page"))
    sort, descending = filterset.sort_key
    return render(
        request,
        "front/pool.html",
        {
            "title": "Talent pool",
            "form": filterset.form,
            "sort": sort,
            "descending": descending,
            "page": page,
            "filtered": any(v for k, v in request.GET.items() if k not in ("page", "sort")),
            "follow_ups": succession_selectors.follow_ups_open_for_user(actor=request.actor)[:10],
            "today": timezone.localdate(),
        },
    )


CSV_HEADER = [
    "name",
    "title",
    "department",
    "level",
    "status",
    "target positions",
    "performance",
    "potential",
    "9-box",
    "flight risk",
    "mentor",
    "last check-in",
    "company commitments done/total",
    "candidate commitments done/total",
    "rotations done",
]


CSV_COLUMNS = (
    "pk",
    "person__full_name",
    "person__title",
    "person__department__name",
    "person__level",
    "status",
    "performance",
    "potential",
    "flight_risk",
    "mentor_name",
    "last_met_on",
    "company_done",
    "company_total",
    "candidate_done",
    "candidate_total",
    "rotations_done",
)


def _pool_csv(request, candidates):
    """Stream exactly the filtered rows the manager may see: plain values read in
    batches (a server-side cursor on PostgreSQL), and the target positions of all of
    them in one more query. Two queries, constant memory per batch."""
    targets = selectors.target_positions(candidates=candidates)
    levels, statuses = dict(Level.choices), dict(CandidateStatus.choices)
    risks = dict(FlightRisk.choices)

    def rows():
        rows_read = selectors.pool_rows(candidates).prefetch_related(None).values_list(*CSV_COLUMNS)
        for row in rows_read.iterator(chunk_size=2000):
            values = dict(zip(CSV_COLUMNS, row, strict=True))
            yield [
                values["person__full_name"],
                values["person__title"],
                values["person__department__name"],
                levels.get(values["person__level"], ""),
                statuses.get(values["status"], ""),
                "; ".join(targets.get(values["pk"], [])),
                values["performance"] or "",
                values["potential"] or "",
                NINE_BOX_LABELS.get((values["performance"], values["potential"]), "Not rated"),
                risks.get(values["flight_risk"], ""),
                values["mentor_name"] or "",
                values["last_met_on"] or "",
                f"{values['company_done']}/{values['company_total']}",
                f"{values['candidate_done']}/{values['candidate_total']}",
                values["rotations_done"],
            ]

    return audit.csv_export(
        request.actor,
        label="Talent pool CSV",
        filename=f"talent-pool-{timezone.localdate().isoformat()}.csv",
        header=CSV_HEADER,
        rows=rows(),
    )


@manager_required
def ninebox(request):
    if picked := _position_picked(request):
        return picked
    filterset = _pool_filterset(request, audit.What.NINE_BOX)
    _ignored_filters_say(request, filterset)
    grid = selectors.ninebox_grid(candidates=filterset.qs)
    return render(
        request,
        "front/ninebox.html",
        {
            "title": "9-box",
            "form": filterset.form,
            "grid": grid,
            "total": sum(cell["count"] for row in grid for cell in row),
        },
    )


@login_required
def profile(request, pk):
    candidate, permissions = candidate_get_for_user(actor=request.actor, pk=pk)
    context = selectors.candidate_profile(candidate=candidate, permissions=permissions)
    return render(request, "front/profile.html", {"title": candidate.person.full_name, **context})


@candidate_required
def my_plan(request):
    candidate = candidate_for_self(actor=request.actor)
    return render(
        request, "front/me.html", {"title": "My plan", **selectors.my_plan(candidate=candidate)}
    )


@candidate_required
@require_http_methods(["GET", "POST"])
def my_own_words(request):
    """The candidate's aspirations, mobility, motivation and self-assessment: theirs to
    write; their managers in line and their mentor read them on the profile."""
    candidate = candidate_for_self(actor=request.actor)
    mine = candidate_selectors.own_words(candidate=candidate)
    words = mine["own_words"]
    initial = {name: getattr(words, name) for name in OWN_WORDS_FIELDS} if words else {}
    initial |= {f"score_{row.competency_id}": row.score for row in mine["self_assessment"]}
    form = OwnWordsForm(
        request.POST or None,
        initial=initial,
        competencies=Competency.objects.filter(is_active=True).order_by("order", "name"),
    )
    return form_page(
        request,
        form=form,
        call=lambda data: own_words_save(actor=request.actor, candidate=candidate, **data),
        success="Saved. Your managers and your mentor read this on your profile.",
        done=lambda _: reverse("me") + "#own-words",
        template="front/own_words.html",
        context={"title": "In my own words", "words": words},
    )


@manager_required
def development_overview(request):
    page = Paginator(development.exposure_matrix(actor=request.actor), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "front/development.html",
        {
            "title": "Development",
            "page": page,
            "departments": development.ROTATION_DEPARTMENTS,
            "kinds": development.EXPOSURE_KINDS,
            **development.overview(actor=request.actor),
        },
    )


AUDIT_CSV_HEADER = ["when", "viewer", "what", "person viewed", "detail", "page", "address"]


@view_all_talent_required
def audit_log(request):
    """HR's audit of confidential reads and exports: who saw what, when, from where."""
    filterset = AuditFilter(request.GET, queryset=AuditEvent.objects.all())
    if filterset.is_valid():
        events = filterset.qs
    else:
        events = AuditEvent.objects.none()
        messages.error(
            request, "Some filters are not valid (see below): nothing is listed until they are."
        )
    if request.GET.get("export") == "csv":
        return _audit_csv(request, events)
    page = Paginator(events, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "front/audit.html",
        {
            "title": "Audit",
            "form": filterset.form,
            "page": page,
            "filtered": any(v for k, v in request.GET.items() if k != "page"),
            "retention_days": settings.AUDIT_RETENTION_DAYS,
        },
    )


def _audit_csv(request, events):
    columns = ("at", "viewer_name", "what", "subject_name", "label", "path", "ip_address")
    labels = dict(AuditEvent.What.choices)

    def rows():
        for row in events.values_list(*columns).iterator(chunk_size=2000):
            values = dict(zip(columns, row, strict=True))
            yield [
                timezone.localtime(values["at"]).isoformat(timespec="seconds"),
                values["viewer_name"],
                labels.get(values["what"], values["what"]),
                values["subject_name"],
                values["label"],
                values["path"],
                values["ip_address"] or "",
            ]

    return audit.csv_export(
        request.actor,
        label="Audit log CSV",
        filename=f"audit-{timezone.localdate().isoformat()}.csv",
        header=AUDIT_CSV_HEADER,
        rows=rows(),
    )


@view_all_talent_required
def audit_recent(request, person_id):
    """The profile's "who looked at this in the last 90 days" panel, loaded by the page
    after it has shown (so the profile itself pays no query for it)."""
    return render(
        request,
        "front/partials/audit_recent.html",
        {
            "viewers": audit_selectors.recent_viewers(person_id=person_id, days=90)[:20],
            "person_id": person_id,
        },
    )
