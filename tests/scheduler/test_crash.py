"""A delivery worker killed mid-broadcast (SIGKILL) and restarted: every target gets the
alert exactly once, as the fake platforms count it.

The fakes are frozen just before the kill: requests then in flight hang unprocessed, as if
the network had swallowed them, and the rows they were for are still leased. Requests the
platform had already accepted are marked sent before the kill (the test waits until the
count of them matches the platforms'). A request the platform accepts in the instant between its answer and our
commit is the one case no sender can tell from a lost one; the lease makes it at most the
worker's in-flight rows, and this test does not aim the kill into that instant.
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest
from pytest_aiohttp import AiohttpServer
from sqlmodel import col, func, select

from bot.context import Services
from storage.models import OutboxMessage, OutboxStatus
from tests.bot.channels.telegram.support import TOKEN
from tests.conftest import reset_schema
from tests.fakes.limited import LimitedRobots, LimitedTelegram
from tests.scheduler.bulk import populate, release_alert
from tests.scheduler.processes import make_server, server_config
from tests.support.clock import FakeClock

# Timed against a worker process: `make test` runs these after the parallel part, alone.
pytestmark = pytest.mark.alone

ROBOTS, TELEGRAM = 120, 45


@pytest.fixture
async def fakes(aiohttp_server: AiohttpServer) -> tuple[LimitedTelegram, LimitedRobots]:
    telegram = LimitedTelegram(TOKEN)
    server = await aiohttp_server(telegram.app)
    telegram.base, telegram.server = str(server.make_url("")).rstrip("/"), server
    robots = LimitedRobots()
    await robots.start()
    yield telegram, robots  # type: ignore[misc]
    await robots.close()


async def _counts(services: Services) -> dict[OutboxStatus, int]:
    async with services.sessions() as session:
        rows = await session.exec(
            select(OutboxMessage.status, func.count()).group_by(col(OutboxMessage.status))
        )
        return {OutboxStatus(s): n for s, n in rows.all()}


async def _until(check, timeout: float, what: str) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if await check():
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


async def _platform_sent(services: Services) -> int:
    async with services.sessions() as session:
        rows = await session.exec(
            select(func.count()).where(
                col(OutboxMessage.status) == OutboxStatus.SENT,
                col(OutboxMessage.channel).in_(["wecom_robot", "telegram"]),
            )
        )
        return int(rows.one())


async def _accepted_are_marked(
    services: Services, telegram: LimitedTelegram, robots: LimitedRobots, timeout: float = 60
) -> None:
    """Until every send the frozen platforms accepted is marked sent. A quiet half second
    had stood for that, and a worker starved of CPU took longer between an answer and its
    commit: killed then, it sent those targets the alert twice."""
    deadline = time.monotonic() + timeout
    while True:
        # Counted once no request let through before the freeze is still being answered:
        # one accepted after the count had been killed unmarked, and sent twice.
        passing = telegram.freezer.passing + robots.freezer.passing
        accepted = sum(robots.accepted().values()) + sum(telegram.accepted().values())
        marked = await _platform_sent(services)
        if not passing and marked >= accepted:
            return
        if time.monotonic() > deadline:
            raise AssertionError(
                f"{marked} of the {accepted} accepted sends marked sent, {passing} passing"
            )
        await asyncio.sleep(0.05)


async def test_killed_worker_resumes_and_sends_each_target_once(
    services: Services,
    fakes: tuple[LimitedTelegram, LimitedRobots],
    tmp_path: Path,
    clock: FakeClock,
) -> None:
    telegram, robots = fakes
    clock.now = datetime.now(UTC)  # the worker runs on the real clock
    await reset_schema(services.settings.database.url)
    bulk = await populate(services, robots=ROBOTS, telegram=TELEGRAM)
    await release_alert(services, bulk)
    sections = server_config(
        tmp_path,
        services.settings.database.url,
        telegram_api=telegram.api_base,
        robots_api=robots.url,
    )
    worker = make_server(tmp_path, "worker", sections).start()
    try:
        await worker.wait_healthy()

        async def some_sent() -> bool:
            return len(robots.accepted()) + len(telegram.accepted()) >= (ROBOTS + TELEGRAM) // 3

        await _until(some_sent, 20, "a third of the alert to go out")
        telegram.freezer.freeze()
        robots.freezer.freeze()
        await _accepted_are_marked(services, telegram, robots)
        worker.kill()
        # Requests the worker wrote before it died may still wait unread in the fakes'
        # sockets: read while frozen they are dropped, as the network would. Thawed at once,
        # they had been accepted from a dead worker that never marked them, and sent twice.
        await asyncio.sleep(1.0)
        telegram.freezer.thaw()
        robots.freezer.thaw()
        before = await _counts(services)
        assert before.get(OutboxStatus.PENDING, 0) > 0, "killed after the end, not in the middle"

        worker = make_server(tmp_path, "worker", sections).start()
        # Its start is not part of the 30 s: under load one took 49 s.
        await worker.wait_healthy()
        total = ROBOTS + TELEGRAM + 2  # and the two web-chat owners of the seeded station

        async def all_sent() -> bool:
            return (await _counts(services)).get(OutboxStatus.SENT, 0) == total

        await _until(all_sent, 30, "every row to be sent after the restart")
    finally:
        await worker.stop()
    assert robots.accepted() == {key: 1 for key in bulk.robots}, worker.output()[-2000:]
    assert telegram.accepted() == {chat: 1 for chat in bulk.chats}
    assert "Traceback" not in worker.output()


async def test_killed_at_any_moment_nothing_is_lost(
    services: Services,
    fakes: tuple[LimitedTelegram, LimitedRobots],
    tmp_path: Path,
    clock: FakeClock,
) -> None:
    """Killed with requests in flight and the platforms answering: no target misses the
    alert; a second copy can only be one the platform accepted in the instant before the
    kill (at most the requests in flight)."""
    telegram, robots = fakes
    clock.now = datetime.now(UTC)
    await reset_schema(services.settings.database.url)
    bulk = await populate(services, robots=ROBOTS, telegram=TELEGRAM)
    await release_alert(services, bulk)
    sections = server_config(
        tmp_path,
        services.settings.database.url,
        telegram_api=telegram.api_base,
        robots_api=robots.url,
    )
    worker = make_server(tmp_path, "worker", sections).start()
    try:
        await worker.wait_healthy()

        async def some_sent() -> bool:
            return len(robots.accepted()) >= ROBOTS // 2

        await _until(some_sent, 20, "half the robot groups to have it")
        worker.kill()  # mid-stream: no freezing, requests in flight
        worker = make_server(tmp_path, "worker", sections).start()
        await worker.wait_healthy()  # its start is not part of the 30 s
        total = ROBOTS + TELEGRAM + 2

        async def all_sent() -> bool:
            return (await _counts(services)).get(OutboxStatus.SENT, 0) == total

        await _until(all_sent, 30, "every row to be sent after the restart")
    finally:
        await worker.stop()
    robot_counts, telegram_counts = robots.accepted(), telegram.accepted()
    assert set(robot_counts) == set(bulk.robots) and set(telegram_counts) == set(bulk.chats)
    extra = sum(n - 1 for n in robot_counts.values()) + sum(n - 1 for n in telegram_counts.values())
    in_flight = 8 + 8  # the robot and Telegram lanes' concurrency
    assert extra <= in_flight
