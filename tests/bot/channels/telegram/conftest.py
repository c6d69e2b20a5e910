"""The application with the Telegram channel configured against a fake Bot API server."""

from __future__ import annotations

from pathlib import Path

import pytest
from aiohttp import web
from pytest_aiohttp import AiohttpClient, AiohttpServer

from bot.app import CHANNELS, SERVICES
from bot.channels.telegram.channel import TelegramChannel
from bot.config import Settings
from storage.models import Account
from tests.bot.channels.telegram.support import (
    OFFICER,
    OWNER,
    SECRET,
    TOKEN,
    Conversation,
    Telegram,
    Updates,
)
from tests.conftest import make_settings
from tests.fakes.telegram_api import FakeTelegram
from tests.support.seed import Seeded


@pytest.fixture(autouse=True)
def _ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    """PTB's coming default (durations as timedelta), and none of its deprecation warnings."""
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture
async def telegram_api(aiohttp_server: AiohttpServer) -> FakeTelegram:
    fake = FakeTelegram(TOKEN)
    server = await aiohttp_server(fake.app)
    fake.base, fake.server = str(server.make_url("")).rstrip("/"), server
    return fake


@pytest.fixture
def settings(db_url: str, tmp_path: Path, telegram_api: FakeTelegram) -> Settings:
    """The suite's settings plus a `[telegram]` section pointing at the fake server."""
    telegram: dict[str, object] = {
        "bot_token": TOKEN,
        "webhook_secret": SECRET,
        "api_base": telegram_api.api_base,
    }
    return make_settings(db_url, tmp_path, telegram=telegram)


@pytest.fixture
async def tg(
    app: web.Application, aiohttp_client: AiohttpClient, telegram_api: FakeTelegram
) -> Telegram:
    client = await aiohttp_client(app)  # starts the channel: getMe on the fake server
    channel = app[CHANNELS]["telegram"]
    assert isinstance(channel, TelegramChannel)
    return Telegram(client, telegram_api, channel, Updates(telegram_api.bot_user))


@pytest.fixture
async def tg_seeded(app: web.Application, app_seeded: Seeded, tg: Telegram) -> Seeded:
    """The seeded station, with the owner and the officer also bound on Telegram."""
    async with app[SERVICES].sessions() as session:
        for person, user in ((app_seeded.owner, OWNER), (app_seeded.officer, OFFICER)):
            assert person.id is not None
            session.add(
                Account(channel="telegram", channel_user_id=str(user.id), person_id=person.id)
            )
        await session.commit()
    return app_seeded


@pytest.fixture
def owner(tg: Telegram, tg_seeded: Seeded) -> Conversation:
    return Conversation(tg, OWNER)
