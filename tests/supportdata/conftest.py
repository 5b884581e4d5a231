import pytest
from django.core.cache import cache

from supportdata.models import MAPPING_CACHE_KEY


@pytest.fixture(autouse=True)
def forget_the_mapping():
    """The competencies each figure speaks to are cached (Redis in production and CI):
    each test starts from its own database's mapping."""
    cache.delete(MAPPING_CACHE_KEY)
    yield
    cache.delete(MAPPING_CACHE_KEY)
