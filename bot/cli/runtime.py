"""Shared plumbing for commands: settings from --config, services, friendly failures."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, TypeVar

import click

from bot.config import ConfigError, Settings, config_file, load_settings
from bot.context import Services
from bot.keys import check_keys, load_keys
from storage import migrate
from storage.db import make_engine, make_session_factory, sqlite_path
from storage.phone_index import index_phones
from storage.wanted_sealing import seal_plaintext

T = TypeVar("T")


#: Commands that only read: with no config file they run on the defaults without a word.
READ_ONLY = frozenset({"list", "export", "status", "history", "search", "show", "channels"})


def settings_from(ctx: click.Context, *, quiet: bool = False) -> Settings:
    """The settings of `ctx`'s command. Unless `quiet` (or the command only reads), say on
    standard error when there is no config file: run from the wrong folder, a command
    would write a database of its own there."""
    named = ctx.obj.get("config") if ctx.obj else None
    try:
        settings = load_settings(named)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    root = ctx.find_root()
    if (
        config_file(named) is None
        and not quiet
        and ctx.info_name not in READ_ONLY
        and isinstance(root.obj, dict)
        and not root.obj.get("said_defaults")
    ):
        root.obj["said_defaults"] = True
        click.echo(f"no config.toml in {Path.cwd()}; using defaults", err=True)
    return settings


def sqlite_missing(url: str) -> str | None:
    """Why the SQLite database of `url` cannot be opened (no file, or no folder), or None;
    asked before connecting, since SQLite would make an empty file."""
    path = sqlite_path(url)
    if path is None:
        return None
    file = Path(path.split("?", 1)[0]).absolute()
    if file.exists():
        return None
    why = "its folder does not exist" if not file.parent.is_dir() else "there is no such file"
    return (
        f"cannot open the SQLite database {file}: {why}; run `jingmin db upgrade` first, "
        "with the same config (a relative [database] url is taken from the config file's "
        "folder)"
    )


@asynccontextmanager
async def open_services(settings: Settings, *, dev_keys: bool = False) -> AsyncIterator[Services]:
    """The services of a command. `dev_keys`: it may make development keys (the demo)."""
    from bot.app import channel_facts, utc_clock

    missing = sqlite_missing(settings.database.url)
    if missing is not None:
        raise click.ClickException(missing)

    # One clear line rather than a traceback per query: unreachable, no schema, or
    # another version's schema; then keys other than the ones the data was written with.
    problem = await migrate.not_ready(settings.database.url)
    if problem is not None:
        raise click.ClickException(problem)
    engine = make_engine(settings.database)
    try:
        cipher, index = load_keys(settings.security, create_dev=dev_keys)
        sessions = make_session_factory(engine, cipher)
        async with sessions() as session:
            await check_keys(session, cipher, index, _dev_key_file(settings))
            await seal_plaintext(session, cipher)
            await index_phones(session, cipher, index)
        services = Services(settings, sessions, cipher, index, utc_clock)
        services.channels.update(channel_facts(settings))
        yield services
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
