"""The app with the WeCom app channel on, the fake WeCom API behind it, and WeCom's side of
callbacks (`wecom`): genuine encrypted callbacks from member "owner" to app 1000002."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from bot.app import CHANNELS, SERVICES
from bot.config import Settings
from tests.conftest import make_settings
from tests.fakes.wechat_api import FakeWeixinApi
from tests.fakes.wechat_server import AES_KEY, TOKEN, WecomServer, wecom_crypto
from tests.support.clock import FakeClock
from tests.support.seed import Seeded, seed_station

ROUTE = "/wecom/callback"
AGENT_ID = 1000002


@pytest.fixture
async def fake_api() -> AsyncIterator[FakeWeixinApi]:
    api = FakeWeixinApi()
    await api.start()
    yield api
    await api.close()


@pytest.fixture
def wecom_section(fake_api: FakeWeixinApi) -> dict[str, Any]:
    return {
        "corp_id": fake_api.corp_id,
        "agent_id": AGENT_ID,
        "secret": fake_api.corp_secret,
        "token": TOKEN,
        "encoding_aes_key": AES_KEY,
        "api_base": fake_api.url,
    }


#: The passive-reply budget of modules that do not set `reply_seconds`: all the time a loaded
#: machine needs. Their tests read what the handlers answer in the callback's HTTP answer;
#: with the 4 seconds of production, a handler slowed by a busy CI machine answered through
#: the API instead, and the test read an empty passive reply. The deadline itself is tested
#: in `wechat_mp/test_deadline.py`, with a budget of its own.
PATIENT_REPLY_SECONDS = 120.0


@pytest.fixture
def settings(db_url: str, tmp_path: Path, wecom_section: dict[str, Any]) -> Settings:
    settings = make_settings(db_url, tmp_path, wecom=wecom_section)
    if "reply_seconds" in wecom_section:
        return settings
    # Past the setting's bound of 4.5 seconds (a platform retries after 5): a test-only value,
    # so set without validation.
    channel = settings.wecom.model_copy(update={"reply_seconds": PATIENT_REPLY_SECONDS})
    return settings.model_copy(update={"wecom": channel})


@pytest.fixture
async def client(app: web.Application, aiohttp_client: Any) -> TestClient[Any, Any]:
    client: TestClient[Any, Any] = await aiohttp_client(app)
    return client


@pytest.fixture
async def seeded_wecom(app: web.Application) -> Seeded:
    """The test station, its officer and owners as members of the corp."""
    return await seed_station(app[SERVICES], channel="wecom")


@pytest.fixture
def wecom(client: TestClient[Any, Any], clock: FakeClock, fake_api: FakeWeixinApi) -> WecomServer:
    crypto = wecom_crypto(fake_api.corp_id)
    return WecomServer(client, clock, ROUTE, crypto, receiver=fake_api.corp_id, agent_id=AGENT_ID)


@pytest.fixture
def channel(app: web.Application, client: TestClient[Any, Any]) -> Any:
    """The channel of the running app (started by `client`)."""
    return app[CHANNELS]["wecom"]
