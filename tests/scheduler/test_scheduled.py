"""Scheduled jobs: the persistent store keeps a missed run and makes it up once; only the
lease holder fires runs, and a run fired is run once, however the lease goes; every run is
logged."""

from __future__ import annotations

import asyncio
import logging
import time as _time
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED, EVENT_JOB_SUBMITTED
from apscheduler.job import Job
from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.exc import OperationalError
from sqlmodel import select

from bot.context import Services
from scheduler import scheduled
from scheduler.jobstore import make_jobstore, sync_url
from scheduler.schedule import Daily, same_trigger, trigger_for
from scheduler.scheduled import ScheduledJobs, run_job, run_stored
from storage.models import JobRun
from tests.support.clock import FakeClock


def test_sync_urls() -> None:
    assert sync_url("sqlite+aiosqlite:///var/x.db") == "sqlite:///var/x.db"
    assert sync_url("sqlite+aiosqlite:///:memory:") is None
    assert (
        sync_url("postgresql+asyncpg://u:p@db:5432/jm?ssl=require")
        == "postgresql+psycopg://u:p@db:5432/jm?sslmode=require"
    )


def test_daily_trigger_is_in_the_station_zone(services: Services) -> None:
    zone = services.settings.zone
    trigger = trigger_for(Daily(time(7, 0)), zone)
    after = datetime(2026, 11, 23, 0, 0, tzinfo=UTC)  # 08:00 in Shanghai
    fire = trigger.get_next_fire_time(None, after)
    assert fire is not None and fire.astimezone(zone).hour == 7
    assert fire.astimezone(UTC) == datetime(2026, 11, 23, 23, 0, tzinfo=UTC)
    assert same_trigger(trigger, trigger_for(Daily(time(7, 0)), zone))
    assert not same_trigger(trigger, trigger_for(Daily(time(7, 30)), zone))
    assert not same_trigger(trigger_for(60, zone), trigger_for(30, zone))


async def _until(done: Callable[[], bool], timeout: float) -> None:
    """Until `done()`, or `timeout` seconds: only a ceiling, for a machine loaded by others."""
    deadline = _time.monotonic() + timeout
    while not done() and _time.monotonic() < deadline:
        await asyncio.sleep(0.02)


async def _runs(services: Services, name: str) -> list[JobRun]:
    async with services.sessions() as session:
        return list((await session.exec(select(JobRun).where(JobRun.name == name))).all())


async def test_run_job_logs_success_and_failure(services: Services) -> None:
    async def works() -> int:
        return 3

    async def breaks() -> int:
        raise RuntimeError("boom")

    assert await run_job(services, "works", works, "me") == 3
    with pytest.raises(Exception, match="breaks"):
        await run_job(services, "breaks", breaks, "me")
    (ok,) = await _runs(services, "works")
    (bad,) = await _runs(services, "breaks")
    assert (ok.outcome, ok.done, ok.finished_at is not None) == ("ok", 3, True)
    assert bad.outcome == "failed" and "boom" in bad.error


@pytest.fixture
def store_url(services: Services, tmp_path: Path) -> str:
    """The services' database (APScheduler's own table lives beside ours)."""
    return services.settings.database.url


async def test_only_the_holder_runs_and_a_missed_run_is_made_up_once(
    services: Services, store_url: str
) -> None:
    ran: list[str] = []

    async def daily() -> int:
        ran.append("daily")
        return 1

    zone = services.settings.zone
    due = (datetime.now(zone) - timedelta(minutes=5)).replace(microsecond=0)
    schedule = Daily(due.time())
    jobs = {"daily_alert": (daily, schedule)}
    # A previous leader stored the job, then nobody led when it was due, yesterday and
    # five minutes ago.
    before = AsyncIOScheduler(jobstores={"default": make_jobstore(store_url)})
    before.start(paused=True)
    before.remove_all_jobs()  # the table outlives other tests on PostgreSQL
    before.add_job(
        run_stored,
        trigger_for(schedule, zone),
        args=("daily_alert",),
        id="daily_alert",
        next_run_time=due - timedelta(days=1),
    )
    before.shutdown(wait=False)

    leader = ScheduledJobs(services, jobs, holder="leader")
    follower = ScheduledJobs(services, jobs, holder="follower")
    await leader.leadership.step()
    await follower.leadership.step()
    try:
        assert leader.leadership.leading and not follower.leadership.leading
        await leader.start()  # as the app does: the loop's first round keeps the lease
        # A deadline, not a count of rounds: 0.8 s had been too short for a starved worker.
        await _until(lambda: bool(ran), 20)
        await asyncio.sleep(0.1)
    finally:
        await leader.stop()
        await follower.stop()
    # Missed twice, made up once (coalesced): the latest was within the grace time.
    assert ran == ["daily"]
    (run,) = await _runs(services, "daily_alert")
    assert run.holder == "leader" and run.outcome == "ok"


