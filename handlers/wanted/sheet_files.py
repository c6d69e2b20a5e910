"""The `/通缉` list's contact sheets are kept a day, then deleted.

A sheet holds the faces and names of internal cards, sealed like the cards; it answers one
request, so unlike a card nothing else names it. Each stored sheet is filed
(`<media root>/sheet-index/<hash>`, the file's time the last time it was shown) so that
retention can delete the sheets nobody asked for since `SHEET_TTL`.
"""

from __future__ import annotations

import os
import time
from datetime import timedelta

from bot.media import MediaStore, make_private_dir, write_private

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
