"""The server builds each messenger its configuration turns on, deciding which only once."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import pytest

import bot.channels.enabled
from bot.app import CHANNELS, SERVICES, create_app
from tests.bot.channels.telegram.support import SECRET, TOKEN
from tests.conftest import make_settings
from tests.fakes.wechat_server import AES_KEY
from tests.fakes.wechat_server import TOKEN as CALLBACK_TOKEN

#: Nothing listens here: building a channel calls no platform.
NOWHERE = "http://127.0.0.1:9"


def test_each_configured_channel_is_built_after_one_decision(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`enabled_channels` had been asked three times at start: for Telegram, for the WeChat
    family, and again for what the channels tell handlers of themselves."""
    settings = make_settings(
        f"sqlite+aiosqlite:///{tmp_path / 'test.db'}",
        tmp_path,
        server={"public_url": "https://jingmin.example.cn"},
        wechat_mp={
            "token": CALLBACK_TOKEN,
            "encoding_aes_key": AES_KEY,
            "app_id": "wx1234567890abcdef",
            "app_secret": "0123456789abcdef0123456789abcdef",
            "api_base": NOWHERE,
        },
        wecom={
            "corp_id": "ww1234567890abcdef",
            "agent_id": 1000002,
            "secret": "fake-secret",
            "token": CALLBACK_TOKEN,
            "encoding_aes_key": AES_KEY,
            "api_base": NOWHERE,
        },
        wecom_robot={"enabled": True, "api_base": NOWHERE},
        telegram={"bot_token": TOKEN, "webhook_secret": SECRET, "api_base": f"{NOWHERE}/bot"},
    )
    asked: list[tuple[str, ...]] = []
    decide = bot.channels.enabled.enabled_channels

    def counted(*args: object) -> tuple[str, ...]:
        asked.append(decide(*args))  # type: ignore[arg-type]
        return asked[-1]

    # Wherever it was imported by name.
    for module in list(sys.modules.values()):
        found: Callable[..., object] | None = getattr(module, "enabled_channels", None)
        if found is decide:
            monkeypatch.setattr(module, "enabled_channels", counted)

    app = create_app(settings, run_background=False)

    names = ("web", "telegram", "wechat_mp", "wecom", "wecom_robot")
    assert asked == [names]
    assert tuple(app[CHANNELS]) == ("web", "telegram", "wechat_mp", "wecom", "wecom_robot")
    facts = app[SERVICES].channels
    assert sorted(facts) == sorted(names) and facts["telegram"].label == "Telegram"
