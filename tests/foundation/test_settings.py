"""Configuration from the environment, checked in a fresh interpreter each time."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "0",
    "SECRET_KEY": "prod-secret-key-for-the-deploy-check-0123456789-abcdefghijklmnopqrstuvw",
    "ALLOWED_HOSTS": "supportlead.example.internal",
    "DATABASE_URL": "postgres://supportlead:secret@db.example.internal:5432/supportlead",
    "REDIS_URL": "redis://redis.example.internal:6379/0",
    "SITE_URL": "https://supportlead.example.internal",
}


def manage(*args: str, env: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    clean = {
        key: value
        for key, value in os.environ.items()
        if key not in PRODUCTION
        and key not in ("EMAIL_URL", "VAR_DIR", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    clean.update(env)
    clean["VAR_DIR"] = str(tmp_path)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_the_production_variables(tmp_path):
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION, tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"])
def test_a_missing_production_variable_stops_start_up_and_is_named(tmp_path, missing):
    env = {key: value for key, value in PRODUCTION.items() if key != missing}
    result = manage("check", env=env, tmp_path=tmp_path)
    assert result.returncode != 0
    assert missing in result.stderr
    assert "DEBUG=0 (production) needs" in result.stderr


def test_a_misspelt_boolean_is_refused(tmp_path):
    result = manage("check", env={"DEBUG": "ture"}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "DEBUG='ture' is not a boolean" in result.stderr


def test_with_nothing_set_the_app_runs_on_sqlite_and_the_filesystem_broker(tmp_path):
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL, s.EMAIL_BACKEND, s.DEBUG)",
        env={},
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    engine, broker, email_backend, debug = result.stdout.split()[-4:]
    assert engine == "django.db.backends.sqlite3"
    assert broker == "filesystem://"
    assert email_backend == "django.core.mail.backends.filebased.EmailBackend"
    assert debug == "True"
    assert (tmp_path / "mail").is_dir()
    assert (tmp_path / "broker" / "queue").is_dir()


def test_database_and_redis_urls_switch_to_postgresql_and_redis(tmp_path):
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings as s;"
        "print(s.DATABASES['default']['ENGINE'], s.CELERY_BROKER_URL)",
        env={
            "DATABASE_URL": "postgres://u:p@db:5432/x",
            "REDIS_URL": "redis://cache:6379/2",
        },
        tmp_path=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == [
        "django.db.backends.postgresql",
        "redis://cache:6379/2",
    ]


def test_the_reminder_hour_comes_from_the_environment(tmp_path):
    code = "from django.conf import settings as s; print(s.CELERY_BEAT_SCHEDULE['daily-reminder-sweep']['schedule'].hour)"
    result = manage("shell", "-c", code, env={"REMINDER_HOUR": "6"}, tmp_path=tmp_path)
    assert result.stdout.split()[-1] == "{6}"
    result = manage("check", env={"REMINDER_HOUR": "25"}, tmp_path=tmp_path)
    assert result.returncode != 0
    assert "REMINDER_HOUR=25" in result.stderr


SSO = {
    "OIDC_ISSUER": "https://login.example.internal/",
    "OIDC_CLIENT_ID": "supportlead",
    "OIDC_CLIENT_SECRET": "client-secret",
    "LOCAL_LOGIN": "0",
}


def test_check_deploy_is_clean_with_company_sign_in_and_local_passwords_off(tmp_path):
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", env={**PRODUCTION, **SSO}, tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    policy = manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.SSO_ENABLED, s.LOCAL_LOGIN, s.CONTENT_SECURITY_POLICY['DIRECTIVES']['form-action'])",
        env={**PRODUCTION, **SSO},
        tmp_path=tmp_path,
    )
    # The logout form may go on to the provider, and nowhere else.
    assert policy.stdout.strip().endswith(
        "True False [\"'self'\", 'https://login.example.internal']"
    ), policy.stdout + policy.stderr


@pytest.mark.parametrize(
    "env,message",
    [
        ({"LOCAL_LOGIN": "0"}, "LOCAL_LOGIN=0 needs company sign-in"),
        (
            {"OIDC_ISSUER": "https://login.example.internal"},
            "OIDC_CLIENT_ID and OIDC_CLIENT_SECRET",
        ),
    ],
)
def test_a_half_configured_sign_in_stops_start_up(tmp_path, env, message):
    result = manage("check", env=env, tmp_path=tmp_path)
    assert result.returncode != 0
    assert message in result.stderr
