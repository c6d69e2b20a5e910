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
