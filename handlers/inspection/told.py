"""A fix told in an owner's own words (电动车搬走了, 已经把电动车挪到外面了, 灭火器换新的了)
and which of the items sent back for rectification it is about.

Owners say what they did, not the command for it: with a rectification waiting, such a
statement is that item's rectification (its answer 是, the words its note), not a question
for the law desk."""

from __future__ import annotations

import re
from collections.abc import Sequence

from storage.models import InspectionItem

_VERB = r"(?:整改|更换|清理|处理|搬|挪|移|推|拿|清|换|修|改|装|配|拉|接|贴|挂|买|弄|搞|充|加)"
#: Verbs whose 好/完 is a fix: 加好 (加好友), 接完 (接完电话), 充好 (充好电) are not.
_MENDED = r"(?:整改|更换|清理|处理|搬|挪|移|换|修|改|装|配|贴|挂|弄|搞|买)"
#: 灭火器换好了, 改好了, 整改完了, 已整改: a fix, whether or not it names the item.
_DONE = re.compile(r"(?:改|换|修|装|配|清理|整改|处理)(?:好|完)了|已经?(?:整改|更换)")
#: 搬走了, 挪到外面, 换新的了, 修好, 已经把电动车挪…, 买了新的, 灭火器已经换了: a fix only
#: when it names an item sent back. 已 alone is not one (已经加了微信): it takes 把/将 and
#: what was moved, a verb with its result, or 已经 and a mending verb done (客人已经换了房间
#: names no item sent back).
_FIXED = re.compile(
    r"(?:搬|挪|移|推|扔)(?:走|掉|出|开|到)|(?:拿|清)(?:走|掉|开)"
    rf"|换(?:了)?(?:新|掉)|{_MENDED}(?:好|完)|已经?(?:把|将)\S{{1,8}}?{_VERB}|买了新"
    rf"|已经{_MENDED}过?了"
)
#: 还没换, 没搬走, 明天搬, 准备换: not done yet, whatever verb follows; 不搬走了, 懒得换,
#: 没法搬走, 不用搬走: not to be done (they had been read as a fix).
_NOT_YET = re.compile(
    rf"(?:还没|没有|没|未){_VERB}|(?:不|别|懒得|没法|没办法)(?:想|要|用|打算|准备|去|再)?{_VERB}"
    r"|明天|后天|下周|过两天|过几天|马上|立刻|尽快|打算|准备"
    rf"|等会|待会|回头|晚点|(?:要|会|再)(?:去)?{_VERB}"
)
#: 换好了还要拍照吗, 搬走了行不行: a question about a fix is not one told.
_ASKS = re.compile(r"[?？]|吗|么|呢|怎|如何|要不要|是否|行不行|可不可以|能不能")
#: Words of the officers' notes that name what is done, not what it is done to: 更换 in
#: 更换灭火器 and 更换插座 says nothing of which one the owner means.
_GENERIC = frozenset({"整改", "更换", "拍照", "照片", "已经", "请在", "并拍", "天内", "清理"})


def says_done(text: str) -> bool:
    """改好了, 整改完了, 已更换: a fix said, of whichever item (not 改好了吗)."""
    return bool(_DONE.search(text)) and not _ASKS.search(text)


def says_fixed(text: str) -> bool:
    """电动车搬走了, 灭火器换新的了: a fix told, which counts when it names an item sent
    back; 还没搬, 明天换, 换好了要拍照吗 are not."""
    said = text.strip()
    return bool(_FIXED.search(said)) and not _NOT_YET.search(said) and not _ASKS.search(said)


def _pairs(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def told_item(text: str, waiting: Sequence[InspectionItem]) -> InspectionItem | None:
    """The item of `waiting` the words are about (电动车 in 电动车搬走了 is 电动车充电; 杂物
    in 杂物清走了, the officer's note of 安全出口): the one sharing most with its name, then
    with its note; None when none is named, or several equally."""
    said = _pairs(text)

    def score(item: InspectionItem) -> int:
        named = len(said & _pairs(item.name))
        noted = len(said & (_pairs(item.rectify_note) - _GENERIC))
        return 2 * named + noted

    ranked = sorted(waiting, key=score, reverse=True)
    if not ranked or score(ranked[0]) == 0:
        return None
    if len(ranked) > 1 and score(ranked[1]) == score(ranked[0]):
        return None
    return ranked[0]


#: A clause of a message: 灭火器已经换好了，网管也搬走了 tells two fixes.
_CLAUSE = re.compile(r"[^\s，,；;。！!]+")


def says_fixed_in_part(text: str) -> bool:
    """`says_fixed` of the whole of `text` or of one of its clauses (灭火器换好了 实名上网
    下周装: one fix, beside one still to come)."""
    return says_fixed(text) or any(says_fixed(c.group()) for c in _CLAUSE.finditer(text))


def told_fixes(text: str, waiting: Sequence[InspectionItem]) -> list[tuple[InspectionItem, str]]:
    """The items of `waiting` whose fix `text` tells, each with the words about it: 灭火器
    已经换好了 网管也搬走了 is two (the whole had been the extinguisher's note), each clause
    the item it is about, and a clause naming none the words of the one before it. Of
    several, a clause telling no fix done (实名上网下周装) is left out; one item named is
    told by the whole, as `says_fixed` reads it. None of a question."""
    if _ASKS.search(text):
        return []
    parts: list[tuple[InspectionItem | None, int, int]] = []
    for clause in _CLAUSE.finditer(text):
        item = told_item(clause.group(), waiting)
        if parts and (item is None or item is parts[-1][0]):
            parts[-1] = (parts[-1][0], parts[-1][1], clause.end())
        else:
            parts.append((item, clause.start(), clause.end()))
    named: dict[int, tuple[InspectionItem, str]] = {}
    for item, start, end in parts:
        if item is not None:
            named.setdefault(id(item), (item, text[start:end]))
    if len(named) < 2:
        item = told_item(text, waiting) if says_fixed(text) else None
        return [] if item is None else [(item, text.strip())]
    return [(item, words) for item, words in named.values() if says_fixed(words)]
