"""Form progress in the database, encrypted, with optimistic versioning across replicas.

Within one process a per-user lock (see `bot.dispatch`) already serialises messages; the
version column catches the rarer case of two replicas handling the same user at once.
Statements are built once at import: a form answer is the busiest path in the bot.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Table, bindparam, delete, insert, update
from sqlmodel import select
from sqlmodel.sql.expression import Select

from bot.forms.progress import Progress
from storage.crypto import FieldCipher
from storage.db import AsyncSession
from storage.models import FormState
from storage.write_marks import WriteMark

_CONTEXT = "form_state"
_TABLE: Table = FormState.__table__  # type: ignore[attr-defined]
#: What a load reads, in `StoredProgress` order: `bot.middleware.identity` reads them too,
#: with the sender, and hands the row over as a `FormRead`.
COLUMNS = (
    _TABLE.c.id,
    _TABLE.c.data_enc,
    _TABLE.c.version,
    _TABLE.c.expires_at,
    _TABLE.c.updated_at,
)
# Five columns, more than `select` is typed for: the statement is built as it builds one.
_LOAD: Select[*tuple[Any, ...]] = Select(*COLUMNS).where(_TABLE.c.key == bindparam("k"))
_EXISTS = select(_TABLE.c.id).where(_TABLE.c.key == bindparam("k"))
_INSERT = insert(_TABLE)
_UPDATE = (
    update(_TABLE)
    .where(_TABLE.c.id == bindparam("row_id"), _TABLE.c.version == bindparam("seen_version"))
    .values(
        form_name=bindparam("form_name"),
        data_enc=bindparam("data_enc"),
        version=bindparam("new_version"),
        updated_at=bindparam("updated_at"),
        expires_at=bindparam("expires_at"),
    )
)
_DELETE = delete(_TABLE).where(_TABLE.c.key == bindparam("k"))


class StaleFormState(Exception):
    """Another process changed this user's form first; the message should be retried."""


@dataclass
class StoredProgress:
    progress: Progress
    row_id: int
    version: int
    expired_at: datetime
    #: When the form last asked something: buttons shown after it are what a number means.
    saved_at: datetime


@dataclass(frozen=True)
class FormRead:
    """The user's form row (`COLUMNS`, or None: no form), read earlier in the message's
    transaction; it stands for a load while nothing has been written since (`mark`)."""

    key: str
    row: Sequence[Any] | None
    mark: WriteMark


def _stands(session: AsyncSession, key: str, read: FormRead) -> bool:
    """Whether `read` may stand for a load of `key`: nothing written since, and no ORM
    change waiting to be flushed (a statement would flush it first, and see it)."""
    return (
        read.key == key
        and read.mark.unwritten()
        and not (session.new or session.dirty or session.deleted)
    )


class FormStore:
    def __init__(self, cipher: FieldCipher, lifetime: timedelta) -> None:
        self._cipher = cipher
        self._lifetime = lifetime

    async def load(
        self, session: AsyncSession, key: str, read: FormRead | None = None
    ) -> StoredProgress | None:
        """The user's form; from `read` instead of the database while it stands (decoded
        anew each time, as a load would be: a caller may change what it gets)."""
        if read is not None and _stands(session, key, read):
            return self.decode(read.row)
        return self.decode((await session.exec(_LOAD, params={"k": key})).first())

    def decode(self, row: Sequence[Any] | None) -> StoredProgress | None:
        if row is None:
            return None
        row_id, data_enc, version, expires_at, saved_at = row
        text = self._cipher.decrypt(data_enc, _CONTEXT)
        # The time saved is read as written, never worked out from the expiry: the expiry
        # of every kept form moves when `[forms] expire_minutes` changes.
        return StoredProgress(Progress.from_json(text), row_id, version, expires_at, saved_at)

    async def exists(self, session: AsyncSession, key: str, read: FormRead | None = None) -> bool:
        if read is not None and _stands(session, key, read):
            return read.row is not None
        return (await session.exec(_EXISTS, params={"k": key})).first() is not None

    async def save(
        self,
        session: AsyncSession,
        key: str,
        progress: Progress,
        stored: StoredProgress | None,
        *,
        now: datetime,
        channel: str,
        chat_id: str,
    ) -> None:
        data = self._cipher.encrypt(progress.to_json(), _CONTEXT)
        expires = now + self._lifetime
        if stored is None:
            await session.exec(
                _INSERT,
                params={
                    "key": key,
                    "form_name": progress.form_name,
                    "data_enc": data,
                    "version": 0,
                    "updated_at": now,
                    "expires_at": expires,
                    "channel": channel,
                    "chat_id": chat_id,
                },
            )
            return
        result = await session.exec(
            _UPDATE,
            params={
                "row_id": stored.row_id,
                "seen_version": stored.version,
                "new_version": stored.version + 1,
                "form_name": progress.form_name,
                "data_enc": data,
                "updated_at": now,
                "expires_at": expires,
            },
        )
        if result.rowcount != 1:
            raise StaleFormState(key)

    async def clear(self, session: AsyncSession, key: str) -> None:
        await session.exec(_DELETE, params={"k": key})
