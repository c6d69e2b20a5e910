"""The statements a piece of work sends, to count how often it reads a table."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from sqlalchemy import event

from bot.context import Services

#: The tables a beat's digest reads.
BEAT_TABLES = (
    "gueststay",
    "tenancy",
    "watchhit",
    "tip",
    "report",
    "inspection",
    "question",
    "venuerisk",
    "riskchange",
    "incident",
    "task",
)


@asynccontextmanager
async def tables_read(services: Services, tables: tuple[str, ...]) -> AsyncIterator[Counter[str]]:
    """How many SELECT statements sent inside name each of `tables` (filled on exit)."""
    async with services.sessions() as session:
        engine = (await session.connection()).engine.sync_engine
    named = re.compile(r"\b(" + "|".join(tables) + r")\b")
    read: Counter[str] = Counter()

    def heard(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            read.update(set(named.findall(statement.lower())))

    event.listen(engine, "before_cursor_execute", heard)
    try:
        yield read
    finally:
        event.remove(engine, "before_cursor_execute", heard)
