"""The aiohttp application: typed app keys, paired setup/teardown, health and metrics.

Resources are created in one `cleanup_ctx` generator each, so what is opened is closed in
reverse order on shutdown, after in-flight requests have finished.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import os
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot import drawing, ops_figures
from bot.assembly import build_dispatcher
from bot.channels.base import Channel
from bot.channels.build import messenger_channels
from bot.channels.enabled import enabled_channels
from bot.channels.rest import RestChannel
from bot.channels.rest.identity import Tokens
from bot.client_address import parse_networks
from bot.config import Settings
from bot.context import ChannelFacts, Services
from bot.dispatch import Dispatcher
from bot.fonts import cjk_font_path
from bot.keys import load_keys
from bot.media import MediaStore
from handlers.broadcast.api import cap_routes
from handlers.help_menu import owner_profile
from handlers.services.demo import DEMO_ROLES
from handlers.wanted.images import DRAWING_MODULES
from knowledge.base import KnowledgeBase
from knowledge.index import MANIFEST
from knowledge.paths import INDEX_ENV
from scheduler.delivery import DeliveryWorker
from scheduler.runner import jobs_for
from scheduler.scheduled import ScheduledJobs
from storage.checkpoint import checkpoint_forever
from storage.db import is_sqlite, make_engine, make_session_factory, sqlite_path

log = logging.getLogger(__name__)

SETTINGS = web.AppKey("settings", Settings)
ENGINE = web.AppKey("engine", AsyncEngine)
SERVICES = web.AppKey("services", Services)
DISPATCHER = web.AppKey("dispatcher", Dispatcher)
MEDIA = web.AppKey("media", MediaStore)
CHANNELS = web.AppKey("channels", dict[str, Channel])
DELIVERY = web.AppKey("delivery", DeliveryWorker)
#: Which of `jingmin serve --workers N`'s processes this is (1 to N; unset when alone): the
#: chores one process does for the whole server (the WAL checkpoint, the wiring check) run
#: in the first only.
WORKER = web.AppKey("worker", int)


def first_worker(app: web.Application) -> bool:
    return app.get(WORKER, 1) == 1


def channel_facts(settings: Settings) -> dict[str, ChannelFacts]:
    """What each channel `settings` turn on says of itself, none started: a command run
    outside the server (`jingmin jobs run` releasing an alert) then reaches a person on the
    account the server would, not on their oldest (an official account outside its window)."""
    return {name: _channel_class(name).facts for name in enabled_channels(settings)}


def _channel_class(name: str) -> type[Channel]:
    # A messenger channel's module is imported only when that channel is on: each loads its
    # SDK (python-telegram-bot, wechatpy), over a second of CPU that `jingmin serve` (which
    # asks this before it starts) spent for nothing on a station serving the web chat.
    if name == "web":
        return RestChannel
    if name == "telegram":
        from bot.channels.telegram.channel import TelegramChannel

        return TelegramChannel
    if name == "wechat_mp":
        from bot.channels.wechat_mp.channel import WechatMpChannel

        return WechatMpChannel
    if name == "wecom":
        from bot.channels.wecom.channel import WecomChannel

        return WecomChannel
    if name == "wecom_robot":
        from bot.channels.wecom_robot.channel import WecomRobotChannel

        return WecomRobotChannel
    raise ValueError(f"no channel is called {name!r}")


def utc_clock() -> datetime:
    return datetime.now(UTC)


def law_index(settings: Settings) -> Path:
    """The statute index: `JINGMIN_LAW_INDEX` if set (as for `knowledge`'s own tools), else
    `[law] index_dir`."""
    return Path(os.environ.get(INDEX_ENV) or settings.law.index_dir)


def load_law(settings: Settings) -> KnowledgeBase | None:
    """The statute knowledge base, or None (with a warning) when it has not been imported."""
    folder = law_index(settings)
    if not (folder / MANIFEST).exists():
        log.warning(
            "no law index at %s: legal questions will not be answered until "
            "`jingmin law import PATH` has been run",
            folder.absolute(),
        )
        return None
    try:
        return KnowledgeBase.load(folder)
    except (OSError, ValueError) as exc:
        log.warning(
            "law index at %s cannot be loaded (%s): run `jingmin law import` again", folder, exc
        )
        return None


def create_app(
    settings: Settings,
    *,
    clock: Callable[[], datetime] = utc_clock,
    run_background: bool = True,
    knowledge: KnowledgeBase | None = None,
    engine: AsyncEngine | None = None,
) -> web.Application:
    """The server. `knowledge` overrides the statute index named by `[law] index_dir`;
    `engine`, one for `settings.database` made by the caller (the app disposes of its
    connections when it stops, and the engine keeps its cache of compiled statements)."""
    app = web.Application(client_max_size=settings.server.max_body_bytes)
    app[SETTINGS] = settings
    # Said at start, not at the first card: a station without a CJK font finds out now.
    cjk_font_path(settings.wanted.font)
    engine = engine or make_engine(settings.database)
    app[ENGINE] = engine
    cipher, blind_index = load_keys(settings.security)
    app[MEDIA] = MediaStore(
        Path(settings.storage.media_dir), signer=blind_index, cipher=cipher, clock=clock
    )
    services = Services(settings, make_session_factory(engine, cipher), cipher, blind_index, clock)
    app[SERVICES] = services
    dispatcher = build_dispatcher(
        services, knowledge if knowledge is not None else load_law(settings)
    )
    app[DISPATCHER] = dispatcher
    demo_roles = DEMO_ROLES if settings.server.demo_roles else None
    channels: dict[str, Channel] = {
        "web": RestChannel(
            services.sessions,
            Tokens(blind_index.exact, clock, legacy_until=settings.server.web_legacy_tokens_until),
            demo_roles=demo_roles,
            media=app[MEDIA],
            trusted_proxies=parse_networks(settings.server.trusted_proxies),
            zone=settings.zone,
            owner_profile=owner_profile,
            clock=clock,
        )
    }
    # Telegram, WeChat official account, WeCom app, WeCom group robots: each on when configured.
    channels.update(messenger_channels(services, app[MEDIA]))
    app[CHANNELS] = channels
    services.channels.update({name: channel.facts for name, channel in channels.items()})
    for channel in channels.values():
        channel.register_routes(app, dispatcher.dispatch)
    app[DELIVERY] = DeliveryWorker(
        services.sessions,
        channels,
        clock,
        skip_locked=not is_sqlite(settings.database.url),
        # Workers of one `serve --workers` on SQLite share Telegram's 30 a second too.
        shared_rates=not is_sqlite(settings.database.url) or settings.server.workers > 1,
        poll_seconds=settings.scheduler.delivery_poll_seconds,
        lease=timedelta(seconds=settings.scheduler.delivery_lease_seconds),
    )
    dispatcher.on_queued = app[DELIVERY].wake
    app.router.add_get("/healthz", _healthz)
    app.router.add_get("/metrics", _metrics)
    app.router.add_get("/media/{sha256}", app[MEDIA].handle)
    app.router.add_routes(cap_routes(services, app[MEDIA]))
    app.cleanup_ctx.append(_database)
    app.cleanup_ctx.append(_channels)
    if sqlite_path(settings.database.url):
        app.cleanup_ctx.append(_wal_checkpoints)
    if run_background:
        app.cleanup_ctx.append(_drawing_process)
        app.cleanup_ctx.append(_delivery)
        if settings.scheduler.enabled:
            app.cleanup_ctx.append(_scheduler)
        # After every cleanup_ctx above has started (on_startup runs them first).
        app.on_startup.append(_freeze_startup_heap)
    return app


async def _freeze_startup_heap(_app: web.Application) -> None:
    """Keep what start-up built out of every later garbage collection.

    Modules, SQLAlchemy mappers, pydantic models, the router and the forms are
    some 200,000 objects that live as long as the process. A full collection walks them all
    (about 130 ms of CPU, with the event loop stopped), and under load one comes every few
    seconds, so each stalled every chat in flight by that much. Frozen, they are skipped and a
    full collection walks only what was made since. Reference counting still frees frozen
    objects; only a cycle among them would be kept, and the collection just before freezing
    clears the ones start-up left.
    """
    gc.collect()
    gc.freeze()


async def _database(app: web.Application) -> AsyncIterator[None]:
    yield
    await app[ENGINE].dispose()


async def _channels(app: web.Application) -> AsyncIterator[None]:
    for channel in app[CHANNELS].values():
        await channel.start()
    yield
    for channel in reversed(list(app[CHANNELS].values())):
        await channel.stop()


async def _drawing_process(_app: web.Application) -> AsyncIterator[None]:
    # In the background: serving need not wait for it, only the first card would.
    task = asyncio.create_task(
        asyncio.to_thread(drawing.preload, *DRAWING_MODULES), name="drawing-process"
    )
    task.add_done_callback(_report_drawing_failure)
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError, Exception):  # reported when it ended
        await task


def _report_drawing_failure(task: asyncio.Task[None]) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error(
            "the drawing process could not start (%s): cards will fail until it can",
            task.exception(),
        )


async def _delivery(app: web.Application) -> AsyncIterator[None]:
    await app[DELIVERY].start()
    yield
    await app[DELIVERY].stop()


async def _scheduler(app: web.Application) -> AsyncIterator[None]:
    # Every replica takes part; only the one holding the scheduler lease runs the jobs.
    jobs = ScheduledJobs(app[SERVICES], jobs_for(app[SERVICES], app[DISPATCHER]))
    await jobs.start()
    yield
    await jobs.stop()


async def _wal_checkpoints(app: web.Application) -> AsyncIterator[None]:
    path = sqlite_path(app[SETTINGS].database.url)
    assert path is not None
    if not first_worker(app):
        # One file, one checkpointer: N of them each woke every second to do the same work.
        yield
        return
    task = asyncio.create_task(checkpoint_forever(path), name="wal-checkpoints")
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def _healthz(request: web.Request) -> web.Response:
    try:
        async with request.app[ENGINE].connect() as conn:
            await conn.execute(text("SELECT 1"))
    except Exception as exc:
        log.warning("health check: database unreachable: %s", type(exc).__name__)
        return web.json_response({"status": "error", "database": "unreachable"}, status=503)
    return web.json_response({"status": "ok", "database": "ok"})


async def _metrics(request: web.Request) -> web.Response:
    await ops_figures.refresh(request.app[ENGINE], request.app[SERVICES].clock())
    ops_figures.serving(request.app.get(WORKER, 1), max(request.app[SETTINGS].server.workers, 1))
    return web.Response(body=generate_latest(), headers={"Content-Type": CONTENT_TYPE_LATEST})
