"""Calls that must finish in time: a pure function run in a helper process that can be killed.

Python cannot stop a thread that is busy inside a parser, but the operating system can
stop a process. Each web process keeps one helper, started on first use and replaced
after it has been killed, so an ordinary call costs a round trip through a pipe, not a
process start. Calls from several threads of one process take turns.

The helper is a fresh interpreter (`python -m blog.deadline`), so it works the same
under gunicorn, runserver, pytest or a script. Only module-level functions of plain
arguments can be sent, and they must not touch the database or Django settings.
"""

import os
import pickle
import subprocess
import sys
import threading
from multiprocessing.connection import Connection
from pathlib import Path

STARTUP_SECONDS = 60  # importing the preloaded modules; not counted against a call's deadline
PROJECT = Path(__file__).resolve().parents[1]


class DeadlineExceeded(Exception):
    """The call did not finish in time; its helper process has been stopped."""


def _serve(requests, replies, preload):
    """The helper's loop: run each (function, args) it receives and send back the outcome."""
    for name in preload:
        __import__(name)
    replies.send("ready")
    while True:
        try:
            function, args = requests.recv()
        except EOFError:  # the web process is gone
            return
        try:
            outcome = (True, function(*args))
        except Exception as error:  # noqa: BLE001 (re-raised in the caller's process)
            outcome = (False, error)
        try:
            replies.send(outcome)
        except pickle.PicklingError as error:
            replies.send((False, RuntimeError(f"unpicklable result: {error}")))


class _Helper:
    def __init__(self, preload):
        to_child, from_parent = os.pipe()
        to_parent, from_child = os.pipe()
        self.process = subprocess.Popen(
            [sys.executable, "-m", "blog.deadline", str(to_child), str(from_child), *preload],
            pass_fds=(to_child, from_child),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            cwd=PROJECT,
        )
        os.close(to_child)
        os.close(from_child)
        self.requests = Connection(from_parent, readable=False)
        self.replies = Connection(to_parent, writable=False)
        self.owner = os.getpid()
        if not self._started():
            self.stop()
            raise DeadlineExceeded("the helper process did not start")

    def _started(self):
        try:
            return self.replies.poll(STARTUP_SECONDS) and self.replies.recv() == "ready"
        except (EOFError, OSError):
            return False

    def usable(self):
        return self.owner == os.getpid() and self.process.poll() is None

    def call(self, function, args, seconds):
        self.requests.send((function, args))
        if not self.replies.poll(seconds):
            raise DeadlineExceeded(f"{function.__qualname__} took longer than {seconds} s")
        succeeded, value = self.replies.recv()
        if succeeded:
            return value
        raise value

    def stop(self):
        self.process.kill()
        self.process.wait()
        self.requests.close()
        self.replies.close()


_helper = None
_lock = threading.Lock()


def call_with_deadline(function, *args, seconds, preload=()):
    """function(*args), or DeadlineExceeded when it has not returned after `seconds`.

    preload: modules the helper imports once at start, so their import time is not
    charged to the first call.
    """
    global _helper
    with _lock:
        if _helper is None or not _helper.usable():
            _helper = _Helper(tuple(preload))
        try:
            return _helper.call(function, args, seconds)
        except (DeadlineExceeded, EOFError, OSError) as error:
            # Killed for overrunning, or died on its own (e.g. out of memory): start afresh.
            _helper.stop()
            _helper = None
            if isinstance(error, DeadlineExceeded):
                raise
            raise DeadlineExceeded("the helper process stopped") from error


if __name__ == "__main__":
    requests_fd, replies_fd, *modules = sys.argv[1:]
    _serve(
        Connection(int(requests_fd), writable=False),
        Connection(int(replies_fd), readable=False),
        modules,
    )
