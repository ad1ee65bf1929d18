"""On PostgreSQL, a database at the 5f01220 migration nodes migrates to the head with its data.

The migration test itself is tests/migrations_from_5f01220.py (django-test-migrations). It
needs real migrations, and this run creates its test database without them
(--no-migrations), so it runs in a pytest process of its own, on a database name of its own
so that it never touches this run's test database.
"""

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest
from django.conf import settings

REPO = Path(__file__).resolve().parents[1]
MIGRATION_TEST = "tests/migrations_from_5f01220.py"

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql",
    reason=(
        "migrating from the 5f01220 nodes is tested on PostgreSQL only (set DATABASE_URL to a "
        "postgres:// URL); on SQLite tests/test_migrations_old_database.py migrates a real "
        "5f01220 database"
    ),
)


def own_database_url():
    """This run's DATABASE_URL with '_from_5f01220' added to the database name."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_from_5f01220"))


def test_a_database_at_the_5f01220_nodes_migrates_to_the_head():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "--migrations",
            "--create-db",
            MIGRATION_TEST,
        ],
        cwd=REPO,
        env={**os.environ, "DATABASE_URL": own_database_url()},
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr[-2000:]
    assert "1 passed" in result.stdout, result.stdout[-2000:]
