"""No Docker engine runs here: check the production shape by reading the file."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
APP_VARIABLES = {"DEBUG", "DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ALLOWED_HOSTS", "SITE_URL"}


def load():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_it_has_the_five_services_each_with_a_health_check():
    services = load()["services"]
    assert set(services) == {"web", "worker", "beat", "postgres", "redis"}
    for name, service in services.items():
        assert service.get("healthcheck", {}).get("test"), f"{name} has no health check"


def test_the_app_services_get_the_production_variables():
    services = load()["services"]
    for name in ("web", "worker", "beat"):
        environment = services[name]["environment"]
        assert set(environment) >= APP_VARIABLES, name
        assert environment["DEBUG"] == "0"
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert "@postgres:5432/" in environment["DATABASE_URL"]
        assert environment["REDIS_URL"].startswith("redis://redis:6379")
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"


def test_web_serves_with_gunicorn_and_checks_healthz():
    web = load()["services"]["web"]
    assert "gunicorn supportlead.wsgi" in web["command"]
    assert "/healthz" in " ".join(web["healthcheck"]["test"])
    assert "celery -A supportlead worker" in load()["services"]["worker"]["command"]
    assert "celery -A supportlead beat" in load()["services"]["beat"]["command"]


def test_the_database_lives_on_a_volume():
    compose = load()
    assert "postgres-data" in compose["volumes"]
    assert "postgres-data:/var/lib/postgresql/data" in compose["services"]["postgres"]["volumes"]


def test_every_required_production_variable_is_in_the_example_env():
    example = (ROOT / ".env.example").read_text()
    from supportlead.settings import REQUIRED_IN_PRODUCTION

    for name in REQUIRED_IN_PRODUCTION:
        assert f"\n{name}=" in f"\n{example}", name
