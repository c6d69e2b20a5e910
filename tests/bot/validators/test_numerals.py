from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.validators.numerals import arabize

CN_DIGITS = "零一二三四五六七八九"


def spell(n: int) -> str:
    """Spell 0-99 the way people write it (independent of the code under test)."""
    if n < 10:
        return CN_DIGITS[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("十一月二十三日", "11月23日"),
        ("二〇二六年", "2026年"),
        ("一九九零", "1990"),
        ("两点半", "2点半"),
        ("十点", "10点"),
        ("三十一", "31"),
        ("十十", "十十"),
        ("一百", "1百"),
        ("今天", "今天"),
    ],
)
def test_arabize(text: str, expected: str) -> None:
    assert arabize(text) == expected


@given(st.integers(0, 99))
def test_numbers_below_100(n: int) -> None:
    assert arabize(spell(n)) == str(n)
