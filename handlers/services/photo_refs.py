"""Which stored pictures the database still names: a file is deleted only once nothing does.

One answer for every deletion (a card closed, a case purged, a sheet, the hourly sweep of
pictures nothing names): a picture is named by a row's photo columns (a tip's, a report's,
a question's, a wanted card's, an inspection's, an alert's image) and by sealed values that
may carry one: a message still to send or shown in a web chat (outbox, inbox), a photo held
for the form picked next (memos), a form's answers and drafts. A tip's photo that is also
in a form in progress, or in a message not yet delivered, stays when the card with the
same picture closes.

Sealed values are opened once each (`_Opened`): a token is the sealed form of one text, so
what a token names never changes, and a token seen by an earlier call is not decrypted
again (up to a bound: past it, only the tokens over the bound are). The hourly sweep
decrypts only the rows written or changed since it last ran.
"""

from __future__ import annotations

import hashlib
import logging
import re
from collections import OrderedDict
from collections.abc import Iterable

from sqlalchemy import select
from sqlmodel import col
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.crypto import CryptoError, FieldCipher
from storage.models import Broadcast, InspectionItem, Question, Report, Tip, WantedPerson
from storage.reseal import sealed_columns
from storage.sealed import cipher_of, unseal_with

log = logging.getLogger(__name__)

_HASH = re.compile(r"[0-9a-f]{64}")
#: Columns that hold media-store hashes as they are: one, or a JSON list of them.
_PLAIN = (
    col(Tip.photos),
    col(Report.photos),
    col(Question.photos),
    col(WantedPerson.photos),
    col(InspectionItem.photo),
    col(InspectionItem.fix_photos),
    col(Broadcast.image_sha256),
)
#: Sealed columns whose values may name pictures: replies with images (outbox, web chat
#: inbox), photos held for a form (memos), a form's answers and drafts.
_SEALED = frozenset(
    {"outbox.payload", "web_inbox.payload", "user_memo.value", "form_state.data_enc"}
)
#: Rows read at a time: the outbox holds a fortnight of messages.
_BATCH = 500


async def photos_in_use(session: AsyncSession, photos: Iterable[str]) -> set[str]:
    """Those of `photos` something in the database still names. All of them when a sealed
    value does not open with the data keys: what it names cannot be known, and a picture
    kept by mistake costs less than one a tip still shows."""
    wanted = set(photos)
    if not wanted:
        return set()
    used = await _named_plain(session, wanted)
    if used == wanted:
        return used  # nothing left to decrypt for
    try:
        return used | await _named_sealed(session, cipher_of(session), wanted - used)
    except CryptoError:
        log.warning("pictures kept: a stored value does not open with the data keys")
        return wanted


async def _named_plain(session: AsyncSession, wanted: set[str]) -> set[str]:
    found: set[str] = set()
    for column in _PLAIN:
        values = await session.stream_scalars(
            select(column).where(column.is_not(None)).execution_options(yield_per=_BATCH)
        )
        async for batch in values.partitions():  # a row at a time costs more than the read
            for value in batch:
                found.update(wanted.intersection(_HASH.findall(value or "")))
        if found == wanted:
            break
    return found


async def _named_sealed(session: AsyncSession, cipher: FieldCipher, wanted: set[str]) -> set[str]:
    found: set[str] = set()
    _OPENED.new_check()
    for sealed in sealed_columns():
        if sealed.name not in _SEALED:
            continue
        stored = sealed.table.c[sealed.column]
        tokens = await session.stream_scalars(
            select(stored).where(stored.is_not(None)).execution_options(yield_per=_BATCH)
        )
        async for batch in tokens.partitions():
            for token in batch:
                found.update(wanted.intersection(_OPENED.names(cipher, token, sealed.context)))
            if found == wanted:
                return found  # the rest need not be opened
    return found


class _Opened:
    """What each sealed value names, remembered by its token's digest (the token itself may
    be long), so that a value unchanged since the last check is not decrypted again.

    Only hashes are kept, never the text. Bounded to `most` tokens (the outbox, the
    largest, keeps a fortnight of messages). Once full, a new token takes the place of one
    no check has met since the one before the current (a deleted row's, a changed
    value's); while all are still met, the new token is opened on every check instead of
    kept. Dropping the least recently used would not do: every check reads the tokens in
    the same order, and with more of them than the bound each would be dropped just before
    it is needed, and all of them opened on every check."""

    def __init__(self, most: int = 200_000) -> None:
        self._most = most
        #: Digest: (what the value names, the last check that met it); the least recently
        #: met first.
        self._names: OrderedDict[bytes, tuple[frozenset[str], int]] = OrderedDict()
        self._check = 0

    def new_check(self) -> None:
        """A check begins: what it does not meet may make way for what it opens."""
        self._check += 1

    def names(self, cipher: FieldCipher, token: str, context: str) -> frozenset[str]:
        key = hashlib.blake2b(f"{context}\0{token}".encode(), digest_size=16).digest()
        kept = self._names.get(key)
        if kept is not None:
            self._names[key] = (kept[0], self._check)
            self._names.move_to_end(key)
            return kept[0]
        names = frozenset(_HASH.findall(unseal_with(cipher, token, context)))
        if len(self._names) >= self._most:
            _, (_, met) = next(iter(self._names.items()))
            if met >= self._check - 1:
                return names  # every kept token is still in use
            self._names.popitem(last=False)
        self._names[key] = (names, self._check)
        return names


_OPENED = _Opened()
