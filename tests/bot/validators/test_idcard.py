from __future__ import annotations

import time
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.validators import idcard
from bot.validators.errors import Invalid
from bot.validators.idcard import (
    MAINLAND_PROVINCES,
    build_resident_id,
    id_check_digit,
    parse_resident_id,
)
from bot.validators.sex import Sex

from .support import TODAY, mod11_2

# The worked example printed in GB 11643-1999.
STANDARD_EXAMPLE = "11010519491231002X"


def with_check(body: str) -> str:
    return body + mod11_2(body)


def reason(text: str, today: date = TODAY) -> str:
    with pytest.raises(Invalid) as caught:
        parse_resident_id(text, today=today)
    return caught.value.reason


def test_standard_example() -> None:
    resident = parse_resident_id(STANDARD_EXAMPLE, today=TODAY)
    assert resident.number == STANDARD_EXAMPLE
    assert resident.birth_date == date(1949, 12, 31)
    assert resident.sex is Sex.FEMALE
    assert resident.region_code == "110105"
    assert not resident.is_residence_permit


@pytest.mark.parametrize(
    "typed",
    [
        "11010519491231002x",
        " 110105 19491231 002X ",
        "１１０１０５１９４９１２３１００２Ｘ",
        "１１０１０５\u3000１９４９１２３１００２ｘ",
        "110105\u200b19491231002X",
    ],
)
def test_spaces_width_and_case_are_normalized(typed: str) -> None:
    assert parse_resident_id(typed, today=TODAY).number == STANDARD_EXAMPLE


@pytest.mark.parametrize(("sequence", "sex"), [(1, Sex.MALE), (2, Sex.FEMALE), (0, Sex.FEMALE)])
def test_sex_from_17th_digit(sequence: int, sex: Sex) -> None:
    number = with_check(f"41010519900101{sequence:03d}")
    assert parse_resident_id(number, today=TODAY).sex is sex


@pytest.mark.parametrize("region", ["810000", "820000", "830000"])
def test_residence_permit_numbers(region: str) -> None:
    resident = parse_resident_id(with_check(f"{region}19900101123"), today=TODAY)
    assert resident.is_residence_permit


def test_check_digit_matches_independent_computation() -> None:
    assert id_check_digit(STANDARD_EXAMPLE[:17]) == "X"
    for body in ("41010519900101123", "11010119900307803", "44030419851212432"):
        assert id_check_digit(body) == mod11_2(body)


@pytest.mark.parametrize("body", ["", "1234", "1" * 18, "1101051949123100A", "１" * 17])
def test_check_digit_refuses_bad_body(body: str) -> None:
    with pytest.raises(ValueError):
        id_check_digit(body)


def test_build_resident_id() -> None:
    number = build_resident_id("110105", date(1949, 12, 31), 2)
    assert number == STANDARD_EXAMPLE
    with pytest.raises(ValueError):
        build_resident_id("11010", date(1990, 1, 1), 1)
    with pytest.raises(ValueError):
        build_resident_id("110105", date(1990, 1, 1), 1000)


def test_empty() -> None:
    assert reason("") == idcard.EMPTY
    assert reason("   ") == idcard.EMPTY


@pytest.mark.parametrize("typed", ["1101051949123100", "11010519491231002X1", "1"])
def test_wrong_length(typed: str) -> None:
    assert reason(typed) == idcard.LENGTH.format(n=len(typed))


def test_old_15_digit_number() -> None:
    assert reason("110105491231002") == idcard.OLD_15


@pytest.mark.parametrize(
    "typed", ["张三", "11010519491231002Y", "1101051949-1231002X", "11010519491231002😀"]
)
def test_bad_characters(typed: str) -> None:
    assert reason(typed) == idcard.CHARACTERS


def test_x_only_last() -> None:
    assert reason("1101051949X231002X") == idcard.X_NOT_LAST


@pytest.mark.parametrize(
    "region",
    [
        "000000",  # no such province
        "160101",  # gap between 15 and 21
        "710101",  # Taiwan: in GB/T 2260, but no numbers are issued under it
        "110005",  # prefecture 00 on the mainland
        "810100",  # HK/Macao/Taiwan permits use exactly x10000
        "840000",
    ],
)
def test_bad_region(region: str) -> None:
    assert reason(with_check(f"{region}19900101123")) == idcard.REGION


