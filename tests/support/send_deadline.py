"""The outbox worker's total timeout on a send, fired when the test says.

The worker gives each send `scheduler.delivery.SEND_TIMEOUT` seconds and then cancels it,
wherever it is. A test makes a fake platform stall a call, waits until the call is stalled,
and expires the timeout then: the cancellation lands exactly there, with no wall-clock race
between the messages sent before it and the deadline.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable
from types import SimpleNamespace
from typing import Any

import pytest

from scheduler import delivery


class SendDeadline:
    """Install with a test's `monkeypatch`; sends then have no deadline until `expire`.
    For a worker run by hand (`run_once`): a started worker's idle waits would never end."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self._timeouts: list[asyncio.Timeout] = []
        real = asyncio.timeout

        def timeout(_delay: float | None) -> asyncio.Timeout:
            made = real(None)
            self._timeouts.append(made)
            return made

        # The worker's own view of asyncio only: every other library keeps the real one.
        mirror: Any = SimpleNamespace(**{**vars(asyncio), "timeout": timeout})
        monkeypatch.setattr(delivery, "asyncio", mirror)

    def expire(self) -> None:
        """The total timeout of every send under way fires now."""
        now = asyncio.get_running_loop().time()
        for timeout in self._timeouts:
            with contextlib.suppress(RuntimeError):  # that send has ended already
                timeout.reschedule(now)

    async def when_stalled(self, stalled: asyncio.Event, work: Awaitable[Any]) -> Any:
        """Run `work` (the worker's `run_once`), expire the deadline once `stalled` is set,
        and return what `work` returned."""
        task = asyncio.ensure_future(work)
        async with asyncio.timeout(10):  # a guard against hanging, not a speed test
            await stalled.wait()
            self.expire()
            return await task
