from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from . import selectors, services
from .forms import PreferenceForm


@login_required
def notification_list(request):
    page = Paginator(selectors.notifications_for(actor=request.actor), settings.PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/list.html", {"title": "Notifications", "page": page})


@login_required
@require_POST
def notification_read(request, pk):
    marked = services.notification_mark_read(actor=request.actor, notification_id=pk)
    if not marked and not request.user.notifications.filter(pk=pk).exists():
        raise Http404("No such notification.")
    target = request.POST.get("next", "")
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = reverse("notifications:list")
    return HttpResponseRedirect(target)


@login_required
@require_POST
def notifications_read_all(request):
    count = services.notification_mark_read(actor=request.actor)
    messages.success(request, f"{count} notification{'s' if count != 1 else ''} marked read.")
    return redirect("notifications:list")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    preference = services.preference_for(request.user)
    form = PreferenceForm(
        request.POST or None,
        instance=preference,
        managers=request.actor.manager or request.actor.view_all_talent,
    )
    if request.method == "POST" and form.is_valid():
        services.preference_update(actor=request.actor, **form.cleaned_data)
        messages.success(request, "Preferences saved.")
        return redirect("notifications:preferences")
    return render(
        request,
        "notifications/preferences.html",
        {"title": "Notification preferences", "form": form},
    )
