"""Article citations written by people and by statutes: 刑法第二百六十四条, 刑法 264,
治安管理处罚法第56条, 《民法典》第一千零八十七条, 本法第十条, 第五条、第七条."""

from __future__ import annotations

import re
from dataclasses import dataclass

from knowledge.numerals import parse_numeral
from knowledge.titles import TitleIndex

_NUM = r"[0-9０-９零〇一二三四五六七八九十百千两]+"
_SUB = r"(?:\s*之\s*([一二三四五六七八九十]))?"
# 第X条 (Chinese or Arabic), or a bare Arabic number right after a law name (刑法 264).
_ARTICLE = re.compile(
    rf"第\s*({_NUM})\s*条{_SUB}|(?<![0-9])([0-9]{{1,4}})(?![0-9年月日号元岁])\s*条?{_SUB}"
)
_CHAIN = re.compile(r"^\s*(?:、|，|,|和|及|以及|或者|与)\s*$")
_BRACKETS = "《》<>〈〉 \t"


@dataclass(frozen=True, slots=True)
class Citation:
    law: int
    number: int
    sub: int = 0


def find_citations(text: str, titles: TitleIndex, *, own_law: int | None = None) -> list[Citation]:
    """Citations in `text`, in order.

    A citation names its law just before the article number; `第五条、第七条` after a
    named article belong to the same law.  `own_law` resolves `本法第十条` in statutes.
    """
    found: list[Citation] = []
    law: int | None = None
    last_end = 0
    for match in _ARTICLE.finditer(text):
        bare = match.group(3) is not None
        before = text[last_end : match.start()]
        named = titles.ending(before.rstrip(_BRACKETS).rstrip())
        if named is not None:
            law = named[0]
        elif own_law is not None and re.search(r"本(法|条例|解释|规定|办法|规则|细则)$", before):
            law = own_law
        elif law is not None and found and _CHAIN.match(before):
            pass
        else:
            # A bare number needs a law name in front of it; 第X条 alone has no law to go to.
            law = None
            last_end = match.end()
            continue
        if bare and named is None:
            last_end = match.end()
            continue
        number = match.group(1) or match.group(3)
        sub = match.group(2) or match.group(4)
        try:
            value = parse_numeral(number)
            sub_value = parse_numeral(sub) if sub else 0
        except ValueError:
            last_end = match.end()
            continue
        found.append(Citation(law, value, sub_value))
        last_end = match.end()
    return found


def strip_citation_words(text: str) -> str:
    """`text` without article numbers and citation filler (第五十六条, 264条, 规定)."""
    text = _ARTICLE.sub(" ", text)
    return re.sub(r"[《》<>〈〉、，,。？?！!\s]|的?规定|内容|是什么|全文|条文|法条", " ", text)
