"""Outbox claims: an outcome is written only by the worker whose claim the row still carries."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from prometheus_client import REGISTRY
from sqlmodel import select

from bot.context import Services
from bot.messages import Text
from scheduler.claims import Claims
from storage.models import OutboxMessage, OutboxStatus
from tests.support.clock import FakeClock
from tests.support.outbox import queue


def _lost() -> float:
    return REGISTRY.get_sample_value("jingmin_outbox_claims_lost_total", {"channel": "fake"}) or 0.0


async def test_a_worker_whose_lease_ran_out_does_not_overwrite_the_next_holders_outcome(
    services: Services, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    """A worker that got no answer within its lease wrote "failed" over the row another
    worker had claimed and sent since: an alert the group had read was shown as failed."""
    await queue(services, "fake", "13800138000", [Text("今晚注意防盗")], key="m1")
    skip = services.settings.database.url.startswith("postgresql")
    first, second = (
        Claims(services.sessions, skip_locked=skip, lease=timedelta(seconds=60)) for _ in range(2)
    )
    [late] = await first.take("fake", clock.now, 10)
    clock.advance(seconds=61)  # no answer from the platform within the lease
    [row] = await second.take("fake", clock.now, 10)
    assert await second.finish(row, {"status": OutboxStatus.SENT, "sent_at": clock.now})
    lost = _lost()
    with caplog.at_level(logging.INFO, logger="scheduler.claims"):
        written = await first.finish(
            late, {"status": OutboxStatus.FAILED, "last_error": "TimeoutError"}
        )
    assert not written
    async with services.sessions() as session:
        [stored] = (await session.exec(select(OutboxMessage))).all()
    assert stored.status is OutboxStatus.SENT and stored.last_error == ""
    assert _lost() == lost + 1
    assert "another worker" in caplog.text
    assert "13800138000" not in caplog.text and "防盗" not in caplog.text


async def test_a_worker_still_holding_its_claim_writes_its_outcome(
    services: Services, clock: FakeClock
) -> None:
    await queue(services, "fake", "u1", [Text("你好")], key="m1")
    skip = services.settings.database.url.startswith("postgresql")
    claims = Claims(services.sessions, skip_locked=skip, lease=timedelta(seconds=60))
    [row] = await claims.take("fake", clock.now, 10)
    clock.advance(seconds=59)
    assert await claims.finish(row, {"status": OutboxStatus.SENT, "sent_at": clock.now})
    async with services.sessions() as session:
        [stored] = (await session.exec(select(OutboxMessage))).all()
    assert stored.status is OutboxStatus.SENT and stored.claimed_until is None
