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
    ],
)
def test_bad_values_name_their_key(tmp_path: Path, toml: str, named: str) -> None:
    with pytest.raises(ConfigError) as error:
        load(tmp_path, toml)
    assert named in str(error.value) and "\n" not in str(error.value)
