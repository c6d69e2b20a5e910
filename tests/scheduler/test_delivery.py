"""Outbox delivery: sent once, retried with backoff, given up after a bound."""

from __future__ import annotations

import ast
import asyncio
import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from sqlmodel import select

from bot.channels.base import Cause, DeliveryError, Progress, cause_of
from bot.context import Services
from bot.messages import Reply, Text
from scheduler import claims, delivery
from scheduler.delivery import LEASE, MAX_ATTEMPTS, DeliveryWorker
from storage.models import OutboxMessage, OutboxStatus
from storage.outbox import TO_TIPSTER
from tests.support.clock import FakeClock
from tests.support.outbox import queue
from tests.support.send_deadline import SendDeadline


class RecordingChannel:
    """Stands in for a messenger platform (the outside world), failing on request."""

    name = "fake"

    def __init__(self) -> None:
        self.sent: list[tuple[str, list[Reply]]] = []
        self.failures: list[DeliveryError] = []

    async def send(
        self, chat_id: str, replies: list[Reply], progress: Progress | None = None
    ) -> None:
        if self.failures:
            raise self.failures.pop(0)
        self.sent.append((chat_id, replies))


async def _queue(services: Services, key: str, chat_id: str = "u1") -> None:
    await queue(services, "fake", chat_id, [Text("你好")], key=key)


def _worker(services: Services, channel: RecordingChannel) -> DeliveryWorker:
    skip_locked = services.settings.database.url.startswith("postgresql")
    return DeliveryWorker(
        services.sessions, {"fake": channel}, services.clock, skip_locked=skip_locked
    )  # type: ignore[dict-item]


async def _rows(services: Services) -> list[OutboxMessage]:
    async with services.sessions() as session:
        return list((await session.exec(select(OutboxMessage))).all())


async def test_delivered_once(services: Services) -> None:
    channel = RecordingChannel()
    await _queue(services, "m1")
    worker = _worker(services, channel)
    assert await worker.run_once() == 1
    assert await worker.run_once() == 0
    assert channel.sent == [("u1", [Text("你好")])]
    assert (await _rows(services))[0].status is OutboxStatus.SENT


async def test_a_message_to_a_tipster_forgets_their_chat_once_sent(services: Services) -> None:
    """A message to an anonymous tipster kept their chat in the sent row, beside the minute
    of the officer's message to the tip, until the sweep a minute later; other rows keep it."""
    channel = RecordingChannel()
    await _queue(services, f"{TO_TIPSTER}k1", chat_id="tipster-chat")
    await _queue(services, "m1", chat_id="owner-chat")
    assert await _worker(services, channel).run_once() == 2
    assert sorted(chat for chat, _ in channel.sent) == ["owner-chat", "tipster-chat"]
    rows = {row.dedupe_key: row for row in await _rows(services)}
    tipster, owner = rows[f"{TO_TIPSTER}k1"], rows["m1"]
    assert tipster.status is OutboxStatus.SENT and tipster.chat_id == ""
    assert owner.status is OutboxStatus.SENT and owner.chat_id == "owner-chat"


async def test_same_message_to_same_target_cannot_be_queued_twice(services: Services) -> None:
    await _queue(services, "m1")
    try:
        await _queue(services, "m1")
    except Exception as exc:  # the unique key refuses it
        assert "UNIQUE" in str(exc).upper() or "duplicate" in str(exc).lower()
    assert len(await _rows(services)) == 1


async def test_retry_after_is_honoured_then_sent(services: Services, clock: FakeClock) -> None:
    channel = RecordingChannel()
    channel.failures.append(DeliveryError("429", retry_after=30))
    await _queue(services, "m1")
    worker = _worker(services, channel)
    await worker.run_once()
    row = (await _rows(services))[0]
    assert row.status is OutboxStatus.PENDING and row.attempts == 1
    clock.advance(seconds=29)
    assert await worker.run_once() == 0
    clock.advance(seconds=2)
    assert await worker.run_once() == 1
    assert len(channel.sent) == 1


async def test_permanent_failure_and_attempt_bound(services: Services, clock: FakeClock) -> None:
    channel = RecordingChannel()
    channel.failures.append(DeliveryError("blocked", permanent=True))
    channel.failures.extend(DeliveryError("timeout") for _ in range(MAX_ATTEMPTS))
    await _queue(services, "blocked", chat_id="a")
    worker = _worker(services, channel)
    await worker.run_once()
    await _queue(services, "flaky", chat_id="b")
    for _ in range(MAX_ATTEMPTS):
        await worker.run_once()
        clock.advance(minutes=11)
    statuses = {r.dedupe_key: (r.status, r.attempts) for r in await _rows(services)}
    assert statuses["blocked"] == (OutboxStatus.FAILED, 1)
    assert statuses["flaky"] == (OutboxStatus.FAILED, MAX_ATTEMPTS)
    assert channel.sent == []


