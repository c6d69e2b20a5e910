"""The drawing process: another process, lower priority, replaced when it dies."""

from __future__ import annotations

import os
import signal

import pytest

from bot import drawing


@pytest.fixture(autouse=True)
def fresh_process():
    drawing.shutdown()
    yield
    drawing.shutdown()


def test_draws_in_another_process_that_stays_for_the_next_picture():
    first = drawing.draw(os.getpid)
    assert first != os.getpid()
    assert drawing.draw(os.getpid) == first


def test_runs_below_the_servers_priority():
    ours = os.nice(0)
    if ours + drawing.NICENESS > 19:
        pytest.skip("this process already runs at the lowest priority")
    assert drawing.draw(os.nice, 0) == ours + drawing.NICENESS


def test_a_killed_drawing_process_is_replaced_and_the_picture_still_drawn():
    first = drawing.draw(os.getpid)
    os.kill(first, signal.SIGKILL)
    second = drawing.draw(os.getpid)
    assert second not in (first, os.getpid())


def test_an_error_in_the_drawing_reaches_the_caller():
    with pytest.raises(ValueError):
        drawing.draw(int, "not a number")


async def test_draw_async_leaves_the_event_loop_free():
    assert await drawing.draw_async(os.getpid) != os.getpid()


def test_preload_starts_the_process_the_next_drawing_uses():
    drawing.preload("handlers.wanted.card")
    first = drawing.draw(os.getpid)
    assert first != os.getpid()
    drawing.shutdown()  # returns: nothing is left running in the drawing process
    assert drawing.draw(os.getpid) != first
