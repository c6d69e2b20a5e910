from __future__ import annotations

import pytest

from knowledge.numerals import occurs, parse_numeral, statute_quantities, to_chinese


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十二", 12),
        ("二十", 20),
        ("一百零一", 101),
        ("一百一十", 110),
        ("二百六十四", 264),
        ("一千零八十七", 1087),
        ("一千二百六十", 1260),
        ("两百", 200),
        ("〇", 0),
        ("56", 56),
        ("５６", 56),
        ("一万零一十", 10010),
    ],
)
def test_parse(text: str, value: int) -> None:
    assert parse_numeral(text) == value


@pytest.mark.parametrize(
    "number", [1, 9, 10, 11, 19, 20, 99, 100, 101, 110, 264, 1000, 1010, 1087, 1260, 9999, 10000]
)
def test_round_trip(number: int) -> None:
    assert parse_numeral(to_chinese(number)) == number


def test_statute_style() -> None:
    assert to_chinese(10) == "十"
    assert to_chinese(110) == "一百一十"
    assert to_chinese(1087) == "一千零八十七"


@pytest.mark.parametrize("bad", ["", "第五条", "abc", "五条"])
def test_rejects(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_numeral(bad)


@pytest.mark.parametrize(
    ("question", "spelled"),
    [
        ("提前30天通知", "提前三十日通知"),
        ("满18岁了吗", "满十八周岁了吗"),
        ("2倍工资", "二倍工资"),
        ("试用期3个月", "试用期三个月"),
        ("工作满10年", "工作满十年"),
        ("2020年8月20日借的钱", "2020年8月20日借的钱"),  # dates stay as they are
        ("要我赔10万", "要我赔十万"),
        ("罚了500元", "罚了五百元"),
        ("借了1.5万", "借了1.5万"),  # a decimal is left alone, not read as 五万
        ("刑法 264", "刑法 264"),
    ],
)
def test_statute_quantities(question: str, spelled: str) -> None:
    assert statute_quantities(question) == spelled


@pytest.mark.parametrize(
    ("word", "text", "found"),
    [
        ("十万", "要我赔十万元", True),
        ("十万", "处五万元以上五十万元以下的罚款", False),
        ("五日", "处十五日以下拘留", False),
        ("五日", "处五日以下拘留", True),
        ("12", "吵到123点", False),
        ("罚款", "处罚款", True),
    ],
)
def test_a_number_occurs_only_whole(word: str, text: str, found: bool) -> None:
    assert occurs(word, text) is found
