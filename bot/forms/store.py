"""Form progress in the database, encrypted, with optimistic versioning across replicas.

Within one process a per-user lock (see `bot.dispatch`) already serialises messages; the
version column catches the rarer case of two replicas handling the same user at once.
Statements are built once at import: a form answer is the busiest path in the bot.
"""

from __future__ import annotations

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

_CONTEXT = "form_state"
_TABLE: Table = FormState.__table__  # type: ignore[attr-defined]
_COLUMNS = (
    _TABLE.c.id,
    _TABLE.c.data_enc,
    _TABLE.c.version,
    _TABLE.c.expires_at,
    _TABLE.c.updated_at,
)
# Five columns, more than `select` is typed for: the statement is built as it builds one.
_LOAD: Select[*tuple[Any, ...]] = Select(*_COLUMNS).where(_TABLE.c.key == bindparam("k"))
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


class FormStore:
    def __init__(self, cipher: FieldCipher, lifetime: timedelta) -> None:
        self._cipher = cipher
        self._lifetime = lifetime

    async def load(self, session: AsyncSession, key: str) -> StoredProgress | None:
        row = (await session.exec(_LOAD, params={"k": key})).first()
        if row is None:
            return None
        row_id, data_enc, version, expires_at, saved_at = row
        text = self._cipher.decrypt(data_enc, _CONTEXT)
        # The time saved is read as written, never worked out from the expiry: the expiry
        # of every kept form moves when `[forms] expire_minutes` changes.
        return StoredProgress(Progress.from_json(text), row_id, version, expires_at, saved_at)

    async def exists(self, session: AsyncSession, key: str) -> bool:
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