def _clear_store(url: str) -> None:
    """The job store's table outlives other tests on PostgreSQL."""
    store = AsyncIOScheduler(jobstores={"default": make_jobstore(url)})
    store.start(paused=True)
    store.remove_all_jobs()
    store.shutdown(wait=False)


def _scheduler_of(jobs: ScheduledJobs) -> AsyncIOScheduler:
    scheduler = jobs._scheduler
    assert scheduler is not None, "not leading"
    return scheduler


def _watch(scheduler: AsyncIOScheduler) -> list[int]:
    """What becomes of the runs `scheduler` fires: one code when fired, one when ended."""
    codes: list[int] = []
    scheduler.add_listener(
        lambda event: codes.append(event.code),
        EVENT_JOB_SUBMITTED | EVENT_JOB_EXECUTED | EVENT_JOB_ERROR,
    )
    return codes


def _ended(scheduler: AsyncIOScheduler) -> asyncio.Event:
    """Set when a run `scheduler` fires has ended (its record written)."""
    ended = asyncio.Event()
    scheduler.add_listener(lambda _event: ended.set(), EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
    return ended


def _next_run(jobs: ScheduledJobs) -> datetime:
    """When the store says the daily alert runs next."""
    job = _scheduler_of(jobs).get_job("daily_alert")
    assert job is not None and job.next_run_time is not None
    return job.next_run_time


async def _until_finished(services: Services, name: str, timeout: float) -> None:
    """Until a run of `name` is recorded finished, or `timeout` seconds: only a ceiling."""
    deadline = _time.monotonic() + timeout
    while _time.monotonic() < deadline:
        if any(run.finished_at is not None for run in await _runs(services, name)):
            return
        await asyncio.sleep(0.02)


def _daily_due_five_minutes_ago(services: Services) -> tuple[datetime, Daily]:
    due = (datetime.now(services.settings.zone) - timedelta(minutes=5)).replace(microsecond=0)
    return due, Daily(due.time())


async def test_a_run_due_as_the_lease_passes_is_run_once_by_the_new_holder(
    services: Services,
    store_url: str,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """On a loaded machine the holder renewed late and the lease passed while its scheduler
    still ran: it fired the daily alert, skipped it as no longer its own, and the store
    already said tomorrow, so that day's alert went to no one."""
    ran: list[str] = []

    async def daily() -> int:
        ran.append("daily")
        return 1

    due, schedule = _daily_due_five_minutes_ago(services)
    jobs = {"daily_alert": (daily, schedule)}
    _clear_store(store_url)
    old = ScheduledJobs(services, jobs, holder="old")
    new = ScheduledJobs(services, jobs, holder="new")
    await old.leadership.step()  # stores the job, due next tomorrow
    try:
        clock.advance(seconds=services.settings.scheduler.lease_seconds)  # no renewal came
        await new.leadership.step()
        await asyncio.sleep(0)  # the new holder's first look at the store, queued by its start
        assert new.leadership.leading and old.leadership.leading  # old has not noticed yet
        # The daily time comes round and the old holder's scheduler looks first. Each
        # process has its own `_current`; these two share one module.
        monkeypatch.setattr(scheduled, "_current", old)
        fired = _watch(_scheduler_of(old))
        caplog.set_level(logging.INFO, logger=scheduled.__name__)
        caplog.clear()
        _scheduler_of(old).modify_job("daily_alert", next_run_time=due)
        await asyncio.sleep(0)  # its look at the store, which `modify_job` queued
        # It looked and fired nothing: the run is still due in the store.
        assert "due runs left in the store" in caplog.text
        assert fired == [] and _next_run(new) == due
        monkeypatch.setattr(scheduled, "_current", new)
        ended = _ended(_scheduler_of(new))
        _scheduler_of(new).wakeup()  # the new holder's next look at the store
        await asyncio.wait_for(ended.wait(), 20)
        # Nothing is left due for anyone to run again: the store is at the next day.
        assert _next_run(new) > datetime.now(services.settings.zone)
    finally:
        await old.stop()
        await new.stop()
    assert ran == ["daily"]  # that day's alert went out, once
    (run,) = await _runs(services, "daily_alert")
    assert run.holder == "new" and run.outcome == "ok"


async def test_a_run_fired_before_the_lease_passed_is_finished_where_it_began(
    services: Services, store_url: str, clock: FakeClock
) -> None:
    """Losing the lease shuts the holder's scheduler down, which cancelled a run it had
    fired and begun; the store had already moved on, so no one ran it."""
    began, sent = asyncio.Event(), asyncio.Event()
    ran: list[str] = []

    async def daily() -> int:
        began.set()
        await sent.wait()  # still at work when the lease passes
        ran.append("daily")
        return 1

    due, schedule = _daily_due_five_minutes_ago(services)
    jobs = {"daily_alert": (daily, schedule)}
    _clear_store(store_url)
    old = ScheduledJobs(services, jobs, holder="old")
    new = ScheduledJobs(services, jobs, holder="new")
    await old.leadership.step()
    try:
        _scheduler_of(old).modify_job("daily_alert", next_run_time=due)  # the time comes
        await asyncio.wait_for(began.wait(), 20)
        clock.advance(seconds=services.settings.scheduler.lease_seconds)
        await new.leadership.step()
        await old.leadership.step()  # notices, and its scheduler shuts down
        assert new.leadership.leading and not old.leadership.leading
        sent.set()
        await _until_finished(services, "daily_alert", 20)  # the old holder's run, to its end
        fired = _watch(_scheduler_of(new))
        _scheduler_of(new).wakeup()  # the new holder looks at the store
        await asyncio.sleep(0)  # that look, which `wakeup` queued
        # It found the run done: the store had moved on to the next day when it was fired.
        assert fired == [] and _next_run(new) > datetime.now(services.settings.zone)
    finally:
        await old.stop()
        await new.stop()
    assert ran == ["daily"]  # that day's alert went out, once
    (run,) = await _runs(services, "daily_alert")
    assert run.holder == "old" and run.outcome == "ok"


async def test_stopping_mid_job_ends_it_quietly(
    services: Services, store_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    started = asyncio.Event()

    async def slow() -> int:
        started.set()
        await asyncio.Event().wait()  # a job still at work when the server is told to stop
        return 1

    leader = ScheduledJobs(services, {"slow": (slow, 1)}, holder="leader")
    await leader.leadership.step()
    await leader.start()
    await asyncio.wait_for(started.wait(), 10)
    await leader.stop()
    # Nothing of the job is left running, and nothing logged a traceback: the stop is normal.
    leftovers = [t for t in asyncio.all_tasks() if "run_stored" in repr(t.get_coro())]
    assert all(t.done() for t in leftovers)
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]
    assert "job slow interrupted" in caplog.text


class LockedOnce(MemoryJobStore):
    """A job store whose first write fails as SQLite's does when another connection holds
    the write lock for longer than busy_timeout."""

    def __init__(self) -> None:
        super().__init__()
        self.failed = False

    def update_job(self, job: Job) -> None:
        if not self.failed:
            self.failed = True
            raise OperationalError(
                "UPDATE scheduler_jobs SET next_run_time=?", {}, Exception("database is locked")
            )
        super().update_job(job)


async def test_jobs_still_run_after_a_job_store_error(
    services: Services, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scheduled, "RETRY_SECONDS", 0.01)
    ran: list[int] = []

    async def job() -> int:
        ran.append(1)
        return 1

    store = LockedOnce()
    leader = ScheduledJobs(services, {"tick": (job, 1)}, holder="leader", jobstore=store)
    await leader.leadership.step()
    await leader.start()
    try:
        await _until(lambda: len(ran) >= 2, 30)
    finally:
        await leader.stop()
    # The first run's next time could not be stored; the scheduler looks again instead of
    # stopping for good, and the job runs again.
    assert store.failed and len(ran) >= 2
    (warning,) = [r for r in caplog.records if "job store error" in r.getMessage()]
    assert "database is locked" in warning.getMessage() and warning.exc_info is None
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
