"""`[wecom]`: a missing value says where on the admin console it is found."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings
from tests.fakes.wechat_server import AES_KEY

COMPLETE = {
    "corp_id": '"ww1234567890abcdef"',
    "agent_id": "1000002",
    "secret": '"app-secret"',
    "token": '"jingminWecom01"',
    "encoding_aes_key": f'"{AES_KEY}"',
}


@pytest.mark.parametrize(
    ("missing", "said", "not_said"),
    [
        # agent_id and secret had read "(WeCom always encrypts)", which is no help in
        # finding them: they are on the app's own page, not in its callback settings.
        ("agent_id", "the app's AgentId, from 应用管理 → the app", "encrypts"),
        ("secret", "the app's Secret, from 应用管理 → the app", "encrypts"),
        (
            "token",
            "the Token from the app's 接收消息 → 设置API接收 (WeCom always encrypts)",
            "应用管理",
        ),
        ("encoding_aes_key", "EncodingAESKey from the app's 接收消息 → 设置API接收", "应用管理"),
    ],
)
def test_a_missing_value_says_where_to_find_it(
    tmp_path: Path, missing: str, said: str, not_said: str
) -> None:
    config = tmp_path / "config.toml"
    lines = [f"{key} = {value}" for key, value in COMPLETE.items() if key != missing]
    config.write_text("[wecom]\n" + "\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_settings(config, environ={})
    message = str(caught.value)
    assert message.startswith(f"config error: wecom: {missing} is required when corp_id is set")
    assert said in message and not_said not in message, message


def test_the_complete_set_turns_wecom_on(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    lines = [f"{key} = {value}" for key, value in COMPLETE.items()]
    config.write_text("[wecom]\n" + "\n".join(lines) + "\n", encoding="utf-8")
    assert load_settings(config, environ={}).wecom.enabled
