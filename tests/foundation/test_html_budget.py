"""No page's HTML grows with the organisation: lists are paginated, pickers searched, a
9-box cell shows its first names. Every page the benchmark measures (``demo.bench``),
opened by HR and by a manager on a demo org of 3,000 people, stays under 100 KB, and no
<select> in it lists more than a searched picker shows (docs/performance.md has the
sizes at 100,000 people)."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from demo.bench import EXPORTS, PEERS, bench_pages

pytestmark = pytest.mark.django_db

BUDGET = 100 * 1024
PEOPLE = 3000  # about 100 key positions and 300 candidates: past every picker's list
REVIEW = 40
# A picker lists at most 50 records (common.widgets.QuickSelect.LISTED) and its empty
# choice; past that it shows 20 and is searched.
MOST_OPTIONS = 51
SELECT = re.compile(r"<select\b.*?</select>", re.S)


def _client(username: str) -> Client:
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    return client


def test_no_page_grows_with_the_organisation():
    call_command("seed_demo", people=PEOPLE, force=True, stdout=io.StringIO())
    opened = 0
    for user in ("hr", "manager"):
        clients = {name: _client(name) for name in {user, "mentor", "candidate", "manager"}}
        for name, url, *other in bench_pages(user, REVIEW):
            if name in PEERS or name in EXPORTS:
                continue
            response = clients[other[0] if other else user].get(url, secure=True)
            if response.status_code == 404:
                continue  # not this user's page
            assert response.status_code == 200, (user, url)
            html = response.content.decode()
            assert len(html) <= BUDGET, (user, name, len(html))
            longest = max((s.count("<option") for s in SELECT.findall(html)), default=0)
            assert longest <= MOST_OPTIONS, (user, name, longest)
            opened += 1
    assert opened > 40  # every page of both users
