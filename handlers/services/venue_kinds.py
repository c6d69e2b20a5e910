"""The venue kind an operator most likely meant by a word that is not one of the labels.

Everyday words (网吧, 宾馆, 小餐馆) and half of a two-part label (幼儿园 of 小学校/幼儿园) are
what a station's spreadsheet says; the import names the label to write instead of leaving the
operator to guess among twelve.
"""

from __future__ import annotations

import difflib

from knowledge.faq import PLACE_WORDS
from storage.models import VenueKind

#: Words a kind goes by that no close match would find (宾馆 and 旅馆 share one character):
#: the places of the law desk's trades (`knowledge.faq.PLACE_WORDS`), where a word of two
#: kinds (旅馆 of hotel and small_hotel) is the first kind's, and a few the law desk does
#: not read into a question (it would change which FAQ entry an owner's question gets).
_WORDS = {
    word: VenueKind(kind) for kind, words in reversed(PLACE_WORDS.items()) for word in words
} | {
    "旅社": VenueKind.HOTEL,
    "客栈": VenueKind.HOTEL,
    "美容院": VenueKind.BEAUTY_BATH,
}


def kinds_listed() -> str:
    """The labels as an error lists them: 、 apart, since two labels hold a / themselves."""
    return "、".join(k.label for k in VenueKind)


def meant_kind(text: str) -> VenueKind | None:
    """The kind `text` most likely names, or None when nothing is close."""
    word = text.strip()
    # The labels, their halves, the English values (hotle) and the everyday words.
    names = {
        part: kind
        for kind in VenueKind
        for part in (kind.label, *kind.label.split("/"), kind.value)
    }
    names = _WORDS | names
    for exact in (word, word.lower(), word.upper()):  # hotel, HOTEL typed for hotel, ktv
        if exact in names:
            return names[exact]
    close = difflib.get_close_matches(word, list(names), n=1, cutoff=0.6)
    return names[close[0]] if close else None


def unknown_kind(text: str) -> str:
    """What an operator reads for a kind that is none: all of them, and the likely one."""
    meant = meant_kind(text)
    hint = f"; did you mean {meant.label!r}?" if meant else ""
    return f"kind {text!r} is not one of {kinds_listed()}{hint}"
