"""Calls that must finish in time: a pure function run in a helper process that can be killed.

Python cannot stop a thread that is busy inside a parser, but the operating system can
stop a process. Each web process keeps one helper, started on first use and replaced
after it has been killed, so an ordinary call costs a round trip through a pipe, not a
process start. Calls from several threads of one process take turns.

Only module-level functions of plain arguments can be sent, and they must not touch
the database or Django settings: the helper is a fresh interpreter.
"""

import multiprocessing
import os
import threading

STARTUP_SECONDS = 60  # importing the preloaded modules; not counted against a call's deadline

_context = multiprocessing.get_context("spawn")


class DeadlineExceeded(Exception):
    """The call did not finish in time; its helper process has been stopped."""


def _serve(connection, preload):
    """The helper's loop: run each (function, args) it receives and send back the outcome."""
    for name in preload:
        __import__(name)
    connection.send("ready")
    while True:
        try:
            function, args = connection.recv()
        except EOFError:  # the web process is gone
            return
        try:
            outcome = (True, function(*args))
        except Exception as error:  # noqa: BLE001 (re-raised in the caller's process)
            outcome = (False, error)
        connection.send(outcome)


class _Helper:
    def __init__(self, preload):
        self.connection, child_end = _context.Pipe()
        self.process = _context.Process(
            target=_serve, args=(child_end, preload), daemon=True, name="gutcheck-deadline"
        )
        self.process.start()
        child_end.close()
        self.owner = os.getpid()
        if not self.connection.poll(STARTUP_SECONDS):
            self.stop()
            raise DeadlineExceeded("the helper process did not start")
        self.connection.recv()

    def usable(self):
        return self.owner == os.getpid() and self.process.is_alive()

    def call(self, function, args, seconds):
        self.connection.send((function, args))
        if not self.connection.poll(seconds):
            raise DeadlineExceeded(f"{function.__qualname__} took longer than {seconds} s")
        succeeded, value = self.connection.recv()
        if succeeded:
            return value
        raise value

    def stop(self):
        self.process.kill()
        self.process.join()
        self.connection.close()


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
