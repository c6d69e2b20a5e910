"""Chinese numerals as people write them in dates and times: 十一月二十三日, 下午两点半.

Only what dates need: digit strings (一九九〇 -> 1990) and numbers below 100 (二十三 -> 23).
"""

from __future__ import annotations

import re

_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
}  # fmt: skip
#: The characters a number said in words is written with (二, 十二, 二〇二六).
NUMERALS = "".join(_DIGITS) + "十"
#: A number said in words, where a pattern looks for one (完成 二 已办, 撤回六号通报).
SAID_NUMBER = f"[{NUMERALS}]+"
_RUN = re.compile(SAID_NUMBER)


def arabize(text: str) -> str:
    """Replace each run of Chinese numerals in `text` by its Arabic digits.

    A run without 十 is read digit by digit (二〇二六 -> 2026); a run with one 十 is read as a
    number below 100 (十 -> 10, 十三 -> 13, 二十 -> 20). Other runs are left as they are.
    """
    return _RUN.sub(lambda match: _convert(match.group()), text)


def _convert(run: str) -> str:
    if "十" not in run:
        return "".join(str(_DIGITS[ch]) for ch in run)
    tens, _, ones = run.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return run
    return str((_DIGITS[tens] if tens else 1) * 10 + (_DIGITS[ones] if ones else 0))


#: Digits as a number is read out (幺 for 1 on the phone, 两 for 2).
_SPOKEN_DIGITS = {**_DIGITS, "幺": 1}
_SPOKEN = "[0-9零〇一二三四五六七八九幺两]"
#: Glued to the word before it, a numeral of one or two is that word's (张三, 李四, 王五):
#: a run starts after no Han character, or with three digits.
_SPOKEN_RUN = re.compile(
    f"(?:(?<![\u3400-\u9fff]){_SPOKEN}+|{_SPOKEN}{{3,}})(?:[\\s-]+(?:{_SPOKEN}|[Xx])+)*[Xx]?"
)
#: A run read out this long is a phone or an ID number, not 两晚 or 三个人.
_SPOKEN_MIN = 7
_SPOKEN_TEXT_MAX = 2000


def spoken_digits(text: str) -> str:
    """一三八 一二三四 五六七八 -> 138 1234 5678: a phone or ID number read out digit by
    digit (by voice input, or typed as said) in Arabic digits; runs shorter than seven
    digits are left as they are. Spaces and dashes between the groups are kept."""

    def convert(match: re.Match[str]) -> str:
        run = match.group()
        digits = [ch for ch in run if ch.isdigit() or ch in _SPOKEN_DIGITS]
        if len(digits) < _SPOKEN_MIN or all(ch.isascii() for ch in digits):
            return run
        return "".join(str(_SPOKEN_DIGITS[ch]) if ch in _SPOKEN_DIGITS else ch for ch in run)

    if len(text) > _SPOKEN_TEXT_MAX:  # no answer is this long: the caller refuses it
        return text
    return _SPOKEN_RUN.sub(convert, text)
