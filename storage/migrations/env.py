"""Alembic environment: runs migrations over the app's async engine."""

from __future__ import annotations

import asyncio

from alembic import context
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (registers the tables)
from bot.config import DatabaseSettings
from storage.db import make_engine
from storage.migrate import UpgradeRefused
from storage.sqlite_inline import sqlite3_connection

config = context.config
target_metadata = SQLModel.metadata


def _run(connection: Connection) -> None:
    sqlite = connection.dialect.name == "sqlite"
    if sqlite:
        _sqlite_transactional(connection)
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=sqlite,
        compare_type=True,
        # PostgreSQL has transactional DDL; SQLite too, once the driver stops committing
        # around it (above). One transaction for the whole upgrade: one that stops half-way
        # (a full disk) changes nothing.
        transactional_ddl=True,
    )
    with context.begin_transaction():
        context.run_migrations()
        if sqlite:
            _check_foreign_keys(connection)
    if sqlite:
        connection.exec_driver_sql("PRAGMA foreign_keys=ON")


def _sqlite_transactional(connection: Connection) -> None:
    """Let SQLite run the DDL inside our transaction.

    Python's sqlite3 opens transactions only before INSERT/UPDATE/DELETE, so each CREATE or
    ALTER was committed by itself, and an upgrade that failed half-way kept half its tables
    without recording a revision. With the module's own transaction handling off, BEGIN is
    ours. Foreign keys go off first (that pragma is ignored inside a transaction), as
    SQLite's procedure for rebuilding a table asks; they are checked before the commit.
    """
    raw = sqlite3_connection(connection.connection.driver_connection)
    raw.commit()
    raw.isolation_level = None
    raw.execute("PRAGMA foreign_keys=OFF")
    raw.execute("BEGIN")


def _check_foreign_keys(connection: Connection) -> None:
    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
    if broken:
        tables = sorted({row[0] for row in broken})
        raise UpgradeRefused(f"the upgrade would break foreign keys in {', '.join(tables)}")


async def _online() -> None:
    engine = make_engine(DatabaseSettings(url=config.get_main_option("sqlalchemy.url") or ""))
    async with engine.connect() as connection:
        await connection.run_sync(_run)
    await engine.dispose()


if context.is_offline_mode():
    context.configure(url=config.get_main_option("sqlalchemy.url"), target_metadata=target_metadata)
    with context.begin_transaction():
        context.run_migrations()
else:
    asyncio.run(_online())
