"""The app with group robots on, posting to the fake WeCom API."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from bot.app import CHANNELS
from bot.config import Settings
from tests.conftest import make_settings
from tests.fakes.wechat_api import FakeWeixinApi

KEY = "693a91f6-7xxx-4bc4-97a0-0ec2sifa5aaa"


@pytest.fixture
async def fake_api() -> AsyncIterator[FakeWeixinApi]:
    api = FakeWeixinApi()
    await api.start()
    yield api
    await api.close()


@pytest.fixture
def robot_section(fake_api: FakeWeixinApi) -> dict[str, Any]:
    return {"enabled": True, "api_base": fake_api.url}


@pytest.fixture
def settings(db_url: str, tmp_path: Path, robot_section: dict[str, Any]) -> Settings:
    server = {"public_url": "https://station.example"}
    return make_settings(db_url, tmp_path, wecom_robot=robot_section, server=server)


@pytest.fixture
async def channel(app: web.Application, aiohttp_client: Any) -> Any:
    """The channel of the running app."""
    client: TestClient[Any, Any] = await aiohttp_client(app)
    assert client.app is app
    return app[CHANNELS]["wecom_robot"]
