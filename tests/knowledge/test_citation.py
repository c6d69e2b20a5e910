from __future__ import annotations

import pytest

from knowledge.citation import find_citations, strip_citation_words
from knowledge.model import Law
from knowledge.titles import TitleIndex

TITLES = TitleIndex(
    [
        Law(title="中华人民共和国治安管理处罚法"),
        Law(title="中华人民共和国刑法"),
        Law(title="中华人民共和国民法典"),
    ]
)


def cites(text: str, own_law: int | None = None) -> list[tuple[int, int, int]]:
    return [(c.law, c.number, c.sub) for c in find_citations(text, TITLES, own_law=own_law)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("治安管理处罚法第五十六条", [(0, 56, 0)]),
        ("治安管理处罚法第56条", [(0, 56, 0)]),
        ("治安管理处罚法 第 56 条", [(0, 56, 0)]),
        ("刑法 264", [(1, 264, 0)]),
        ("刑法264条", [(1, 264, 0)]),
        ("民法典第一千零八十七条", [(2, 1087, 0)]),
        ("中华人民共和国民法典 1087条", [(2, 1087, 0)]),
        ("《中华人民共和国刑法》第二百六十四条、第二百六十六条", [(1, 264, 0), (1, 266, 0)]),
        ("刑法第一百三十三条之一", [(1, 133, 1)]),
        ("想问刑法第20条和治安管理处罚法第43条", [(1, 20, 0), (0, 43, 0)]),
    ],
)
def test_citation_forms(text: str, expected: list[tuple[int, int, int]]) -> None:
    assert cites(text) == expected


@pytest.mark.parametrize(
    "text", ["我被罚了200元", "第五条是什么意思", "2012年的事", "住了3天", "刑法"]
)
def test_not_citations(text: str) -> None:
    assert cites(text) == []


def test_own_law_in_statutes() -> None:
    assert cites("违反本法第十条规定的，处罚款。", own_law=0) == [(0, 10, 0)]
    assert cites("违反本法第十条规定的，处罚款。") == []


def test_strip_citation_words() -> None:
    assert strip_citation_words("刑法第264条的规定").strip() == "刑法"
