"""The kind an operator meant by a word that is no label (`handlers.services.venue_kinds`)."""

from __future__ import annotations

import pytest

from handlers.services.venue_kinds import meant_kind, unknown_kind
from storage.models import VenueKind


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("HOTEL", VenueKind.HOTEL),  # no close match to hotel: an exact value, in capitals
        ("Internet_Cafe", VenueKind.INTERNET_CAFE),
        ("ktv", VenueKind.ENTERTAINMENT),
        ("宾馆", VenueKind.HOTEL),
    ],
)
def test_a_value_or_word_in_any_case_is_meant_exactly(word: str, kind: VenueKind) -> None:
    assert meant_kind(word) is kind


@pytest.mark.parametrize(
    ("word", "label"),
    [("理发店", "小美容洗浴"), ("小卖部", "小商店"), ("饭馆", "小餐饮"), ("游戏厅", "小歌舞娱乐")],
)
def test_the_law_desks_words_for_a_trade_name_its_kind(word: str, label: str) -> None:
    """A spreadsheet's 理发店 had no hint: the import's word list had left out words the
    law desk reads as the same trades."""
    assert unknown_kind(word).endswith(f"; did you mean {label!r}?")
