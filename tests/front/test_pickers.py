"""Pickers too long to send whole are searched: the page holds the first few records
and the chosen one, and answers ``?pick=<field>&q=<words>`` from the same queryset the
form validates against, so a search never finds what the actor may not see."""

import re

import pytest
from django.urls import reverse

from audit.models import AuditEvent
from common.widgets import QuickSelect
from succession.models import KeyPosition
from tests import factories

pytestmark = pytest.mark.django_db


def many_positions(org, n: int) -> None:
    KeyPosition.objects.bulk_create(
        KeyPosition(title=f"Team lead {i:03}", level=3, department=org.support, incumbent=org.bob)
        for i in range(n)
    )


def position_options(html: str) -> list[str]:
    select = re.search(r'<select name="position"[^>]*>(.*?)</select>', html, re.S).group(1)
    return re.findall(r'<option value="([^"]*)"', select)


def test_a_short_list_of_positions_is_listed_whole(client, org):
    many_positions(org, 5)
    client.force_login(org.vp.user)
    html = client.get(reverse("front:pool")).content.decode()
    assert len(position_options(html)) == 1 + 6  # "Any", the five and Support manager EMEA
    assert 'data-search="position"' not in html


def test_a_long_list_shows_its_first_few_and_is_searched(client, org):
    many_positions(org, 130)  # past QuickSelect.LISTED
    client.force_login(org.vp.user)
    html = client.get(reverse("front:pool")).content.decode()
    assert len(position_options(html)) == 1 + QuickSelect.SHOWN_SEARCHED
    assert 'data-search="position"' in html
    found = client.get(reverse("front:pool"), {"pick": "position", "q": "lead 11"}).json()
    # every word matches: 011, 110 to 119, 211…
    assert [r["label"].split(" · ")[0] for r in found["results"]] == [
        f"Team lead {i:03}" for i in (11, *range(110, 120))
    ]
    assert found["more"] is False


def test_the_chosen_position_is_shown_even_past_the_first_few(client, org):
    many_positions(org, 130)  # past QuickSelect.LISTED
    last = KeyPosition.objects.get(title="Team lead 119")
    client.force_login(org.vp.user)
    html = client.get(reverse("front:pool"), {"position": last.pk}).content.decode()
    assert str(last.pk) in position_options(html)
    assert re.search(rf'<option value="{last.pk}" selected>Team lead 119', html)


def test_a_search_finds_only_what_the_actor_may_see(client, org):
    KeyPosition.objects.create(
        title="R&D lead far away", level=4, department=org.rnd, incumbent=org.other_person
    )
    client.force_login(org.alice.user)
    found = client.get(reverse("front:pool"), {"pick": "position", "q": "lead"}).json()
    assert found["results"] == []
    found = client.get(reverse("front:pool"), {"pick": "position", "q": "EMEA"}).json()
    assert [r["id"] for r in found["results"]] == [str(org.position.pk)]
    client.force_login(org.outsider.user)
    found = client.get(reverse("front:pool"), {"pick": "position", "q": "far away"}).json()
    assert len(found["results"]) == 1


def test_a_search_of_the_filter_reads_no_candidate_and_leaves_no_audit_row(client, org):
    client.force_login(org.alice.user)
    client.get(reverse("front:ninebox"), {"pick": "position", "q": "EMEA"})
    assert not AuditEvent.objects.exists()


def test_a_search_needs_a_word_and_a_real_picker(client, org):
    client.force_login(org.vp.user)
    assert client.get(reverse("front:pool"), {"pick": "position", "q": " "}).json() == {
        "results": [],
        "more": False,
    }
    assert client.get(reverse("front:pool"), {"pick": "status", "q": "x"}).status_code == 404


def test_the_pool_filtered_by_a_position_lists_its_nominees(client, org):
    factories.NominationFactory(candidate=org.cand, position=org.position)
    client.force_login(org.alice.user)
    page = client.get(reverse("front:pool"), {"position": org.position.pk}).context["page"]
    assert [c.pk for c in page.object_list] == [org.cand.pk]
    other = KeyPosition.objects.create(
        title="Elsewhere", level=4, department=org.support, incumbent=org.bob
    )
    page = client.get(reverse("front:pool"), {"position": other.pk}).context["page"]
    assert list(page.object_list) == []


def test_a_form_picker_is_searched_from_its_own_queryset(client, org, view_all_permission):
    """The rotation form's people: the actor's line (alice: cand, bob, nobody)."""
    client.force_login(org.alice.user)
    url = reverse("development:rotation_new")
    found = client.get(url, {"pick": "person", "q": "cand"}).json()
    assert [r["label"].split(" · ")[0] for r in found["results"]] == ["Cand"]
    assert client.get(url, {"pick": "person", "q": "outsider"}).json()["results"] == []
