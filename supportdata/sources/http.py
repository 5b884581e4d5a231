"""Reading a source's JSON API politely: a 429 waits what its Retry-After says (capped), a
5xx or a broken connection is tried again with back-off, a refused credential or an
answer that is not JSON stops the run (its cursor is kept)."""

from __future__ import annotations

import logging
import time

import httpx2
from django.conf import settings

from .base import SourceError

log = logging.getLogger(__name__)
ATTEMPTS = 5


def sleep(seconds: float) -> None:
    """Waits between tries (one name, so a test can count them)."""
    time.sleep(seconds)


def retry_after(response) -> float:
    raw = response.headers.get("Retry-After", "")
    try:
        wait = float(raw)
    except ValueError:
        wait = settings.SUPPORT_SYNC_BACKOFF_SECONDS
    return max(0.0, min(wait, settings.SUPPORT_SYNC_MAX_WAIT_SECONDS))


def get_json(client: httpx2.Client, url: str, *, params=None, label: str) -> dict:
    backoff = settings.SUPPORT_SYNC_BACKOFF_SECONDS
    problem = ""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            response = client.get(url, params=params)
        except httpx2.TransportError as error:
            problem = f"{label} did not answer ({error.__class__.__name__})"
        else:
            if response.status_code in (401, 403):
                raise SourceError(
                    f"{label} refused the credentials ({response.status_code}): check its "
                    "token in the environment."
                )
            if response.status_code == 429:
                wait = retry_after(response)
                log.info("%s: 429, waiting %.1f s as Retry-After asks", label, wait)
                sleep(wait)
                continue
            if response.status_code >= 500:
                problem = f"{label} answered {response.status_code}"
            elif response.status_code >= 400:
                raise SourceError(f"{label} answered {response.status_code} to {url}")
            else:
                try:
                    body = response.json()
                except ValueError:
                    problem = f"{label} answered something that is not JSON"
                else:
                    if isinstance(body, dict):
                        return body
                    problem = f"{label} answered JSON that is not an object"
        if attempt < ATTEMPTS:
            log.info("%s (try %d of %d), again in %.1f s", problem, attempt, ATTEMPTS, backoff)
            sleep(backoff)
            backoff *= 2
    raise SourceError(f"{problem}, {ATTEMPTS} times: the next run resumes where this stopped.")
