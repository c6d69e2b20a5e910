"""Copy a station's database into a new, empty one, on the same engine or the other.

For moving from SQLite to PostgreSQL (or back, for an offline copy). Values are copied as
stored: sealed tokens, blind indexes and the key check stay valid with the same keys. The
target gets its schema from the migrations (so `alembic_version` is its own), the tables are
copied in foreign-key order in batches, all in one transaction on the target: a copy that
stops half-way leaves the target as empty as it was. PostgreSQL sequences are then set past
the copied ids, and every table's row count is compared with a fresh count of the source
before the transaction commits.

APScheduler's own table (`scheduler_jobs`) is not copied: it is not part of the schema, and
the server writes this version's schedule into it when it starts.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass

from sqlalchemy import Column, Enum, MetaData, String, Table, func, select, text
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlmodel import SQLModel

from bot.config import DatabaseSettings
from storage import migrate
from storage.copy_checks import (
    CopyRefused,
    not_empty,
    server_running,
    tables_with_rows,
    target_problem,
)
from storage.db import is_sqlite, make_engine
from storage.models.base import utcnow

#: Rows read and written at a time: a table is never held in memory whole.
BATCH = 2000

Advance = Callable[[int], None]
#: Given the number of rows to copy, a context that shows progress and takes each batch's.
Progress = Callable[[int], AbstractContextManager[Advance]]


@contextmanager
def no_progress(_total: int) -> Iterator[Advance]:
    yield lambda _n: None


@dataclass(frozen=True)
class Copied:
    #: Rows per table, the same in the source and the copy.
    counts: dict[str, int]
    seconds: float
    #: The schema revision both databases are at.
    revision: str

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


async def copy_database(
    source: str, target: str, *, progress: Progress = no_progress, batch: int = BATCH
) -> Copied:
    """Copy every table of `source` into the empty database at `target`; `CopyRefused`
    (nothing written to the target but its schema) when it cannot or did not complete."""
    started = time.monotonic()
    problem = target_problem(source, target) or await migrate.not_ready(source)
    if problem is None and not is_sqlite(target):
        problem = await migrate.unusable(target, "--to")
    if problem is not None:
        raise CopyRefused(problem)
    reader = _engine(source)
    try:
        writer = _engine(target)
    except OSError as exc:  # the SQLite file's folder cannot be made
        await reader.dispose()
        raise CopyRefused(f"cannot open the database at --to: {_reason(exc)}") from None
    try:
        async with reader.connect() as conn:
            problem = await server_running(conn, utcnow())
        if problem is not None:
            raise CopyRefused(problem)
        # Before the upgrade as well as after: a live database of an older version must
        # not be migrated by a copy that is then refused.
        await _refuse_rows(writer)
        await _upgrade(target)
        await _refuse_rows(writer)
        totals = await _counts(reader)
        with progress(sum(totals.values())) as advance:
            counts = await _copy_all(reader, writer, batch, advance)
    finally:
        await reader.dispose()
        await writer.dispose()
    return Copied(counts, time.monotonic() - started, migrate.head() or "")


def _engine(url: str) -> AsyncEngine:
    # The server's own engine settings: SQLite pragmas (WAL, foreign keys), no parameters
    # (personal data) in error messages.
    return make_engine(DatabaseSettings(url=url))


async def _refuse_rows(writer: AsyncEngine) -> None:
    try:
        async with writer.connect() as conn:
            holding = await tables_with_rows(conn)
    except (SQLAlchemyError, OSError) as exc:
        raise CopyRefused(f"cannot open the database at --to: {_reason(exc)}") from None
    if holding:
        raise CopyRefused(not_empty(holding))


async def _upgrade(target: str) -> None:
    from alembic.util import CommandError  # Alembic: kept off every command's start

    # Alembic's env.py runs its own event loop: from inside ours, in a thread.
    try:
        await asyncio.to_thread(migrate.upgrade, target)
    except CommandError as exc:  # the target names a revision this version does not know
        raise CopyRefused(
            f"the database at --to was migrated by a newer version of jingmin ({exc}): "
            "copy into a new, empty database"
        ) from None
    except (SQLAlchemyError, OSError) as exc:
        raise CopyRefused(
            f"cannot create the schema in the database at --to: {_reason(exc)}"
        ) from None


async def _counts(engine: AsyncEngine) -> dict[str, int]:
    async with engine.connect() as conn:
        return await _count_tables(conn)


async def _count_tables(conn: AsyncConnection) -> dict[str, int]:
    counts = {}
    for table in SQLModel.metadata.sorted_tables:
        found = await conn.execute(select(func.count()).select_from(table))
        counts[table.name] = found.scalar_one()
    return counts


async def _copy_all(
    reader: AsyncEngine, writer: AsyncEngine, batch: int, advance: Advance
) -> dict[str, int]:
    table = "(connecting)"
    try:
        async with writer.begin() as out:
            async with reader.connect() as read:
                await _snapshot(read)
                for source_table in SQLModel.metadata.sorted_tables:
                    table = source_table.name
                    await _copy_table(read, out, source_table, batch, advance)
            table = "(sequences)"
            if out.dialect.name == "postgresql":
                await _reset_sequences(out)
            table = "(row counts)"
            copied = await _count_tables(out)
            # A fresh look at the source: rows a running server wrote meanwhile show here.
            now = await _counts(reader)
            differ = [name for name in now if now[name] != copied[name]]
            if differ:
                shown = ", ".join(
                    f"{n}: {now[n]} in the source, {copied[n]} copied" for n in differ[:3]
                )
                raise CopyRefused(
                    f"the copy does not match the source ({shown}); the source changed "
                    "during the copy, so nothing was kept: stop every server and run it again"
                )
    except (SQLAlchemyError, OSError) as exc:
        raise CopyRefused(
            f"the copy stopped at {table}: {_reason(exc)}; nothing was kept in the database "
            "at --to (its schema stays): fix the cause and run it again"
        ) from None
    return copied


async def _snapshot(read: AsyncConnection) -> None:
    """Read every table as of one moment, so that rows written meanwhile (by a server
    with its scheduler off, which the lease check cannot see) never break a foreign key
    half-way; the final count comparison reports them instead."""
    if read.dialect.name == "postgresql":
        await read.execution_options(isolation_level="REPEATABLE READ")
    else:
        # The sqlite3 module opens no transaction for reads: each would see its own moment.
        await read.exec_driver_sql("BEGIN")


def _as_stored(table: Table) -> Table:
    """`table` with enum columns as plain text: a value the code no longer lists is copied
    as it is rather than refused. Dates, times and booleans keep their types, which
    convert between the engines' storage."""
    columns = [
        Column(c.name, String(c.type.length) if isinstance(c.type, Enum) else c.type)
        for c in table.columns
    ]
    return Table(table.name, MetaData(), *columns)


