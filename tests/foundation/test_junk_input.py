"""Nothing answers 500 on bad input: every form of the app, posted with junk in every
field, answers with a form error (or a redirect, or 404), never a crash."""

import re

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db

JUNK = [
    "",
    "x",
    "-1",
    "0",
    "99999999999999999999",
    "9999-12-31",
    "1900-01-01",
    "1.5",
    "<b>",
    "a\x00b",
    "x" * 5000,
]


def _forms(html: str) -> list[dict[str, list[str]]]:
    """Each POST form of the page: its field names, and the values of hidden fields
    that pick which form it is (``form``, ``party``, ``status``)."""
    found = []
    for form in re.findall(r'<form[^>]*method="post"[^>]*>(.*?)</form>', html, re.S):
        names = set(re.findall(r'name="([^"]+)"', form)) - {"csrfmiddlewaretoken"}
        fixed = dict(
            re.findall(r'<input type="hidden" name="(form|party|status)" value="([^"]*)"', form)
        )
        found.append({"names": sorted(names), "fixed": fixed})
    return found


def _pages(org):
    meeting = org.meeting
    item = factories.ActionItemFactory(meeting=meeting)
    commitment = factories.CommitmentFactory(agreement=org.agreement)
    conference = factories.ConferenceFactory(candidate=org.cand)
    rotation = factories.RotationFactory(person=org.cand_person, host_sponsor=org.mentor)
    nomination = factories.NominationFactory(candidate=org.cand, position=org.position)
    return [
        (org.alice, reverse("candidates:nominate")),
        (org.alice, reverse("candidates:rate", args=[org.cand.pk])),
        (org.alice, reverse("succession:nominate_successor", args=[org.cand.pk])),
        (org.alice, reverse("succession:change_status", args=[org.cand.pk])),
        (org.alice, reverse("succession:readiness", args=[nomination.pk])),
        (org.director, reverse("succession:position_detail", args=[org.position.pk])),
        (org.alice, reverse("mentorship:pairing_new")),
        (org.mentor, reverse("mentorship:meeting_new", args=[org.pairing.pk])),
        (org.mentor, reverse("mentorship:meeting_edit", args=[meeting.pk])),
        (org.cand_person, reverse("mentorship:action_item_done", args=[item.pk])),
        (org.outsider, reverse("agreements:create", args=[org.other.pk])),
        (org.director, reverse("agreements:detail", args=[org.agreement.pk])),
        (org.director, reverse("agreements:commitment_new", args=[org.agreement.pk])),
        (org.director, reverse("agreements:commitment_edit", args=[commitment.pk])),
        (org.cand_person, reverse("agreements:commitment_edit", args=[commitment.pk])),
        (org.alice, reverse("development:rotation_new")),
        (org.alice, reverse("development:stretch_new", args=[org.cand.pk])),
        (org.alice, reverse("development:conference_new", args=[org.cand.pk])),
        (org.alice, reverse("development:benchmark_new", args=[org.cand.pk])),
        (org.alice, reverse("development:training_new", args=[org.cand.pk])),
        (org.alice, reverse("development:conference_detail", args=[conference.pk])),
        (org.cand_person, reverse("development:conference_detail", args=[conference.pk])),
        (org.mentor, reverse("development:rotation_detail", args=[rotation.pk])),
        (org.cand_person, reverse("development:rotation_detail", args=[rotation.pk])),
        (org.alice, reverse("notifications:preferences")),
    ]


def test_junk_in_every_field_of_every_form_is_never_a_500(client, org):
    client.raise_request_exception = False
    conference = factories.ConferenceFactory(
        candidate=org.cand, report_submitted_at="2026-01-01T10:00Z"
    )
    factories.TaskForceFactory(conference=conference, owner=org.cand) if hasattr(
        factories, "TaskForceFactory"
    ) else None
    checked = 0
    for person, url in _pages(org) + [
        (org.alice, reverse("development:conference_detail", args=[conference.pk]))
    ]:
        client.force_login(person.user)
        page = client.get(url)
        assert page.status_code in (200, 405), url
        forms = (page.status_code == 200 and _forms(page.content.decode())) or [
            {"names": ["done", "next"], "fixed": {}, "action": None}
        ]
        for form in forms:
            for junk in JUNK:
                data = {name: junk for name in form["names"]}
                data.update(form["fixed"])
                response = client.post(form.get("action") or url, data)
                assert response.status_code in (200, 302, 404), (
                    url,
                    form["fixed"],
                    junk[:20],
                    response.status_code,
                )
                checked += 1
    assert checked > 200


def test_a_junk_task_force_id_is_a_message_not_a_500(client, org):
    conference = factories.ConferenceFactory(candidate=org.cand)
    client.force_login(org.cand_person.user)
    url = reverse("development:conference_detail", args=[conference.pk])
    response = client.post(url, {"form": "task_force", "task_force": "abc", "status": "launched"})
    assert response.status_code == 302
    assert "Not updated" in client.get(url).content.decode()
