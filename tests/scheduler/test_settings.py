"""`[scheduler]` settings: a delivery lease too short to keep sends inside it is refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from bot.config import ConfigError, load_settings
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


def _config(tmp_path: Path, toml: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(toml, encoding="utf-8")
    return path


def test_a_lease_shorter_than_twice_a_channels_call_timeout_is_refused(tmp_path: Path) -> None:
    """A robot channel given 20 s calls started with the 10 s floor: its sends were cut at
    5 s, mid-call, and groups read the alert twice."""
    config = _config(
        tmp_path,
        "[wecom_robot]\nenabled = true\napi_timeout = 20\n"
        "[scheduler]\ndelivery_lease_seconds = 30\n",
    )
    with pytest.raises(ConfigError) as refused:
        load_settings(config, environ={})
    message = str(refused.value)
    assert "scheduler.delivery_lease_seconds must be at least twice wecom_robot.api_timeout" in (
        message
    )
    assert "(40, got 30)" in message
    assert "5 s" not in message


def test_a_lease_twice_the_longest_call_is_accepted_and_channels_that_are_off_do_not_count(
    tmp_path: Path,
) -> None:
    config = _config(
        tmp_path,
        "[wecom_robot]\nenabled = true\napi_timeout = 20\n"
        "[wechat_mp]\napi_timeout = 30\n"
        "[scheduler]\ndelivery_lease_seconds = 40\n",
    )
    assert load_settings(config, environ={}).scheduler.delivery_lease_seconds == 40
