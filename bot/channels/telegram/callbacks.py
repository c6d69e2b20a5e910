"""A button's value in and out of callback_data, which Telegram caps at 64 bytes.

Short values travel inline (`v:<value>`); longer ones are stored and travel as a token
(`t:<token>`). The data comes back from the user's client, so it is read exactly like typed
text: a forged `v:` value can say nothing the user could not have typed.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
from datetime import datetime, timedelta

from sqlalchemy.exc import IntegrityError

from storage.crypto import CryptoError
from storage.db import SessionFactory
from storage.models.telegram import VALUE_COLUMN, TelegramCallback
from storage.sealed import seal, unseal

MAX_BYTES = 64
_INLINE = "v:"
_TOKEN = "t:"
#: How stale `last_sent_at` may get before a send writes it again.
_REFRESH = timedelta(days=1)


def _token(value: str) -> str:
    digest = hashlib.sha256(value.encode()).digest()
    return base64.urlsafe_b64encode(digest[:18]).decode()  # 24 characters


def inline(value: str) -> str | None:
    data = _INLINE + value
    return data if len(data.encode()) <= MAX_BYTES else None


async def encode(sessions: SessionFactory, value: str, now: datetime) -> str:
    data = inline(value)
    if data is not None:
        return data
    token = _token(value)
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
