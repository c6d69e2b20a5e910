"""Which item of an inspection a clause is about when it does not start with the item's name:
网管不能住店里 is about 无人住宿 (网管 and 店里 are in the owner's note of it, 网管 in what
the checklist says the item means, 住 in its name). Officers name several items in one
sentence (灭火器3天内换好，网管不能住店里，实名上网要一人一证), and each clause goes to the
item it is about."""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import lru_cache

from handlers.inspection.checklist import load_checklist
from storage.models import InspectionItem

#: Between the clauses of one sentence.
BREAK = re.compile(r"[，,；;。！!]+")
#: Words of any item's account, which tell no item from another: 安全 (安全出口, 安全隐患),
#: 整改, 更换, 拍照, 充电 (电动车充电, 充电器).
_GENERIC = frozenset(
    {"安全", "隐患", "整改", "更换", "拍照", "照片", "已经", "请在", "并拍", "天内", "清理",
     "充电", "报警", "设施", "无人", "用火", "用气", "人员", "是否", "不能", "不要", "必须",
     "要求", "情况", "问题", "现在", "一下", "马上", "立即", "今天", "以后", "检查"}
)  # fmt: skip
_GENERIC_WORD = re.compile("|".join(sorted(_GENERIC)))
#: A clause is about an item when it shares this much with it (a bigram of its name counts
#: two, one of its other words or a letter of its name no other item has one), and more
#: than with any other item: one shared word (店里, 晚上) is too little to move a clause.
_ENOUGH = 2


def _pairs(text: str) -> set[str]:
    """The two-letter words of `text` (digits and punctuation break them), but generic ones."""
    runs = re.findall(r"[^\W\d_]+", text)
    return {run[i : i + 2] for run in runs for i in range(len(run) - 1)} - _GENERIC


@lru_cache(maxsize=4)
def _checklist_words(path: str) -> dict[str, str]:
    return {item.key: f"{item.means} {item.how}" for item in load_checklist(path)}


def glossary(checklist: str) -> Mapping[str, str]:
    """What the station's checklist (its path; "" for the built-in one) says of each item
    beyond its question, by item key: what counts and how to check it."""
    return _checklist_words(checklist)


def about(clause: str, rows: Mapping[int, InspectionItem], words: Mapping[str, str]) -> int | None:
    """The position of the item of `rows` that `clause` is about, by the words of its name,
    its question, the owner's note, the officer's note and `words` (a `glossary`); None
    when no item shares enough with it, or two share as much."""
    said = _pairs(clause)
    if not said:
        return None

    def score(row: InspectionItem) -> int:
        others = "".join(r.name for r in rows.values() if r is not row)
        # 住 of 无人住宿, not 安 of 安全出口 (安全隐患大 is no exit's).
        core = _GENERIC_WORD.sub("", row.name)
        own = {c for c in core if c not in others and c.isalpha()}
        told = " ".join((row.question, row.note, row.rectify_note, words.get(row.key, "")))
        return (
            2 * len(said & _pairs(row.name))
            + len(said & _pairs(told))
            + sum(1 for c in own if c in clause)
        )

    ranked = sorted(((score(r), p) for p, r in rows.items()), reverse=True)
    if not ranked or ranked[0][0] < _ENOUGH:
        return None
    if len(ranked) > 1 and ranked[1][0] == ranked[0][0]:
        return None
    return ranked[0][1]
