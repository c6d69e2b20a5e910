"""The drawing process: another process, lower priority, replaced when it dies."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

import pytest

from bot import drawing

ROOT = Path(__file__).resolve().parents[2]


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


def test_ctrl_c_at_the_terminal_leaves_the_drawing_process_to_the_server():
    # The interrupt reaches the whole process group; the drawing process would die of it
    # with a KeyboardInterrupt traceback in the terminal. It goes when the server goes.
    # As started from a terminal: a background job inherits SIGINT ignored, and so would the
    # drawing process, whatever it did itself.
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        first = drawing.draw(os.getpid)
    finally:
        signal.signal(signal.SIGINT, previous)
    os.kill(first, signal.SIGINT)
    time.sleep(1.0)  # a KeyboardInterrupt would have ended it by now
    assert Path(f"/proc/{first}").exists()
    assert drawing.draw(os.getpid) == first


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


def test_shutdown_does_not_wait_for_a_drawing_in_progress(tmp_path):
    """A stop soon after a start had waited seconds on the drawing process, busy with its
    imports: the drawing is cut off, and no new process is started for it."""
    drawer = drawing.draw(os.getpid)
    begun = tmp_path / "begun"
    outcome: list[BaseException | None] = []

    def draw_forever() -> None:
        try:
            drawing.draw(_begin_and_wait, str(begun))
        except BaseException as exc:  # what the caller gets is the point
            outcome.append(exc)
        else:
            outcome.append(None)

    caller = threading.Thread(target=draw_forever, daemon=True)
    caller.start()
    for _ in range(600):
        if begun.exists():
            break
        time.sleep(0.05)
    assert begun.exists()
    stopper = threading.Thread(target=drawing.shutdown, daemon=True)
    stopper.start()
    stopper.join(60)  # generous: before, it never returned
    assert not stopper.is_alive()
    caller.join(60)
    assert outcome and isinstance(outcome[0], BrokenProcessPool)
    assert not _alive(drawer)
    assert drawing._executor is None  # nothing started again for the drawing cut off
    assert drawing.draw(os.getpid) not in (drawer, os.getpid())


def test_shutdown_leaves_no_pool_thread_for_the_exit_to_race(tmp_path):
    """`jingmin serve` stopped soon after a start had printed a traceback (OSError: Bad
    file descriptor): the pool's manager thread, still winding up after the cut-off
    drawing, closed its pipe while Python's exit hook wrote to it. Once `shutdown` returns,
    that thread has ended."""
    begun = tmp_path / "begun"
    caller = threading.Thread(
        target=lambda: _suppress_broken(drawing.draw, _begin_and_wait, str(begun)), daemon=True
    )
    caller.start()
    for _ in range(600):
        if begun.exists():
            break
        time.sleep(0.05)
    drawing.shutdown()
    managers = [t for t in threading.enumerate() if type(t).__name__ == "_ExecutorManagerThread"]
    assert not [t for t in managers if t.is_alive()]
    caller.join(60)


def _suppress_broken(function, *args) -> None:
    with contextlib.suppress(BrokenProcessPool):
        function(*args)


def _begin_and_wait(path: str) -> None:
    """A drawing that never ends on its own (run in the drawing process)."""
    Path(path).touch()
    signal.pause()


def test_the_drawing_process_leaves_when_the_server_is_killed(tmp_path):
    script = tmp_path / "server.py"
    script.write_text(
        "import os, sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from bot import drawing\n"
        "if __name__ == '__main__':\n"
        "    print(drawing.draw(os.getpid), flush=True)\n"
        "    os.kill(os.getpid(), 9)\n"
    )
    server = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert server.stdout is not None
    drawer = int(server.stdout.readline())
    server.wait()
    try:
        for _ in range(100):
            if not _alive(drawer):
                break
            time.sleep(0.05)
        assert not _alive(drawer)
    finally:
        if _alive(drawer):
            os.kill(drawer, signal.SIGKILL)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # A zombie is gone as far as work goes; only its parent (init here) has to reap it.
    with open(f"/proc/{pid}/stat") as stat:
        return stat.read().split(") ", 1)[1][0] != "Z"


def test_a_shutdown_while_a_drawing_is_retried_starts_no_process_after_it(monkeypatch):
    """`preload` retrying on a process that died, as the server stops: the retry had
    started a process after `shutdown`, which nothing ended and the exit waited on."""
    first = drawing.draw(os.getpid)
    # The server stops just as the drawing finds its process dead (the warning says so).
    monkeypatch.setattr(drawing.log, "warning", lambda *_args: drawing.shutdown())
    os.kill(first, signal.SIGKILL)
    with pytest.raises(BrokenProcessPool):
        drawing.draw(os.getpid)
    assert drawing._executor is None
    assert not [p for p in multiprocessing.active_children() if p.pid != first]
