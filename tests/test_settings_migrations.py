"""The models and the migrations agree, and a fresh database migrates to a working site."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_makemigrations_finds_nothing_to_do():
    # A subprocess, because the test run itself disables migrations (--no-migrations) and
    # makemigrations would then compare the models against nothing.
    result = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_fresh_database_migrates_with_roles_and_default_disclaimers(tmp_path):
    database = tmp_path / "fresh.sqlite3"
    env = {**os.environ, "SQLITE_PATH": str(database)}
    env.pop("DATABASE_URL", None)
    subprocess.run(
        [sys.executable, "manage.py", "migrate", "--noinput"],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
    )
    with sqlite3.connect(database) as db:
        groups = {name for (name,) in db.execute("select name from auth_group")}
        kinds = {kind for (kind,) in db.execute("select kind from evidence_disclaimer")}
    assert {"Editors", "Medical reviewers", "Moderators"} <= groups
    assert {"general", "supplement", "experience", "commercial"} <= kinds
