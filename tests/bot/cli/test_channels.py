"""`jingmin channels`: the wiring of each messenger, checked from the command line."""

from __future__ import annotations

from pathlib import Path

from tests.bot.cli.support import demo_config, run
from tests.fakes.wechat_server import AES_KEY

#: Nothing listens there: the platform is as unreachable as api.weixin.qq.com without internet.
UNREACHABLE = "http://127.0.0.1:9"


def test_nothing_configured(tmp_path: Path) -> None:
    code, output = run(demo_config(tmp_path), "channels")
    assert code == 0 and "no messenger is configured" in output


def test_the_official_account_unreachable(tmp_path: Path) -> None:
    config = demo_config(tmp_path)
    with config.open("a", encoding="utf-8") as file:
        file.write(
            '[server]\npublic_url = "https://jingmin.example.cn"\n'
            '[wechat_mp]\ntoken = "jingminStation01"\napp_id = "wx1234567890abcdef"\n'
            f'app_secret = "0123456789abcdef0123456789abcdef"\nencoding_aes_key = "{AES_KEY}"\n'
            f'api_base = "{UNREACHABLE}"\napi_timeout = 2\n'
        )
    code, output = run(config, "channels")
    assert code == 1, output
    lines = output.splitlines()
    assert (
        "ok   wechat_mp: 服务器地址(URL) https://jingmin.example.cn/wechat/mp, "
        "消息加解密方式 安全模式" in lines
    )
    [fix] = [line for line in lines if line.startswith("FIX")]
    assert fix.startswith("FIX  wechat_mp: no access token: errcode -1: network:")
    assert "could not be reached from this server" in fix and "Traceback" not in output
