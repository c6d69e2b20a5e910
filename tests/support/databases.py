"""Empty databases of a test's own, on either engine, for commands that need a new one."""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import asyncpg
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from storage import migrate

_numbers = itertools.count(1)


@contextmanager
def own_database(server_url: str, name: str) -> Iterator[str]:
    """Database `name`, new and empty, on the PostgreSQL server of `server_url`; dropped
    afterwards."""
    url = make_url(server_url)
    admin = url.set(drivername="postgresql").render_as_string(hide_password=False)

    async def execute(sql: str) -> None:
        conn = await asyncpg.connect(admin)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    asyncio.run(execute(f'DROP DATABASE IF EXISTS "{name}"'))
    asyncio.run(execute(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        asyncio.run(execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@contextmanager
def new_postgresql(run_url: str) -> Iterator[str]:
    """A new, empty database beside this run's own (`pg_url`), dropped afterwards."""
    with own_database(run_url, f"{make_url(run_url).database}_new{next(_numbers)}") as url:
        yield url


def new_sqlite(folder: Path, name: str = "new.db") -> str:
    """The URL of an SQLite file that does not exist yet."""
    return f"sqlite+aiosqlite:///{folder / name}"


async def migrated_to(engine: AsyncEngine, url: str, revision: str = "head") -> None:
    """The test's database, emptied first (PostgreSQL keeps its schema between tests; an
    SQLite file is new), migrated to `revision`."""
    if url.startswith("postgresql"):
        async with engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
    await asyncio.to_thread(migrate.upgrade, url, revision)


async def terminate_backend(url: str, pid: int) -> None:
    """Drop a PostgreSQL server connection by its backend pid, as a server restart or a
    firewall would."""
    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute("SELECT pg_terminate_backend($1)", pid)
    finally:
        await conn.close()
