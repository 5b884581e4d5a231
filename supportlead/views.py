from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from candidates.access import viewer_for
from mentorship.access import is_mentor
from supportlead.celery import app as celery_app


def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says: send them to the real one."""
    return redirect(static("favicon.svg"), permanent=True)


@login_required
def home(request):
    """Send each user to their home: managers to the pool, mentors to their mentees,
    candidates to their plan; someone with none of these gets a page that says so."""
    viewer = viewer_for(request.user)
    if viewer.manager:
        return redirect("front:pool")
    if is_mentor(request.user):
        return redirect("mentorship:home")
    if viewer.candidate:
        return redirect("me")
    if viewer.admin:
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
    database_ok, database_detail = _database_ok()
    broker_ok, broker_detail = _broker_ok()
    healthy = database_ok and broker_ok
    return JsonResponse(
        {
            "status": "ok" if healthy else "unavailable",
            "database": {"ok": database_ok, "detail": database_detail},
            "broker": {"ok": broker_ok, "detail": broker_detail},
        },
        status=200 if healthy else 503,
    )
