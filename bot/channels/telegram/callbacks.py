"""A button's value in and out of callback_data, which Telegram caps at 64 bytes.

Short values travel inline (`v:<value>`); longer ones are stored and travel as a token
(`t:<token>`). The data comes back from the user's client, so it is read exactly like typed
text: a forged `v:` value can say nothing the user could not have typed.

The token is a keyed hash of the value (the blind index key): the same button keeps one row,
and a guess of a value (a guest's name in it) cannot be checked against the table, or
against a button's data, without the key, as it could against a plain hash.
"""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError

from storage.crypto import BlindIndex, CryptoError
from storage.db import SessionFactory
from storage.models.telegram import VALUE_COLUMN, TelegramCallback
from storage.sealed import seal, unseal

MAX_BYTES = 64
_INLINE = "v:"
_TOKEN = "t:"
#: How stale `last_sent_at` may get before a send writes it again.
_REFRESH = timedelta(days=1)
_PURPOSE = "telegram_callback.token"


def _token(index: BlindIndex, value: str) -> str:
    return index.exact(value, _PURPOSE)[:32]  # 128 bits, as hex: the column's 32 characters


def inline(value: str) -> str | None:
    data = _INLINE + value
    return data if len(data.encode()) <= MAX_BYTES else None


async def encode(sessions: SessionFactory, index: BlindIndex, value: str, now: datetime) -> str:
    data = inline(value)
    if data is not None:
        return data
    token = _token(index, value)
    async with sessions() as session:
        row = await session.get(TelegramCallback, token)
        if row is None:
            sealed = seal(session, value, VALUE_COLUMN)
            session.add(TelegramCallback(token=token, value=sealed, last_sent_at=now))
        elif now - row.last_sent_at > _REFRESH:
            row.last_sent_at = now
            session.add(row)
        else:
            return _TOKEN + token
        # Another sender may have stored the same value a moment ago: same token, fine.
        with contextlib.suppress(IntegrityError):
            await session.commit()
    return _TOKEN + token


async def decode(sessions: SessionFactory, data: str) -> str | None:
    """The button's value, or None if the data is not ours (or its token is gone)."""
    if data.startswith(_INLINE):
        return data[len(_INLINE) :]
    if data.startswith(_TOKEN):
        async with sessions() as session:
            row = await session.get(TelegramCallback, data[len(_TOKEN) :])
            if row is None:
                return None
            try:
                return unseal(session, row.value, VALUE_COLUMN)
            except CryptoError:  # a key since removed: the button has expired
                return None
    return None
