from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.validators import phone
from bot.validators.errors import Invalid
from bot.validators.phone import parse_international, parse_landline, parse_mobile, parse_phone


def reason(parse: object, text: str) -> str:
    assert callable(parse)
    with pytest.raises(Invalid) as caught:
        parse(text)
    return caught.value.reason


@pytest.mark.parametrize(
    "typed",
    [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "+86 138 1234 5678",
        "+8613812345678",
        "0086-13812345678",
        "86 13812345678",
        "(+86) 138.1234.5678",
        "１３８１２３４５６７８",
        "\u200b13812345678\n",
    ],
)
def test_mobile_forms(typed: str) -> None:
    assert parse_mobile(typed) == "13812345678"


@pytest.mark.parametrize("prefix", ["13", "14", "15", "16", "17", "18", "19"])
def test_mobile_prefixes(prefix: str) -> None:
    assert parse_mobile(prefix + "012345678") == prefix + "012345678"


def test_mobile_errors() -> None:
    assert reason(parse_mobile, "") == phone.MOBILE_EMPTY
    assert reason(parse_mobile, "1381234567") == phone.MOBILE_LENGTH.format(n=10)
    assert reason(parse_mobile, "138123456789") == phone.MOBILE_LENGTH.format(n=12)
    assert reason(parse_mobile, "12812345678") == phone.MOBILE_PREFIX
    assert reason(parse_mobile, "23812345678") == phone.MOBILE_PREFIX
    assert reason(parse_mobile, "138甲乙丙丁5678") == phone.MOBILE_CHARACTERS
    assert reason(parse_mobile, "📱13812345678") == phone.MOBILE_CHARACTERS
    assert reason(parse_mobile, "+852 9123 4567") == phone.MOBILE_FOREIGN
    assert reason(parse_mobile, "1" * 100_000) == "输入太长了，请只发送要填写的内容"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("0371-65123456", "0371-65123456"),
        ("0371 6512 3456", "0371-65123456"),
        ("(0371)65123456", "0371-65123456"),
        ("0398-6512345", "0398-6512345"),
        ("010-65123456", "010-65123456"),
        ("021 6512 3456", "021-65123456"),
        ("+86 10 6512 3456", "010-65123456"),
        ("0086-371-65123456", "0371-65123456"),
        ("010-65123456转801", "010-65123456转801"),
        ("010-65123456 分机 801", "010-65123456转801"),
        ("010-65123456 ext.801", "010-65123456转801"),
        ("0371-65123456-12", "0371-65123456转12"),
        ("０３７１－６５１２３４５６", "0371-65123456"),
    ],
)
def test_landline_forms(typed: str, expected: str) -> None:
    assert parse_landline(typed) == expected


def test_landline_errors() -> None:
    assert reason(parse_landline, "") == phone.LANDLINE_EMPTY
    assert reason(parse_landline, "65123456") == phone.LANDLINE_AREA
    assert reason(parse_landline, "010-6512345") == phone.LANDLINE_NUMBER
    assert reason(parse_landline, "0371-651234") == phone.LANDLINE_NUMBER
    assert reason(parse_landline, "0371-05123456") == phone.LANDLINE_NUMBER
    assert reason(parse_landline, "0371-6512345a") == phone.LANDLINE_CHARACTERS


def test_parse_phone_takes_either() -> None:
    assert parse_phone("+86 138 1234 5678") == "13812345678"
    assert parse_phone("8613812345678") == "13812345678"
    assert parse_phone("0371-65123456") == "0371-65123456"
    assert reason(parse_phone, "65123456") == phone.LANDLINE_AREA
    assert reason(parse_phone, "1381234567") == phone.MOBILE_LENGTH.format(n=10)
    assert reason(parse_phone, "") == phone.MOBILE_EMPTY


mobiles = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)


@given(number=mobiles, prefix=st.sampled_from(["", "+86", "0086", "+86 ", "86"]))
def test_mobile_round_trip(number: str, prefix: str) -> None:
    grouped = f"{number[:3]} {number[3:7]}-{number[7:]}"
    assert parse_mobile(prefix + grouped) == number
    assert parse_phone(prefix + number) == number


@given(st.text(max_size=300))
def test_arbitrary_text_gives_a_value_or_invalid(text: str) -> None:
    for parse in (parse_mobile, parse_landline, parse_phone):
        try:
            parse(text)
        except Invalid as error:
            assert error.reason


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("+44 7700 900123", "+447700900123"),
        ("0044 7700900123", "+447700900123"),
        ("＋1 (415) 555-2671", "+14155552671"),
        ("+86 138 0013 8000", "13800138000"),  # a mainland number after all
    ],
)
def test_numbers_from_abroad(typed: str, expected: str) -> None:
    assert parse_international(typed) == expected


@pytest.mark.parametrize("typed", ["+12", "+44abc", "+0 1234 5678", "+1234567890123456"])
def test_not_numbers_from_abroad(typed: str) -> None:
    with pytest.raises(Invalid, match="国家代码"):
        parse_international(typed)


def test_the_word_before_a_number_is_not_part_of_it() -> None:
    """电话13800138000 at the phone question got 手机号只能包含数字."""
    assert parse_phone("手机13912345678") == "13912345678"
    assert parse_phone("联系电话：0371-65123456") == "0371-65123456"
    assert parse_mobile("电话 139 1234 5678") == "13912345678"


def test_a_mobile_read_out_in_chinese_digits_is_taken() -> None:
    """一三八 一二三四 五六七八 and 幺八六零零零零一二三四 were refused."""
    assert parse_mobile("一三八 一二三四 五六七八") == "13812345678"
    assert parse_mobile("幺八六零零零零一二三四") == "18600001234"
    assert parse_phone("幺三九 零零零零 一二三四") == "13900001234"
