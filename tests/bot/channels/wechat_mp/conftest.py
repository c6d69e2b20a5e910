"""The app with the official-account channel on, the fake WeChat API behind it, and the WeChat
server's side of callbacks (`mp`), in safe mode unless a module overrides `mp_section`."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from bot.app import SERVICES
from bot.config import Settings
from tests.conftest import make_settings
from tests.fakes.wechat_api import FakeWeixinApi
from tests.fakes.wechat_server import AES_KEY, TOKEN, MpServer, mp_crypto
from tests.support.clock import FakeClock
from tests.support.seed import Seeded, seed_station

ROUTE = "/wechat/mp"
ACCOUNT = "gh_station"


@pytest.fixture
async def fake_api() -> AsyncIterator[FakeWeixinApi]:
    api = FakeWeixinApi()
    await api.start()
    yield api
    await api.close()


@pytest.fixture
def mp_section(fake_api: FakeWeixinApi) -> dict[str, Any]:
    return {
        "token": TOKEN,
        "encoding_aes_key": AES_KEY,
        "app_id": fake_api.app_id,
        "app_secret": fake_api.app_secret,
        "api_base": fake_api.url,
    }


#: The passive-reply budget of modules that do not set `reply_seconds`: all the time a loaded
#: machine needs. Their tests read what the handlers answer in the callback's HTTP answer;
#: with the 4 seconds of production, a handler slowed by a busy CI machine answered through
#: the API instead, and the test read an empty passive reply. The deadline itself is tested
#: in `wechat_mp/test_deadline.py`, with a budget of its own.
PATIENT_REPLY_SECONDS = 120.0


@pytest.fixture
def settings(db_url: str, tmp_path: Path, mp_section: dict[str, Any]) -> Settings:
    settings = make_settings(db_url, tmp_path, wechat_mp=mp_section)
    if "reply_seconds" in mp_section:
        return settings
    # Past the setting's bound of 4.5 seconds (a platform retries after 5): a test-only value,
    # so set without validation.
    channel = settings.wechat_mp.model_copy(update={"reply_seconds": PATIENT_REPLY_SECONDS})
    return settings.model_copy(update={"wechat_mp": channel})


@pytest.fixture
async def client(app: web.Application, aiohttp_client: Any) -> TestClient[Any, Any]:
    client: TestClient[Any, Any] = await aiohttp_client(app)
    return client


@pytest.fixture
async def seeded_mp(app: web.Application) -> Seeded:
    """The test station, its officer and owners following the official account."""
    return await seed_station(app[SERVICES], channel="wechat_mp")


@pytest.fixture
def mp(client: TestClient[Any, Any], clock: FakeClock, mp_section: dict[str, Any]) -> MpServer:
    crypto = mp_crypto(mp_section["app_id"]) if mp_section.get("encoding_aes_key") else None
    return MpServer(client, clock, ROUTE, crypto, receiver=ACCOUNT)
