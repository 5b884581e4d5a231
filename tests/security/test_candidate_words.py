"""A candidate never reads what the talent process says about them. After a full review
cycle (the demo org: a closed review with its moves and decisions, plans from gaps,
readiness, ratings), every page the candidate can reach from /me/ is opened and its
visible text searched for the words of the confidential process and HR's names."""

import re
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.contrib.auth.models import Permission, User
from django.core.management import call_command

from agreements.models import LeadershipAgreement
from agreements.services import commitment_propose
from candidates.access import actor_for

pytestmark = pytest.mark.django_db

FORBIDDEN = re.compile(
    r"\b(review|reviews|calibration|calibrated|9-box|nine-box|potential|flight|readiness|gap|gaps)\b",
    re.IGNORECASE,
)
NOT_FOLLOWED = ("/accounts/logout", "/admin", "/static/", "/media/", "/healthz", ".ics", "/oidc/")


class Text(HTMLParser):
    """The text a person reads (not scripts, styles or hidden inputs) and the links."""

    def __init__(self):
        super().__init__()
        self.parts, self.links, self._skip = [], [], 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag in ("script", "style", "template"):
            self._skip += 1
        if tag == "a" and attrs.get("href"):
            self.links.append(attrs["href"])
        for name in ("title", "aria-label", "placeholder", "alt"):
            if attrs.get(name):
                self.parts.append(attrs[name])

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def read(response) -> Text:
    text = Text()
    text.feed(response.content.decode())
    return text


def test_no_page_a_candidate_opens_names_the_talent_process(client):
    call_command("seed_demo", people=120, seed=7, password="demo-pass-123")
    view_all = Permission.objects.get(codename="view_all_talent")
    hr_names = [
        user.person.full_name
        for user in User.objects.filter(user_permissions=view_all).select_related("person")
        if hasattr(user, "person")
    ]
    assert hr_names
    # HR proposes, from the review, a development action on the candidate's agreement.
    candidate_user = User.objects.get(username="candidate")
    agreement = LeadershipAgreement.objects.exclude(status="closed").get(
        candidate__person__user=candidate_user
    )
    commitment_propose(
        actor=actor_for(User.objects.get(username="hr")),
        agreement=agreement,
        side="company",
        category="training",
        description="Lead the escalation desk for a quarter",
        due_on=None,
    )
    client.force_login(candidate_user)
    queue, seen, found = ["/me/"], set(), {}
    while queue and len(seen) < 80:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        page = read(response)
        visible = " ".join(" ".join(page.parts).split())
        words = sorted({m.lower() for m in FORBIDDEN.findall(visible)})
        names = [name for name in hr_names if name in visible]
        if words or names:
            found[url] = words + names
        for href in page.links:
            href = urldefrag(href)[0]
            parts = urlsplit(href)
            if parts.netloc or not parts.path.startswith("/") or href.startswith(NOT_FOLLOWED):
                continue
            if href not in seen:
                queue.append(href)
    assert len(seen) > 10  # the crawl reached the candidate's surface
    assert f"/agreements/{agreement.pk}/" in seen
    assert found == {}, "\n".join(f"{u}: {w}" for u, w in found.items())
