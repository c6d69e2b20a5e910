"""The WeChat-family config sections: off unless configured; a bad value names its key."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, Settings, load_settings
from tests.fakes.wechat_server import AES_KEY


def load(tmp_path: Path, toml: str, **environ: str) -> Settings:
    path = tmp_path / "config.toml"
    path.write_text(toml, encoding="utf-8")
    return load_settings(path, environ=environ)


def test_all_off_without_configuration(tmp_path: Path) -> None:
    settings = load(tmp_path, "[wechat_mp]\n[wecom]\n[wecom_robot]\n")
    assert not settings.wechat_mp.enabled
    assert not settings.wecom.enabled
    assert not settings.wecom_robot.enabled


def test_secrets_from_the_environment(tmp_path: Path) -> None:
    settings = load(
        tmp_path,
        '[wechat_mp]\ntoken = "abc123"\napp_id = "wx1"\n',
        JINGMIN_WECHAT_MP__APP_SECRET="from-env",
        JINGMIN_WECHAT_MP__ENCODING_AES_KEY=AES_KEY,
    )
    mp = settings.wechat_mp
    assert mp.enabled and mp.app_secret == "from-env" and mp.encoding_aes_key == AES_KEY


@pytest.mark.parametrize(
    ("toml", "named"),
    [
        ('[wechat_mp]\ntoken = "abc"\napp_id = "wx"\n', "wechat_mp: app_secret is required"),
        ('[wechat_mp]\nencoding_aes_key = "short"\n', "wechat_mp.encoding_aes_key:"),
        ('[wechat_mp]\ntoken = "has space"\n', "wechat_mp.token:"),
        ('[wechat_mp]\nroute = "wechat"\n', "wechat_mp.route:"),
        ('[wecom]\ncorp_id = "ww1"\nagent_id = 1000002\n', "wecom: secret is required"),
        ('[wecom]\nagent_id = "x"\n', "wecom.agent_id:"),
        ('[wecom_robot]\napi_base = "qyapi"\n', "wecom_robot.api_base:"),
        ("[wecom_robot]\nwebhook = 1\n", "unknown key 'wecom_robot.webhook'"),
        # What IT staff really paste: the key one character short or with base64's padding,
        # a key of another format, a token with punctuation, the AppSecret as the token, the
        # 原始ID as the AppID, and secrets whose switch (token, corp_id) went missing.
        (f'[wechat_mp]\nencoding_aes_key = "{AES_KEY[:42]}"\n', "is 42 characters long;"),
        (f'[wechat_mp]\nencoding_aes_key = "{AES_KEY}="\n', "leave out the trailing ="),
        (f'[wechat_mp]\nencoding_aes_key = "{AES_KEY[:42]}-"\n', "contains '-'"),
        ('[wechat_mp]\ntoken = "jingmin_2024"\n', "wechat_mp.token: contains '_'"),
        ('[wechat_mp]\ntoken = "abcdefghijabcdefghijabcdefghijabc"\n', "is 33 characters long"),
        # One character: "is 1 characters long" had read as a mistake of its own.
        ('[wechat_mp]\ntoken = "a"\n', "wechat_mp.token: is 1 character long;"),
        ('[wechat_mp]\nencoding_aes_key = "a"\n', "encoding_aes_key: is 1 character long;"),
        (
            '[wechat_mp]\ntoken = "0123456789abcdef0123456789abcdef"\napp_id = "wx1"\n'
            'app_secret = "0123456789abcdef0123456789abcdef"\n',
            "wechat_mp: token is the AppSecret",
        ),
        ('[wechat_mp]\napp_id = "gh_1234567890ab"\n', "wechat_mp.app_id: is the account's 原始ID"),
        ('[wechat_mp]\napp_id = "1234567890"\n', "wechat_mp.app_id: expected 开发者ID(AppID)"),
        (
            '[wechat_mp]\napp_id = "wx1"\napp_secret = "s"\n',
            "wechat_mp: token is required with app_id, app_secret",
        ),
        ('[wecom]\ncorp_id = "1000002"\n', "wecom.corp_id: is a number (an AgentId?)"),
        (
            f'[wecom]\nagent_id = 1000002\nsecret = "s"\ntoken = "abc"\nencoding_aes_key = "{AES_KEY}"\n',
            "wecom: corp_id is required with agent_id, secret, token, encoding_aes_key",
        ),
        (
            f'[wecom]\ncorp_id = "ww1"\nagent_id = 1\nsecret = "{AES_KEY}"\ntoken = "abc"\n'
            f'encoding_aes_key = "{AES_KEY}"\n',
            "wecom: secret is the same as token or encoding_aes_key",
        ),
        ('[wecom]\ncorp_id = "ww1"\nagent_id = 1\n', "or set JINGMIN_WECOM__SECRET"),
        # The official account's AppID pasted as the 企业ID.
        (
            '[wechat_mp]\ntoken = "abc123"\napp_id = "wx1234567890abcdef"\napp_secret = "s"\n'
            f'[wecom]\ncorp_id = "wx1234567890abcdef"\nagent_id = 1\nsecret = "s"\n'
            f'token = "abc"\nencoding_aes_key = "{AES_KEY}"\n',
            "wecom.corp_id wx1234567890abcdef is [wechat_mp] app_id, the official account's "
            "AppID; corp_id is the 企业ID from 我的企业 → 企业信息 → 企业ID (it starts with ww)",
        ),
    ],
)
def test_bad_values_name_their_key(tmp_path: Path, toml: str, named: str) -> None:
    with pytest.raises(ConfigError) as error:
        load(tmp_path, toml)
    assert named in str(error.value) and "\n" not in str(error.value)


def test_whitespace_around_a_pasted_value_is_dropped(tmp_path: Path) -> None:
    settings = load(
        tmp_path,
        '[wechat_mp]\ntoken = " abc123 "\napp_id = "wx1"\n',
        JINGMIN_WECHAT_MP__APP_SECRET="s\n",
        JINGMIN_WECHAT_MP__ENCODING_AES_KEY=f"{AES_KEY} ",
    )
    mp = settings.wechat_mp
    assert (mp.token, mp.app_secret, mp.encoding_aes_key) == ("abc123", "s", AES_KEY)
