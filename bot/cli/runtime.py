"""Shared plumbing for commands: settings from --config, services, friendly failures."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import click

from bot.config import ConfigError, Settings, load_settings
from bot.context import Services
from bot.keys import load_keys
from storage.db import make_engine, make_session_factory

T = TypeVar("T")


def settings_from(ctx: click.Context) -> Settings:
    try:
        return load_settings(ctx.obj.get("config") if ctx.obj else None)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None


@asynccontextmanager
async def open_services(settings: Settings) -> AsyncIterator[Services]:
    from bot.app import utc_clock

    engine = make_engine(settings.database)
    try:
        cipher, index = load_keys(settings.security)
        yield Services(settings, make_session_factory(engine, cipher), cipher, index, utc_clock)
    finally:
        await engine.dispose()


def run(coro_fn: Callable[..., Awaitable[T]], *args: Any) -> T:
    try:
        return asyncio.run(coro_fn(*args))  # type: ignore[arg-type]
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    except OSError as exc:
        raise click.ClickException(f"cannot reach the database or a file: {exc}") from None
