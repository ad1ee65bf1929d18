"""Fifty readers posting at the same moment: fifty items stored, not one server error.

Runs against a live server with real threads. It needs a database that several
connections share: PostgreSQL when DATABASE_URL points there, or an SQLite *file*
(the default in-memory test database cannot show locking problems). On the
in-memory default the second test re-runs the first in a subprocess with
SQLITE_TEST_PATH set, which makes the test database a file.

The server is Django's live test server with one change: a listen backlog wide
enough for fifty simultaneous connections (Django's test server keeps 10; gunicorn,
which serves production, keeps 2048). What is tested is the database, not the socket.
"""

import http.client
import os
import secrets
import subprocess
import sys
import threading
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest
from django.core.servers.basehttp import ThreadedWSGIServer
from django.db import connection
from django.test.testcases import LiveServerThread, _StaticFilesHandler
from django.urls import reverse

from comments.models import Comment
from tests.factories import comment_post_data, make_published_article

POSTS = 50
PROJECT = Path(__file__).resolve().parents[1]


def _database_is_shared():
    """True on PostgreSQL or an SQLite file; False on the in-memory SQLite default."""
    if connection.vendor != "sqlite":
        return True
    name = str(connection.settings_dict.get("TEST", {}).get("NAME") or "")
    return bool(name) and name != ":memory:" and "mode=memory" not in name


class _WideBacklogServer(ThreadedWSGIServer):
    request_queue_size = 4 * POSTS


class _ServerThread(LiveServerThread):
    server_class = _WideBacklogServer


@pytest.fixture
def server_url(transactional_db):
    if not _database_is_shared():
        pytest.skip("needs a shared database; the file-SQLite run below covers this setup")
    thread = _ServerThread("127.0.0.1", _StaticFilesHandler)
    thread.daemon = True
    thread.start()
    thread.is_ready.wait()
    if thread.error:
        raise thread.error
    yield f"http://127.0.0.1:{thread.port}"
    thread.terminate()


def _post_all_at_once(server_url, path, forms):
    """POST every form from its own thread, all released together; return the statuses."""
    host, port = urlsplit(server_url).hostname, urlsplit(server_url).port
    csrf = secrets.token_hex(16)  # 32 characters, a valid CSRF secret
    start = threading.Barrier(len(forms))

    def send(form):
        body = urlencode({**form, "csrfmiddlewaretoken": csrf})
        start.wait()
        conn = http.client.HTTPConnection(host, port, timeout=120)
        try:
            conn.request(
                "POST",
                path,
                body,
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": f"csrftoken={csrf}",
                },
            )
            return conn.getresponse().status
        except OSError as error:  # reported with the statuses, not hidden
            return type(error).__name__
        finally:
            conn.close()

    with ThreadPoolExecutor(max_workers=len(forms)) as pool:
        return list(pool.map(send, forms))


def test_fifty_concurrent_posts_are_all_stored(server_url, settings):
    # Relaxed through settings: the same person (one IP) posting fifty times within a second.
    settings.GUTCHECK_COMMENTS = {"MIN_SECONDS": 0, "RATE_LIMIT": 10 * POSTS}
    article = make_published_article()
    forms = [
        comment_post_data(
            article,
            name=f"Lezer {n}",
            body=f"Gelijktijdige vraag {n}",
            kind="experience" if n % 2 else "comment",
        )
        for n in range(POSTS)
    ]
    statuses = _post_all_at_once(
        server_url, reverse("comments:post", kwargs={"slug": article.slug}), forms
    )
    stored = Comment.objects.filter(article=article).count()
    print(
        f"\n[concurrency] {connection.vendor}: {stored} stored / {len(statuses)} POSTs; "
        f"statuses {dict(Counter(map(str, statuses)))}"
    )
    assert [s for s in statuses if not isinstance(s, int) or s >= 500] == []
    assert statuses == [302] * POSTS
    assert stored == POSTS
    assert set(Comment.objects.values_list("status", flat=True)) == {Comment.Status.PENDING}


def rerun_on_file_sqlite(test, tmp_path):
    """Run one test of this suite in a subprocess whose test database is an SQLite file.

    test: "tests/test_x.py::test_name". Returns the output; fails when the run fails.
    """
    env = {**os.environ, "SQLITE_TEST_PATH": str(tmp_path / "concurrency.sqlite3")}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", test, "-s", "-p", "no:cacheprovider", "-p", "no:warnings"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    return output


def test_fifty_concurrent_posts_on_a_file_sqlite_database(tmp_path):
    if connection.vendor != "sqlite" or _database_is_shared():
        pytest.skip("the test above runs directly on this database")
    node = f"{Path(__file__).relative_to(PROJECT)}::test_fifty_concurrent_posts_are_all_stored"
    output = rerun_on_file_sqlite(node, tmp_path)
    assert f"{POSTS} stored / {POSTS} POSTs" in output, output  # ran, not skipped
