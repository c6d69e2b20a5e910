from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.validators.numerals import arabize, spoken_digits

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


def test_a_number_read_out_digit_by_digit_is_written_in_digits() -> None:
    assert spoken_digits("一三八 一二三四 五六七八") == "138 1234 5678"
    assert spoken_digits("幺八六零零零零一二三四") == "18600001234"
    assert spoken_digits("四四零三零四 一九八五一一二零 七八九九") == "440304 19851120 7899"
    # Short runs are words: 两晚, 三个人, 二〇二六年 (dates read them themselves).
    for words in ("住两晚", "来了三个人", "二〇二六年", "押一付三"):
        assert spoken_digits(words) == words
    # A name ending in a numeral, before a number: 李四's 四 is no digit of it.
    assert spoken_digits("李四 110105199103045178") == "李四 110105199103045178"
    assert spoken_digits("张三 一三八 一二三四 五六七八") == "张三 138 1234 5678"