def test_foreigner_number_is_pointed_to_its_type() -> None:
    assert reason(with_check("91100019900101123")) == idcard.FOREIGNER


@pytest.mark.parametrize(
    "birth",
    [
        "19901301",  # month 13
        "19990229",  # not a leap year
        "19900100",
        "18991231",  # before 1900
        (TODAY + timedelta(days=1)).strftime("%Y%m%d"),  # tomorrow
    ],
)
def test_bad_birth_date(birth: str) -> None:
    assert reason(with_check(f"110105{birth}123")) == idcard.BIRTH_DATE


def test_birth_date_boundaries() -> None:
    for born in (date(1900, 1, 1), date(2000, 2, 29), TODAY):
        number = with_check(f"110105{born:%Y%m%d}123")
        assert parse_resident_id(number, today=TODAY).birth_date == born


def test_bad_check_digit() -> None:
    wrong = "0" if STANDARD_EXAMPLE[-1] != "0" else "1"
    assert reason(STANDARD_EXAMPLE[:17] + wrong) == idcard.CHECK_DIGIT
    assert reason(STANDARD_EXAMPLE[:17] + "1") == "身份证号校验位不正确，请核对后重新输入"


def test_huge_input_is_refused_quickly() -> None:
    started = time.perf_counter()
    with pytest.raises(Invalid):
        parse_resident_id("1" * 10_000_000, today=TODAY)
    assert time.perf_counter() - started < 0.1


regions = st.one_of(
    st.builds(
        lambda province, prefecture, county: f"{province}{prefecture:02d}{county:02d}",
        st.sampled_from(sorted(MAINLAND_PROVINCES)),
        st.integers(1, 99),
        st.integers(0, 99),
    ),
    st.sampled_from(["810000", "820000", "830000"]),
)
births = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)


@given(region=regions, born=births, sequence=st.integers(0, 999))
def test_built_numbers_parse_back(region: str, born: date, sequence: int) -> None:
    number = build_resident_id(region, born, sequence)
    assert number[-1] == mod11_2(number[:17])
    resident = parse_resident_id(number, today=TODAY)
    assert resident.number == number
    assert resident.birth_date == born
    assert resident.sex is (Sex.MALE if sequence % 2 else Sex.FEMALE)


@given(
    region=regions,
    born=births,
    sequence=st.integers(0, 999),
    position=st.integers(0, 17),
    data=st.data(),
)
def test_any_single_substitution_is_caught(
    region: str, born: date, sequence: int, position: int, data: st.DataObject
) -> None:
    number = build_resident_id(region, born, sequence)
    alphabet = "0123456789X" if position == 17 else "0123456789"
    replacement = data.draw(st.sampled_from([ch for ch in alphabet if ch != number[position]]))
    with pytest.raises(Invalid):
        parse_resident_id(number[:position] + replacement + number[position + 1 :], today=TODAY)


@given(region=regions, born=births, sequence=st.integers(0, 999), position=st.integers(0, 16))
def test_adjacent_transpositions_are_caught(
    region: str, born: date, sequence: int, position: int
) -> None:
    number = build_resident_id(region, born, sequence)
    a, b = number[position], number[position + 1]
    if a == b:
        return
    swapped = number[:position] + b + a + number[position + 2 :]
    with pytest.raises(Invalid):
        parse_resident_id(swapped, today=TODAY)


@given(st.text(max_size=300))
def test_arbitrary_text_gives_a_value_or_invalid(text: str) -> None:
    try:
        parse_resident_id(text, today=TODAY)
    except Invalid as error:
        assert error.reason


def test_an_id_number_read_out_in_chinese_digits_is_taken() -> None:
    """四四零三零四 一九八五一一二零 七八九九 was refused."""
    found = parse_resident_id("四四零三零四 一九八五一一二零 七八九九", today=date(2026, 11, 23))
    assert found.number == "440304198511207899" and found.birth_date == date(1985, 11, 20)
