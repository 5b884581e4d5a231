"""scim2-tester (the RFC 7643/7644 checks) against the app served on a live server: every
check it runs on what the service provider publishes passes."""

import httpx2
import pytest
from scim2_client.engines.httpx2 import SyncSCIMClient
from scim2_tester import Status, check_server

from scim.services import token_create
from tests.factories import actor_of

pytestmark = pytest.mark.django_db(transaction=True)


def test_scim2_tester_finds_no_error(live_server, org):
    _, secret = token_create(actor=actor_of(org.vp), name="scim2-tester")
    http = httpx2.Client(
        base_url=f"{live_server.url}/scim/v2/",
        headers={"Authorization": f"Bearer {secret}"},
        timeout=30,
    )
    client = SyncSCIMClient(http)
    results = check_server(client)
    problems = [
        f"{r.status.name} {r.title}: {r.reason}"
        for r in results
        if r.status not in (Status.SUCCESS, Status.SKIPPED)
    ]
    assert len(results) > 20  # discovery, schemas, resource types, CRUD, PATCH, queries
    assert problems == []
