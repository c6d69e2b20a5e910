"""Shared plumbing for commands: settings from --config, services, friendly failures."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from bot.config import ConfigError, Settings, load_settings
from bot.context import Services
from bot.keys import check_keys, load_keys
from storage import migrate
from storage.db import make_engine, make_session_factory
from storage.phone_index import index_phones
from storage.wanted_sealing import seal_plaintext

T = TypeVar("T")


def settings_from(ctx: click.Context) -> Settings:
    try:
        return load_settings(ctx.obj.get("config") if ctx.obj else None)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None


@asynccontextmanager
async def open_services(settings: Settings) -> AsyncIterator[Services]:
    from bot.app import utc_clock

    # One clear line rather than a traceback per query: unreachable, no schema, or
    # another version's schema; then keys other than the ones the data was written with.
    problem = await migrate.not_ready(settings.database.url)
    if problem is not None:
        raise click.ClickException(problem)
    engine = make_engine(settings.database)
    try:
        cipher, index = load_keys(settings.security)
        sessions = make_session_factory(engine, cipher)
        async with sessions() as session:
            await check_keys(session, cipher, index, _dev_key_file(settings))
            await seal_plaintext(session, cipher)
            await index_phones(session, cipher, index)
        yield Services(settings, sessions, cipher, index, utc_clock)
    finally:
        await engine.dispose()


def _dev_key_file(settings: Settings) -> Path | None:
    """The development key file a station used before it configured keys, if it did."""
    security = settings.security
    if not (security.data_keys or security.index_key):
        return None  # using it now
    return Path(security.dev_key_file)


def run(coro_fn: Callable[..., Awaitable[T]], *args: Any) -> T:
    try:
        return asyncio.run(coro_fn(*args))  # type: ignore[arg-type]
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"cannot reach the database or a file: {exc}") from None
