import pytest
from django.core.cache import cache

from tests.factories import make_staff

# The mock Crossref/PubMed transport; no test reaches the network.
pytest_plugins = ["tests.mock_registries"]


@pytest.fixture(autouse=True)
def _isolated_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    # Cached page fragments are keyed on primary keys, which the next test's database reuses.
    cache.clear()


@pytest.fixture
def editor(db):
    return make_staff(
        "editor",
        groups=[],
        perms=[
            "blog.change_article",
            "blog.publish_article",
            "blog.add_article",
            "blog.view_article",
        ],
    )


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # Builders create many users; the production hasher costs ~0.3 s per password.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def review_not_required(settings):
    """For tests of other gate checks: the medical review check has its own tests."""
    settings.GUTCHECK = {**settings.GUTCHECK, "MEDICAL_REVIEW_REQUIRED": False}