async def test_unknown_channel_fails_row_not_worker(services: Services) -> None:
    await queue(services, "gone", "u", [Text("hi")], key="x")
    await _worker(services, RecordingChannel()).run_once()
    row = (await _rows(services))[0]
    assert row.status is OutboxStatus.FAILED and "gone" in row.last_error
    assert cause_of(row.last_error) is Cause.NO_CHANNEL  # 该渠道未启用, says /通报状态


class SilentChannel(RecordingChannel):
    """A platform that takes the call and never answers."""

    def __init__(self) -> None:
        super().__init__()
        self.stalled = asyncio.Event()

    async def send(
        self, chat_id: str, replies: list[Reply], progress: Progress | None = None
    ) -> None:
        self.stalled.set()
        await asyncio.Event().wait()  # no answer: only the timeout ends this


async def test_a_send_cut_by_the_timeout_is_put_down_to_an_unreachable_platform(
    services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whatever the channel: the officer whose alert it is reads 无法连接 beside it."""
    deadline = SendDeadline(monkeypatch)
    await queue(services, "fake", "u1", [Text("hi")], key="x")
    channel = SilentChannel()
    await deadline.when_stalled(channel.stalled, _worker(services, channel).run_once())
    [row] = await _rows(services)
    assert row.status is OutboxStatus.PENDING and row.attempts == 1
    assert cause_of(row.last_error) is Cause.UNREACHABLE


async def test_over_budget_waits_without_using_up_attempts(
    services: Services, clock: FakeClock
) -> None:
    from bot.channels.base import OverBudget

    channel = RecordingChannel()
    channel.failures.extend(OverBudget("busy", retry_after=3) for _ in range(MAX_ATTEMPTS + 2))
    await _queue(services, "burst")
    worker = _worker(services, channel)
    for _ in range(MAX_ATTEMPTS + 2):
        await worker.run_once()
        clock.advance(seconds=3)
    await worker.run_once()
    row = (await _rows(services))[0]
    assert row.status is OutboxStatus.SENT and row.attempts == 0


async def test_stop_ends_the_loops_even_as_they_are_woken(services: Services) -> None:
    # stop() cancelled a lane just as its wake-up came (a send finishing, a message queued):
    # on Python 3.11 `asyncio.wait_for` then returned the wake-up instead of raising, the
    # lane went round again, and `jingmin serve` never exited after SIGTERM.
    worker = _worker(services, RecordingChannel())

    async def nothing_due(*_args: object, **_kwargs: object) -> int:
        return 0

    worker._pass = nothing_due  # type: ignore[method-assign]
    worker._claims.strays = nothing_due  # type: ignore[method-assign]
    await worker.start()
    await asyncio.sleep(0)  # the loops find nothing to send and wait to be woken
    worker.wake()
    await asyncio.sleep(0)  # the wake-up is under way, the loops not yet resumed
    async with asyncio.timeout(5):  # a guard against hanging, not a speed test
        await worker.stop()


async def test_a_database_outage_is_logged_once_per_loop_not_on_every_poll(
    services: Services, caplog: pytest.LogCaptureFixture
) -> None:
    """Each lane logged a hundred-line traceback twice a second while the database was down."""
    worker = DeliveryWorker(
        services.sessions,
        {"fake": RecordingChannel()},  # type: ignore[dict-item]
        services.clock,
        skip_locked=False,
        poll_seconds=0.001,
    )
    outage = 20

    async def unreachable(*_args: object, **_kwargs: object) -> int:
        nonlocal outage
        if outage:
            outage -= 1
            raise ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 5432)")
        return 0

    worker._pass = unreachable  # type: ignore[method-assign]
    worker._claims.strays = unreachable  # type: ignore[method-assign]
    with caplog.at_level(logging.INFO, logger="scheduler.delivery"):
        await worker.start()
        async with asyncio.timeout(5):
            while outage:
                await asyncio.sleep(0.001)
                worker.wake()  # the loop over unknown channels polls every 5 s
            worker.wake()
            await asyncio.sleep(0.05)
        await worker.stop()
    failed = [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert len(failed) == 2  # the lane and the loop over unknown channels, once each
    assert sum("works again" in r.getMessage() for r in caplog.records) == 2


class PartlySendingChannel(RecordingChannel):
    """Sends the first message of a reply, then the platform refuses the rest once."""

    def __init__(self) -> None:
        super().__init__()
        self.refused_once = False

    async def send(
        self, chat_id: str, replies: list[Reply], progress: Progress | None = None
    ) -> None:
        if not self.refused_once:
            self.refused_once = True
            self.sent.append((chat_id, replies[:1]))
            raise DeliveryError("45009 busy", retry_after=60, unsent=list(replies[1:]))
        self.sent.append((chat_id, replies))


async def test_a_send_refused_part_way_retries_only_what_did_not_go_out(
    services: Services, clock: FakeClock
) -> None:
    """Three messages, the platform refusing the second: the retry had sent the first again."""
    await queue(services, "fake", "u1", [Text("一"), Text("二"), Text("三")], key="m3")
    channel = PartlySendingChannel()
    worker = _worker(services, channel)
    await worker.run_once()
    clock.advance(seconds=61)
    await worker.run_once()
    received = [r for _chat, replies in channel.sent for r in replies]
    assert received == [Text("一"), Text("二"), Text("三")]  # each exactly once
    assert (await _rows(services))[0].status is OutboxStatus.SENT


class StallingChannel(RecordingChannel):
    """Sends the first message of a reply, then the platform stops answering (once)."""

    def __init__(self) -> None:
        super().__init__()
        self.stalled = asyncio.Event()

    async def send(
        self, chat_id: str, replies: list[Reply], progress: Progress | None = None
    ) -> None:
        if not self.stalled.is_set():
            self.sent.append((chat_id, replies[:1]))
            if progress is not None:
                progress.went_out(replies[1:])
            self.stalled.set()
            await asyncio.Event().wait()  # no answer: only a cancel ends this
        self.sent.append((chat_id, replies))


async def test_a_send_stopped_part_way_by_a_shutdown_resumes_where_it_stopped(
    services: Services, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The server was stopped while a three-message alert was going out, after the first
    had: once restarted, the worker sent the whole alert again and the first was read twice."""
    monkeypatch.setattr(delivery, "DRAIN_SECONDS", 0)
    await queue(services, "fake", "u1", [Text("一"), Text("二"), Text("三")], key="m3")
    channel = StallingChannel()
    worker = _worker(services, channel)
    await worker.start()
    async with asyncio.timeout(10):  # a guard against hanging, not a speed test
        await channel.stalled.wait()
        await worker.stop()
    clock.advance(seconds=LEASE.total_seconds() + 1)  # restarted later
    await _worker(services, channel).run_once()
    received = [r for _chat, replies in channel.sent for r in replies]
    assert received == [Text("一"), Text("二"), Text("三")]  # each exactly once
    [row] = await _rows(services)
    assert row.status is OutboxStatus.SENT and row.attempts == 0  # a stop is no failure


class QuietAfterTheLastChannel(RecordingChannel):
    """Sends every message of a reply, then the platform does not answer (once): nothing
    of the row is left to send when the worker's timeout, or an error, ends the send."""

    def __init__(self, then: DeliveryError | None = None) -> None:
        super().__init__()
        self.then = then
        self.stalled = asyncio.Event()

    async def send(
        self, chat_id: str, replies: list[Reply], progress: Progress | None = None
    ) -> None:
        self.sent.append((chat_id, replies))
        if progress is not None:
            progress.went_out([])
        if not self.stalled.is_set():
            self.stalled.set()
            if self.then is not None:
                raise self.then
            await asyncio.Event().wait()  # no answer: only the timeout ends this


@pytest.mark.parametrize(
    "then",
    [None, DeliveryError("502 bad gateway"), DeliveryError("busy", retry_after=30, unsent=[])],
    ids=["timeout", "error", "error-saying-nothing-is-left"],
)
async def test_a_send_that_fails_once_everything_went_out_is_not_sent_again(
    services: Services,
    clock: FakeClock,
    monkeypatch: pytest.MonkeyPatch,
    then: DeliveryError | None,
) -> None:
    """Both messages of an alert had gone out when the send timed out (or failed): the
    retry sent the whole alert again, and the chat read it twice."""
    deadline = SendDeadline(monkeypatch)
    await queue(services, "fake", "u1", [Text("一"), Text("二")], key="m2")
    channel = QuietAfterTheLastChannel(then)
    await deadline.when_stalled(channel.stalled, _worker(services, channel).run_once())
    [row] = await _rows(services)
    assert row.status is OutboxStatus.SENT and row.attempts == 0
    clock.advance(minutes=11)
    assert await _worker(services, channel).run_once() == 0
    assert channel.sent == [("u1", [Text("一"), Text("二")])]  # once


class SlowPlatform(RecordingChannel):
    """Answers the first send only when the test says: a platform slower than the lease.
    A chat reads what the platform has finished taking in."""

    def __init__(self) -> None:
        super().__init__()
        self.called = asyncio.Event()
        self.answering = asyncio.Event()

    async def send(
        self, chat_id: str, replies: list[Reply], progress: Progress | None = None
    ) -> None:
        if not self.called.is_set():
            self.called.set()
            await self.answering.wait()
        self.sent.append((chat_id, replies))


async def test_a_send_slower_than_its_lease_is_not_sent_again_by_another_replica(
    services: Services, clock: FakeClock
) -> None:
    """The platform took longer than the lease: a second replica claimed the row while the
    first was still sending it, and the group read the alert twice."""
    clock.now = datetime.now(UTC)  # the workers run on the real clock: the lease runs out
    later = timedelta()

    def now() -> datetime:
        return datetime.now(UTC) + later

    lease = timedelta(seconds=1)
    skip_locked = services.settings.database.url.startswith("postgresql")
    channel = SlowPlatform()
    first, second = (
        DeliveryWorker(
            services.sessions,
            {"fake": channel},  # type: ignore[dict-item]
            now,
            skip_locked=skip_locked,
            lease=lease,
        )
        for _ in range(2)
    )
    await _queue(services, "m1")
    sending = asyncio.create_task(first.run_once())
    async with asyncio.timeout(10):  # a guard against hanging, not a speed test
        await channel.called.wait()
    await asyncio.sleep(lease.total_seconds() + 0.1)  # the first worker's lease has run out
    await asyncio.wait({sending}, timeout=5)
    later = timedelta(minutes=1)  # past the first worker's retry, if it wrote one
    await second.run_once()
    channel.answering.set()  # the platform answers the first worker at last
    async with asyncio.timeout(10):
        await sending
    assert channel.sent == [("u1", [Text("你好")])]  # once
    [row] = await _rows(services)
    assert row.status is OutboxStatus.SENT


async def test_a_row_whose_turn_came_too_late_still_goes_out_before_the_chats_next(
    services: Services, clock: FakeClock
) -> None:
    """Pacing held an alert past its share of the lease, so it went back to the table; the
    worker meanwhile claimed and sent the correction queued after it, and the group read the
    correction before the alert it corrects."""
    channel = RecordingChannel()
    worker = DeliveryWorker(
        services.sessions,
        {"fake": channel},  # type: ignore[dict-item]
        services.clock,
        skip_locked=services.settings.database.url.startswith("postgresql"),
        poll_seconds=0.01,
        lease=timedelta(seconds=10),
    )
    await queue(services, "fake", "group-1", [Text("今晚有雨")], key="alert")
    take, finish = worker._claims.take, worker._claims.finish
    held = False

    async def held_by_pacing(*args: Any, **kwargs: Any) -> list[OutboxMessage]:
        nonlocal held
        rows = await take(*args, **kwargs)
        if rows and not held:
            held = True
            clock.advance(seconds=4)  # past the first quarter of the lease: too late to send
            await queue(services, "fake", "group-1", [Text("更正：今晚有雪")], key="fix")
        return rows

    async def slow_write(*args: Any, **kwargs: Any) -> bool:
        await asyncio.sleep(0.05)  # a busy database
        return await finish(*args, **kwargs)

    worker._claims.take = held_by_pacing  # type: ignore[method-assign]
    worker._claims.finish = slow_write  # type: ignore[method-assign]
    await worker.start()
    try:
        async with asyncio.timeout(10):
            while len(channel.sent) < 2:
                await asyncio.sleep(0.01)
    finally:
        await worker.stop()
    assert [replies for _chat, replies in channel.sent] == [
        [Text("今晚有雨")],
        [Text("更正：今晚有雪")],
    ]


@pytest.mark.parametrize("module", [delivery, claims])
def test_delivery_knows_no_feature_of_the_bot(module: ModuleType) -> None:
    """Delivery special-cased messages to tipsters by importing the tips handler: the rule
    lived twice (here and in the sweep), and delivery depended on a feature above it."""
    tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))
    imported = {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
    imported |= {
        alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    assert not [name for name in imported if name and name.split(".")[0] == "handlers"]


async def test_workers_of_one_server_on_sqlite_keep_to_telegrams_30_a_second_together(
    services: Services,
) -> None:
    """`jingmin serve --workers 2` on SQLite: each worker's delivery had counted only its
    own sends against Telegram's 30 a second, so a broadcast went out at 60."""
    workers = [
        DeliveryWorker(
            services.sessions,
            {"telegram": RecordingChannel()},  # type: ignore[dict-item]
            services.clock,
            skip_locked=False,
            shared_rates=True,
        )
        for _ in range(2)
    ]
    given = [len((await w._lanes["telegram"].gate.reserve(30, 1.0))[0]) for w in workers]
    assert given == [30, 0]
