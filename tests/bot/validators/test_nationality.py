from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.validators import nationality
from bot.validators.errors import Invalid
from bot.validators.nationality import CHINA, Nationality, parse_nationality


@pytest.mark.parametrize(
    ("typed", "code", "name"),
    [
        ("中国", "CHN", "中国"),
        ("中国人", "CHN", "中国"),
        ("中国籍", "CHN", "中国"),
        ("china", "CHN", "中国"),
        ("CN", "CHN", "中国"),
        ("美国", "USA", "美国"),
        ("United States", "USA", "美国"),
        ("us", "USA", "美国"),
        ("英国", "GBR", "英国"),
        ("UK", "GBR", "英国"),
        ("韩国", "KOR", "韩国"),
        ("南韩", "KOR", "韩国"),
        ("朝鲜", "PRK", "朝鲜"),
        ("印尼", "IDN", "印度尼西亚"),
        ("澳洲", "AUS", "澳大利亚"),
        ("ｊｐｎ", "JPN", "日本"),
    ],
)
def test_known_countries(typed: str, code: str, name: str) -> None:
    assert parse_nationality(typed) == Nationality(code, name)


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("香港", "中国香港"),
        ("Hong Kong", "中国香港"),
        ("HKG", "中国香港"),
        ("澳门", "中国澳门"),
        ("Macau", "中国澳门"),
        ("台湾", "中国台湾"),
        ("台灣", "中国台湾"),
        ("TWN", "中国台湾"),
    ],
)
def test_hong_kong_macao_and_taiwan_are_regions_of_china(typed: str, name: str) -> None:
    """香港 at a passport's 国籍 had been kept as typed: to the form, a foreign country."""
    assert parse_nationality(typed).name == name


def test_empty_is_default() -> None:
    assert parse_nationality("") == CHINA
    assert parse_nationality("  ") == CHINA
    assert Nationality("CHN", "中国") == CHINA
    us = Nationality("USA", "美国")
    assert parse_nationality("", default=us) == us


@pytest.mark.parametrize("typed", ["冰岛", "Iceland", "Côte d'Ivoire", "São Tomé"])
def test_free_text_fallback(typed: str) -> None:
    assert parse_nationality(typed) == Nationality(None, typed)


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("123", nationality.CHARACTERS),
        ("中国😀", nationality.CHARACTERS),
        ("x" * 31, nationality.TOO_LONG),
        ("中" * 100_000, "输入太长了，请只发送要填写的内容"),
    ],
)
def test_refused(typed: str, expected: str) -> None:
    with pytest.raises(Invalid) as caught:
        parse_nationality(typed)
    assert caught.value.reason == expected


def test_codes_are_unique_alpha3() -> None:
    codes = [code for code, *_ in nationality._COUNTRIES]
    assert len(codes) == len(set(codes))
    assert all(len(code) == 3 and code.isupper() for code in codes)


@given(st.text(max_size=300))
def test_arbitrary_text_gives_a_value_or_invalid(typed: str) -> None:
    try:
        parse_nationality(typed)
    except Invalid as error:
        assert error.reason