async def _copy_table(
    read: AsyncConnection, out: AsyncConnection, stored: Table, batch: int, advance: Advance
) -> None:
    table, keys = _as_stored(stored), [c.name for c in stored.primary_key.columns]
    # In id order: the copy's rows lie in the order the station wrote them.
    query = select(table).order_by(*(table.c[name] for name in keys))
    rows = await read.stream(query.execution_options(yield_per=batch))
    async for part in rows.partitions():
        await out.execute(table.insert(), [dict(row._mapping) for row in part])
        advance(len(part))


async def _reset_sequences(out: AsyncConnection) -> None:
    """Set each serial column's sequence past the copied ids: the copy wrote the ids
    itself, and the next row would otherwise be given id 1 again."""
    quote = out.dialect.identifier_preparer.quote
    for table in SQLModel.metadata.sorted_tables:
        for column in table.primary_key.columns:
            found = await out.execute(
                text("SELECT pg_get_serial_sequence(:table, :column)"),
                {"table": quote(table.name), "column": column.name},
            )
            sequence = found.scalar_one()
            if sequence is None:
                continue
            # An empty table's sequence starts again at 1 (setval cannot take 0).
            top = f"MAX({quote(column.name)})"
            await out.execute(
                text(
                    f"SELECT setval(:sequence, COALESCE({top}, 1), {top} IS NOT NULL) "
                    f"FROM {quote(table.name)}"
                ),
                {"sequence": sequence},
            )


def _reason(exc: BaseException) -> str:
    cause = getattr(exc, "orig", None) or exc
    text_ = str(cause).strip().splitlines()
    return text_[0] if text_ else type(cause).__name__
