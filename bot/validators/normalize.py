"""Input hygiene shared by the parsers: length guard, NFKC folding, space handling.

Chat users paste from everywhere: full-width digits from a Chinese IME, ideographic spaces,
zero-width characters from web pages, and now and then a whole document. Every parser first
refuses absurdly long text by its length alone (before any regex can spend time on it), then
folds full-width forms to ASCII with NFKC.
"""

from __future__ import annotations

import re
import unicodedata

from bot.validators.errors import Invalid

#: Characters that are invisible in a chat window but break exact matching.
_INVISIBLE = re.compile("[\u200b-\u200f\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"\s+")

#: Raw length above which a short field (a number, a date, a name) is refused unread.
SHORT_FIELD_LIMIT = 200

TOO_LONG = "输入太长了，请只发送要填写的内容"


def guard_length(text: str, limit: int, reason: str = TOO_LONG) -> None:
    """Raise `Invalid(reason)` when `text` has more than `limit` characters."""
    if len(text) > limit:
        raise Invalid(reason)


def fold(text: str, *, limit: int | None = SHORT_FIELD_LIMIT) -> str:
    """NFKC-fold `text`, drop invisible characters and collapse runs of spaces to one.

    The result is stripped. Full-width digits, letters and punctuation (`１２：３０`, `（Ａ）`)
    become ASCII; the ideographic space becomes an ordinary space. Text over `limit`
    characters is refused (`Invalid`); None is no limit, for text already taken whole.
    """
    if limit is not None:
        guard_length(text, limit)
    folded = unicodedata.normalize("NFKC", text)
    if limit is not None:
        # NFKC can lengthen text (one ligature may become many letters), so guard again.
        guard_length(folded, limit)
    return _SPACES.sub(" ", _INVISIBLE.sub("", folded)).strip()


def squeeze(text: str, *, limit: int = SHORT_FIELD_LIMIT) -> str:
    """Like `fold`, but remove every space: for numbers people type in groups."""
    return fold(text, limit=limit).replace(" ", "")
