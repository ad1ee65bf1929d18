"""SITE_URL is the one source of absolute links, and `make run PORT=…` sets it for every step."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(shutil.which("make") is None, reason="needs GNU make, which runs `make run`")
def test_make_run_points_site_url_at_the_port_it_serves_on(tmp_path):
    """Preview links, reviewer and moderator mail and feeds all read SITE_URL in runserver."""
    calls = tmp_path / "calls.txt"
    fake_bin = tmp_path / "bin"
    fake_bin.mkdir()
    python = fake_bin / "python"
    python.write_text(f'#!/bin/sh\necho "$*|$SITE_URL" >> "{calls}"\n')
    python.chmod(0o755)
    stamp = tmp_path / "installed"
    stamp.touch()  # newer than pyproject.toml: make installs nothing
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    subprocess.run(
        ["make", "-s", "run", "PORT=8101", f"BIN={fake_bin}", f"STAMP={stamp}"],
        cwd=REPO, env=env, check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    steps = dict(line.rsplit("|", 1) for line in calls.read_text().splitlines())
    assert "manage.py runserver 127.0.0.1:8101" in steps
    assert set(steps.values()) == {"http://127.0.0.1:8101"}, steps
