"""What `jingmin serve` and `jingmin channels` tell IT staff about each messenger's wiring:
the address each console needs, and the platforms' verdict on our credentials, with their
error codes explained (against the fake WeChat, WeCom and Telegram APIs)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from pytest_aiohttp import AiohttpServer

from bot.channels.base import Channel
from bot.channels.telegram.channel import TelegramChannel
from bot.channels.weixin.build import weixin_channels
from bot.cli.wiring import Finding, addresses, probe, report
from bot.config import Settings
from bot.context import Services
from bot.media import MediaStore
from handlers.services.groups import add_robot_group
from tests.bot.channels.telegram.support import SECRET, TOKEN
from tests.conftest import make_settings
from tests.fakes.telegram_api import FakeTelegram
from tests.fakes.wechat_api import FakeWeixinApi
from tests.fakes.wechat_server import AES_KEY
from tests.fakes.wechat_server import TOKEN as CALLBACK_TOKEN

PUBLIC = "https://jingmin.example.cn"
ROBOT_KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"


@pytest.fixture(autouse=True)
def _ptb_timedelta(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "true")


@pytest.fixture
async def weixin_api() -> AsyncIterator[FakeWeixinApi]:
    api = FakeWeixinApi()
    await api.start()
    yield api
    await api.close()


@pytest.fixture
async def telegram_api(aiohttp_server: AiohttpServer) -> FakeTelegram:
    fake = FakeTelegram(TOKEN)
    server = await aiohttp_server(fake.app)
    fake.base, fake.server = str(server.make_url("")).rstrip("/"), server
    fake.webhook_url = f"{PUBLIC}/telegram/webhook"
    return fake


def sections(weixin: FakeWeixinApi, telegram: FakeTelegram) -> dict[str, dict[str, Any]]:
    return {
        "server": {"public_url": PUBLIC},
        "wechat_mp": {
            "token": CALLBACK_TOKEN,
            "encoding_aes_key": AES_KEY,
            "app_id": weixin.app_id,
            "app_secret": weixin.app_secret,
            "api_base": weixin.url,
        },
        "wecom": {
            "corp_id": weixin.corp_id,
            "agent_id": weixin.agent_id,
            "secret": weixin.corp_secret,
            "token": CALLBACK_TOKEN,
            "encoding_aes_key": AES_KEY,
            "api_base": weixin.url,
        },
        "wecom_robot": {"enabled": True, "api_base": weixin.url},
        "telegram": {"bot_token": TOKEN, "webhook_secret": SECRET, "api_base": telegram.api_base},
    }


@pytest.fixture
def settings(
    db_url: str, tmp_path: Path, weixin_api: FakeWeixinApi, telegram_api: FakeTelegram
) -> Settings:
    return make_settings(db_url, tmp_path, **sections(weixin_api, telegram_api))


async def check(services: Services, tmp_path: Path) -> dict[str, list[Finding]]:
    """Start the configured channels as `jingmin channels` does, probe, stop."""
    media = MediaStore(tmp_path / "media")
    channels: dict[str, Channel] = dict(weixin_channels(services, media))
    channels["telegram"] = TelegramChannel(
        services.settings.telegram,
        services.sessions,
        media,
        services.clock,
        index=services.blind_index,
    )
    for channel in channels.values():
        await channel.start()
    try:
        found = await probe(channels, services.settings, services.sessions)
    finally:
        for channel in channels.values():
            await channel.stop()
    by_channel: dict[str, list[Finding]] = {}
    for finding in found:
        by_channel.setdefault(finding.channel, []).append(finding)
    return by_channel


def fixes(found: dict[str, list[Finding]], channel: str) -> list[str]:
    return [finding.text for finding in found.get(channel, []) if not finding.ok]


async def test_everything_wired(services: Services, tmp_path: Path) -> None:
    found = await check(services, tmp_path)
    assert fixes(found, "wechat_mp") == [] and fixes(found, "wecom") == []
    assert fixes(found, "telegram") == []
    assert "access token fetched" in found["wechat_mp"][0].text
    assert "'警民通' (AgentId 1000002)" in found["wecom"][0].text
    assert any("webhook set to" in f.text for f in found["telegram"])
    [robots] = fixes(found, "wecom_robot")
    assert "jingmin group add" in robots
    async with services.sessions() as session:
        await add_robot_group(
            session,
            key=ROBOT_KEY,
            name="旅馆群",
            beat_id=None,
            venue_kind=None,
            now=services.clock(),
        )
        await session.commit()
    [robots_now] = (await check(services, tmp_path))["wecom_robot"]
    assert robots_now.ok and "1 group robot(s) registered" in robots_now.text


@pytest.mark.parametrize(
    ("channel", "path", "errcode", "said"),
    [
        ("wechat_mp", "/cgi-bin/token", 40164, "not on the account's IP白名单"),
        ("wechat_mp", "/cgi-bin/token", 40001, "app_secret is not the account's 开发者密码"),
        ("wecom", "/cgi-bin/gettoken", 60020, "not among the app's 企业可信IP"),
        ("wecom", "/cgi-bin/gettoken", 40001, "[wecom] secret is not the app's Secret"),
        # A WeChat AppID (wx…) given as corp_id; old 企业号 companies' IDs start with wx too.
        ("wecom", "/cgi-bin/gettoken", 40013, "corp_id is not the company's 企业ID: 我的企业"),
        # The Secret of another app of the same company gets a token, but not this app.
        ("wecom", "/cgi-bin/agent/get", 301002, "secret belongs to another app than agent_id"),
    ],
)
async def test_refusals_are_explained(
    services: Services,
    tmp_path: Path,
    weixin_api: FakeWeixinApi,
    channel: str,
    path: str,
    errcode: int,
    said: str,
) -> None:
    weixin_api.fail_next(path, errcode)
    [fix] = fixes(await check(services, tmp_path), channel)
    assert f"errcode {errcode}" in fix and said in fix


async def test_wrong_agent_id(
    services: Services, tmp_path: Path, weixin_api: FakeWeixinApi
) -> None:
    weixin_api.agent_id = 1000009
    [fix] = fixes(await check(services, tmp_path), "wecom")
    assert "agent_id is not this app's AgentId" in fix


async def test_unreachable_platform(
    services: Services, tmp_path: Path, weixin_api: FakeWeixinApi
) -> None:
    base = weixin_api.url
    await weixin_api.close()
    [fix] = fixes(await check(services, tmp_path), "wechat_mp")
    assert "could not be reached from this server" in fix and base in fix


@pytest.mark.parametrize(
    ("url", "error", "said"),
    [
        ("", "", "no webhook is set: run curl"),
        ("https://old.example.cn/tg", "", "the webhook is https://old.example.cn/tg, not"),
        (
            f"{PUBLIC}/telegram/webhook",
            "Wrong response from the webhook: 403 Forbidden",
            "is not [telegram] webhook_secret",
        ),
    ],
)
async def test_telegram_webhook(
    services: Services, tmp_path: Path, telegram_api: FakeTelegram, url: str, error: str, said: str
) -> None:
    telegram_api.webhook_url, telegram_api.webhook_error = url, error
    [fix] = fixes(await check(services, tmp_path), "telegram")
    assert said in fix
    if "run curl" in fix:
        assert f'url="{PUBLIC}/telegram/webhook"' in fix and TOKEN not in fix


def test_addresses_to_enter_on_the_consoles(
    tmp_path: Path, weixin_api: FakeWeixinApi, telegram_api: FakeTelegram
) -> None:
    settings = make_settings("sqlite+aiosqlite://", tmp_path, **sections(weixin_api, telegram_api))
    lines = [str(f) for f in addresses(settings)]
    assert f"wechat_mp: 服务器地址(URL) {PUBLIC}/wechat/mp, 消息加解密方式 安全模式" in lines
    assert f"wecom: 接收消息 URL {PUBLIC}/wecom/callback" in lines
    assert f"telegram: webhook {PUBLIC}/telegram/webhook" in lines
    assert all(f.ok for f in addresses(settings))


@pytest.mark.parametrize(
    ("public_url", "said"),
    [
        # public_url left at its default: the platforms cannot call 127.0.0.1.
        ("http://127.0.0.1:8080", "servers cannot reach: set it to"),
        ("http://jingmin.example.cn", "Telegram calls only HTTPS webhooks"),
    ],
)
def test_public_url_the_platforms_cannot_use(
    tmp_path: Path,
    weixin_api: FakeWeixinApi,
    telegram_api: FakeTelegram,
    public_url: str,
    said: str,
) -> None:
    given = sections(weixin_api, telegram_api)
    given["server"] = {"public_url": public_url}
    settings = make_settings("sqlite+aiosqlite://", tmp_path, **given)
    assert any(said in f.text for f in addresses(settings) if not f.ok)


@pytest.mark.parametrize(
    "public_url",
    ["http://127.0.0.1:8080", "http://localhost:8080", "http://192.168.1.20", "https://[::1]"],
)
def test_a_local_address_is_one_fix_for_each_console_not_an_ok_as_well(
    tmp_path: Path, weixin_api: FakeWeixinApi, telegram_api: FakeTelegram, public_url: str
) -> None:
    given = sections(weixin_api, telegram_api)
    given["server"] = {"public_url": public_url}
    settings = make_settings("sqlite+aiosqlite://", tmp_path, **given)
    found = addresses(settings)
    [mp] = [f for f in found if f.channel == "wechat_mp"]
    assert not mp.ok
    assert str(mp).startswith(f"wechat_mp: 服务器地址(URL) {public_url}/wechat/mp: ")
    assert "WeChat's servers cannot reach: set it to the station's public" in mp.text
    [wecom] = [f for f in found if f.channel == "wecom"]
    assert not wecom.ok and "WeCom's servers cannot reach" in wecom.text
    [telegram] = [f for f in found if f.channel == "telegram"]
    assert not telegram.ok and "Telegram's servers cannot reach" in telegram.text


def test_a_webhook_that_is_not_https_is_one_fix_not_an_ok_as_well(
    tmp_path: Path, weixin_api: FakeWeixinApi, telegram_api: FakeTelegram
) -> None:
    given = sections(weixin_api, telegram_api)
    given["server"] = {"public_url": "http://jingmin.example.cn"}
    settings = make_settings("sqlite+aiosqlite://", tmp_path, **given)
    [said] = [f for f in addresses(settings) if f.channel == "telegram"]
    assert not said.ok
    assert str(said).startswith("telegram: webhook http://jingmin.example.cn/telegram/webhook: ")
    assert "Telegram calls only HTTPS webhooks" in said.text


async def test_unreachable_platforms_are_logged_once_each(
    services: Services,
    tmp_path: Path,
    weixin_api: FakeWeixinApi,
    telegram_api: FakeTelegram,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """As on a station without internet: the wiring report says each failure once; the
    channels (fetching a token, getMe at start) do not say it again."""
    caplog.set_level(logging.INFO)
    await weixin_api.close()
    assert telegram_api.server is not None
    await telegram_api.server.close()
    found = await check(services, tmp_path)
    report([finding for findings in found.values() for finding in findings])
    problems = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert sorted(r.getMessage().partition(":")[0] for r in problems) == [
        "telegram",
        "wechat_mp",
        "wecom",
        "wecom_robot",  # no groups yet
    ]
    assert {r.name for r in problems} == {"jingmin.channels"}
