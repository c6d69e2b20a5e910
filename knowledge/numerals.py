"""Chinese numerals as statutes write them: 第一千零八十七条 <-> 1087."""

from __future__ import annotations

import re

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_DIGIT_CHARS = "零一二三四五六七八九"
NUMERAL_CHARS = "".join(_DIGITS) + "".join(_UNITS) + "万" + "0123456789０１２３４５６７８９"
_NUMBER_CLASS = f"[{NUMERAL_CHARS}亿]"
# A number of two or more characters (五十万, 十五, 2000): it is only ever matched whole.
NUMBER = re.compile(f"{_NUMBER_CLASS}{{2,}}")


def occurs(word: str, text: str) -> bool:
    """Whether `word` is in `text`, where a number counts only as a whole number: 十万 is
    in 赔十万元 but not in 五十万元, 五日 not in 十五日."""
    if word not in text:
        return False
    if word[0] not in NUMERAL_CHARS and word[-1] not in NUMERAL_CHARS:
        return True
    return re.search(whole(word), text) is not None


def whole(word: str) -> str:
    """A regular expression for `word` where a number at its start or end is matched only
    whole (see `occurs`): 十万 but not the 十万 of 五十万."""
    before = f"(?<!{_NUMBER_CLASS})" if word and word[0] in NUMERAL_CHARS else ""
    after = f"(?!{_NUMBER_CLASS})" if word and word[-1] in NUMERAL_CHARS else ""
    return before + re.escape(word) + after


def parse_numeral(text: str) -> int:
    """Parse `一千零八十七`, `二百六十四`, `十二` or `264` into an int.

    Raises ValueError for anything that is not a numeral.
    """
    text = text.strip().translate(str.maketrans("０１２３４５６７８９", "0123456789"))
    if not text:
        raise ValueError("empty numeral")
    if text.isdigit():
        return int(text)
    total = 0
    if "万" in text:
        high, _, text = text.partition("万")
        total = parse_numeral(high) * 10000
        if not text:
            return total
    section = 0
    digit: int | None = None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            # A bare 十 at the start means 一十 (十二 == 12).
            section += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + section + (digit or 0)


def to_chinese(number: int) -> str:
    """Write an int the way statutes number articles (1087 -> 一千零八十七, 10 -> 十)."""
    if number < 0:
        raise ValueError("negative numeral")
    if number == 0:
        return "零"
    if number >= 10000:
        high, low = divmod(number, 10000)
        rest = _below_10000(low, leading=False) if low else ""
        if low and low < 1000:
            rest = "零" + rest
        return to_chinese(high) + "万" + rest
    return _below_10000(number, leading=True)


def _below_10000(number: int, *, leading: bool) -> str:
    out: list[str] = []
    pending_zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit, number = divmod(number, value)
        if digit == 0:
            if out:
                pending_zero = True
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        # 十二 rather than 一十二 when the number starts with the tens.
        if not (unit == "十" and digit == 1 and not out and leading):
            out.append(_DIGIT_CHARS[digit])
        out.append(unit)
    return "".join(out)


# Units after an Arabic quantity in a question, and how statutes write the unit.
# Bare 月 and four-digit 年 are dates (3月, 2020年), not periods: they are left alone.
# Sums too (10万 -> 十万, 500元 -> 五百元): statutes spell them, and the index keeps a
# number whole, so 十万 matches 十万元 but not 五十万元.
_QUANTITY = re.compile(
    r"(?<![0-9.月])([0-9]{1,3})\s*(个工作日|个月|天|日|年|周岁|岁|倍|小时|周|万元|万|元)(?![0-9])"
)
_STATUTE_UNIT = {"天": "日", "岁": "周岁"}


def statute_quantities(text: str) -> str:
    """`提前30天` -> `提前三十日`, `满18岁` -> `满十八周岁`, `2倍` -> `二倍`, `10万` -> `十万`.

    People write quantities in Arabic digits and everyday units; statutes spell them in
    Chinese numerals with their own units, so a question is also searched in that spelling.
    """

    def spell(match: re.Match[str]) -> str:
        unit = match.group(2)
        return to_chinese(int(match.group(1))) + _STATUTE_UNIT.get(unit, unit)

    return _QUANTITY.sub(spell, text)
