"""HR's page for provisioning: the SCIM address, the tokens (created, shown once,
revoked). Tokens are stored hashed; each creation and revocation is on the page's list
with who and when. SCIM is off while no token is active."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from candidates.access import view_all_talent_required
from common.forms import SaneInput

from . import services
from .models import ScimToken, ScimUser


class TokenForm(SaneInput, forms.Form):
    name = forms.CharField(
        label="Which identity provider will hold it",
        max_length=120,
        help_text="e.g. “Okta production”. The token is shown once, right after.",
    )


@view_all_talent_required
@require_http_methods(["GET", "POST"])
def provisioning(request):
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        token, secret = services.token_create(actor=request.actor, name=form.cleaned_data["name"])
        messages.success(
            request, f"Token for {token.name} created: copy it now, it is not shown again."
        )
        form = TokenForm()
    tokens = ScimToken.objects.select_related("created_by", "revoked_by")
    to_complete = services.people_to_complete()
    return render(
        request,
        "scim/provisioning.html",
        {
            "title": "Provisioning (SCIM)",
            "form": form,
            "secret": secret,
            "tokens": tokens,
            "enabled": any(t.is_active for t in tokens),
            "base_url": request.build_absolute_uri("/scim/v2/"),
            "to_complete": to_complete,
        },
    )


@view_all_talent_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ScimToken, pk=pk)
    services.token_revoke(actor=request.actor, token=token)
    messages.success(request, f"Token {token} revoked: it no longer opens SCIM.")
    return redirect("scim_provisioning")


@view_all_talent_required
@require_POST
def person_checked(request, pk):
    """HR has completed what the identity provider left out: off the list."""
    shadow = get_object_or_404(ScimUser, person_id=pk)
    services.person_checked(actor=request.actor, shadow=shadow)
    messages.success(request, f"{shadow.person.full_name} is off the list to complete.")
    return redirect("scim_provisioning")
