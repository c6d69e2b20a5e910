"""Write SQLite's WAL back into the database file from a worker thread.

The server runs SQLite on the event loop (see `storage.sqlite_inline`). Left to itself,
SQLite checkpoints inside whichever commit fills the WAL past its limit, and that commit
then waits for the disk to sync, stalling every chat for as long as the disk takes (a second
was seen on a busy virtual disk). So the serving connection only checkpoints as a last
resort, and this task does it every second on a connection of its own, off the loop; a
PASSIVE checkpoint never blocks the writer.
"""

from __future__ import annotations

import asyncio
import logging
import sqlite3

log = logging.getLogger(__name__)

#: Pages the WAL may reach before the serving connection checkpoints after all (80 MB).
BACKSTOP_PAGES = 20_000


def checkpoint(path: str) -> None:
    connection = sqlite3.connect(path, timeout=1.0)
    try:
        connection.execute("PRAGMA wal_checkpoint(PASSIVE)")
    finally:
        connection.close()


async def checkpoint_forever(path: str, every: float = 1.0) -> None:
    while True:
        await asyncio.sleep(every)
        try:
            await asyncio.to_thread(checkpoint, path)
        except sqlite3.Error as exc:
            log.warning("WAL checkpoint of %s failed: %s", path, exc)
