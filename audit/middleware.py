from django.conf import settings
from django.utils.cache import patch_cache_control

from .models import AuditEvent


def client_address(request) -> str | None:
    """Where the request came from: the socket's address, or, behind
    ``TRUSTED_PROXIES`` reverse proxies, the address they saw (the one that many
    places from the right of X-Forwarded-For, which a client cannot forge)."""
    proxies = settings.TRUSTED_PROXIES
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR") or None


class AuditReads:
    """Writes the audit row of a request's confidential read (``audit.record.read``):
    one INSERT per request, only for a response that showed something (a 2xx status),
    and tells every cache on the way not to keep the response (``no-store``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        found = getattr(request, "audit_mark", None)
        user = getattr(request, "user", None)
        shown = found is not None and 200 <= response.status_code < 300
        if found is not None:
            patch_cache_control(response, no_store=True, private=True)
        if shown and user is not None and user.is_authenticated:
            AuditEvent.objects.create(
                viewer=user,
                viewer_name=(user.get_full_name() or user.get_username())[:200],
                what=found.what,
                subject_person_id=found.subject_person_id,
                subject_name=found.subject_name[:200],
                label=found.label,
                path=request.get_full_path()[:1000],
                ip_address=client_address(request),
                user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
            )
        return response
