"""Pictures nothing names any more, deleted: an upload left by a form never finished, a
chart whose links have all expired.

A picture is kept while anything names it (`named_pictures`, `indexed`): a row's photo
columns, a message still to send or shown in a web chat (outbox, inbox), a form in
progress or a memo (photos held for the form picked next), a file under the media folder's
indexes (card renders, the list's sheets). The rest goes once nothing in flight can still
name it: an upload (a received photo, a JPEG, or a wanted person's, sealed) a day after it
came, as long as a form or a memo keeps one unsaved; anything else (a chart sent as a
reply) once every link to it has expired (`LINK_TTL`). Storing a picture again makes it
fresh (`MediaStore.put`), so one sent anew is not taken meanwhile.
"""

from __future__ import annotations

import asyncio
import logging
import os
import re
import time
from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path

from sqlalchemy import select
from sqlmodel import col

from bot.context import Services
from bot.media import JPEG_START, LINK_TTL, MediaStore
from storage.crypto import CryptoError, FieldCipher
from storage.db import AsyncSession
from storage.models import Broadcast, InspectionItem, Question, Report, Tip, WantedPerson
from storage.reseal import sealed_columns
from storage.sealed import unseal_with

log = logging.getLogger(__name__)

#: The longest an upload waits unsaved: a form's progress, a memo of photos held.
UPLOAD_AGE = timedelta(days=1)
_HASH = re.compile(r"[0-9a-f]{64}")
_HASH_FOLDER = re.compile(r"[0-9a-f]{2}")
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
#: Index files are a hash or a few; anything larger is no index entry.
_INDEX_ENTRY_BYTES = 4096


async def named_pictures(session: AsyncSession, cipher: FieldCipher) -> set[str]:
    """The hashes every row that may name a picture names. Raises `CryptoError` when a
    sealed value does not open: what it names cannot be known."""
    named: set[str] = set()
    for column in _PLAIN:
        plain = await session.stream_scalars(
            select(column).where(column.is_not(None)).execution_options(yield_per=_BATCH)
        )
        async for value in plain:
            named.update(_HASH.findall(value or ""))
    for sealed in sealed_columns():
        if sealed.name not in _SEALED:
            continue
        stored = sealed.table.c[sealed.column]
        rows = await session.stream_scalars(
            select(stored).where(stored.is_not(None)).execution_options(yield_per=_BATCH)
        )
        async for token in rows:
            named.update(_HASH.findall(unseal_with(cipher, token, sealed.context)))
    return named


def indexed(root: Path) -> set[str]:
    """The hashes the media folder's indexes name (`card-index`, `sheet-index`): in an
    entry's name or in its content."""
    found: set[str] = set()
    for folder, dirs, files in os.walk(root):
        if Path(folder) == root:
            dirs[:] = [d for d in dirs if not _HASH_FOLDER.fullmatch(d)]  # the pictures
            continue
        for name in files:
            found.update(_HASH.findall(name))
            entry = os.path.join(folder, name)
            try:
                if os.path.getsize(entry) <= _INDEX_ENTRY_BYTES:
                    with open(entry, encoding="ascii", errors="replace") as text:
                        found.update(_HASH.findall(text.read()))
            except FileNotFoundError:
                continue  # deleted meanwhile (a sheet swept)
    return found


def _old_enough(store: MediaStore, sha256: str, now: float) -> bool:
    """Old enough to go if nothing names it: an upload after a day, the rest once no link
    to it works."""
    try:
        age = now - store.path(sha256).stat().st_mtime
        if age < UPLOAD_AGE.total_seconds():
            return False
        if age >= LINK_TTL.total_seconds():
            return True
        with store.path(sha256).open("rb") as stored:
            head = stored.read(len(JPEG_START))
    except FileNotFoundError:
        return False
    return head == JPEG_START or store.sealed(sha256)


def _candidates(store: MediaStore, now: float) -> set[str]:
    return {sha256 for sha256 in store.pictures() if _old_enough(store, sha256, now)}


def _discard(store: MediaStore, hashes: Iterable[str], now: float) -> int:
    # Asked again: a picture stored anew since it was listed is fresh, and may be named
    # by a row written after the names were read.
    return sum(store.discard(h) for h in hashes if _old_enough(store, h, now))


async def sweep_orphans(services: Services, store: MediaStore) -> int:
    """Delete the pictures nothing names that are old enough; returns how many."""
    now = time.time()
    candidates = await asyncio.to_thread(_candidates, store, now)
    if not candidates:
        return 0
    try:
        async with services.sessions() as session:
            named = await named_pictures(session, services.cipher)
    except CryptoError:
        log.warning("pictures nothing names kept: a stored value does not open with the data keys")
        return 0
    named |= await asyncio.to_thread(indexed, store.root)
    return await asyncio.to_thread(_discard, store, candidates - named, now)
