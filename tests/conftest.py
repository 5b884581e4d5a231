import pytest
from django.contrib.auth.models import Permission

import supportlead.middleware  # noqa: F401  (its login receiver, connected before any request)
from supportlead.celery import app as celery_app
from tests import factories
from tests.worker import worker_running


def pytest_collection_modifyitems(items):
    """A test that starts the OpenID Connect provider (a Node.js process) is marked
    ``node``, so ``make check`` can leave it to ``make test``."""
    for item in items:
        if "provider" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.node)


@pytest.fixture(autouse=True)
def _fast_and_isolated(settings, tmp_path):
    settings.TESTING = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
    # Tasks run in-process unless a test starts a real worker (tests/mentorship/test_worker.py, tests/faults/).
    celery_app.conf.task_always_eager = True
    celery_app.conf.task_eager_propagates = True
    yield
    celery_app.conf.task_always_eager = False
    celery_app.conf.task_eager_propagates = True


@pytest.fixture
def org(db):
    """A small org with every role, named as in the healthchecks tests:

    vp (view_all_talent, HR-like) → director → alice (manager) → team: cand (candidate),
    bob (engineer); mentor is a director in another branch who mentors cand;
    outsider is a manager in another branch who sees nothing of cand.
    """
    return factories.build_org()


@pytest.fixture
def view_all_permission(db):
    return Permission.objects.get(codename="view_all_talent")


@pytest.fixture
def real_worker():
    """A real Celery worker on the configured broker (tests marked ``worker``)."""
    with worker_running() as worker:
        yield worker
