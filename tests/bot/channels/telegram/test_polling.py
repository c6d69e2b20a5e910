"""Long polling for development: the webhook is deleted, updates take the webhook's path."""

from __future__ import annotations

import asyncio
import socket
from pathlib import Path

import pytest
from aiohttp import web
from click.testing import CliRunner
from pytest_aiohttp import AiohttpClient

from bot.app import CHANNELS, create_app
from bot.channels.telegram.channel import TelegramChannel
from bot.cli.main import cli
from bot.config import Settings
from storage import migrate
from tests.bot.channels.telegram.support import RESIDENT, TOKEN, Updates
from tests.conftest import reset_schema
from tests.fakes.telegram_api import FakeTelegram
from tests.support.clock import FakeClock


async def _until(condition: object, seconds: float = 3.0) -> None:
    async with asyncio.timeout(seconds):
        while not condition():  # type: ignore[operator]
            await asyncio.sleep(0.01)


async def test_polling_deletes_webhook_and_answers_updates(
    settings: Settings,
    clock: FakeClock,
    telegram_api: FakeTelegram,
    aiohttp_client: AiohttpClient,
) -> None:
    await reset_schema(settings.database.url)
    polling = settings.model_copy(
        update={"telegram": settings.telegram.model_copy(update={"polling": True})}
    )
    app = create_app(polling, clock=clock, run_background=False)
    await aiohttp_client(app)
    channel = app[CHANNELS]["telegram"]
    assert isinstance(channel, TelegramChannel)
    updates = Updates(telegram_api.bot_user)
    first = updates.text(RESIDENT, "/help")
    telegram_api.push_update(first)
    await _until(lambda: telegram_api.sent_to(RESIDENT.id))
    methods = [c.method for c in telegram_api.calls]
    assert methods.index("deleteWebhook") < methods.index("getUpdates")
    # The next poll confirms the first update (offset = its id + 1); a second one follows.
    telegram_api.push_update(updates.text(RESIDENT, "/whoami"))
    await _until(lambda: len(telegram_api.sent_to(RESIDENT.id)) == 2)
    offsets = [c.params.get("offset") for c in telegram_api.called("getUpdates")]
    assert str(first["update_id"] + 1) in offsets
    assert "群众" in telegram_api.texts_to(RESIDENT.id)[1]
    await channel.stop()  # the poll in flight is cancelled cleanly


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_serve_flag_needs_a_telegram_token(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "sqlite+aiosqlite:///{tmp_path}/x.db"\n', "utf-8")
    # A free port: serve binds its socket before the (stubbed) app runs, and 8080 may be taken.
    args = ["--config", str(config), "serve", "--port", str(_free_port()), "--telegram-polling"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code != 0 and "[telegram] bot_token" in result.output


def test_serve_flag_turns_polling_on_with_a_warning(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        f'[database]\nurl = "sqlite+aiosqlite:///{tmp_path}/x.db"\n'
        f'[security]\ndev_key_file = "{tmp_path}/keys.toml"\n'
        f'[telegram]\nbot_token = "{TOKEN}"\nwebhook_secret = "s3cret"\n',
        "utf-8",
    )
    migrate.upgrade(f"sqlite+aiosqlite:///{tmp_path}/x.db")
    started: list[Settings] = []

    def create_app(settings: Settings) -> web.Application:
        started.append(settings)
        return web.Application()

    monkeypatch.setattr("bot.cli.serve.create_app", create_app)
    monkeypatch.setattr("bot.cli.serve.web.run_app", lambda *a, **k: None)
    # A free port: serve binds its socket before the (stubbed) app runs, and 8080 may be taken.
    args = ["--config", str(config), "serve", "--port", str(_free_port()), "--telegram-polling"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert started[0].telegram.polling and "deleteWebhook" in result.output
