"""The `[telegram]` section: off by default, a token needs a secret, secrets from the env."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, Settings, load_settings
from tests.bot.channels.telegram.support import TOKEN


def _load(tmp_path: Path, text: str, **env: str) -> Settings:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return load_settings(path, environ=env)


def test_off_without_a_token(tmp_path: Path) -> None:
    settings = _load(tmp_path, "")
    assert not settings.telegram.enabled


def test_token_and_secret_from_the_environment(tmp_path: Path) -> None:
    settings = _load(
        tmp_path,
        '[telegram]\nbot_username = "@jingmin_bot"\n',
        JINGMIN_TELEGRAM__BOT_TOKEN=TOKEN,
        JINGMIN_TELEGRAM__WEBHOOK_SECRET="abc_DEF-123",
    )
    telegram = settings.telegram
    assert telegram.enabled and telegram.bot_id == "123456789"
    assert telegram.bot_username == "jingmin_bot"
    assert telegram.file_base == "https://api.telegram.org/file/bot"


@pytest.mark.parametrize(
    ("text", "named"),
    [
        (f'bot_token = "{TOKEN}"', "telegram.webhook_secret: required when bot_token is set"),
        (f'bot_token = "{TOKEN}"\nwebhook_secret = "has space"', "telegram.webhook_secret"),
        ('bot_token = "not-a-token"', "telegram.bot_token"),
        ('route = "telegram"', "telegram.route"),
        ('api_base = "api.telegram.org"', "telegram.api_base"),
        ("polls = true", "unknown key 'telegram.polls'"),
        # Pasted from an API URL, with a space inside, a secret made with base64, and a
        # secret or polling whose token went missing (a misspelt environment variable).
        (f'bot_token = "bot{TOKEN}"', "telegram.bot_token: starts with 'bot'"),
        ('bot_token = "123456789:AAE abc"', "telegram.bot_token: contains ' '"),
        ('bot_token = "123456789AAEabc"', "telegram.bot_token: has no ':'"),
        (f'bot_token = "{TOKEN}"\nwebhook_secret = "ab+c/d=="', "webhook_secret: contains '\\+'"),
        ('webhook_secret = "abc"', "telegram: bot_token is required with webhook_secret"),
        ("polling = true", "telegram: bot_token is required with polling"),
    ],
)
def test_bad_values_name_the_key(tmp_path: Path, text: str, named: str) -> None:
    with pytest.raises(ConfigError, match=named.replace(".", r"\.")):
        _load(tmp_path, f"[telegram]\n{text}\n")


def test_file_base_follows_a_proxy(tmp_path: Path) -> None:
    settings = _load(tmp_path, '[telegram]\napi_base = "https://tg.example.cn/tgapi/bot/"\n')
    assert settings.telegram.file_base == "https://tg.example.cn/tgapi/file/bot"


def test_deep_link_for_invite_codes(tmp_path: Path) -> None:
    settings = _load(tmp_path, '[telegram]\nbot_username = "jingmin_bot"\n')
    assert settings.telegram.deep_link("ABCD-EFGH") == "https://t.me/jingmin_bot?start=ABCD-EFGH"
    assert settings.telegram.deep_link("有空格 的") is None
    assert _load(tmp_path, "").telegram.deep_link("ABCD-EFGH") is None
