"""How SQLite answers the statements our code sends: their query plans.

A station's SQLite database has no statistics (nothing runs `ANALYZE`), so its plans follow
from the indexes alone, whatever the data; a test can pin the plan of a look-up that must
stay indexed as the tables grow, without timing anything.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services


def sqlite_only(services: Services) -> None:
    if not services.settings.database.url.startswith("sqlite"):
        pytest.skip("PostgreSQL plans from its statistics; these pin SQLite's")


@asynccontextmanager
async def statements(session: AsyncSession) -> AsyncIterator[list[tuple[str, Any]]]:
    """The statements (with their parameters) sent on this session's connection inside."""
    connection = (await session.connection()).sync_connection
    assert connection is not None
    sent: list[tuple[str, Any]] = []

    def note(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_rest: Any) -> None:
        sent.append((statement, parameters))

    event.listen(connection, "before_cursor_execute", note)
    try:
        yield sent
    finally:
        event.remove(connection, "before_cursor_execute", note)


async def plans(session: AsyncSession, sent: list[tuple[str, Any]], table: str) -> list[str]:
    """SQLite's plan of each statement that reads `table`, one line per step."""
    found = []
    connection = await session.connection()
    for statement, parameters in sent:
        if f"FROM {table}" not in statement and f"JOIN {table}" not in statement:
            continue
        rows = await connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters)
        found.append("\n".join(str(row[-1]) for row in rows))
    assert found, f"no statement read {table}"
    return found


async def select_plans(session: AsyncSession, run: Callable[[], Awaitable[Any]]) -> list[str]:
    """The plan of each SELECT that `run()` sends, on either engine, one line per plan.

    On PostgreSQL sequential scans are turned off first: a table this small is read whole
    anyway, and what counts is that it need not be."""
    said: list[tuple[str, Any]] = []

    def heard(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            said.append((statement, parameters))

    engine = (await session.connection()).engine.sync_engine
    event.listen(engine, "before_cursor_execute", heard)
    try:
        await run()
    finally:
        event.remove(engine, "before_cursor_execute", heard)
    connection = await session.connection()
    postgresql = connection.dialect.name == "postgresql"
    if postgresql:
        await connection.exec_driver_sql("SET LOCAL enable_seqscan = off")
    explain = "EXPLAIN " if postgresql else "EXPLAIN QUERY PLAN "
    found = []
    for statement, parameters in said:
        rows = await connection.exec_driver_sql(explain + statement, parameters)
        found.append(" ".join(str(part) for row in rows.all() for part in row))
    return found
