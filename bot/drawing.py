"""Pictures drawn in a separate process, at a lower CPU priority than the chats.

Drawing a wanted card or a contact sheet takes tens of milliseconds of pure Python and
Pillow work. In a worker thread it still holds the server's interpreter lock for most of
that time, so every chat message waiting on the event loop waits too; a batch of hit
cards or the morning rotation showed up as a stall of a few hundred milliseconds across all
chats. In a process of its own, the drawing only competes for a CPU core, and at a lower
priority it gives way to the chats.

The process is spawned (so it inherits no event loop or database connections) and lives as
long as the server. The server starts it, with the drawing modules imported, as it starts
serving (`preload`): started at the first card instead, its half second of imports landed
in the middle of the chats. `draw` is called from worker threads and `draw_async` from the
event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import importlib
import logging
import multiprocessing
import os
import signal
import threading
import weakref
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.context import SpawnContext, SpawnProcess
from typing import ParamSpec, TypeVar

log = logging.getLogger(__name__)

P = ParamSpec("P")
T = TypeVar("T")

#: How far below the server the drawing process runs (`nice` steps).
NICENESS = 10

_executor: ProcessPoolExecutor | None = None
_lock = threading.Lock()
#: Pools `shutdown` stopped: a drawing cut off by it is not tried again in a new process.
_stopped: weakref.WeakSet[ProcessPoolExecutor] = weakref.WeakSet()
#: Seconds `shutdown` gives the drawing process to end once told to.
_END_SECONDS = 2.0
#: Drawing processes started and not yet ended by `shutdown`.
_started: weakref.WeakSet[SpawnProcess] = weakref.WeakSet()
#: How many times `shutdown` ran: a drawing begun before one never starts a process after it.
_shutdowns = 0


class _DrawingProcess(SpawnProcess):
    """A spawned process that is noted as it starts. The pool has no public way to end a
    drawing in progress, nor to name its processes; `shutdown` ends the ones noted here."""

    def start(self) -> None:
        super().start()
        _started.add(self)


class _DrawingContext(SpawnContext):
    """The spawn context, with the pool's processes noted as they start."""

    Process = _DrawingProcess


def _start_drawing_process() -> None:
    """Runs first in the drawing process."""
    # Ctrl-C at the terminal reaches every process of the group: the server stops on it,
    # and this one leaves with the server (below) instead of printing a traceback of its own.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # Where that is not permitted, drawing at the same priority still frees the lock.
    with contextlib.suppress(OSError):
        os.nice(NICENESS)
    # The process waits for work on a pipe it holds both ends of, so it would never notice
    # a server that was killed: it leaves when the server does.
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_with, args=(parent,), daemon=True).start()


def _exit_with(parent: multiprocessing.process.BaseProcess) -> None:
    parent.join()
    os._exit(0)


def _pool() -> tuple[ProcessPoolExecutor, int]:
    """The pool, started if need be, and how many shutdowns came before it."""
    with _lock:
        return _started_pool(), _shutdowns


def _started_pool() -> ProcessPoolExecutor:
    """The pool, started if need be; called with `_lock` held."""
    global _executor
    if _executor is None:
        _executor = ProcessPoolExecutor(
            max_workers=1,
            mp_context=_DrawingContext(),
            initializer=_start_drawing_process,
        )
    return _executor


def _replace(broken: ProcessPoolExecutor, shutdowns: int) -> ProcessPoolExecutor:
    """A pool in place of `broken`, unless the server stopped since the drawing began: a
    process started then would outlive `shutdown`, and the server's exit would wait on it."""
    global _executor
    with _lock:
        if _shutdowns != shutdowns:
            raise BrokenProcessPool("the drawing process was stopped with the server")
        if _executor is broken:
            _executor = None
        return _started_pool()


def draw(function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """`function(*args)` run in the drawing process; blocks the calling thread only.

    `function` must be importable by name and its arguments picklable. If the process died
    (killed for memory, say), the next call starts a new one and the drawing is tried once
    more."""
    pool, shutdowns = _pool()
    try:
        return pool.submit(function, *args, **kwargs).result()
    except BrokenProcessPool:
        if pool in _stopped:
            raise  # the server is stopping: no new process for it
        log.warning("the drawing process stopped; starting a new one")
    return _replace(pool, shutdowns).submit(function, *args, **kwargs).result()


async def draw_async(function: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """`draw` from the event loop, which goes on serving while the picture is drawn."""
    return await asyncio.to_thread(functools.partial(draw, function, *args, **kwargs))


def _import_all(modules: tuple[str, ...]) -> None:
    for name in modules:
        importlib.import_module(name)


def preload(*modules: str) -> None:
    """Start the drawing process now and import `modules` in it."""
    draw(_import_all, modules)


def shutdown() -> None:
    """Stop the drawing process (the server's shutdown; harmless if none was started).

    Without waiting for a picture in progress: nothing it draws outlives the server, and a
    stop soon after a start had waited seconds for the process to finish its imports
    (`preload`). Pictures not yet begun are cancelled."""
    global _executor, _shutdowns
    with _lock:
        _shutdowns += 1  # even with no pool: a drawing retrying may be about to start one
        executor, _executor = _executor, None
        if executor is None:
            return
        _stopped.add(executor)
        # The pool's manager thread, which `shutdown(wait=False)` lets go of: see below.
        manager: threading.Thread | None = getattr(executor, "_executor_manager_thread", None)
        # No process starts for the pool after this, and none for another while the lock
        # is held: the processes noted are this pool's (and ones already dead).
        executor.shutdown(wait=False, cancel_futures=True)
        processes = list(_started)
        _started.clear()
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(_END_SECONDS)
    if manager is not None:
        # Once its processes are gone the manager thread ends at once. Left running, it
        # could close its wake-up pipe while the interpreter's exit hook wrote to it, a
        # race of Python 3.11's pool (fixed in 3.12) that printed "OSError: [Errno 9] Bad
        # file descriptor" with a traceback as `jingmin serve` stopped.
        manager.join(_END_SECONDS)


__all__ = ["draw", "draw_async", "preload", "shutdown"]
