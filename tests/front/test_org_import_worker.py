"""A directory import through the page with a real worker (the configured broker): the
check and the apply run in it, the page follows them, 1,000 new people land at once."""

import io

import pytest
from django.urls import reverse

from candidates.models import DirectoryImport, Person
from tests.worker import wait_for

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

Status = DirectoryImport.Status


def test_a_real_worker_checks_then_applies_a_thousand_lines(client, org, real_worker):
    lines = ["email,full_name,title,level,department,manager_email"]
    for person in Person.objects.select_related("department", "manager"):
        manager = person.manager.email if person.manager else ""
        lines.append(
            f"{person.email},{person.full_name},{person.title},{person.level},"
            f"{person.department.name},{manager}"
        )
    lines += [
        f"hire{i}@example.com,Hire {i},Engineer,1,Support,{org.alice.email}" for i in range(1000)
    ]
    file = io.BytesIO("\n".join(lines).encode())
    file.name = "people.csv"
    client.force_login(org.vp.user)
    page = client.post(reverse("front:org_import"), {"file": file})
    job = DirectoryImport.objects.get()
    assert page["Location"] == job.get_absolute_url()
    assert wait_for(lambda: DirectoryImport.objects.get().status == Status.READY)
    preview = client.get(job.get_absolute_url()).content.decode()
    assert "1,000 to create" in preview and "the first 100 of 1,000" in preview
    assert not Person.objects.filter(email="hire0@example.com").exists()

    client.post(reverse("front:org_import_confirm", args=[job.pk]), {"digest": job.digest})
    assert wait_for(lambda: DirectoryImport.objects.get().status == Status.DONE)
    done = client.get(job.get_absolute_url()).content.decode()
    assert "1,000 new, 0 updated, 0 left" in done
    assert Person.objects.filter(email__startswith="hire", manager=org.alice).count() == 1000
