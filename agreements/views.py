from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from candidates.access import candidate_get_managed
from common.form_pages import errors_attach, submit_once
from common.pickers import picker_answer

from . import selectors, services
from .access import agreement_get_for_user, commitment_get_for_user
from .forms import (
    AgreementForm,
    CommitmentForm,
    CommitmentFormSet,
    DecideForm,
    ProgressForm,
    TermsForm,
)
from .models import Commitment, LeadershipAgreement
from .terms import versions_compare


def _back_url(agreement, request) -> str:
    """Candidates go back to their plan, everyone else to the agreement."""
    if request.POST.get("next", "") == "/me/":
        return reverse("me")
    return agreement.get_absolute_url()


def _back(agreement, request):
    return redirect(_back_url(agreement, request))


@login_required
def detail(request, pk):
    agreement, permissions = agreement_get_for_user(actor=request.actor, pk=pk)
    page = selectors.agreement_page(agreement=agreement)
    awaiting = agreement.status == LeadershipAgreement.Status.AWAITING_SIGNATURES
    return render(
        request,
        "agreements/detail.html",
        {
            "title": f"{agreement.title} · {agreement.candidate.person}",
            "agreement": agreement,
            "permissions": permissions,
            "sign_as": sorted(permissions.parties - page["signed_parties"]) if awaiting else [],
            "statuses": permissions.allowed_statuses(agreement.status),
            "today": timezone.localdate(),
            **page,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def create(request, candidate_id):
    candidate = candidate_get_managed(actor=request.actor, pk=candidate_id)
    today = timezone.localdate()
    form = AgreementForm(
        request.POST or None,
        initial={
            "review_on": today.replace(year=today.year + 1)
            if not (today.month == 2 and today.day == 29)
            else today,
            "title": f"Leadership agreement {today.year}",
        },
    )
    if picked := picker_answer(request, form):
        return picked
    formset = CommitmentFormSet(
        request.POST or None,
        prefix="commitments",
        initial=services.template_commitments(effective_on=today),
    )
    if request.method == "POST" and formset.is_valid():
        commitments = [
            {k: v for k, v in f.cleaned_data.items() if k != "DELETE"}
            for f in formset
            if f.cleaned_data and not f.cleaned_data.get("DELETE")
        ]
        response = submit_once(
            request,
            form,
            lambda data: services.agreement_create(
                actor=request.actor,
                candidate=candidate,
                commitments=commitments,
                **data,
            ),
            "Draft saved. Review it, then send it for signatures.",
            lambda agreement: agreement.get_absolute_url(),
        )
        if response is not None:
            return response
    return render(
        request,
        "agreements/create.html",
        {
            "title": f"New agreement · {candidate.person}",
            "candidate": candidate,
            "form": form,
            "formset": formset,
        },
    )


@login_required
@require_POST
def send_for_signatures(request, pk):
    agreement, permissions = agreement_get_for_user(actor=request.actor, pk=pk)
    if not permissions.can_edit_terms:
        raise Http404
    try:
        services.agreement_send_for_signatures(actor=request.actor, agreement=agreement)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Sent for signatures: the candidate and the sponsor sign it now.")
    return redirect(agreement.get_absolute_url())


@login_required
@require_POST
def set_status(request, pk):
    agreement, permissions = agreement_get_for_user(actor=request.actor, pk=pk)
    if not permissions.oversees:
        raise Http404
    status = request.POST.get("status", "")
    if status not in LeadershipAgreement.Status.values:
        messages.error(request, "Choose a valid status.")
        return redirect(agreement.get_absolute_url())
    try:
        services.agreement_set_status(actor=request.actor, agreement=agreement, status=status)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, f"The agreement is now {LeadershipAgreement.Status(status).label.lower()}."
        )
    return redirect(agreement.get_absolute_url())


@login_required
@require_POST
def sign(request, pk):
    agreement, permissions = agreement_get_for_user(actor=request.actor, pk=pk)
    party = request.POST.get("party")
    if party not in permissions.parties:
        raise Http404
    if request.POST.get("confirm") != "yes":
        messages.error(request, "Tick the box to confirm that you sign this version.")
        return _back(agreement, request)
    version = request.POST.get("version", "")
    if not version.isdigit() or len(version) > 9:
        messages.error(request, "Reload the agreement and sign the version you read.")
        return _back(agreement, request)
    try:
        services.agreement_sign(
            actor=request.actor,
            agreement=agreement,
            party=party,
            version=int(version),
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, f"You signed version {agreement.current_version}.")
    return _back(agreement, request)


@login_required
def compare(request, pk):
    agreement, _ = agreement_get_for_user(actor=request.actor, pk=pk)
    versions = {v.number: v for v in agreement.versions.all()}
    try:
        newer = versions[int(request.GET.get("to", agreement.current_version))]
        older = versions[int(request.GET.get("from", newer.number - 1))]
    except (KeyError, ValueError):
        raise Http404("No such version.") from None
    return render(
        request,
        "agreements/compare.html",
        {
            "title": f"Versions {older.number} and {newer.number}",
            "agreement": agreement,
            "older": older,
            "newer": newer,
            "versions": sorted(versions),
            "diff": versions_compare(older.terms, newer.terms),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def commitment_new(request, pk):
    """The sponsor (or a manager) adds to the terms; the candidate proposes."""
    agreement, permissions = agreement_get_for_user(actor=request.actor, pk=pk)
    proposing = not permissions.can_edit_terms
    if proposing and not permissions.can_propose:
        raise Http404
    form = CommitmentForm(
        request.POST or None, initial={"side": request.GET.get("side", "candidate")}
    )
    if request.method == "POST":
        service = services.commitment_propose if proposing else services.commitment_add
        response = submit_once(
            request,
            form,
            lambda data: service(actor=request.actor, agreement=agreement, **data),
            "Proposal sent to your sponsor." if proposing else "Commitment added to the terms.",
            lambda _: _back_url(agreement, request),
        )
        if response is not None:
            return response
    return render(
        request,
        "agreements/commitment_new.html",
        {
            "title": "Propose a commitment" if proposing else "Add a commitment",
            "agreement": agreement,
            "form": form,
            "proposing": proposing,
        },
    )


def _stale_save(form, call) -> tuple[bool, object]:
    """Run ``call`` for a valid form: (True, None) when it saved; otherwise the refusal
    is on the form, with what changed meanwhile when the save was stale."""
    try:
        call(form.cleaned_data)
    except services.StaleEdit as error:
        form.add_error(None, error.messages[0])
        return False, error.current
    except ValidationError as error:
        errors_attach(form, error)
        return False, None
    return True, None


@login_required
@require_http_methods(["GET", "POST"])
def commitment_edit(request, pk):
    """Progress (the owner side) and terms (the sponsor or a manager) of one commitment.
    A stale save is refused with what changed meanwhile; the typed text stays in the form."""
    commitment, agreement, permissions = commitment_get_for_user(actor=request.actor, pk=pk)
    accepted = commitment.proposal == Commitment.Proposal.ACCEPTED
    can_progress = permissions.can_update_progress(commitment.side) and accepted
    can_terms = permissions.can_edit_terms and accepted and not commitment.removed
    if not (can_progress or can_terms):
        raise Http404
    which = request.POST.get("form") if request.method == "POST" else None
    if which and not {"progress": can_progress, "terms": can_terms}.get(which):
        raise Http404
    progress_fields = ("status", "progress_percent", "evidence", "dropped_reason", "revision")
    progress_form = ProgressForm(
        request.POST if which == "progress" else None,
        initial={f: getattr(commitment, f) for f in progress_fields},
    )
    terms_form = TermsForm(
        request.POST if which == "terms" else None,
        initial={
            f: getattr(commitment, f) for f in ("category", "description", "due_on", "revision")
        },
    )
    meanwhile = None
    if which == "progress" and progress_form.is_valid():
        saved, meanwhile = _stale_save(
            progress_form,
            lambda data: services.commitment_update_progress(
                actor=request.actor, commitment=commitment, **data
            ),
        )
        if saved:
            messages.success(request, "Progress saved.")
            return _back(agreement, request)
    elif which == "terms" and terms_form.is_valid():
        saved, meanwhile = _stale_save(
            terms_form,
            lambda data: services.commitment_change_terms(
                actor=request.actor, commitment=commitment, **data
            ),
        )
        if saved:
            agreement.refresh_from_db()
            again = agreement.status == "awaiting_signatures"
            messages.success(
                request,
                f"Terms changed: this is version {agreement.current_version}"
                + (", which both sides sign again." if again else "."),
            )
            return redirect(agreement.get_absolute_url())
    return render(
        request,
        "agreements/commitment_edit.html",
        {
            "title": "Update commitment",
            "agreement": agreement,
            "commitment": commitment,
            "progress_form": progress_form if can_progress else None,
            "terms_form": terms_form if can_terms else None,
            "meanwhile": meanwhile,
            "next": request.GET.get("next") or request.POST.get("next", ""),
        },
    )


@login_required
@require_POST
def proposal_decide(request, pk):
    commitment, agreement, permissions = commitment_get_for_user(actor=request.actor, pk=pk)
    if not permissions.can_decide_proposals:
        raise Http404
    form = DecideForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose accept or decline.")
        return redirect(agreement.get_absolute_url())
    try:
        services.proposal_decide(
            actor=request.actor,
            commitment=commitment,
            accept=form.cleaned_data["decision"] == "accept",
            reason=form.cleaned_data["reason"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            "Proposal accepted."
            if form.cleaned_data["decision"] == "accept"
            else "Proposal declined.",
        )
    return redirect(agreement.get_absolute_url())


@login_required
@require_POST
def commitment_remove(request, pk):
    commitment, agreement, permissions = commitment_get_for_user(actor=request.actor, pk=pk)
    if not permissions.can_edit_terms:
        raise Http404
    try:
        services.commitment_remove(
            actor=request.actor,
            commitment=commitment,
            revision=int(request.POST.get("revision", -1)),
        )
    except (ValidationError, ValueError) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, "Commitment removed from the terms.")
    return redirect(agreement.get_absolute_url())
