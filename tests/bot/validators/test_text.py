from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.validators import text
from bot.validators.errors import Invalid
from bot.validators.text import parse_free_text, parse_person_name


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("张三", "张三"),
        (" 张 三 ", "张三"),
        ("欧阳娜娜", "欧阳娜娜"),
        ("阿卜杜·热合曼", "阿卜杜·热合曼"),
        ("阿卜杜.热合曼", "阿卜杜·热合曼"),
        ("阿卜杜•热合曼", "阿卜杜·热合曼"),
        ("阿卜杜・热合曼", "阿卜杜·热合曼"),
        ("王𠀋", "王𠀋"),  # a character from CJK Extension B
        ("李〇", "李〇"),
        ("John Smith", "John Smith"),
        ("  John   Smith ", "John Smith"),
        ("Jean-Luc O’Neil", "Jean-Luc O'Neil"),
        ("JOSÉ MARÍA", "JOSÉ MARÍA"),
        ("Martin Luther King Jr.", "Martin Luther King Jr."),
        ("Ｊｏｈｎ", "John"),
    ],
)
def test_person_name(typed: str, expected: str) -> None:
    assert parse_person_name(typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("", text.NAME_EMPTY),
        ("王", text.CHINESE_NAME_LENGTH),
        ("王" * 21, text.CHINESE_NAME_LENGTH),
        ("J", text.LATIN_NAME_LENGTH),
        ("A" * 61, text.LATIN_NAME_LENGTH),
        ("张三John", text.NAME_CHARACTERS),
        ("张三3", text.NAME_CHARACTERS),
        ("张三😀", text.NAME_CHARACTERS),
        ("·张三", text.NAME_CHARACTERS),
        ("阿卜杜··热合曼", text.NAME_CHARACTERS),
        ("Иван", text.NAME_CHARACTERS),
        ("김민수", text.NAME_CHARACTERS),
        ("Robert'); DROP TABLE guests;--", text.NAME_CHARACTERS),
        ("王" * 100_000, "输入太长了，请只发送要填写的内容"),
        ("确认", "「确认」不像是姓名，请输入证件上的姓名"),
        ("跳过", "「跳过」不像是姓名，请输入证件上的姓名"),
    ],
)
def test_person_name_errors(typed: str, expected: str) -> None:
    with pytest.raises(Invalid) as caught:
        parse_person_name(typed)
    assert caught.value.reason == expected


@pytest.mark.parametrize(
    "typed",
    [
        "门口有可疑人员😀🚨",
        "Robert'); DROP TABLE tips;--",
        "<script>alert(1)</script>",
        "第一行\n第二行",
        "👨‍👩‍👧 家人",
        "ＡＢＣ（全角）",
    ],
)
def test_free_text_is_returned_intact(typed: str) -> None:
    assert parse_free_text(typed) == typed


def test_free_text_cleanup() -> None:
    assert parse_free_text("  有情况 \u3000") == "有情况"
    assert parse_free_text("a\r\nb\rc") == "a\nb\nc"
    assert parse_free_text("a\x00b\x07c\td") == "abc\td"
    assert parse_free_text("a\ud83db") == "ab"


def test_free_text_limits() -> None:
    assert parse_free_text("字" * 500) == "字" * 500
    assert parse_free_text("字" * 10, max_length=10) == "字" * 10
    for typed, limit in (("字" * 501, 500), ("字" * 11, 10), ("字" * 10_000_000, 500)):
        with pytest.raises(Invalid) as caught:
            parse_free_text(typed, max_length=limit)
        assert caught.value.reason == text.TEXT_TOO_LONG.format(limit=limit)
    for empty in ("", "   ", "\n\t", "\x00"):
        with pytest.raises(Invalid) as caught:
            parse_free_text(empty)
        assert caught.value.reason == text.TEXT_EMPTY


@given(
    st.text(min_size=1, max_size=500).filter(
        lambda s: s.strip() == s and s.isprintable() and re.search(r"\w", s)
    )
)
def test_printable_text_comes_back_unchanged(typed: str) -> None:
    assert parse_free_text(typed) == typed


@pytest.mark.parametrize("typed", ["。。。。", "???", "👍", "……！"])
def test_punctuation_or_emoji_alone_is_asked_again(typed: str) -> None:
    with pytest.raises(Invalid) as caught:
        parse_free_text(typed)
    assert caught.value.reason == text.TEXT_NO_WORDS


@given(st.text(max_size=300))
def test_arbitrary_text_gives_a_value_or_invalid(typed: str) -> None:
    for parse in (parse_person_name, parse_free_text):
        try:
            parse(typed)
        except Invalid as error:
            assert error.reason


@pytest.mark.parametrize(
    "typed", ["客人不肯给身份证怎么办", "算了不登了", "能不能不登记", "帮我登记一下"]
)
def test_a_sentence_is_not_taken_as_a_name(typed: str) -> None:
    with pytest.raises(Invalid) as caught:
        parse_person_name(typed)
    assert caught.value.reason == text.NOT_A_NAME_SENTENCE


@pytest.mark.parametrize("typed", ["王小明", "欧阳娜娜", "司马相如", "阿卜杜·热合曼"])
def test_ordinary_names_still_pass(typed: str) -> None:
    assert parse_person_name(typed) == typed
