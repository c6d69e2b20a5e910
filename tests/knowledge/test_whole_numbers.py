"""A number in a question matches a number in an article only whole: 十万 is not part of
五十万元, 五日 not part of 十五日."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from knowledge.answer import LawAnswerer
from knowledge.base import KnowledgeBase
from knowledge.excerpt import snippet
from tests.knowledge.test_answer import text_of
from tests.knowledge.test_excerpt import every_offset
from tests.support.law_index import kb_of

FILES = (
    "民法商法/电子商务法(2018-08-31).md",
    "民法商法/消费者权益保护法(2013-10-25).md",
    "民法典/总则.md",
    "民法典/侵权责任编.md",
    "刑法/刑法.md",
)


@pytest.fixture(scope="module")
def kb(laws_root: Path, tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    return kb_of(laws_root, FILES, tmp_path_factory)


WHOLE = re.compile(
    r"(?<![零一二两三四五六七八九十百千])十万(?![0-9零一二两三四五六七八九十百千万])"
)


@pytest.mark.corpus
@pytest.mark.parametrize("question", ["要我赔十万", "要我赔10万"])
def test_a_sum_does_not_match_a_larger_number(kb: KnowledgeBase, question: str) -> None:
    # 顾客…摔骨折了 要我赔十万 had got the e-commerce fines of 五万元以上五十万元以下 first,
    # through 十万 inside 五十万元: only articles with 十万 itself may score for it.
    retriever = kb.retriever
    ten_thousands = retriever.index.lexicon.get("十万")
    query = retriever.prepare(question)
    assert ten_thousands is not None and ten_thousands in dict(query.terms)
    scores = retriever.index.articles.score([(ten_thousands, 1.0)])
    corpus = retriever.index.corpus
    texts = [corpus.articles[int(i)].text for i in retriever.index.active[scores > 0]]
    assert texts and all(WHOLE.search(text) for text in texts)
    assert any("五十万元" in a.text and not WHOLE.search(a.text) for a in corpus.articles)


@pytest.mark.corpus
def test_a_number_is_highlighted_only_whole(kb: KnowledgeBase) -> None:
    hits = kb.search("顾客在我店里滑倒摔骨折了 要我赔十万", top=30)
    assert any("五十万" in hit.article.text for hit in hits)
    for hit in hits:
        if "十万" in hit.terms:
            assert WHOLE.search(hit.article.text), (hit.law.short, hit.article.label)


@pytest.mark.corpus
def test_the_shop_owner_gets_the_duty_of_care(kb: KnowledgeBase) -> None:
    # Its top article had touched the question only through 十万 inside 五十万元; without
    # it, 1198 touched only 滑倒's terms, and the answer said nothing was found. 骨折 is a
    # second everyday word leading there (→ 人身损害, 损害).
    text = text_of(LawAnswerer(kb).answer("顾客在我店里滑倒摔骨折了 要我赔十万"))
    assert "没有找到" not in text
    assert "《民法典》第一千一百九十八条" in text


def test_a_snippet_marks_a_number_only_whole() -> None:
    # 十万 was marked inside 五十万元 of the e-commerce fines: the index had matched the
    # article through its own 赔十万元, and the highlight showed the wrong sum.
    fines = "处五万元以上五十万元以下罚款；造成损失的，赔十万元"
    assert snippet(fines, ("十万", "罚款"), 200, boundaries=every_offset) == (
        "处五万元以上五十万元以下【罚款】；造成损失的，赔【十万】元"
    )
    # Cut between 五 and 十, the rest of 五十万元 still is no 十万.
    text = "甲" * 20 + "五十万元" + "乙" * 6 + "赔十万元" + "丙" * 40
    cut = snippet(text, ("十万",), 40, boundaries=every_offset)
    assert cut.startswith("…十万元乙") and cut.count("【十万】") == 1 and "赔【十万】元" in cut
