"""The demo site in a throwaway database, for benchmarks that measure real pages.

Import this first: it makes Django ready. Then:

    with demo_database():
        ...  # the demo is loaded (seed_demo) into a fresh test database

Usage in a bench script run as `python bench/bench_x.py` (bench/ is on sys.path).
"""

import os
import sys
import tempfile
import warnings
from contextlib import contextmanager
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
warnings.filterwarnings("ignore", message="No directory at")  # staticfiles/ before collectstatic

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test.utils import (  # noqa: E402
    override_settings,
    setup_databases,
    setup_test_environment,
    teardown_databases,
)


@contextmanager
def demo_database():
    """A migrated test database holding the demo, with media in a temporary folder."""
    settings.DATABASES["default"].setdefault("TEST", {})["MIGRATE"] = True
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    setup_test_environment(debug=False)
    old_config = setup_databases(verbosity=0, interactive=False)
    try:
        with override_settings(MEDIA_ROOT=tempfile.mkdtemp(prefix="gutcheck-bench-")):
            with open(os.devnull, "w") as quiet:
                call_command("seed_demo", force=True, stdout=quiet)
            yield
    finally:
        teardown_databases(old_config, verbosity=0)
