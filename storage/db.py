"""The async engine and sessions, tuned per backend.

SQLite runs in WAL mode with foreign keys on, behind a single pooled connection: SQLite takes
one writer at a time anyway, and one connection turns "database is locked" errors into an
orderly queue. PostgreSQL gets an ordinary pool, whose connections are checked before use
only after they sat idle (`_ping_when_idle`). SQL parameters never reach logs or error
messages (`hide_parameters`): they can be personal data.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.exc import DisconnectionError
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


#: A pooled PostgreSQL connection idle for longer than this is pinged before it is used.
PING_AFTER_IDLE = 10.0
#: Statements each PostgreSQL connection keeps prepared (SQLAlchemy's asyncpg default: 100).
#: The handlers use more distinct statements than that (443 in three handler test modules),
#: and a statement pushed out is prepared again, a round trip more, on its next use.
PREPARED_STATEMENTS = 500
#: When the connection went back to the pool (`time.monotonic()`), in its pool record's info.
_RETURNED = "jingmin_returned"


def _ping_when_idle(engine: AsyncEngine) -> None:
    """Check a pooled connection before use when it has been idle, instead of on every use.

    `pool_pre_ping` pings at every checkout: with asyncpg that is three round trips (BEGIN,
    an empty statement, ROLLBACK), half a millisecond of CPU on each message. A connection
    that was used a moment ago is as alive as a ping would find it; one idle for a while
    may have been dropped (a server restart, a firewall's idle timeout) and is pinged, and
    replaced if it is dead. A connection that dies between two uses close together fails
    its statement: SQLAlchemy then replaces every connection the pool holds, and the
    dispatcher tries the message again (`bot.dispatch`)."""
    pool = engine.sync_engine.pool
    dialect = engine.sync_engine.dialect

    def returned(_dbapi_connection: Any, record: Any) -> None:
        if record is not None:  # None: a connection already detached or invalidated
            record.info[_RETURNED] = time.monotonic()

    def checkout(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        since = record.info.get(_RETURNED)
        if since is None or time.monotonic() - since <= PING_AFTER_IDLE:
            return  # new, or used a moment ago
        try:
            dialect.do_ping(dbapi_connection)
        except Exception as exc:
            # The pool drops this connection and hands out another (a new one if need be).
            raise DisconnectionError("pooled connection found dead after idling") from exc

    event.listen(pool, "checkin", returned)
    event.listen(pool, "checkout", checkout)


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
    engine = create_async_engine(
        settings.url,
        echo=settings.echo,
        hide_parameters=True,
        pool_size=10,
        max_overflow=10,
        connect_args={"prepared_statement_cache_size": PREPARED_STATEMENTS},
    )
    _ping_when_idle(engine)
    return engine


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
