"""APScheduler's persistent job store, on the same database as everything else.

APScheduler 3 talks to its store synchronously, so it gets a synchronous URL derived from the
async one: `sqlite+aiosqlite:///x.db` becomes `sqlite:///x.db` and `postgresql+asyncpg://…`
becomes `postgresql+psycopg://…` (psycopg 3). The store keeps each job's next run time, so
a run missed while no process was leading is made up when one takes over (within the
misfire grace time, and once however many were missed).
"""

from __future__ import annotations

import logging
from typing import Any

from apscheduler.jobstores.memory import MemoryJobStore
from apscheduler.jobstores.sqlalchemy import SQLAlchemyJobStore
from sqlalchemy.engine import make_url

log = logging.getLogger(__name__)

TABLE = "scheduler_jobs"
#: asyncpg's query parameters that psycopg spells differently or does not know.
_PG_RENAMED = {"ssl": "sslmode"}
_PG_DROPPED = {"prepared_statement_cache_size", "command_timeout"}
#: Seconds the store waits for an SQLite write lock. APScheduler calls its store
#: synchronously on the event loop, and the lock's holder is nearly always a session of this
#: same process, paused at an await on that loop: it cannot commit while the store waits,
#: so sqlite3's default 5 s wait froze the whole server (webhooks, sends) and then failed
#: anyway with "database is locked". Failing at once costs one log line, and
#: `SturdyScheduler` looks again after its RETRY_SECONDS; the short wait still rides out a
#: brief write by another process (a `jingmin` command).
SQLITE_LOCK_WAIT = 0.1


def sync_url(async_url: str) -> str | None:
    """The synchronous URL for the store; None for an in-memory SQLite database."""
    url = make_url(async_url)
    if url.drivername.startswith("sqlite"):
        if not url.database or url.database == ":memory:":
            return None
        return url.set(drivername="sqlite").render_as_string(hide_password=False)
    if url.drivername.startswith("postgresql"):
        query = {
            _PG_RENAMED.get(key, key): value
            for key, value in url.query.items()
            if key not in _PG_DROPPED
        }
        return url.set(drivername="postgresql+psycopg", query=query).render_as_string(
            hide_password=False
        )
    raise ValueError(f"no synchronous driver known for {url.drivername}")


def make_jobstore(async_url: str) -> Any:
    url = sync_url(async_url)
    if url is None:
        return MemoryJobStore()
    if url.startswith("postgresql"):
        try:
            import psycopg  # noqa: F401
        except ImportError:
            log.error(
                "psycopg is not installed: scheduled jobs are kept in memory, and a run "
                "missed during a restart is not made up (pip install 'psycopg[binary]')"
            )
            return MemoryJobStore()
    options: dict[str, Any] = {"pool_pre_ping": True, "hide_parameters": True}
    if url.startswith("sqlite"):
        options["connect_args"] = {"timeout": SQLITE_LOCK_WAIT}
    return SQLAlchemyJobStore(url=url, tablename=TABLE, engine_options=options)
