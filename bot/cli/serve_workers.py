"""`jingmin serve --workers N`: N forked processes accepting on the sockets the parent bound.

Why one socket shared by fork rather than a socket per process with SO_REUSEPORT:
- the parent binds before forking, so a port in use is still one clear line (with
  SO_REUSEPORT a second `jingmin serve` started by mistake would quietly share the port and
  take half the callbacks, possibly on older code or another database);
- one accept queue: a worker that is busy or stalled accepts nothing and the others take the
  connections, where SO_REUSEPORT hashes each connection to a fixed socket and queues it
  there behind a stalled worker (or resets it when that worker dies);
- the application is built once, before the fork: the law index and everything start-up
  imports are loaded once and the workers share the pages they do not write.

All state a worker must share with the others is in the database already (form progress,
dedupe keys, tokens, outbox claims, the scheduler lease), as for replicas on several
machines. A worker that dies ends the server (the others are stopped and the exit code is
1): that is a crash or the kernel's out-of-memory killer, and the supervisor (systemd's
`Restart=on-failure`) restarts the whole service with a log entry, rather than this process
restarting workers in a loop nobody sees.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import multiprocessing
import multiprocessing.connection
import os
import signal
import socket
import time
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from types import FrameType

from aiohttp import web
from aiohttp.web_runner import GracefulExit

from bot.app import WORKER

log = logging.getLogger(__name__)

#: Seconds beyond `shutdown_timeout` a worker gets to finish its cleanup (sends in flight,
#: the scheduler lease, the drawing process) before it is killed.
CLEANUP_GRACE = 20.0


def worker_count(asked: int) -> int:
    """`--workers` / `[server] workers`: 0 is one per CPU."""
    return asked or os.cpu_count() or 1


def run_workers(
    app: web.Application,
    sockets: list[socket.socket],
    count: int,
    shutdown_timeout: float,
    serve: Callable[[web.Application, list[socket.socket], asyncio.AbstractEventLoop], None],
) -> int:
    """Fork `count` workers, each calling `serve(app, sockets, loop)`, and wait for them.
    Returns the exit code: 0 after a stop asked by SIGTERM or Ctrl-C, 1 when a worker died.
    """
    # A pipe only the parent writes to: it closes when the parent dies however it dies
    # (even SIGKILL), and the workers stop instead of serving on as orphans.
    parent_alive, parent_end = os.pipe()
    # What start-up built is kept out of every later collection before the fork: a worker's
    # first full collection would otherwise write to every object's header, and each worker
    # would then hold a private copy of pages it could have shared with the others.
    gc.collect()
    gc.freeze()
    context = multiprocessing.get_context("fork")
    workers: list[BaseProcess] = []
    for number in range(1, count + 1):
        worker = context.Process(
            target=_worker,
            args=(app, sockets, serve, parent_alive, parent_end, number, count),
            name=f"jingmin-worker-{number}",
        )
        worker.start()
        workers.append(worker)
    os.close(parent_alive)
    # The workers hold the sockets now; the parent accepts nothing.
    for sock in sockets:
        sock.close()
    try:
        return _supervise(workers, shutdown_timeout + CLEANUP_GRACE)
    finally:
        os.close(parent_end)


def _worker(
    app: web.Application,
    sockets: list[socket.socket],
    serve: Callable[[web.Application, list[socket.socket], asyncio.AbstractEventLoop], None],
    parent_alive: int,
    parent_end: int,
    number: int,
    count: int,
) -> None:
    os.close(parent_end)
    # Until the loop's own handlers are in place, a stop must still stop this worker.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    stop = _StopOnce()
    # Ctrl-C reaches every process of the terminal's group and the parent passes SIGTERM
    # on as well (systemd sends its own too): a second signal must not cut short the
    # graceful stop the first one began.
    loop.add_signal_handler(signal.SIGINT, stop)
    loop.add_signal_handler(signal.SIGTERM, stop)
    loop.add_reader(parent_alive, stop)  # readable (end of file) once the parent is gone
    log.info("worker %d of %d started (pid %d)", number, count, os.getpid())
    app[WORKER] = number  # this process's copy of the application, not yet started
    serve(app, sockets, loop)


class _StopOnce:
    def __init__(self) -> None:
        self._stopping = False

    def __call__(self) -> None:
        if self._stopping:
            return
        self._stopping = True
        raise GracefulExit()  # what aiohttp's own signal handler raises


def _supervise(workers: list[BaseProcess], stop_timeout: float) -> int:
    stop_by: float | None = None  # when the workers are killed if still running
    died = False

    def stop_all(_signum: int = signal.SIGTERM, _frame: FrameType | None = None) -> None:
        nonlocal stop_by
        if stop_by is None:
            stop_by = time.monotonic() + stop_timeout
        for worker in workers:
            if worker.is_alive() and worker.pid is not None:
                os.kill(worker.pid, signal.SIGTERM)

    signal.signal(signal.SIGTERM, stop_all)
    signal.signal(signal.SIGINT, stop_all)
    running = list(workers)
    while running:
        # A second at most: the signal handler only sets the deadline, this loop keeps it.
        ended = multiprocessing.connection.wait([w.sentinel for w in running], timeout=1.0)
        for worker in [w for w in running if w.sentinel in ended]:
            worker.join()
            running.remove(worker)
            if stop_by is None:
                died = True
                log.error(
                    "%s (pid %s) %s: stopping the others; the server exits with 1 for its "
                    "supervisor to restart it (systemd Restart=on-failure)",
                    worker.name,
                    worker.pid,
                    _how_it_ended(worker.exitcode),
                )
                stop_all()
            elif worker.exitcode:
                died = True
                log.error("%s (pid %s) %s", worker.name, worker.pid, _how_it_ended(worker.exitcode))
        if stop_by is not None and time.monotonic() > stop_by:
            for worker in running:
                log.error("%s (pid %s) did not stop in time: killed", worker.name, worker.pid)
                worker.kill()
            stop_by = float("inf")  # killed: the next wait collects them
    return 1 if died else 0


def _how_it_ended(exitcode: int | None) -> str:
    if exitcode is not None and exitcode < 0:
        return f"was killed by {signal.Signals(-exitcode).name}"
    return f"ended with exit code {exitcode}"
