"""The async engine and sessions, tuned per backend.

SQLite runs in WAL mode with foreign keys on, behind a single pooled connection: SQLite takes
one writer at a time anyway, and one connection turns "database is locked" errors into an
orderly queue. PostgreSQL gets an ordinary pool. SQL parameters never reach logs or error
messages (`hide_parameters`): they can be personal data.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.pool import AsyncAdaptedQueuePool
from sqlmodel import SQLModel
from sqlmodel.ext.asyncio.session import AsyncSession

import storage.models  # noqa: F401  (registers the tables)
from bot.config import DatabaseSettings
from storage.checkpoint import BACKSTOP_PAGES
from storage.crypto import FieldCipher
from storage.sealed import CIPHER
from storage.sqlite_inline import inline_creator

SessionFactory = async_sessionmaker[AsyncSession]


def is_sqlite(url: str) -> bool:
    return url.startswith("sqlite")


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    # Purged registrations are overwritten, not left readable in free pages of the file.
    cursor.execute("PRAGMA secure_delete=ON")
    # The server checkpoints from a thread (storage.checkpoint); this is only the backstop.
    cursor.execute(f"PRAGMA wal_autocheckpoint={BACKSTOP_PAGES}")
    cursor.close()


def sqlite_path(url: str) -> str | None:
    """The file behind an SQLite URL, or None for PostgreSQL and in-memory databases."""
    if not is_sqlite(url) or ":///" not in url:
        return None
    path = url.split(":///", 1)[1]
    return path if path and path != ":memory:" else None


def make_engine(settings: DatabaseSettings) -> AsyncEngine:
    if is_sqlite(settings.url):
        path = settings.url.split(":///", 1)[1] if ":///" in settings.url else ""
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_async_engine(
            settings.url,
            echo=settings.echo,
            hide_parameters=True,
            async_creator=inline_creator(path or ":memory:"),
            poolclass=AsyncAdaptedQueuePool,
            pool_size=1,
            max_overflow=0,
            pool_timeout=30,
        )
        event.listen(engine.sync_engine, "connect", _sqlite_pragmas)
        return engine
    return create_async_engine(
        settings.url,
        echo=settings.echo,
        hide_parameters=True,
        pool_size=10,
        max_overflow=10,
        pool_pre_ping=True,
    )


def make_session_factory(engine: AsyncEngine, cipher: FieldCipher) -> SessionFactory:
    """Sessions carry the cipher that seals message text at rest (`storage.sealed`)."""
    return async_sessionmaker(
        engine, class_=AsyncSession, expire_on_commit=False, info={CIPHER: cipher}
    )


async def create_all(engine: AsyncEngine) -> None:
    """Create the schema directly (tests); deployments use `jingmin db upgrade`."""
    from storage.migrate import stamp_head  # alembic: only tests make schemas this way

    async with engine.begin() as conn:
        await conn.run_sync(SQLModel.metadata.create_all)
        await conn.run_sync(stamp_head)
