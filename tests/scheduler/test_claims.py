"""Outbox claims: an outcome is written only by the worker whose claim the row still carries."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator
from datetime import timedelta

import pytest
from prometheus_client import REGISTRY
from sqlalchemy.exc import OperationalError
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from bot.messages import Text
from scheduler.claims import Claims
from storage.db import SessionFactory
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


class LostAcknowledgement:
    """Sessions whose next commit goes through but reports a dropped connection, as when
    the database committed and the link failed before its answer arrived."""

    def __init__(self, sessions: SessionFactory) -> None:
        self._sessions = sessions
        self.armed = False

    @contextlib.asynccontextmanager
    async def __call__(self) -> AsyncIterator[AsyncSession]:
        async with self._sessions() as session:
            if self.armed:
                self.armed = False
                commit = session.commit

                async def committed_then_failed() -> None:
                    await commit()
                    raise OperationalError("COMMIT", {}, ConnectionResetError())

                session.commit = committed_then_failed  # type: ignore[method-assign]
            yield session


async def test_an_outcome_committed_before_a_lost_acknowledgement_is_not_a_lost_claim(
    services: Services, clock: FakeClock, caplog: pytest.LogCaptureFixture
) -> None:
    """The retry after the lost acknowledgement found the row already released and reported
    that another worker had taken it over: a false alarm, counted as a lost claim."""
    await queue(services, "fake", "u1", [Text("你好")], key="m1")
    skip = services.settings.database.url.startswith("postgresql")
    sessions = LostAcknowledgement(services.sessions)
    claims = Claims(sessions, skip_locked=skip, lease=timedelta(seconds=60))  # type: ignore[arg-type]
    [row] = await claims.take("fake", clock.now, 10)
    sessions.armed = True
    lost = _lost()
    with caplog.at_level(logging.INFO, logger="scheduler.claims"):
        assert await claims.finish(row, {"status": OutboxStatus.SENT, "sent_at": clock.now})
    assert _lost() == lost
    assert "another worker" not in caplog.text
    async with services.sessions() as session:
        [stored] = (await session.exec(select(OutboxMessage))).all()
    assert stored.status is OutboxStatus.SENT and stored.claimed_until is None
