"""Delivery against rate-limited platforms (the fakes refuse what goes over the real limits):
a big broadcast goes out at the allowed rate, is never refused for it, and nothing in it is
failed for being slowed down; what the platform does refuse waits as long as it asks."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from pytest_aiohttp import AiohttpServer
from sqlmodel import func, select

from bot.app import DELIVERY, SERVICES
from bot.config import Settings
from bot.messages import Text
from scheduler.delivery import BATCH
from scheduler.outcome import MAX_ATTEMPTS
from storage.models import OutboxMessage, OutboxStatus
from storage.outbox import enqueue
from tests.bot.channels.telegram.support import SECRET, TOKEN
from tests.conftest import make_settings
from tests.fakes.limited import LimitedRobots, LimitedTelegram
from tests.support.clock import FakeClock


@pytest.fixture
async def robots(clock: FakeClock) -> AsyncIterator[LimitedRobots]:
    fake = LimitedRobots(clock=lambda: clock.now.timestamp())
    await fake.start()
    yield fake
    await fake.close()


@pytest.fixture
async def telegram(clock: FakeClock, aiohttp_server: AiohttpServer) -> LimitedTelegram:
    fake = LimitedTelegram(TOKEN, clock=lambda: clock.now.timestamp())
    server = await aiohttp_server(fake.app)
    fake.base, fake.server = str(server.make_url("")).rstrip("/"), server
    return fake


@pytest.fixture
def settings(
    db_url: str, tmp_path: Path, robots: LimitedRobots, telegram: LimitedTelegram
) -> Settings:
    return make_settings(
        db_url,
        tmp_path,
        wecom_robot={"enabled": True, "api_base": robots.url},
        telegram={"bot_token": TOKEN, "webhook_secret": SECRET, "api_base": telegram.api_base},
    )


@pytest.fixture
async def running(app: web.Application, aiohttp_client: Any) -> web.Application:
    await aiohttp_client(app)  # starts the channels
    return app


async def _queue(app: web.Application, rows: list[tuple[str, str, str]]) -> None:
    services = app[SERVICES]
    async with services.sessions() as session:
        for key, channel, chat in rows:
            enqueue(
                session,
                dedupe_key=key,
                channel=channel,
                chat_id=chat,
                replies=[Text(f"通报 {key}")],
                now=services.clock(),
            )
        await session.commit()


async def _statuses(app: web.Application) -> dict[OutboxStatus, int]:
    async with app[SERVICES].sessions() as session:
        rows = await session.exec(
            select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status)  # type: ignore[arg-type]
        )
        return {OutboxStatus(s): n for s, n in rows.all()}


async def _drain(app: web.Application, clock: FakeClock, step: float, rounds: int) -> int:
    """Run the worker, moving time on, until nothing is pending; returns rounds used."""
    for used in range(1, rounds + 1):
        await app[DELIVERY].run_once()
        if (await _statuses(app)).get(OutboxStatus.PENDING, 0) == 0:
            return used
        clock.advance(seconds=step)
    raise AssertionError(f"still pending after {rounds} rounds: {await _statuses(app)}")


def robot(i: int) -> str:
    return f"robotkey-{i:05d}"


#: Enough groups that each alert takes several of `run_once`'s batches; each group costs a
#: send and a write per alert (500 took most of this module's time and showed no more).
GROUPS = 120


async def test_robot_groups_of_a_broadcast_go_out_whole_within_the_per_robot_limit(
    running: web.Application, robots: LimitedRobots, clock: FakeClock
) -> None:
    # Two alerts to many groups, and one busy group with 25 messages at once.
    assert GROUPS > 2 * BATCH
    rows = [(f"a{n}->{robot(i)}", "wecom_robot", robot(i)) for n in range(2) for i in range(GROUPS)]
    rows += [(f"burst{n}", "wecom_robot", robot(9999)) for n in range(25)]
    await _queue(running, rows)
    # Four seconds a round: the burst's last five wait a minute, in fifteen rounds, not sixty.
    await _drain(running, clock, step=4.0, rounds=50)
    assert await _statuses(running) == {OutboxStatus.SENT: len(rows)}
    accepted = robots.accepted()
    assert all(accepted[robot(i)] == 2 for i in range(GROUPS))
    assert accepted[robot(9999)] == 25
    # Paced on our side: the platform never had to refuse one for its rate.
    assert robots.refused_for_rate == 0


async def test_busy_robot_waits_a_minute_not_an_attempt(
    running: web.Application, robots: LimitedRobots, clock: FakeClock
) -> None:
    await _queue(running, [(f"b{n}", "wecom_robot", robot(1)) for n in range(21)])
    await running[DELIVERY].run_once()
    assert robots.accepted() == {robot(1): 20}
    clock.advance(seconds=30)
    await running[DELIVERY].run_once()
    assert robots.accepted() == {robot(1): 20}
    clock.advance(seconds=32)
    await running[DELIVERY].run_once()
    assert robots.accepted() == {robot(1): 21}
    async with running[SERVICES].sessions() as session:
        last = (
            await session.exec(select(OutboxMessage).where(OutboxMessage.dedupe_key == "b20"))
        ).one()
    assert last.status is OutboxStatus.SENT and last.attempts == 0


async def test_telegram_broadcast_keeps_to_30_a_second(
    running: web.Application, telegram: LimitedTelegram, clock: FakeClock
) -> None:
    # Over twice the platform's 30 a second; each message more costs rounds, not checks.
    chats = [str(800_000 + i) for i in range(61)]
    await _queue(running, [(f"t->{c}", "telegram", c) for c in chats])
    await running[DELIVERY].run_once()
    assert len(telegram.accepted()) == 1  # spread evenly: the rest wait for their turn
    rounds = await _drain(running, clock, step=0.05, rounds=100)
    # 61 messages at (a little under) 30 a second take more than 2 seconds.
    assert rounds * 0.05 >= len(chats) / 30
    assert telegram.accepted() == {int(c): 1 for c in chats}
    assert telegram.refused_for_rate == 0


async def test_platform_throttling_never_fails_a_row_but_outages_do(
    running: web.Application, robots: LimitedRobots, clock: FakeClock
) -> None:
    await _queue(
        running,
        [("slow", "wecom_robot", robot(1)), ("down", "wecom_robot", robot(2))],
    )
    robots.fail_next("/cgi-bin/webhook/send", 45009, times=MAX_ATTEMPTS + 4)
    for _ in range(MAX_ATTEMPTS + 4):
        await running[DELIVERY].run_once()
        clock.advance(seconds=61)
    async with running[SERVICES].sessions() as session:
        slow = (
            await session.exec(select(OutboxMessage).where(OutboxMessage.dedupe_key == "slow"))
        ).one()
    # Refused as too fast more often than the attempt bound: still waiting, not failed.
    assert slow.status in (OutboxStatus.PENDING, OutboxStatus.SENT)
    await _drain(running, clock, step=61, rounds=20)
    assert (await _statuses(running)) == {OutboxStatus.SENT: 2}

    robots.fail_next("/cgi-bin/webhook/send", -1, times=100)  # "system busy", for good
    await _queue(running, [("gone", "wecom_robot", robot(3))])
    for _ in range(MAX_ATTEMPTS + 1):
        await running[DELIVERY].run_once()
        clock.advance(minutes=11)
    async with running[SERVICES].sessions() as session:
        gone = (
            await session.exec(select(OutboxMessage).where(OutboxMessage.dedupe_key == "gone"))
        ).one()
    assert gone.status is OutboxStatus.FAILED and gone.attempts == MAX_ATTEMPTS


async def test_a_row_being_sent_is_not_claimed_again_until_its_lease_runs_out(
    running: web.Application, clock: FakeClock
) -> None:
    from scheduler.claims import Claims

    await _queue(running, [("leased", "web", "u1")])
    services = running[SERVICES]
    skip = services.settings.database.url.startswith("postgresql")
    first = Claims(services.sessions, skip_locked=skip, lease=timedelta(seconds=60))
    second = Claims(services.sessions, skip_locked=skip, lease=timedelta(seconds=60))
    assert [r.dedupe_key for r in await first.take("web", clock.now, 10)] == ["leased"]
    assert await second.take("web", clock.now, 10) == []  # the first is sending it
    clock.advance(seconds=61)  # ... or died doing so
    assert [r.dedupe_key for r in await second.take("web", clock.now, 10)] == ["leased"]
