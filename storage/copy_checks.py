"""What must hold before `jingmin db copy` writes anything, each as one line for IT staff.

The copy never merges: its target is a new, empty database, and its source a database at
this version's schema that no server is writing to.
"""

from __future__ import annotations

import math
import os
from datetime import datetime

from sqlalchemy import inspect, select
from sqlalchemy.engine import URL, Connection, make_url
from sqlalchemy.exc import ArgumentError
from sqlalchemy.ext.asyncio import AsyncConnection
from sqlmodel import SQLModel, col

import storage.models  # noqa: F401  (registers the tables)
from storage.models import Lease

#: The drivers the server runs on; a copy in any other could not be served.
DRIVERS = ("postgresql+asyncpg", "sqlite+aiosqlite")
_EXAMPLES = "postgresql+asyncpg://USER:PASSWORD@HOST:5432/DB or sqlite+aiosqlite:///PATH"


class CopyRefused(Exception):
    """The copy cannot go ahead, or did not complete; the message says what to do."""


def target_problem(source: str, target: str) -> str | None:
    """Why `target` cannot receive a copy of `source`, judged from the URLs alone."""
    try:
        url = make_url(target)
    except ArgumentError:
        return f"--to is not a database URL: give {_EXAMPLES}"
    if url.drivername not in DRIVERS:
        return (
            "--to must start with postgresql+asyncpg:// or sqlite+aiosqlite:///, "
            f"not {url.drivername}://"
        )
    if url.drivername.startswith("sqlite") and _sqlite_file(url) is None:
        return (
            "--to names an in-memory SQLite database, gone when the command ends: give a "
            "file, e.g. sqlite+aiosqlite:////var/lib/jingmin/jingmin.db"
        )
    if _identity(url) == _identity(make_url(source)):
        return "--to is the configured database itself: give a new, empty database"
    return None


def _sqlite_file(url: URL) -> str | None:
    return url.database if url.database and url.database != ":memory:" else None


def _identity(url: URL) -> tuple[object, ...]:
    if url.drivername.startswith("sqlite"):
        path = _sqlite_file(url)
        return ("sqlite", os.path.realpath(path) if path else None)
    return ("postgresql", (url.host or "localhost").lower(), url.port or 5432, url.database)


async def server_running(source: AsyncConnection, now: datetime) -> str | None:
    """Why the source looks in use: a server holds the scheduler lease.

    Every server with `[scheduler] enabled` (the default) renews the lease a few times per
    lease length and hands it back when it stops cleanly, so a lease still in force means a
    server is running, or was killed less than a lease length ago.
    """
    found = await source.execute(
        select(col(Lease.holder), col(Lease.expires_at)).where(col(Lease.name) == "scheduler")
    )
    row = found.first()
    if row is None or row.expires_at <= now:
        return None
    left = math.ceil((row.expires_at - now).total_seconds())
    return (
        f"a jingmin server is running on the configured database (it holds the scheduler "
        f"lease: {row.holder}): stop every server first, or what it writes during the "
        f"copy is missed (a server that was killed frees the lease within {left} s)"
    )


async def tables_with_rows(conn: AsyncConnection) -> list[str]:
    """The station's tables that hold at least one row (of those present at all)."""
    present = set(await conn.run_sync(_table_names))
    holding = []
    for table in SQLModel.metadata.sorted_tables:
        if table.name in present:
            found = await conn.execute(select(1).select_from(table).limit(1))
            if found.first() is not None:
                holding.append(table.name)
    return holding


def _table_names(conn: Connection) -> list[str]:
    return inspect(conn).get_table_names()


def not_empty(tables: list[str]) -> str:
    shown = ", ".join(tables[:5]) + (f" and {len(tables) - 5} more" if len(tables) > 5 else "")
    return (
        f"the database at --to already holds data (in {shown}): copy only into a new, "
        "empty database (createdb, or a new SQLite file), never over a live one"
    )
