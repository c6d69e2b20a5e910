"""The `/通缉` list's contact sheets are kept a day, then deleted.

A sheet holds the faces and names of internal cards, sealed like the cards; it answers one
request, so unlike a card nothing else names it. Each stored sheet is filed
(`<media root>/sheet-index/<hash>`, the file's time the last time it was shown) so that
retention can delete the sheets nobody asked for since `SHEET_TTL`. Sheets shown before
they were filed (plain at first, then sealed) are known by their size (`old_sheets`).
"""

from __future__ import annotations

import io
import os
import time
from datetime import timedelta

from PIL import Image, UnidentifiedImageError

from bot.media import MediaStore, make_private_dir, write_private
from handlers.wanted.contact_sheet import SHEET_SIZES

INDEX_DIR = "sheet-index"
#: Long past the answer's delivery (and its link's life), short enough not to pile up.
SHEET_TTL = timedelta(days=1)


def file_sheet(store: MediaStore, sha256: str) -> None:
    """Remember that the sheet `sha256` was shown now."""
    folder = store.root / INDEX_DIR
    make_private_dir(folder)
    entry = folder / store.path(sha256).name
    try:
        write_private(entry, b"")
    except FileExistsError:
        os.utime(entry)


def sweep_sheets(store: MediaStore, ttl: timedelta = SHEET_TTL) -> int:
    """Delete the sheets not shown for `ttl`; returns how many went."""
    try:
        entries = list((store.root / INDEX_DIR).iterdir())
    except FileNotFoundError:
        return 0
    cutoff = time.time() - ttl.total_seconds()
    gone = 0
    for entry in entries:
        try:
            if entry.stat().st_mtime >= cutoff:
                continue
        except FileNotFoundError:
            continue
        gone += store.discard(entry.name)
        entry.unlink(missing_ok=True)
    return gone


def old_sheets(store: MediaStore, ttl: timedelta = SHEET_TTL) -> set[str]:
    """Sheets stored before sheets were filed, not written for `ttl`: pictures filed nowhere
    that are a PNG of a sheet's size (no card, photo or chart has one). Sealed ones are
    opened to tell (`store` needs the data key); those that do not open are left. The
    caller keeps those a row names."""
    try:
        filed = set(os.listdir(store.root / INDEX_DIR))
    except FileNotFoundError:
        filed = set()
    cutoff = time.time() - ttl.total_seconds()
    found = set()
    for sha256 in store.pictures():
        try:
            if sha256 in filed or store.path(sha256).stat().st_mtime >= cutoff:
                continue
        except FileNotFoundError:
            continue
        if _is_sheet(store, sha256):
            found.add(sha256)
    return found


def _is_sheet(store: MediaStore, sha256: str) -> bool:
    # A plain file is read as far as its header; a sealed one has to be opened whole.
    data = store.get(sha256) if store.sealed(sha256) else None
    try:
        with Image.open(io.BytesIO(data) if data else store.path(sha256)) as picture:
            return picture.format == "PNG" and picture.size in SHEET_SIZES
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False  # not a picture, gone meanwhile, or sealed with keys we lack
