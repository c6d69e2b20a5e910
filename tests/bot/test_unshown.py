"""The rest of a shortened reply, shown once however many 「更多」 ask for it at once."""

from __future__ import annotations

import asyncio
import time

from sqlalchemy import text

from bot import unshown
from bot.context import Services, private_user_key
from bot.messages import Reply, Text
from storage.db import is_sqlite

KEY = private_user_key("wechat_mp", "owner")
REST: list[Reply] = [Text("TJ-0002 丁某某（公开）")]
#: Sessions waiting for a row another transaction has locked (PostgreSQL only).
_LOCK_WAITS = text(
    "SELECT count(*) FROM pg_stat_activity"
    " WHERE datname = current_database() AND wait_event_type = 'Lock'"
)

_FRESH_SNAPSHOT = text("SELECT pg_stat_clear_snapshot()")


async def waits_for_a_lock(services: Services) -> None:
    """Returns once a PostgreSQL session is blocked on a row lock. SQLite has one connection
    for the process: a second session waits for it, and nothing is to be seen."""
    if is_sqlite(services.settings.database.url):
        return
    async with services.sessions() as watcher:
        connection = await watcher.connection()
        deadline = time.monotonic() + 30  # a loaded machine may start the other late
        while time.monotonic() < deadline:
            # pg_stat_activity is read once per transaction and kept: without a fresh
            # snapshot, a first look taken before the second 「更多」 blocked was all this
            # loop ever saw (on a loaded machine, where the first look comes early).
            await connection.execute(_FRESH_SNAPSHOT)
            if await connection.scalar(_LOCK_WAITS):
                return
            await asyncio.sleep(0.01)
    raise AssertionError("the second 「更多」 never waited for the first")


async def test_two_more_at_once_show_the_rest_once(services: Services) -> None:
    """Two replicas answer a double-tapped 「更多」: the second reads the rest before the
    first has committed taking it, and must not show it as well (the rest would come twice,
    and a rest with options would reset the numbers on screen)."""
    async with services.sessions() as session:
        await unshown.keep(session, KEY, REST, services.clock())
        await session.commit()
    async with services.sessions() as first, services.sessions() as second:
        shown_first = await unshown.take(first, KEY, services.clock())
        later = asyncio.create_task(unshown.take(second, KEY, services.clock()))
        try:
            await waits_for_a_lock(services)  # read the rest, now waits to delete it
        finally:
            # Even when the wait is not seen, the first lets go and the second ends: left
            # running, it had held its connection in a transaction and hung the next test.
            await first.commit()
            shown_second = await later
        await second.commit()
    assert shown_first == REST
    assert shown_second == []
