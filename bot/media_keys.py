"""Sealed pictures in a key rotation: which data key each needs, and re-sealing them.

Sealed pictures (internal cards, the list's contact sheets) are files, not columns: the
database's reseal does not see them, and a key removed while a file still needs it leaves
that picture unreadable.
"""

from __future__ import annotations

from collections import Counter

from bot.media import MediaStore

#: How `keys status` names them beside the columns.
MEDIA_FILES = "media files"


def media_key_usage(store: MediaStore) -> tuple[Counter[str], int]:
    """Sealed pictures by the id of the key each is sealed with, and how many open with no
    configured key (sealed with a key since removed, or another server's)."""
    usage: Counter[str] = Counter()
    unreadable = 0
    for sha256 in store.sealed_pictures():
        key_id = store.sealed_key_id(sha256)
        if key_id is not None and store.readable(sha256):
            usage[key_id] += 1
        else:
            unreadable += 1
    return usage, unreadable


def reseal_media(store: MediaStore) -> tuple[int, int]:
    """Seal every picture sealed with an old key with the current one. Returns how many
    were re-sealed, and how many do not open with the configured keys (left as they are)."""
    assert store.cipher is not None
    current = store.cipher.current_key_id
    done = failed = 0
    for sha256 in store.sealed_pictures():
        if store.sealed_key_id(sha256) == current:
            continue
        if store.reseal(sha256):
            done += 1
        else:
            failed += 1
    return done, failed
