"""Pictures a reply names but the media store no longer has.

Retention purges photos, and a card's picture can be deleted while a message naming it
waits in the outbox. Such a picture cannot be sent, but the rest of its reply can: every
channel shows a short line where the picture stood (its caption kept), so that nothing is
dropped without a word and no delivery fails for good over one picture.
"""

from __future__ import annotations

from bot.media import MediaStore
from bot.messages import Image, Reply, Text

#: What the user reads where the picture would have been.
GONE = "（图片已不可用）"


def gone_text(image: Image) -> str:
    """The line that stands for `image`, then its caption (a caption follows its picture)."""
    return "\n".join(part for part in (GONE, image.caption) if part)


def stored(media: MediaStore, sha256: str) -> bool:
    try:
        return media.path(sha256).is_file()
    except ValueError:  # not a hash: nothing the store could hold
        return False


def without_missing(replies: list[Reply], media: MediaStore) -> list[Reply]:
    """`replies`, each picture the store does not have replaced by its line of text."""
    return [
        Text(gone_text(r)) if isinstance(r, Image) and not stored(media, r.sha256) else r
        for r in replies
    ]
