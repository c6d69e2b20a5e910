"""Two server processes on one PostgreSQL database: the scheduled job runs once, delivery
never sends twice, and when the process running the jobs dies the other takes over."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from pytest_aiohttp import AiohttpServer
from sqlmodel import col, func, select

from bot.context import Services
from scheduler.jobstore import make_jobstore
from storage.models import JobRun, Lease, OutboxMessage, OutboxStatus
from tests.bot.channels.telegram.support import TOKEN
from tests.conftest import reset_schema
from tests.fakes.limited import LimitedRobots, LimitedTelegram
from tests.scheduler.bulk import populate, release_alert
from tests.scheduler.processes import make_server, server_config
from tests.support.clock import FakeClock

# Timed against two server processes: `make test` runs these after the parallel part, alone.
pytestmark = pytest.mark.alone

ROBOTS, TELEGRAM = 150, 40
LEASE = 1.5


@pytest.fixture
async def fakes(aiohttp_server: AiohttpServer) -> tuple[LimitedTelegram, LimitedRobots]:
    telegram = LimitedTelegram(TOKEN)
    server = await aiohttp_server(telegram.app)
    telegram.base, telegram.server = str(server.make_url("")).rstrip("/"), server
    robots = LimitedRobots()
    await robots.start()
    yield telegram, robots  # type: ignore[misc]
    await robots.close()


async def _scalar(services: Services, query):  # type: ignore[no-untyped-def]
    async with services.sessions() as session:
        return (await session.exec(query)).one()


async def _until(check, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if await check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def _make_due_now(pg_url: str, job: str) -> bool:
    """Move the stored job's next run to now, as the time coming round would: the leader
    reads the store again at its next wakeup (a frequent job's, within seconds). False
    while no leader has stored the job yet."""
    store = AsyncIOScheduler(jobstores={"default": make_jobstore(pg_url)})
    store.start(paused=True)
    try:
        store.modify_job(job, next_run_time=datetime.now(UTC))
    except JobLookupError:
        return False
    finally:
        store.shutdown(wait=False)
    return True


@pytest.mark.postgres
async def test_two_replicas_run_a_job_once_and_send_once(
    pg_url: str,
    fakes: tuple[LimitedTelegram, LimitedRobots],
    tmp_path: Path,
    services: Services,
    clock: FakeClock,
) -> None:
    if not services.settings.database.url.startswith("postgresql"):
        pytest.skip("replicas share PostgreSQL")
    telegram, robots = fakes
    clock.now = datetime.now(UTC)  # the servers run on the real clock
    await reset_schema(pg_url)
    bulk = await populate(services, robots=ROBOTS, telegram=TELEGRAM)
    zone = services.settings.zone
    # Its time an hour ago (the job runs every minute for some hours from it); the run
    # counted is the one made due once both replicas are up (a time 15 s ahead had raced
    # the replicas' start on a loaded machine).
    daily_at = (clock.now.astimezone(zone) - timedelta(hours=1)).strftime("%H:%M:%S")
    quiet = tmp_path / "no-warnings.toml"
    quiet.write_text("", encoding="utf-8")
    sections = server_config(
        tmp_path,
        pg_url,
        telegram_api=telegram.api_base,
        robots_api=robots.url,
        scheduler={"enabled": True, "lease_seconds": LEASE},
        broadcast={"daily_time": daily_at, "seasonal_file": str(quiet)},
    )
    servers = [make_server(tmp_path, f"replica{i}", sections).start() for i in range(2)]
    try:
        for server in servers:
            await server.wait_healthy()
        alert = await release_alert(services, bulk)

        async def daily_due() -> bool:
            return _make_due_now(pg_url, "daily_alert")

        await _until(daily_due, 30, "a leader to store the daily alert job")
        total = ROBOTS + TELEGRAM + 2

        async def all_sent() -> bool:
            sent = await _scalar(
                services,
                select(func.count()).where(
                    col(OutboxMessage.status) == OutboxStatus.SENT,
                    col(OutboxMessage.dedupe_key).startswith(f"broadcast:{alert}:"),
                ),
            )
            return bool(sent == total)

        await _until(all_sent, 30, "the alert to reach everyone")

        async def daily_ran() -> bool:
            runs = await _scalar(
                services,
                select(func.count()).where(
                    JobRun.name == "daily_alert", JobRun.outcome != "running"
                ),
            )
            return bool(runs)

        await _until(daily_ran, 30, "the daily alert job")
        await asyncio.sleep(1.0)  # time for a second run, were there one
        first = await _scalar(
            services, select(func.min(JobRun.started_at)).where(JobRun.name == "daily_alert")
        )
        # That run's, not the next minute's (a slow machine may get that far).
        runs = await _scalar(
            services,
            select(func.count()).where(
                JobRun.name == "daily_alert", col(JobRun.started_at) < first + timedelta(seconds=5)
            ),
        )
        assert runs == 1

        lease = await _scalar(services, select(Lease))
        leader = next(s for s in servers if f":{s.process.pid}:" in lease.holder)  # type: ignore[union-attr]
        other = next(s for s in servers if s is not leader)
        killed_at = time.monotonic()
        leader.kill()

        async def taken_over() -> bool:
            current = await _scalar(services, select(Lease))
            return f":{other.process.pid}:" in current.holder  # type: ignore[union-attr]

        await _until(taken_over, 3 * LEASE + 2, "the other replica to take the lease over")
        assert time.monotonic() - killed_at < 2 * LEASE + 1.5

        async def nothing_left() -> bool:
            waiting = await _scalar(
                services,
                select(func.count()).where(col(OutboxMessage.status) == OutboxStatus.PENDING),
            )
            return bool(waiting == 0)

        await _until(nothing_left, 10, "the survivor to finish what was in flight")
    finally:
        for server in servers:
            await server.stop()
    assert robots.accepted() == {key: 1 for key in bulk.robots}
    assert telegram.accepted() == {chat: 1 for chat in bulk.chats}
    for server in servers:
        assert "Traceback" not in server.output(), server.output()[-3000:]
