import logging

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from supportlead.celery import app as celery_app
from supportlead.sso import provider_logout_url

log = logging.getLogger(__name__)


class LoginView(auth_views.LoginView):
    """The local login form, with the company sign-in beside it when it is on; with
    LOCAL_LOGIN=0 the form stays for the break-glass superuser only, and says so."""

    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "sso_enabled": settings.SSO_ENABLED,
            "sso_name": settings.OIDC_PROVIDER_NAME,
            "local_login": settings.LOCAL_LOGIN,
        }


class LogoutView(auth_views.LogoutView):
    """Ends the session here, then, after company sign-in, the provider's too."""

    def post(self, request, *args, **kwargs):
        provider = provider_logout_url(request)
        response = super().post(request, *args, **kwargs)
        return HttpResponseRedirect(provider) if provider else response
        response = HttpResponseRedirect(provider)
        # The logout form's redirect leaves for the provider: the policy's form-action
        # allows that one origin on this one response.
        response._csp_update = {"form-action": [settings.OIDC_ISSUER]}
        return response


SSO_FAILURES = {
    "unknown": "is not in supportlead's people directory (or has left)",
    "inactive": "belongs to a login that has been switched off",
    "no_email": "did not come with an e-mail address",
    "invalid": "came back with a sign-in that did not check out",
    "unreachable": "could not be checked: the sign-in service did not answer",
}


def sso_failed(request):
    """Where a company sign-in that leads to no account ends: says why, grants nothing."""
    failure = request.session.get("sso_failure") or {"reason": "invalid", "who": ""}
    return render(
        request,
        "registration/sso_failed.html",
        {
            "title": "Sign-in refused",
            "who": failure.get("who", ""),
            "why": SSO_FAILURES.get(failure.get("reason"), SSO_FAILURES["invalid"]),
            "reason": failure.get("reason"),
            "sso_name": settings.OIDC_PROVIDER_NAME,
        },
        status=403,
    )


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the real one."""
    return redirect(static("favicon.svg"), permanent=True)


@login_required
def home(request):
    """Send each user to their home: managers to the pool, mentors to their mentees,
    candidates to their plan; someone with none of these gets a page that says so."""
    actor = request.actor
    if actor.manager:
        return redirect("front:pool")
    if actor.mentor:
        return redirect("mentorship:home")
    if actor.candidate:
        return redirect("me")
    if actor.admin:
        return redirect("admin:index")
    return render(request, "no_role.html", {"title": "Welcome"})


def _database_ok() -> tuple[bool, str]:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as error:  # noqa: BLE001 - any failure means "unreachable"
        return False, f"{type(error).__name__}: {error}"
    return True, connection.vendor


def _broker_ok() -> tuple[bool, str]:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
            transport = conn.transport_cls
    except Exception as error:  # noqa: BLE001
        return False, f"{type(error).__name__}: {error}"
    return True, str(transport)


@never_cache
@require_GET
def healthz(request):
    """Up or not, for load balancers and container checks: the status and which part
    failed, never why (exception text goes to the log, not to anonymous callers)."""
    database_ok, database_detail = _database_ok()
    broker_ok, broker_detail = _broker_ok()
    healthy = database_ok and broker_ok
    if not healthy:
        log.error(
            "healthz: database %s (%s); broker %s (%s)",
            database_ok,
            database_detail,
            broker_ok,
            broker_detail,
        )
    return JsonResponse(
        {
            "status": "ok" if healthy else "unavailable",
            "database": "ok" if database_ok else "unavailable",
            "broker": "ok" if broker_ok else "unavailable",
        },
        status=200 if healthy else 503,
    )
