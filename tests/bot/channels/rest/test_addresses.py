"""A reverse proxy the configuration does not name is noticed and named in the log, once:
behind it every web chat user shared the proxy's address and its limits, and nothing said so.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from bot.app import create_app
from bot.config import Settings
from tests.support.web_chat import web_auth

Client = TestClient[web.Request, web.Application]
ClientFactory = Callable[[web.Application], Awaitable[Client]]

WEBHOOK = "/webhooks/rest/webhook"
PROXIED = {"X-Forwarded-For": "203.0.113.7"}


def warnings(caplog: pytest.LogCaptureFixture) -> list[str]:
    return [
        r.getMessage()
        for r in caplog.records
        if r.levelno == logging.WARNING and r.name.startswith("bot.channels.rest")
    ]


async def test_an_unlisted_proxy_is_named_once_with_the_key_that_fixes_it(
    caplog: pytest.LogCaptureFixture, aiohttp_client: ClientFactory, app: web.Application
) -> None:
    client = await aiohttp_client(app)
    caplog.set_level(logging.WARNING)
    for _ in range(3):
        headers = web_auth(app, "resident") | PROXIED
        response = await client.post(WEBHOOK, json={"message": "帮助"}, headers=headers)
        assert response.status == 200
    [warning] = warnings(caplog)
    assert "[server] trusted_proxies" in warning and "config.toml" in warning
    assert "127.0.0.1" in warning  # the proxy's own address, to copy into the key
    assert "203.0.113.7" not in warning  # not the resident's behind it


async def test_no_warning_without_a_proxy_or_with_it_listed(
    caplog: pytest.LogCaptureFixture,
    aiohttp_client: ClientFactory,
    app: web.Application,
    settings: Settings,
) -> None:
    caplog.set_level(logging.WARNING)
    direct = await aiohttp_client(app)
    await direct.post(WEBHOOK, json={"message": "帮助"}, headers=web_auth(app, "resident"))
    server = settings.server.model_copy(update={"trusted_proxies": ["127.0.0.1"]})
    listed = create_app(settings.model_copy(update={"server": server}), run_background=False)
    proxied = await aiohttp_client(listed)
    headers = web_auth(listed, "resident") | PROXIED
    assert (await proxied.post(WEBHOOK, json={"message": "帮助"}, headers=headers)).status == 200
    assert warnings(caplog) == []
