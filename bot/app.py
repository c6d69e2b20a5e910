"""The aiohttp application: typed app keys, paired setup/teardown, health and metrics.

Resources are created in one `cleanup_ctx` generator each, so what is opened is closed in
reverse order on shutdown, after in-flight requests have finished.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime
from pathlib import Path

from aiohttp import web
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from bot.assembly import build_dispatcher
from bot.channels.base import Channel
from bot.channels.rest import RestChannel
from bot.config import Settings
from bot.context import Services
from bot.dispatch import Dispatcher
from bot.keys import load_keys
from bot.media import MediaStore
from handlers.services.demo import DEMO_ROLES
from scheduler.delivery import DeliveryWorker
from scheduler.runner import jobs_for, start_scheduler
from storage.db import is_sqlite, make_engine, make_session_factory

log = logging.getLogger(__name__)

SETTINGS = web.AppKey("settings", Settings)
ENGINE = web.AppKey("engine", AsyncEngine)
SERVICES = web.AppKey("services", Services)
DISPATCHER = web.AppKey("dispatcher", Dispatcher)
MEDIA = web.AppKey("media", MediaStore)
CHANNELS = web.AppKey("channels", dict[str, Channel])
DELIVERY = web.AppKey("delivery", DeliveryWorker)


def utc_clock() -> datetime:
    return datetime.now(UTC)


def create_app(
    settings: Settings,
    *,
    clock: Callable[[], datetime] = utc_clock,
    run_background: bool = True,
) -> web.Application:
    app = web.Application(client_max_size=settings.server.max_body_bytes)
    app[SETTINGS] = settings
    app[MEDIA] = MediaStore(Path(settings.storage.media_dir))
    engine = make_engine(settings.database)
    app[ENGINE] = engine
    cipher, blind_index = load_keys(settings.security)
    services = Services(settings, make_session_factory(engine), cipher, blind_index, clock)
    app[SERVICES] = services
    dispatcher = build_dispatcher(services)
    app[DISPATCHER] = dispatcher
    demo_roles = DEMO_ROLES if settings.server.demo_roles else None
    channels: dict[str, Channel] = {"web": RestChannel(services.sessions, demo_roles=demo_roles)}
    app[CHANNELS] = channels
    for channel in channels.values():
        channel.register_routes(app, dispatcher.dispatch)
    app[DELIVERY] = DeliveryWorker(
        services.sessions, channels, clock, skip_locked=not is_sqlite(settings.database.url)
    )
    dispatcher.on_queued = app[DELIVERY].wake
    app.router.add_get("/healthz", _healthz)
    app.router.add_get("/metrics", _metrics)
    app.router.add_get("/media/{sha256}", app[MEDIA].handle)
    app.cleanup_ctx.append(_database)
    app.cleanup_ctx.append(_channels)
    if run_background:
        app.cleanup_ctx.append(_delivery)
        app.cleanup_ctx.append(_scheduler)
    return app


async def _database(app: web.Application) -> AsyncIterator[None]:
    yield
    await app[ENGINE].dispose()


async def _channels(app: web.Application) -> AsyncIterator[None]:
    for channel in app[CHANNELS].values():
        await channel.start()
    yield
    for channel in reversed(list(app[CHANNELS].values())):
        await channel.stop()


async def _delivery(app: web.Application) -> AsyncIterator[None]:
    await app[DELIVERY].start()
    yield
    await app[DELIVERY].stop()


async def _scheduler(app: web.Application) -> AsyncIterator[None]:
    scheduler = start_scheduler(jobs_for(app[SERVICES], app[DISPATCHER]))
    yield
    scheduler.shutdown(wait=False)


async def _healthz(request: web.Request) -> web.Response:
    try:
        async with request.app[ENGINE].connect() as conn:
            await conn.execute(text("SELECT 1"))
    except Exception as exc:
        log.warning("health check: database unreachable: %s", type(exc).__name__)
        return web.json_response({"status": "error", "database": "unreachable"}, status=503)
    return web.json_response({"status": "ok", "database": "ok"})


async def _metrics(_request: web.Request) -> web.Response:
    return web.Response(body=generate_latest(), headers={"Content-Type": CONTENT_TYPE_LATEST})
