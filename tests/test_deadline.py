"""blog.deadline: a call that overruns is stopped; everything else behaves like a plain call."""

import time

import pytest

from blog.deadline import DeadlineExceeded, call_with_deadline


def test_a_call_that_overruns_is_stopped_at_its_deadline():
    started = time.monotonic()
    with pytest.raises(DeadlineExceeded):
        call_with_deadline(time.sleep, 60, seconds=0.5)
    assert time.monotonic() - started < 30  # not the 60 s the call asked for


def test_after_a_stop_the_next_call_gets_a_fresh_helper():
    with pytest.raises(DeadlineExceeded):
        call_with_deadline(time.sleep, 60, seconds=0.2)
    assert call_with_deadline(sorted, [3, 1, 2], seconds=30) == [1, 2, 3]


def test_results_and_exceptions_come_back_as_from_a_plain_call():
    assert call_with_deadline(divmod, 7, 2, seconds=30) == (3, 1)
    with pytest.raises(ValueError):
        call_with_deadline(int, "geen getal", seconds=30)
