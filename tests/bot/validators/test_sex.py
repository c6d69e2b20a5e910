from __future__ import annotations

import pytest

from bot.validators.errors import Invalid
from bot.validators.sex import Sex, parse_sex


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("男", Sex.MALE),
        (" 女 ", Sex.FEMALE),
        ("男性", Sex.MALE),
        ("女士", Sex.FEMALE),
        ("m", Sex.MALE),
        ("Ｆ", Sex.FEMALE),
        ("Male", Sex.MALE),
        ("FEMALE", Sex.FEMALE),
        ("1", Sex.MALE),
        ("２", Sex.FEMALE),
        ("男。", Sex.MALE),
    ],
)
def test_parse_sex(typed: str, expected: Sex) -> None:
    assert parse_sex(typed) is expected


@pytest.mark.parametrize("typed", ["", "未知", "0", "3", "男女", "x" * 10_000])
def test_refused(typed: str) -> None:
    with pytest.raises(Invalid):
        parse_sex(typed)


def test_labels_and_codes() -> None:
    assert (Sex.MALE.label, Sex.FEMALE.label) == ("男", "女")
    assert (Sex.MALE.code, Sex.FEMALE.code) == ("1", "2")
    assert Sex.MALE == "male"
