"""Start and stop: a rejected token stops the server, an unreachable Telegram does not."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.channels.telegram.channel import TelegramChannel
from bot.channels.telegram.settings import TelegramSettings
from bot.config import ConfigError
from bot.media import MediaStore
from storage.crypto import BlindIndex
from storage.db import SessionFactory
from tests.bot.channels.telegram.support import SECRET, TOKEN
from tests.fakes.telegram_api import FakeTelegram
from tests.support.clock import FakeClock
from tests.support.keys import INDEX_KEY


def _channel(api_base: str, token: str, tmp_path: Path) -> TelegramChannel:
    settings = TelegramSettings(bot_token=token, webhook_secret=SECRET, api_base=api_base)
    sessions: SessionFactory = None  # type: ignore[assignment]  # start/stop need no database
    index = BlindIndex.from_config(INDEX_KEY)
    return TelegramChannel(settings, sessions, MediaStore(tmp_path), FakeClock(), index=index)


async def test_rejected_token_stops_start_without_showing_it(
    telegram_api: FakeTelegram, tmp_path: Path
) -> None:
    revoked = "123456789:AAH-revoked-token"
    channel = _channel(telegram_api.api_base, revoked, tmp_path)
    with pytest.raises(ConfigError) as error:
        await channel.start()
    assert "telegram.bot_token" in str(error.value) and revoked not in str(error.value)
    await channel.stop()


async def test_unreachable_telegram_does_not_stop_start(
    telegram_api: FakeTelegram, tmp_path: Path
) -> None:
    assert telegram_api.server is not None
    await telegram_api.server.close()
    channel = _channel(telegram_api.api_base, TOKEN, tmp_path)
    await channel.start()  # logs a warning and carries on
    await channel.stop()
