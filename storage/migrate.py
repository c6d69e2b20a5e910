"""Schema migrations (Alembic), callable from the CLI and tests.

Alembic's env.py calls `asyncio.run`, so these functions run in a worker thread when they are
called from inside an event loop.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, make_url
from sqlalchemy.ext.asyncio import create_async_engine

_SCRIPTS = Path(__file__).parent / "migrations"
#: How long a start waits for the database before saying it cannot reach it.
CONNECT_SECONDS = 10.0


def alembic_config(url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(_SCRIPTS))
    config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
    return config


def upgrade(url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(url), revision)


def revision(url: str, message: str) -> None:
    """Developers: generate a migration from the models (`make migration m="..."`)."""
    command.revision(alembic_config(url), message=message, autogenerate=True)


def head() -> str | None:
    """The latest revision this version of jingmin knows."""
    return ScriptDirectory(str(_SCRIPTS)).get_current_head()


class UpgradeRefused(Exception):
    """The upgrade would leave the database inconsistent (rows whose foreign keys point
    nowhere); it was rolled back."""


class Unusable(Exception):
    """The database cannot be used at all: unreachable, a wrong password, no such database."""


async def unusable(url: str, setting: str = "[database] url") -> str | None:
    """Why this database cannot be used at all, or None (its schema is not looked at).
    `setting` is where the URL came from, for the message."""
    try:
        await _reachable_revision(url, setting)
    except Unusable as exc:
        return str(exc)
    return None


async def not_ready(url: str) -> str | None:
    """Why a server or command should not use this database (unreachable, never migrated,
    or migrated to another version than this code's), or None when it is ready."""
    try:
        current = await _reachable_revision(url)
    except Unusable as exc:
        return str(exc)
    if current is None:
        return "the database has no schema yet: run `jingmin db upgrade` first"
    if current != head():
        return (
            f"the database schema is at {current}, this version needs {head()}: "
            "run `jingmin db upgrade` (or start the matching version of jingmin)"
        )
    return None


async def current_revision(url: str) -> str | None:
    """The revision the database is at (None: no schema yet)."""
    return await _current_revision(url)


async def _reachable_revision(url: str, setting: str = "[database] url") -> str | None:
    try:
        async with asyncio.timeout(CONNECT_SECONDS):
            return await _current_revision(url)
    except (OSError, TimeoutError) as exc:
        reason = str(exc) or type(exc).__name__
        raise Unusable(f"cannot reach the database ({setting}): {reason}") from None
    except Exception as exc:  # the driver's own errors: wrong password, no such database
        cause = getattr(exc, "orig", None) or exc
        reason = str(cause).strip() or type(cause).__name__
        raise Unusable(
            f"cannot use the database ({setting}): {reason}{_way_forward(cause, url)}"
        ) from None


#: PostgreSQL's SQLSTATEs for invalid_catalog_name, and for invalid_authorization_specification
#: (no such role) and invalid_password.
_NO_SUCH_DATABASE = "3D000"
_WRONG_LOGIN = ("28000", "28P01")


def _way_forward(cause: BaseException, url: str) -> str:
    """What to do about PostgreSQL's refusals that the station's IT staff meets first: the
    database not created yet, a user or password other than the server's. Never the password."""
    # SQLAlchemy's adapted error carries the driver's own, with PostgreSQL's SQLSTATE.
    state = getattr(cause.__cause__ or cause, "sqlstate", None)
    parts = make_url(url)
    if state == _NO_SUCH_DATABASE:
        return (
            f"; create it first (createdb -h {parts.host or 'localhost'} -p {parts.port or 5432}"
            f" -U {parts.username or 'postgres'} {parts.database}), then run "
            "`jingmin db upgrade`"
        )
    if state in _WRONG_LOGIN:
        return (
            "; check USER and PASSWORD in the url (postgresql+asyncpg://USER:PASSWORD@HOST:5432/DB):"
            " a role of the database server, with its password"
        )
    return ""


async def _current_revision(url: str) -> str | None:
    engine = create_async_engine(url)
    try:
        async with engine.connect() as conn:
            return await conn.run_sync(_revision_of)
    finally:
        await engine.dispose()


def _revision_of(conn: Connection) -> str | None:
    return MigrationContext.configure(conn).get_current_revision()


def stamp_head(conn: Connection) -> None:
    """Record a schema made from the models (tests) as the latest version, which it is."""
    script = ScriptDirectory(str(_SCRIPTS))
    MigrationContext.configure(conn).stamp(script, "head")
