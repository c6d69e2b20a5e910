"""The venue kind an operator most likely meant by a word that is not one of the labels.

Everyday words (网吧, 宾馆, 小餐馆) and half of a two-part label (幼儿园 of 小学校/幼儿园) are
what a station's spreadsheet says; the import names the label to write instead of leaving the
operator to guess among twelve.
"""

from __future__ import annotations

import difflib

from storage.models import VenueKind

#: Words a kind goes by that no close match would find (宾馆 and 旅馆 share one character).
_WORDS = {
    "宾馆": VenueKind.HOTEL,
    "酒店": VenueKind.HOTEL,
    "旅店": VenueKind.HOTEL,
    "旅社": VenueKind.HOTEL,
    "客栈": VenueKind.HOTEL,
    "招待所": VenueKind.HOTEL,
    "出租房": VenueKind.RENTAL,
    "超市": VenueKind.SHOP,
    "便利店": VenueKind.SHOP,
    "商店": VenueKind.SHOP,
    "饭店": VenueKind.RESTAURANT,
    "餐馆": VenueKind.RESTAURANT,
    "餐厅": VenueKind.RESTAURANT,
    "网吧": VenueKind.INTERNET_CAFE,
    "网咖": VenueKind.INTERNET_CAFE,
    "歌厅": VenueKind.ENTERTAINMENT,
    "KTV": VenueKind.ENTERTAINMENT,
    "洗浴": VenueKind.BEAUTY_BATH,
    "美容院": VenueKind.BEAUTY_BATH,
    "学校": VenueKind.SCHOOL,
    "幼儿园": VenueKind.SCHOOL,
    "医院": VenueKind.CLINIC,
    "诊所": VenueKind.CLINIC,
    "加工厂": VenueKind.WORKSHOP,
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
    names |= _WORDS
    if word.upper() in names:  # KTV typed ktv
        return names[word.upper()]
    close = difflib.get_close_matches(word, list(names), n=1, cutoff=0.6)
    return names[close[0]] if close else None


def unknown_kind(text: str) -> str:
    """What an operator reads for a kind that is none: all of them, and the likely one."""
    meant = meant_kind(text)
    hint = f"; did you mean {meant.label!r}?" if meant else ""
    return f"kind {text!r} is not one of {kinds_listed()}{hint}"
