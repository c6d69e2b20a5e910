"""A live server running the demo station, and a headless Chromium, for the web chat tests.

The browser is started once per session; pytest-asyncio runs the page tests, these fixtures
and the server on the session's event loop, since Playwright's objects belong to the loop
that made them. Tests that use them mark themselves `asyncio(loop_scope="session")`.
"""

from __future__ import annotations

import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
import pytest_asyncio
from aiohttp import web

from bot.app import CHANNELS, DELIVERY, SERVICES, create_app
from handlers.services.demo import seed_demo
from tests.conftest import make_settings, reset_schema

if TYPE_CHECKING:
    from playwright.async_api import Browser, BrowserContext, ConsoleMessage, Page, ViewportSize

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
#: No sandbox (tests may run as root in a container); nothing that reaches the internet.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE: ViewportSize = {"width": 360, "height": 640}
DESKTOP: ViewportSize = {"width": 1280, "height": 800}


@dataclass
class LiveServer:
    """The real application on 127.0.0.1, with outbox delivery running (pushed alerts reach
    the web inbox) but no scheduled jobs."""

    url: str
    app: web.Application
    runner: web.AppRunner
    stopped: bool = False

    async def push(self, sender: str, *replies: object) -> None:
        """Put messages in a web user's inbox, as an outbox delivery would."""
        await self.app[CHANNELS]["web"].send(sender, list(replies))  # type: ignore[arg-type]

    async def stop(self) -> None:
        """Take the server down (a test of what the page does when it is unreachable)."""
        if not self.stopped:
            self.stopped = True
            await self.app[DELIVERY].stop()
            await self.runner.cleanup()


@pytest_asyncio.fixture(loop_scope="session")
async def live_server(tmp_path: Path) -> AsyncIterator[LiveServer]:
    url = f"sqlite+aiosqlite:///{tmp_path / 'live.db'}"
    settings = make_settings(url, tmp_path, server={"demo_roles": True})
    await reset_schema(url)
    app = create_app(settings, run_background=False)
    async with app[SERVICES].sessions() as session:
        await seed_demo(session, app[SERVICES])
    runner = web.AppRunner(app, handle_signals=False, shutdown_timeout=1)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)  # port 0: the system picks a free one
    await site.start()
    port = runner.addresses[0][1]
    await app[DELIVERY].start()
    server = LiveServer(f"http://127.0.0.1:{port}", app, runner)
    yield server
    await server.stop()


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def browser() -> AsyncIterator[Browser]:
    if CHROMIUM is None:
        pytest.skip("browser tests need a Chromium executable: apt-get install chromium")
    async_api = pytest.importorskip("playwright.async_api")
    async with async_api.async_playwright() as playwright:
        chromium = await playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        await chromium.close()


PageFactory = Callable[..., Awaitable["Page"]]


@pytest_asyncio.fixture(loop_scope="session")
async def open_page(browser: Browser, live_server: LiveServer) -> AsyncIterator[PageFactory]:
    """Open pages on the live server, each in a fresh browser context (its own storage):
    phone-sized unless told otherwise; other keywords go to `Browser.new_context`.

    Fails the test's teardown if a page's script threw or the page broke its own security
    policy."""
    contexts: list[BrowserContext] = []
    errors: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            errors.append(f"console: {message.text}")

    async def open_one(viewport: ViewportSize = PHONE, **options: Any) -> Page:
        mobile = viewport["width"] < 700
        context = await browser.new_context(
            base_url=live_server.url,
            viewport=viewport,
            is_mobile=mobile,
            has_touch=mobile,
            device_scale_factor=2 if mobile else 1,
            locale="zh-CN",
            timezone_id="Asia/Shanghai",
            **options,
        )
        context.set_default_timeout(8000)
        contexts.append(context)
        page = await context.new_page()
        page.on("pageerror", lambda exc: errors.append(f"uncaught: {exc}"))
        page.on("console", on_console)
        return page

    yield open_one
    for context in contexts:
        await context.close()
    assert not errors, errors


@pytest_asyncio.fixture(loop_scope="session")
async def page(open_page: PageFactory) -> Page:
    """A fresh phone-sized page on the live server (360×640)."""
    return await open_page()
