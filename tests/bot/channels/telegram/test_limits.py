"""Sending budgets: per bot (waited out), per private chat and per group (reported back)."""

from __future__ import annotations

import pytest

from bot.channels.telegram.limits import SendLimits


class Time:
    def __init__(self) -> None:
        self.now = 1000.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


@pytest.fixture
def time() -> Time:
    return Time()


@pytest.fixture
def limits(time: Time) -> SendLimits:
    return SendLimits(clock=time, sleep=time.sleep)


async def test_bot_wide_thirty_a_second_waits(limits: SendLimits, time: Time) -> None:
    for _ in range(30):
        await limits.pace()
    assert time.slept == []
    await limits.pace()
    assert time.slept == [pytest.approx(1.0)]


async def test_concurrent_senders_queue_for_later_slots(limits: SendLimits, time: Time) -> None:
    for _ in range(30):
        await limits.pace()
    # Slots are taken before sleeping: 30 more each wait a second, not all at once later.
    waits: list[float] = []
    for _ in range(31):
        before = time.now
        await limits.pace()
        waits.append(time.now - before)
        time.now = before  # as if they all asked at the same moment
    assert waits[:30] == [pytest.approx(1.0)] * 30 and waits[30] == pytest.approx(2.0)


def test_private_chat_one_a_second_with_a_burst(limits: SendLimits, time: Time) -> None:
    assert limits.reserve("5001", 3) == 0.0  # one answer of three messages goes out together
    assert limits.reserve("5001", 1) == pytest.approx(1.0)
    assert limits.reserve("5002", 1) == 0.0  # chats are counted apart
    time.now += 1.0
    assert limits.reserve("5001", 1) == 0.0


def test_group_twenty_a_minute(limits: SendLimits, time: Time) -> None:
    for _ in range(20):
        assert limits.reserve("-100200", 1) == 0.0
        time.now += 2.0
    assert limits.reserve("-100200", 1) == pytest.approx(20.0)
    assert limits.reserve("-100200", 2) == pytest.approx(22.0)
    time.now += 20.0
    assert limits.reserve("-100200", 1) == 0.0


def test_direct_replies_count_against_the_chat(limits: SendLimits, time: Time) -> None:
    limits.record("5001", 2)
    assert limits.reserve("5001", 1) == pytest.approx(1.0)


def test_block_holds_a_chat(limits: SendLimits, time: Time) -> None:
    limits.block("-100200", 12.0)
    assert limits.reserve("-100200", 1) == pytest.approx(12.0)
    time.now += 12.0
    assert limits.reserve("-100200", 1) == 0.0


def test_idle_chats_are_forgotten(limits: SendLimits, time: Time) -> None:
    for n in range(5000):
        limits.reserve(str(n), 1)
    time.now += 61.0
    limits.reserve("new", 1)
    assert len(limits._chats) < 100
