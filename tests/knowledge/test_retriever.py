"""Ranking over a real index of a corpus subset."""

from __future__ import annotations

import pytest

from knowledge.base import KnowledgeBase
from knowledge.retriever import CITED_SCORE, parse_label

pytestmark = pytest.mark.corpus


def top(kb: KnowledgeBase, question: str, k: int = 5) -> list[tuple[str, str]]:
    return [(h.law.short, h.article.label) for h in kb.search(question, top=k)]


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("治安管理处罚法第五十六条", ("治安管理处罚法", "第五十六条")),
        ("治安管理处罚法第56条", ("治安管理处罚法", "第五十六条")),
        ("刑法 264", ("刑法", "第二百六十四条")),
        ("民法典第一千零八十七条", ("民法典", "第一千零八十七条")),
        ("《中华人民共和国刑法》第二百六十四条", ("刑法", "第二百六十四条")),
        ("刑法第一百三十三条之一", ("刑法", "第一百三十三条之一")),
        ("旅馆业治安管理办法第6条是怎么规定的", ("旅馆业治安管理办法", "第六条")),
    ],
)
def test_direct_citation_comes_first(
    kb: KnowledgeBase, question: str, expected: tuple[str, str]
) -> None:
    hits = kb.search(question, top=5)
    assert (hits[0].law.short, hits[0].article.label) == expected
    assert hits[0].cited and hits[0].score == CITED_SCORE


def test_bare_citation_returns_only_that_article(kb: KnowledgeBase) -> None:
    assert top(kb, "刑法 264") == [("刑法", "第二百六十四条")]
    assert top(kb, "刑法第二百六十四条、第二百六十六条") == [
        ("刑法", "第二百六十四条"),
        ("刑法", "第二百六十六条"),
    ]


def test_citation_plus_question_searches_too(kb: KnowledgeBase) -> None:
    found = top(kb, "刑法264条 入户盗窃怎么认定", 5)
    assert found[0] == ("刑法", "第二百六十四条") and len(found) == 5


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("旅馆不按规定登记旅客身份证件会怎样", ("治安管理处罚法", "第五十六条")),
        ("房东把房子租给没有身份证的人", ("治安管理处罚法", "第五十七条")),
        ("家里东西被偷了", ("刑法", "第二百六十四条")),
        ("打人要拘留吗", ("治安管理处罚法", "第四十三条")),
        ("离婚时夫妻共同财产怎么分", ("民法典", "第一千零八十七条")),
        ("捡到别人的钱包要还吗", ("民法典", "第三百一十四条")),
        ("店门口堵塞疏散通道", ("消防法", "第二十八条")),
    ],
)
def test_ordinary_questions(kb: KnowledgeBase, question: str, expected: tuple[str, str]) -> None:
    assert expected in top(kb, question, 5)


def test_matched_terms_for_highlighting(kb: KnowledgeBase) -> None:
    hit = kb.search("小偷入户盗窃", top=1)[0]
    assert "盗窃" in hit.terms


def test_amendments_only_when_asked(kb: KnowledgeBase) -> None:
    assert all("修正案" not in h.law.short for h in kb.search("妨害安全驾驶 公共交通工具", top=20))
    assert any(
        "修正案" in h.law.short for h in kb.search("刑法修正案（十一） 妨害安全驾驶", top=20)
    )


def test_newest_version_answers(kb: KnowledgeBase) -> None:
    hits = kb.search("行政复议 申请期限", top=10)
    versions = {h.law.version for h in hits if h.law.short == "行政复议法"}
    assert versions == {"2023-09-01"}
    old = kb.article("行政复议法", "第九条", version="2017-09-01")
    new = kb.article("行政复议法", "第九条")
    assert old is not None and new is not None
    assert old.law.version == "2017-09-01" and new.law.version == "2023-09-01"


def test_article_lookup_forms(kb: KnowledgeBase) -> None:
    for label in ("第五十七条", "57", "第57条", "五十七"):
        hit = kb.article("中华人民共和国治安管理处罚法", label)
        assert hit is not None and hit.article.number == 57
    assert kb.article("治安管理处罚法", "第九百条") is None
    assert kb.article("不存在法", "第一条") is None
    assert kb.article("治安管理处罚法", "第X条") is None


def test_nothing_to_search(kb: KnowledgeBase) -> None:
    assert kb.search("，。？", top=5) == []


def test_parse_label() -> None:
    assert parse_label("第一百三十三条之一") == (133, 1)
    assert parse_label("264") == (264, 0)
    assert parse_label("条") == (None, 0)


@pytest.mark.parametrize("question", ["房东不退押金怎么办", "离婚时放弃财产的协议有效吗"])
def test_a_short_page_is_a_prefix_of_a_long_one(kb: KnowledgeBase, question: str) -> None:
    short = [(h.law.short, h.article.label, h.score) for h in kb.search(question, top=5)]
    long = [(h.law.short, h.article.label, h.score) for h in kb.search(question, top=400)]
    assert len(long) > 300 and short == long[:5]
    assert [s for *_, s in long] == sorted((s for *_, s in long), reverse=True)
