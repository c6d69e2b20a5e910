"""Form progress in the database, encrypted, with optimistic versioning across replicas.

Within one process a per-user lock (see `bot.dispatch`) already serialises messages; the
version column catches the rarer case of two replicas handling the same user at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, update
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.forms.progress import Progress
from storage.crypto import FieldCipher
from storage.models import FormState

_CONTEXT = "form_state"


class StaleFormState(Exception):
    """Another process changed this user's form first; the message should be retried."""


@dataclass
class StoredProgress:
    progress: Progress
    row: FormState

    @property
    def expired_at(self) -> datetime:
        return self.row.expires_at


class FormStore:
    def __init__(self, cipher: FieldCipher, lifetime: timedelta) -> None:
        self._cipher = cipher
        self._lifetime = lifetime

    async def load(self, session: AsyncSession, key: str) -> StoredProgress | None:
        row = (await session.exec(select(FormState).where(FormState.key == key))).first()
        if row is None:
            return None
        text = self._cipher.decrypt(row.data_enc, _CONTEXT)
        return StoredProgress(Progress.from_json(text), row)

    async def exists(self, session: AsyncSession, key: str) -> bool:
        found = await session.exec(select(FormState.id).where(FormState.key == key))
        return found.first() is not None

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
            session.add(
                FormState(
                    key=key,
                    form_name=progress.form_name,
                    data_enc=data,
                    updated_at=now,
                    expires_at=expires,
                    channel=channel,
                    chat_id=chat_id,
                )
            )
            return
        result = await session.exec(
            update(FormState)
            .where(FormState.id == stored.row.id, FormState.version == stored.row.version)  # type: ignore[arg-type]
            .values(
                form_name=progress.form_name,
                data_enc=data,
                version=stored.row.version + 1,
                updated_at=now,
                expires_at=expires,
            )
        )
        if result.rowcount != 1:
            raise StaleFormState(key)

    async def clear(self, session: AsyncSession, key: str) -> None:
        await session.exec(delete(FormState).where(FormState.key == key))  # type: ignore[arg-type]
