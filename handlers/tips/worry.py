"""A resident who would report but is afraid to (我想举报但是怕被报复, 举报会不会被泄露): the
worry answered, and the tip offered as a button, as every other offer to report is.

我想举报，但是怕被报复 had started a tip whose description was 但是怕被报复, and 我想举报
但是怕被报复 had been offered 「举报 但是怕被报复」.
"""

from __future__ import annotations

import re

from bot.messages import Button, Choices
from handlers.tips.told import tells_what_happened

#: The fear of being found out or paid back for it.
_WORRY = re.compile(
    r"怕|担心|顾虑|不敢|会不会被|会被.{0,4}(?:报复|知道|发现|查到|找)|泄露|泄漏|暴露"
    r"|(?:保密|安全)(?:吗|么|不)"
)
#: Reporting named (the wish to, or the thing itself).
_REPORTING = re.compile(r"举报|报警|反映")
#: Longest message read as a worry alone: more is a story told with a worry in it.
_LONGEST = 30
_MARKS = re.compile(r"[\s，,。.！!？?~～…]")

WORRY_ANSWERED = (
    "可以放心：举报默认匿名，民警只看到一个代号，看不到您的账号和姓名；"
    "不会告诉被举报的人，也不会公开。留不留电话由您决定，留了也只有处理线索的民警能看到。"
    "如果受到威胁，请马上拨打110。想好了点「匿名举报」。"
)


def hesitates(text: str, *, of_a_tip: bool = False) -> bool:
    """Whether `text` is a worry about reporting and nothing more; `of_a_tip`: the words
    after 举报 (但是怕被报复), which need not name it again."""
    plain = _MARKS.sub("", text)
    if not plain or len(plain) > _LONGEST or _WORRY.search(plain) is None:
        return False
    if not of_a_tip and _REPORTING.search(plain) is None:
        return False
    return not tells_what_happened(plain)


def worry_answer() -> Choices:
    return Choices(WORRY_ANSWERED, (Button("匿名举报", "/举报"),))
