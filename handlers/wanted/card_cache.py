"""Cards rendered once per content: the PNG goes to the media store under its own hash.

A card is looked up by a key over everything that shapes its picture: the template
version, the size, every fact and the photo's SHA-256. The key maps to the PNG's media-store
hash in memory (the most recent few thousand) and on disk
(`<media root>/card-index/<card number>/<key>`, a file holding the hash), so a restarted
server does not draw its cards again, and a card's renders can all be found to delete.

An internal card (full ID number, name, case) is sealed in the store (`put_sealed`); a
public notice's card, masked and sent to venues as it is, is stored plain. `forget` deletes
a card's renders: after an edit the old ones, once it is closed all of them (the caller
keeps those a live notice still shows). A sealed render the data keys no longer open (its
key removed after a rotation) counts as missing and is drawn again.

Rendering takes tens of milliseconds and belongs in a worker thread; `cached` answers
without rendering, for paths that must stay quick.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import re
import threading
from collections import OrderedDict
from collections.abc import Callable
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from bot.media import MediaStore, make_private_dir, write_private
from handlers.wanted.card import CardFacts, CardSize, render_card

#: Bump whenever the drawing changes, so cards drawn by the old template are drawn anew.
TEMPLATE_VERSION = "wanted-card-2"
INDEX_DIR = "card-index"
MEMORY_ENTRIES = 4096
_HASH = re.compile(r"[0-9a-f]{64}")
_CARD_NO = re.compile(r"[0-9A-Za-z-]{1,32}")

Renderer = Callable[[CardFacts, CardSize, str], bytes]


class CardCache:
    def __init__(
        self,
        store: MediaStore,
        *,
        memory_entries: int = MEMORY_ENTRIES,
        render: Renderer = render_card,
    ) -> None:
        self.store = store
        self.index = store.root / INDEX_DIR
        self.memory_entries = memory_entries
        self.render = render
        self._memory: OrderedDict[str, str] = OrderedDict()
        #: Keys being rendered now, each with the lock its render holds.
        self._rendering: dict[str, threading.Lock] = {}
        # Worker threads share the cache; this lock guards the two dicts, never a render.
        self._lock = threading.Lock()

    def key(self, facts: CardFacts, size: CardSize) -> str:
        """SHA-256 (hex) of the template version, the size and every fact."""
        fields: dict[str, Any] = {}
        for field in dataclasses.fields(facts):
            if field.name == "photo_sha256":
                continue  # stands in for `photo` below
            value = getattr(facts, field.name)
            if field.name == "photo":
                value = facts.photo_sha256 or (
                    hashlib.sha256(value).hexdigest() if value is not None else None
                )
            fields[field.name] = _plain(value)
        described = [TEMPLATE_VERSION, CardSize(size).value, fields]
        text = json.dumps(described, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(text.encode()).hexdigest()

    def cached(self, facts: CardFacts, size: CardSize) -> str | None:
        """The media-store hash of the card if it was rendered before, without rendering."""
        return self._find(self.key(facts, size), facts.card_no)

    def get_or_render(self, facts: CardFacts, size: CardSize, font_path: str = "") -> str:
        """The media-store hash of the card's PNG, rendered only if its key is new."""
        key = self.key(facts, size)
        found = self._find(key, facts.card_no)
        if found is not None:
            return found
        # One render per new card: a second thread asking for it waits and then finds it,
        # rather than drawing it again and writing the same files at the same time.
        with self._lock:
            rendering = self._rendering.setdefault(key, threading.Lock())
        try:
            with rendering:
                found = self._find(key, facts.card_no)
                if found is None:
                    picture = self.render(facts, size, font_path)
                    put = self.store.put if facts.public else self.store.put_sealed
                    found = put(picture)
                    self._write_index(facts.card_no, key, found)
                    self._remember(key, found)
        finally:
            with self._lock:
                self._rendering.pop(key, None)
        return found

    def _find(self, key: str, card_no: str) -> str | None:
        with self._lock:
            sha256 = self._memory.get(key)
            if sha256 is not None:
                self._memory.move_to_end(key)
        # Checked on every hit: another process (a replica, retention) may have deleted it,
        # or it may be sealed with a key since removed.
        if sha256 is not None and self.store.readable(sha256):
            return sha256
        sha256 = self._read_index(card_no, key)
        if sha256 is not None:
            self._remember(key, sha256)
        return sha256

    def renders(self, card_no: str) -> set[str]:
        """The media-store hashes of every render of card `card_no` on file."""
        return set(self._entries(card_no).values())

    def forget(self, card_no: str, keep: frozenset[str] = frozenset()) -> int:
        """Delete the renders of card `card_no` but those in `keep` (media-store hashes),
        with their index entries; returns how many pictures went."""
        gone: set[str] = set()
        for entry, sha256 in self._entries(card_no).items():
            if sha256 in keep:
                continue
            if self.store.discard(sha256):
                gone.add(sha256)
            entry.unlink(missing_ok=True)
        with self._lock:
            for key in [k for k, v in self._memory.items() if v in gone]:
                del self._memory[key]
        return len(gone)

    def _entries(self, card_no: str) -> dict[Path, str]:
        """Index entries of card `card_no`: entry -> picture hash."""
        try:
            entries = list((self.index / _folder(card_no)).iterdir())
        except FileNotFoundError:
            return {}
        return _hashes_in(entries)

    def unfiled(self) -> dict[Path, str]:
        """Index entries written before entries were filed by card (`card-index/<key>`):
        entry -> picture hash."""
        try:
            entries = [e for e in self.index.iterdir() if e.is_file()]
        except FileNotFoundError:
            return {}
        return _hashes_in(entries)

    def drop_unfiled(self, unfiled: dict[Path, str], keep: frozenset[str]) -> None:
        """Delete those entries and their pictures (unsealed internal cards among them),
        but the pictures in `keep` (public notices still named by a row)."""
        for entry, sha256 in unfiled.items():
            if sha256 not in keep:
                self.store.discard(sha256)
            entry.unlink(missing_ok=True)

    def _remember(self, key: str, sha256: str) -> None:
        with self._lock:
            self._memory[key] = sha256
            self._memory.move_to_end(key)
            while len(self._memory) > self.memory_entries:
                self._memory.popitem(last=False)

    def _read_index(self, card_no: str, key: str) -> str | None:
        try:
            sha256 = (self.index / _folder(card_no) / key).read_text(encoding="ascii").strip()
        except (FileNotFoundError, UnicodeDecodeError):
            return None
        # An index entry whose picture is gone (media pruned by hand) or no longer opens
        # (sealed with a key since removed) is drawn again.
        if not _HASH.fullmatch(sha256) or not self.store.readable(sha256):
            return None
        return sha256

    def _write_index(self, card_no: str, key: str, sha256: str) -> None:
        folder = self.index / _folder(card_no)
        make_private_dir(folder)
        target = folder / key
        partial = target.with_name(f"{key}.{os.getpid()}.{threading.get_ident()}.part")
        partial.unlink(missing_ok=True)  # left by a crash of a process with this pid
        write_private(partial, sha256.encode("ascii"))
        partial.replace(target)


def _folder(card_no: str) -> str:
    """The index folder of a card: its number (TJ-0007), or one folder for any number that
    could not be a file name."""
    return card_no if _CARD_NO.fullmatch(card_no) else "_"


def _plain(value: Any) -> Any:
    """A JSON value that tells apart every fact value the card could draw differently."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value


def _hashes_in(entries: list[Path]) -> dict[Path, str]:
    """Index entry -> the picture hash it names; entries gone meanwhile (another process
    forgetting the card) or holding no hash are skipped."""
    found = {}
    for entry in entries:
        try:
            sha256 = entry.read_text(encoding="ascii").strip()
        except (FileNotFoundError, UnicodeDecodeError):
            continue
        if _HASH.fullmatch(sha256):
            found[entry] = sha256
    return found
