"""Development keys: made once, and said once."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.config import SecuritySettings
from bot.keys import load_keys


def test_development_keys_are_warned_about_once_per_process(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    # `jingmin serve` loads the keys for its start-up checks, then for the application:
    # the warning had been logged twice at every start.
    security = SecuritySettings(dev_key_file=str(tmp_path / "dev-keys.toml"))
    with caplog.at_level(logging.WARNING, logger="bot.keys"):
        first = load_keys(security)
        second = load_keys(security)
    assert first[0].keys == second[0].keys  # the same keys, made once
    warnings = [r for r in caplog.records if "no [security] keys" in r.getMessage()]
    assert len(warnings) == 1
