"""`[scheduler]` settings: a delivery lease too short to keep sends inside it is refused."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from scheduler.settings import SchedulerSettings


def test_a_delivery_lease_too_short_for_a_send_and_its_outcome_is_refused() -> None:
    with pytest.raises(ValidationError) as refused:
        SchedulerSettings(delivery_lease_seconds=2)
    assert "scheduler.delivery_lease_seconds must be at least 10 (got 2)" in str(refused.value)


def test_the_lease_must_also_be_twice_the_poll() -> None:
    with pytest.raises(ValidationError) as refused:
        SchedulerSettings(delivery_lease_seconds=15, delivery_poll_seconds=10)
    assert "must be at least 20 (got 15)" in str(refused.value)


def test_the_shortest_safe_lease_is_accepted() -> None:
    assert SchedulerSettings(delivery_lease_seconds=10).delivery_lease_seconds == 10
