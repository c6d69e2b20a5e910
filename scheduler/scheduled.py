"""Scheduled jobs: run by the one process holding the scheduler lease, from a persistent store.

Every process takes part in the lease (`scheduler.leader`); the holder runs an APScheduler
`AsyncIOScheduler` over the job store in the database (`scheduler.jobstore`), with
coalescing and a misfire grace time, and the others wait to take over. Each run is logged
in `scheduler_job_run`, which `jingmin jobs list` reads.

A run is fired exactly once: firing it moves the job's next run time on in the store, so the
process whose scheduler fired it is the one to run it, to the end, even if the lease passes
meanwhile; and a scheduler fires nothing unless the lease is certainly still its process's
(`Leadership.certainly_held`). A run fired by a process that had just lost the lease used to
be skipped there, with the store already at the next day: that day's alert went to no one.

APScheduler keeps a job in its store as a reference to an importable function plus its
arguments, so the store holds `scheduler.scheduled:run_stored("daily_alert")`, and that
function finds the job in the process's current `ScheduledJobs` (`_current`): the one
module-level variable here, there because a persistent store cannot hold a closure.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Mapping
from datetime import timedelta
from typing import Any

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.schedulers.base import STATE_RUNNING
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
    so no job would ever run again in this process (while it keeps the lease).

    It also fires runs only while `may_fire()`, looking again `look_again` seconds later."""

    def __init__(self, may_fire: Callable[[], bool], look_again: float, **options: Any) -> None:
        super().__init__(**options)
        self._may_fire = may_fire
        self._look_again = look_again

    def _process_jobs(self) -> float | None:
        if self.state == STATE_RUNNING and not self._may_fire():
            # Firing a run moves its next run time on in the store. Unsure the lease is still
            # ours (a renewal late on a loaded machine), leave the store alone: the run stays
            # due, for us once renewed or for the next holder (a missed run, made up).
            log.info("scheduler: the lease may have passed; due runs left in the store")
            return self._look_again
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
    """What the job store calls, for a run this process's scheduler has fired."""
    if _current is None:
        log.warning("job %s fired with no scheduled jobs in this process", name)
        return
    await _current.run_fired(name)


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

    async def run_fired(self, name: str) -> None:
        """Run a fired run to its end: the store has moved on, so no other process will.
        Losing the lease shuts this process's scheduler down, which cancels the task it
        called this in; the run goes on in a task of its own, which only `stop` cancels."""
        job = self._jobs.get(name)
        if job is None:
            log.warning("job %s is in the store but not in this version: skipped", name)
            return
        run = asyncio.create_task(self._run(name, job[0]), name=f"job {name}")
        self._running.add(run)
        run.add_done_callback(self._running.discard)
        # APScheduler's task, at its top: a cancel re-raised would only make APScheduler log
        # a traceback, for a step-down or a normal shutdown.
        with contextlib.suppress(asyncio.CancelledError):
            await asyncio.shield(run)

    async def _run(self, name: str, job: Job) -> None:
        try:
            with contextlib.suppress(JobFailed):  # logged in the run record already
                await run_job(self._services, name, job, self.holder)
        except asyncio.CancelledError:
            # The process is stopping (`stop`). The run stays "running" in its record; the
            # next leader runs the job again at its next time.
            log.info("job %s interrupted: the process is stopping", name)
            raise

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
            self.leadership.certainly_held,
            settings.scheduler.lease_seconds / 3,  # the next renewal
            jobstores={"default": store},
            job_defaults=defaults,
            timezone=settings.zone,
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
