"""Access tokens, fetched by one process at a time and shared through the database.

Fetching a new token makes the previous one expire within minutes, so processes that each
fetched their own would knock each other's tokens out. A refresh takes the token row's lock
(PostgreSQL row lock; SQLite's write lock) and re-reads the row under it: whoever waited finds
the token the first process stored and uses it instead of fetching again.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col

from storage.crypto import FieldCipher
from storage.db import SessionFactory
from storage.models import ChannelToken

log = logging.getLogger(__name__)

#: (token, lifetime in seconds) from the platform.
Fetch = Callable[[], Awaitable[tuple[str, int]]]
#: Refresh this long before expiry, so a token never dies between reading and using it.
MARGIN = timedelta(minutes=5)
_CONTEXT = "channel_token.token"
_NEVER = datetime(1970, 1, 1, tzinfo=UTC)


class TokenStore:
    def __init__(
        self,
        name: str,
        sessions: SessionFactory,
        cipher: FieldCipher,
        clock: Callable[[], datetime],
        fetch: Fetch,
    ) -> None:
        self.name = name
        self._sessions = sessions
        self._cipher = cipher
        self._clock = clock
        self._fetch = fetch
        self._lock = asyncio.Lock()
        self._cached: tuple[str, datetime] | None = None

    def _fresh_cached(self) -> str | None:
        if self._cached and self._cached[1] - MARGIN > self._clock():
            return self._cached[0]
        return None

    async def get(self) -> str:
        """A valid token: from memory, else from the database, else freshly fetched."""
        token = self._fresh_cached()
        if token is not None:
            return token
        async with self._lock:
            return self._fresh_cached() or await self._refresh(stale=None)

    async def replace(self, stale: str) -> str:
        """The platform rejected `stale` (40001/42001): a token other than it."""
        async with self._lock:
            cached = self._fresh_cached()
            if cached is not None and cached != stale:
                return cached
            return await self._refresh(stale=stale)

    async def _ensure_row(self) -> None:
        async with self._sessions() as session:
            if await session.get(ChannelToken, self.name) is not None:
                return
            session.add(ChannelToken(name=self.name, token_enc="", expires_at=_NEVER))
            # Another process may create it first: fine, it only has to exist.
            with contextlib.suppress(IntegrityError):
                await session.commit()

    async def _refresh(self, stale: str | None) -> str:
        await self._ensure_row()
        async with self._sessions() as session:
            # A no-op UPDATE takes the lock on both engines (SELECT FOR UPDATE is a no-op on
            # SQLite); it is held until commit, across the fetch below.
            await session.exec(
                update(ChannelToken)
                .where(col(ChannelToken.name) == self.name)
                .values(expires_at=ChannelToken.expires_at)
            )
            row = await session.get(ChannelToken, self.name, populate_existing=True)
            assert row is not None
            now = self._clock()
            if row.token_enc and row.expires_at - MARGIN > now:
                stored = self._cipher.decrypt(row.token_enc, _CONTEXT)
                if stored != stale:
                    await session.commit()
                    self._cached = (stored, row.expires_at)
                    return stored
            token, lifetime = await self._fetch()
            row.token_enc = self._cipher.encrypt(token, _CONTEXT)
            row.expires_at = now + timedelta(seconds=lifetime)
            session.add(row)
            await session.commit()
        log.info("fetched a new access token for %s", self.name)
        self._cached = (token, row.expires_at)
        return token
