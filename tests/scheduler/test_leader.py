"""The scheduler lease: one holder at a time, renewed by it, taken over when it stops."""

from __future__ import annotations

from datetime import timedelta

import pytest

from bot.context import Services
from scheduler.leader import Leadership
from tests.support.clock import FakeClock

LEASE = timedelta(seconds=30)


def _pair(services: Services) -> tuple[Leadership, Leadership]:
    return (
        Leadership(services.sessions, services.clock, lease=LEASE, holder="a"),
        Leadership(services.sessions, services.clock, lease=LEASE, holder="b"),
    )


async def test_one_holder_renews_and_the_other_waits(services: Services, clock: FakeClock) -> None:
    a, b = _pair(services)
    await a.step()
    await b.step()
    assert a.leading and not b.leading
    for _ in range(5):  # the holder keeps it by renewing, long past one lease
        clock.advance(seconds=20)
        await a.step()
        await b.step()
        assert a.leading and not b.leading
    assert a.certainly_held()
    # A renewal more than a third of the lease late: still held, but no longer certainly
    # (the scheduler then fires nothing; `tests/scheduler/test_scheduled.py`).
    clock.advance(seconds=21)
    assert not a.certainly_held()


async def test_a_dead_holder_is_replaced_once_its_lease_expires(
    services: Services, clock: FakeClock
) -> None:
    a, b = _pair(services)
    await a.step()
    clock.advance(seconds=29)  # a died just after renewing: nothing more from it
    await b.step()
    assert not b.leading
    clock.advance(seconds=2)
    await b.step()
    assert b.leading
    assert not a.certainly_held()  # a's scheduler fires nothing now
    await a.step()  # should it come back, it finds the lease taken and stops leading
    assert not a.leading


async def test_a_clean_stop_hands_over_at_once(services: Services) -> None:
    a, b = _pair(services)
    await a.step()
    await a.stop()
    await b.step()
    assert b.leading


async def test_gain_and_loss_hooks(services: Services, clock: FakeClock) -> None:
    events: list[str] = []

    async def gained() -> None:
        events.append("gain")

    async def lost() -> None:
        events.append("lose")

    a = Leadership(
        services.sessions, services.clock, lease=LEASE, holder="a", on_gain=gained, on_lose=lost
    )
    b = Leadership(services.sessions, services.clock, lease=LEASE, holder="b")
    await a.step()
    clock.advance(seconds=31)
    await b.step()
    await a.step()
    assert events == ["gain", "lose"]


async def test_a_holder_cut_off_from_the_database_steps_down_before_its_lease_ends(
    services: Services, clock: FakeClock
) -> None:
    """asyncpg raises a plain `ConnectionRefusedError` (no SQLAlchemy error) when the server
    is gone: the round failed with a traceback and the holder went on leading."""
    a, _b = _pair(services)
    await a.step()

    async def refused() -> bool:
        raise ConnectionRefusedError(111, "Connect call failed ('127.0.0.1', 5432)")

    a.try_hold = refused  # type: ignore[method-assign]
    clock.advance(seconds=10)
    await a.step()  # well inside the lease: still certainly ours
    assert a.leading
    clock.advance(seconds=11)
    await a.step()
    assert not a.leading


async def test_a_start_that_failed_is_tried_again_next_round(
    services: Services, clock: FakeClock
) -> None:
    """The job store locked for a moment failed the start: the holder had gone on leading
    with no jobs running, here or anywhere, until a restart."""
    starts: list[str] = []

    async def gained() -> None:
        starts.append("start")
        if len(starts) == 1:
            raise RuntimeError("database is locked")

    a = Leadership(services.sessions, services.clock, lease=LEASE, holder="a", on_gain=gained)
    with pytest.raises(RuntimeError):  # `run` logs it and goes on to the next round
        await a.step()
    assert not a.leading
    clock.advance(seconds=5)
    await a.step()
    assert a.leading and starts == ["start", "start"]
