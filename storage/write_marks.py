"""Whether anything has been written on a database connection since a read.

A message reads some of its sender's rows once, early, with its identity (the open form:
`bot.middleware.identity`), and later steps of the same message use that read instead of
asking again. Such a read stands only while nothing has been written on the message's
connection since: any statement that is not a plain SELECT (a form saved or cleared, a
web chat's forms carried to a new key, a person's conversations forgotten, a flush of ORM
changes) counts, whatever table it touched, so no writer has to remember to say so.

Reads from other processes are not at stake: the read is the same transaction's, made a
moment earlier, and the form's version column still catches a concurrent write (see
`bot.forms.store`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Connection, Engine

_WRITES = "jingmin_writes"


@event.listens_for(Engine, "before_cursor_execute")
def _count_writes(
    conn: Connection,
    _cursor: Any,
    statement: str,
    _parameters: Any,
    _context: Any,
    _executemany: bool,
) -> None:
    # SQLAlchemy writes its SELECTs in capitals with nothing before; anything else (a
    # data-modifying WITH, an INSERT, a savepoint) counts as a write: a spare re-read at
    # worst.
    if not statement.startswith("SELECT"):
        info = conn.info
        info[_WRITES] = info.get(_WRITES, 0) + 1


@dataclass(frozen=True)
class WriteMark:
    """A point on the writes of one transaction's connection."""

    _conn: Connection
    _writes: int

    @classmethod
    def now(cls, conn: Connection) -> WriteMark:
        return cls(conn, conn.info.get(_WRITES, 0))

    def unwritten(self) -> bool:
        """Whether the transaction is still open and has written nothing since the mark. A
        session gives its connection back when it commits: whatever comes after is another
        transaction's (on PostgreSQL, perhaps another connection's), and reads again."""
        conn = self._conn
        return not conn.closed and conn.info.get(_WRITES, 0) == self._writes
