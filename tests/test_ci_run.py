""".ci/run tests on SQLite (with the browser journeys), then on PostgreSQL with Redis as the
cache; under CI=true a silent service fails it.

`make` is replaced by a stub that records each pass's arguments, DATABASE_URL and REDIS_URL,
so these tests check the script's decisions, not the suite (which CI runs for real). Chromium
and the emoji fonts are stubbed as present, and an apt-get stub fails: nothing is installed.
"""

import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
POSTGRES = "postgres://postgres@127.0.0.1:5432/gutcheck_ci_probe"
REDIS = "redis://127.0.0.1:6379/11"


def _answers(host, port):
    try:
        socket.create_connection((host, port), timeout=1).close()
    except OSError:
        return False
    return True


def _closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _stub(folder, name, script):
    stub = folder / name
    stub.write_text(f"#!/bin/sh\n{script}\n")
    stub.chmod(0o755)
    return stub


def _run(tmp_path, **env):
    stubs = tmp_path / "bin"
    stubs.mkdir(exist_ok=True)
    log = tmp_path / "passes.log"
    _stub(stubs, "make", f'echo "$* db=${{DATABASE_URL:-}} cache=${{REDIS_URL:-}}" >> {log}')
    _stub(stubs, "dpkg-query", "printf 'install ok installed'")
    _stub(stubs, "apt-get", "echo 'apt-get must not run in this test' >&2; exit 1")
    chromium = _stub(stubs, "chromium", "exit 0")
    clean = {k: v for k, v in os.environ.items() if k not in {"CI", "DATABASE_URL", "REDIS_URL"}}
    # The stub installs nothing, so the probes use the interpreter running these tests.
    clean.update(
        env,
        PATH=f"{stubs}:{os.environ['PATH']}",
        CI_PYTHON=sys.executable,
        CHROMIUM=str(chromium),
    )
    result = subprocess.run(
        [str(REPO / ".ci" / "run")], cwd=REPO, env=clean, capture_output=True, text=True
    )
    passes = log.read_text().splitlines() if log.exists() else []
    return result, [p.replace(str(chromium), "CHROMIUM") for p in passes]


FIRST_PASS = "test CHROMIUM=CHROMIUM db= cache="


services = pytest.mark.skipif(
    not (_answers("127.0.0.1", 5432) and _answers("127.0.0.1", 6379)),
    reason="needs PostgreSQL and Redis on 127.0.0.1 to see the script use them",
)


@services
def test_with_both_services_the_suite_runs_twice(tmp_path):
    result, passes = _run(tmp_path, CI="true", CI_POSTGRES_URL=POSTGRES, CI_REDIS_URL=REDIS)
    assert result.returncode == 0, result.stdout + result.stderr
    assert passes == [FIRST_PASS, f"test PYTEST_ARGS=-m 'not browser' db={POSTGRES} cache={REDIS}"]
    assert "Tested: SQLite PostgreSQL Redis" in result.stdout


@services
def test_under_ci_a_silent_redis_fails_the_run(tmp_path):
    silent = f"redis://127.0.0.1:{_closed_port()}/0"
    result, passes = _run(tmp_path, CI="true", CI_POSTGRES_URL=POSTGRES, CI_REDIS_URL=silent)
    assert result.returncode != 0
    assert f"Redis does not answer at {silent}: CI=true requires it" in result.stderr
    assert passes == [FIRST_PASS]  # nothing ran pretending PostgreSQL with Redis was tested


def test_under_ci_a_silent_postgresql_fails_the_run(tmp_path):
    silent = f"postgres://postgres@127.0.0.1:{_closed_port()}/gutcheck"
    result, passes = _run(tmp_path, CI="true", CI_POSTGRES_URL=silent, CI_REDIS_URL=REDIS)
    assert result.returncode != 0
    assert f"PostgreSQL does not answer at {silent}: CI=true requires it" in result.stderr
    assert passes == [FIRST_PASS]


def test_outside_ci_silent_services_are_skipped_with_a_note(tmp_path):
    result, passes = _run(
        tmp_path,
        CI_POSTGRES_URL=f"postgres://postgres@127.0.0.1:{_closed_port()}/gutcheck",
        CI_REDIS_URL=f"redis://127.0.0.1:{_closed_port()}/0",
    )
    assert result.returncode == 0, result.stderr
    assert passes == [FIRST_PASS]
    assert "Tested: SQLite (skipped: PostgreSQL Redis)" in result.stdout
