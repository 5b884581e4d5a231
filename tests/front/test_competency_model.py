"""HR keeps the competency model without Django admin."""

import pytest
from django.urls import reverse

from candidates.models import Competency, CompetencyRating

pytestmark = pytest.mark.django_db
URL = "/candidates/competencies/"


def test_hr_adds_renames_orders_retires_and_brings_back(client, org):
    assert reverse("front:competencies") == URL
    client.force_login(org.vp.user)
    response = client.post(
        URL,
        {"action": "add", "new-name": "Customer advocacy", "new-description": "Speaks for them"},
        follow=True,
    )
    added = Competency.objects.get(name="Customer advocacy")
    assert "“Customer advocacy” added to the model." in response.content.decode()
    assert added.order == max(Competency.objects.values_list("order", flat=True))
    rated = Competency.objects.exclude(pk=added.pk).first()
    CompetencyRating.objects.create(
        candidate=org.cand, competency=rated, score=3, rated_by=org.alice, rated_on="2026-11-01"
    )
    client.post(
        URL,
        {
            "action": "save",
            "pk": rated.pk,
            f"c{rated.pk}-name": "Leading through others",
            f"c{rated.pk}-description": "",
            f"c{rated.pk}-order": 0,
        },
    )
    rated.refresh_from_db()
    assert rated.name == "Leading through others"
    assert CompetencyRating.objects.get().competency == rated  # the history follows
    client.post(URL, {"action": "retire", "pk": rated.pk})
    rated.refresh_from_db()
    assert not rated.is_active
    assert CompetencyRating.objects.filter(competency=rated).exists()
    client.post(URL, {"action": "restore", "pk": rated.pk})
    rated.refresh_from_db()
    assert rated.is_active


def test_bad_input_saves_nothing(client, org):
    client.force_login(org.vp.user)
    existing = Competency.objects.first()
    count = Competency.objects.count()
    page = client.post(URL, {"action": "add", "new-name": existing.name.upper()}).content.decode()
    assert "is already in the model" in page
    page = client.post(URL, {"action": "add", "new-name": "  "}).content.decode()
    assert "This field is required" in page
    assert Competency.objects.count() == count
    other = Competency.objects.exclude(pk=existing.pk).first()
    page = client.post(
        URL,
        {
            "action": "save",
            "pk": other.pk,
            f"c{other.pk}-name": existing.name,
            f"c{other.pk}-order": 1,
        },
    ).content.decode()
    assert "is already in the model" in page
    assert client.post(URL, {"action": "retire", "pk": "not-a-number"}).status_code == 404


@pytest.mark.parametrize("who", ["alice", "director", "mentor", "cand_person", "nobody"])
def test_nobody_but_hr_may(client, org, who):
    client.force_login(getattr(org, who).user)
    assert client.get(URL).status_code == 404
    assert client.post(URL, {"action": "add", "new-name": "X"}).status_code == 404
    assert not Competency.objects.filter(name="X").exists()


@pytest.mark.parametrize("extra", [0, 6])
def test_the_page_costs_the_same_queries(client, org, extra, django_assert_num_queries):
    for n in range(extra):
        Competency.objects.create(name=f"Extra {n}", order=50 + n)
    client.force_login(org.vp.user)
    # user (the session: cache), the actor, the competencies with their rating counts
    with django_assert_num_queries(3):
        assert client.get(URL).status_code == 200
