"""Runs the periodic jobs inside the server process (APScheduler, in memory).

Every job is safe to run twice and on any replica (each works from the database and uses
version checks or unique keys), so running it in every process only costs a little work.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from bot.context import Services
from bot.dispatch import Dispatcher
from scheduler.jobs.form_expiry import expire_forms
from scheduler.jobs.retention import purge_expired

log = logging.getLogger(__name__)

Job = Callable[[], Awaitable[int]]


def jobs_for(services: Services, dispatcher: Dispatcher) -> dict[str, tuple[Job, int]]:
    """Job name -> (coroutine function, interval in seconds)."""
    titles = dispatcher.forms.titles()
    return {
        "form_expiry": (lambda: expire_forms(services, titles), 60),
        "retention_purge": (lambda: purge_expired(services), 3600),
    }


async def _run_logged(name: str, job: Job) -> None:
    try:
        done = await job()
    except Exception:
        log.exception("job %s failed", name)
        return
    if done:
        log.info("job %s: %d done", name, done)


def start_scheduler(jobs: dict[str, tuple[Job, int]]) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone="UTC")
    for name, (job, seconds) in jobs.items():
        scheduler.add_job(
            _run_logged,
            "interval",
            args=(name, job),
            seconds=seconds,
            id=name,
            coalesce=True,
            max_instances=1,
            misfire_grace_time=seconds,
        )
    scheduler.start()
    return scheduler
