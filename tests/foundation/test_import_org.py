import pytest
from django.core.management import CommandError, call_command

from candidates.models import Person

pytestmark = pytest.mark.django_db

HEADER = "email,full_name,title,level,department,manager_email,location\n"


def write(tmp_path, body: str):
    path = tmp_path / "org.csv"
    path.write_text(HEADER + body)
    return path


def test_it_imports_people_with_their_reporting_lines(tmp_path, capsys):
    path = write(
        tmp_path,
        # The report comes before their manager in the file: order does not matter.
        "eve@example.com,Eve Engineer,Support engineer,1,Technical Support,vic@example.com,Berlin\n"
        "vic@example.com,Vic President,VP Support,7,Technical Support,,Berlin\n",
    )
    call_command("import_org", str(path))
    eve = Person.objects.get(email="eve@example.com")
    vic = Person.objects.get(email="vic@example.com")
    assert eve.manager == vic
    assert eve.reporting_path == f"{vic.reporting_path}{eve.pk}/"
    assert eve.user.username == "eve"
    assert not eve.user.has_usable_password()
    assert "2 new and 0 updated" in capsys.readouterr().out


def test_running_it_again_updates_instead_of_duplicating(tmp_path):
    path = write(tmp_path, "vic@example.com,Vic President,VP Support,7,Technical Support,,\n")
    call_command("import_org", str(path))
    path = write(tmp_path, "vic@example.com,Vic President,COO,8,Operations,,\n")
    call_command("import_org", str(path))
    vic = Person.objects.get()
    assert (vic.title, vic.level, vic.department.name) == ("COO", 8, "Operations")


def test_one_bad_row_imports_nothing_and_names_every_problem(tmp_path):
    path = write(
        tmp_path,
        "ok@example.com,Ok Person,Engineer,1,Technical Support,,\n"
        "not-an-email,Bad Person,Engineer,9,Technical Support,ghost@example.com,\n",
    )
    with pytest.raises(CommandError) as error:
        call_command("import_org", str(path))
    message = str(error.value)
    assert "line 3: 'not-an-email' is not an e-mail address" in message
    assert "level must be 1 to 8" in message
    assert "manager ghost@example.com" in message
    assert not Person.objects.exists()


def test_dry_run_changes_nothing(tmp_path):
    path = write(tmp_path, "vic@example.com,Vic President,VP Support,7,Technical Support,,\n")
    call_command("import_org", str(path), dry_run=True)
    assert not Person.objects.exists()


def test_people_missing_from_the_file_leave_and_a_file_emptying_the_directory_is_refused(
    tmp_path, capsys
):
    three = (
        "vic@example.com,Vic President,VP Support,7,Technical Support,,\n"
        "eve@example.com,Eve Engineer,Support engineer,1,Technical Support,vic@example.com,\n"
        "ann@example.com,Ann Analyst,Analyst,1,Technical Support,vic@example.com,\n"
    )
    call_command("import_org", str(write(tmp_path, three)))
    only_vic = write(tmp_path, "vic@example.com,Vic President,VP Support,7,Technical Support,,\n")
    with pytest.raises(CommandError, match="would deactivate 2 of 3"):
        call_command("import_org", str(only_vic))
    assert Person.objects.filter(is_active=True).count() == 3
    without_eve = write(tmp_path, three.replace(three.splitlines()[1] + "\n", ""))
    call_command("import_org", str(without_eve))
    eve = Person.objects.get(email="eve@example.com")
    assert not eve.is_active and not eve.user.is_active
    assert "1 left" in capsys.readouterr().out
    # Eve is back in the next export: active again, with her login.
    call_command("import_org", str(write(tmp_path, three)))
    eve.refresh_from_db()
    assert eve.is_active and eve.user.is_active
