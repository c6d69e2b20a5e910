"""Access tokens, fetched by one process at a time and shared through the database.

Fetching a new token makes the previous one expire within minutes, so processes that each
fetched their own would knock each other's tokens out. A refresh is claimed first: a lease
row (`scheduler_lease`, named after the token) taken in a short transaction. The holder
fetches the token with no transaction open, stores it in a second short one and hands the
claim back; whoever finds the claim taken waits for the token to appear in the database and
uses it instead of fetching again. No database lock is ever held across the fetch: on
SQLite that would be the whole database's write lock, for as long as the platform takes to
answer, and every other writer (the scheduler's job store among them) would time out.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col

from scheduler.leader import Leadership
from storage.crypto import FieldCipher
from storage.db import SessionFactory
from storage.models import ChannelToken

log = logging.getLogger(__name__)

#: (token, lifetime in seconds) from the platform.
Fetch = Callable[[], Awaitable[tuple[str, int]]]
#: Refresh this long before expiry, so a token never dies between reading and using it.
MARGIN = timedelta(minutes=5)
#: How long a refresh claim lasts: longer than any fetch (api_timeout is at most 30 s), so
#: only a process that died mid-fetch leaves it to expire.
CLAIM = timedelta(seconds=60)
#: Seconds between looks at the database while another process fetches.
POLL_SECONDS = 0.05
_CONTEXT = "channel_token.token"
_NEVER = datetime(1970, 1, 1, tzinfo=UTC)


class RefreshTimeout(TimeoutError):
    """Another process held the refresh claim longer than a claim lasts."""


def claim_name(name: str) -> str:
    """The lease row of a token's refresh (lease names are at most 64 characters)."""
    claim = f"token:{name}"
    if len(claim) > 64:
        claim = "token:" + hashlib.sha256(name.encode()).hexdigest()[:58]
    return claim


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
        self._claim = Leadership(sessions, clock, lease=CLAIM, name=claim_name(name))

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

    async def _stored(self, stale: str | None) -> str | None:
        """The token in the database if it is valid and not `stale` (one short read)."""
        async with self._sessions() as session:
            row = await session.get(ChannelToken, self.name, populate_existing=True)
        if row is None or not row.token_enc or row.expires_at - MARGIN <= self._clock():
            return None
        token = self._cipher.decrypt(row.token_enc, _CONTEXT)
        if token == stale:
            return None
        self._cached = (token, row.expires_at)
        return token

    async def _refresh(self, stale: str | None) -> str:
        await self._ensure_row()
        loop = asyncio.get_running_loop()
        give_up = loop.time() + CLAIM.total_seconds()
        while True:
            stored = await self._stored(stale)
            if stored is not None:
                return stored
            if await self._claim.try_hold():
                try:
                    return await self._fetch_and_store(stale)
                finally:
                    await self._claim.release()
            if loop.time() > give_up:
                raise RefreshTimeout(f"another process is still fetching the {self.name} token")
            await asyncio.sleep(POLL_SECONDS)

    async def _fetch_and_store(self, stale: str | None) -> str:
        # The claim's holder may have stored a token between our last look and our claim.
        stored = await self._stored(stale)
        if stored is not None:
            return stored
        now = self._clock()
        token, lifetime = await self._fetch()  # no transaction open: nothing locked
        expires = now + timedelta(seconds=lifetime)
        async with self._sessions() as session:
            await session.exec(
                update(ChannelToken)
                .where(col(ChannelToken.name) == self.name)
                .values(token_enc=self._cipher.encrypt(token, _CONTEXT), expires_at=expires)
            )
            await session.commit()
        log.info("fetched a new access token for %s", self.name)
        self._cached = (token, expires)
        return token
