"""Scheduled jobs: run by the one process holding the scheduler lease, from a persistent store.

Every process takes part in the lease (`scheduler.leader`); the holder runs an APScheduler
`AsyncIOScheduler` over the job store in the database (`scheduler.jobstore`), with
coalescing and a misfire grace time, and the others wait to take over. Each run is logged
in `scheduler_job_run`, which `jingmin jobs list` reads.

APScheduler keeps a job in its store as a reference to an importable function plus its
arguments, so the store holds `scheduler.scheduled:run_stored("daily_alert")`, and that
function finds the job in the process's current `ScheduledJobs` (`_current`): the one
module-level variable here, there because a persistent store cannot hold a closure.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Mapping
from datetime import timedelta
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy import update
from sqlmodel import col

from bot.context import Services
from scheduler.jobstore import make_jobstore
from scheduler.leader import Leadership
from scheduler.schedule import Job, Schedule, same_trigger, trigger_for
from storage.models import JobRun

log = logging.getLogger(__name__)

_current: ScheduledJobs | None = None
#: Seconds until the scheduler looks at its job store again after the store failed.
RETRY_SECONDS = 10.0


class SturdyScheduler(AsyncIOScheduler):
    """APScheduler's asyncio scheduler, except that a job-store error while processing due
    jobs (a locked SQLite database, a dropped connection) costs one log line and a retry
    instead of the scheduler: APScheduler 3 catches errors reading due jobs but not those
    writing a job's next run time, which escape its `wakeup` before it sets its next timer,
    so no job would ever run again in this process (while it keeps the lease)."""

    def _process_jobs(self) -> float | None:
        try:
            wait: float | None = super()._process_jobs()
        except Exception as exc:
            log.warning(
                "scheduler: job store error (%s: %s); looking again in %g s",
                type(exc).__name__,
                str(exc).splitlines()[0][:200] if str(exc) else "",
                RETRY_SECONDS,
            )
            return RETRY_SECONDS
        return wait


async def run_stored(name: str) -> None:
    """What the job store calls."""
    if _current is None:
        log.warning("job %s fired with no scheduled jobs in this process", name)
        return
    try:
        await _current.run_if_leading(name)
    except asyncio.CancelledError:
        # The process is stopping (`ScheduledJobs.stop`). This is APScheduler's own task,
        # at its top: re-raised, the cancel would only make APScheduler log a traceback for
        # a normal shutdown. The run stays "running" in its record; the next leader runs
        # the job again at its next time.
        log.info("job %s interrupted: the process is stopping", name)


async def run_job(services: Services, name: str, job: Job, holder: str) -> int:
    """Run a job once, logging the run in `scheduler_job_run`; returns what it reported."""
    started = services.clock()
    async with services.sessions() as session:
        run = JobRun(name=name, holder=holder[:128], started_at=started)
        session.add(run)
        await session.commit()
        run_id = run.id
    values: dict[str, Any]
    try:
        done = await job()
    except Exception as exc:
        log.exception("job %s failed", name)
        values = {"outcome": "failed", "error": f"{type(exc).__name__}: {exc}"[:500]}
        done = 0
    else:
        values = {"outcome": "ok", "done": done}
        if done:
            log.info("job %s: %d done", name, done)
    async with services.sessions() as session:
        await session.exec(
            update(JobRun)
            .where(col(JobRun.id) == run_id)
            .values(finished_at=services.clock(), **values)
        )
        await session.commit()
    if values["outcome"] == "failed":
        raise JobFailed(name)
    return done


class JobFailed(Exception):
    pass


class ScheduledJobs:
    def __init__(
        self,
        services: Services,
        jobs: Mapping[str, tuple[Job, Schedule]],
        *,
        holder: str | None = None,
        jobstore: Any = None,
    ) -> None:
        settings = services.settings.scheduler
        self._services = services
        self._jobs = dict(jobs)
        self._jobstore = jobstore
        self._scheduler: AsyncIOScheduler | None = None
        #: Job runs in progress in this process (their tasks).
        self._running: set[asyncio.Task[Any]] = set()
        self.leadership = Leadership(
            services.sessions,
            services.clock,
            lease=timedelta(seconds=settings.lease_seconds),
            holder=holder,
            on_gain=self._lead,
            on_lose=self._step_down,
        )

    @property
    def holder(self) -> str:
        return self.leadership.holder

    async def start(self) -> None:
        global _current
        _current = self
        self.leadership.start(self._services.settings.scheduler.lease_seconds / 3)

    async def stop(self) -> None:
        """Stop leading; a job still running is cancelled and awaited, so none is left for
        the event loop's own teardown to cut off mid-write."""
        global _current
        await self.leadership.stop()
        running = list(self._running)
        for task in running:
            task.cancel()
        await asyncio.gather(*running, return_exceptions=True)
        if _current is self:
            _current = None

    async def run_if_leading(self, name: str) -> None:
        job = self._jobs.get(name)
        if job is None:
            log.warning("job %s is in the store but not in this version: skipped", name)
            return
        # The lease may have passed to another process since this run was due.
        if not await self.leadership.still_held():
            log.info("job %s not run: this process no longer holds the lease", name)
            return
        task = asyncio.current_task()
        if task is not None:
            self._running.add(task)
        try:
            with contextlib.suppress(JobFailed):  # logged in the run record already
                await run_job(self._services, name, job[0], self.holder)
        finally:
            if task is not None:
                self._running.discard(task)

    async def _lead(self) -> None:
        global _current
        _current = self  # the process's scheduler calls back into this object
        settings = self._services.settings
        store = (
            self._jobstore if self._jobstore is not None else make_jobstore(settings.database.url)
        )
        defaults: dict[str, Any] = {
            "coalesce": True,
            "max_instances": 1,
            "misfire_grace_time": settings.scheduler.misfire_grace_seconds,
        }
        scheduler = SturdyScheduler(
            jobstores={"default": store}, job_defaults=defaults, timezone=settings.zone
        )
        # Paused while the stored jobs are brought in line with this version's, so that a
        # job whose schedule is unchanged keeps its stored next run time (and a run missed
        # while nobody led is made up on resume).
        scheduler.start(paused=True)
        try:
            self._bring_in_line(scheduler, defaults)
        except BaseException:
            scheduler.shutdown(wait=False)  # tried again from the start next lease round
            raise
        scheduler.resume()
        self._scheduler = scheduler

    def _bring_in_line(self, scheduler: SturdyScheduler, defaults: dict[str, Any]) -> None:
        settings = self._services.settings
        wanted = set()
        for name, (_job, schedule) in self._jobs.items():
            wanted.add(name)
            trigger = trigger_for(schedule, settings.zone)
            stored = scheduler.get_job(name)
            if stored is not None and same_trigger(stored.trigger, trigger):
                # Keep its next run time; take this version's grace and coalescing.
                scheduler.modify_job(name, **defaults)
                continue
            scheduler.add_job(
                run_stored,
                trigger,
                args=(name,),
                id=name,
                name=name,
                replace_existing=True,
                **defaults,
            )
        for stored in scheduler.get_jobs():
            if stored.id not in wanted:
                scheduler.remove_job(stored.id)

    async def _step_down(self) -> None:
        if self._scheduler is not None:
            self._scheduler.shutdown(wait=False)
            self._scheduler = None
