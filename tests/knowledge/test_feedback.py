"""The third stage: the ranks below the head, from a question widened by its best articles."""

from __future__ import annotations

import pytest

from knowledge.base import KnowledgeBase
from knowledge.bm25 import BM25Index, Field, Lexicon
from knowledge.feedback import TERMS, WEIGHT, Forward
from knowledge.rerank import DEPTH

DOCS = [
    ["遗产", "法定继承", "顺序", "配偶"],
    ["遗产", "分割", "配偶", "遗产"],
    ["抵押", "登记"],
]


def toy() -> tuple[Forward, Lexicon]:
    lexicon = Lexicon()
    return Forward.of(BM25Index.build([Field(DOCS)], lexicon)), lexicon


def test_forward_holds_each_documents_terms_and_weights() -> None:
    lexicon = Lexicon()
    index = BM25Index.build([Field(DOCS)], lexicon)
    forward = Forward.of(index)
    for doc, words in enumerate(DOCS):
        start, end = forward.offsets[doc], forward.offsets[doc + 1]
        assert {lexicon.terms[t] for t in forward.terms[start:end]} == set(words)
    # The same weights as the postings: 分割 in document 1.
    term = lexicon.ids["分割"]
    at = int(forward.offsets[1]) + forward.terms[
        forward.offsets[1] : forward.offsets[2]
    ].tolist().index(term)
    assert forward.weights[at] == index.weights[index.offsets[term]]


def test_feedback_adds_the_best_articles_words_not_the_questions() -> None:
    forward, lexicon = toy()
    extra = forward.feedback_terms([0, 1], {lexicon.ids["遗产"]})
    words = [lexicon.terms[term] for term, _ in extra]
    assert "遗产" not in words and "抵押" not in words
    assert set(words) == {"法定继承", "顺序", "配偶", "分割"} and len(words) <= TERMS
    assert sum(weight for _, weight in extra) == pytest.approx(WEIGHT * len(extra))
    # Best first. 配偶, in both articles, gathers a share of each and passes 法定继承 and
    # 顺序, each in one; 分割 still leads: a word of one document in three, it carries a
    # larger share of its article than 配偶 does of either.
    assert words[:2] == ["分割", "配偶"]
    assert forward.feedback_terms([], set()) == ()


@pytest.mark.corpus
def test_a_deep_search_finds_articles_in_the_statutes_own_words(kb: KnowledgeBase) -> None:
    # 没有遗嘱 is 法定继承 in the statutes, and 房子怎么分 is 遗产分割: neither the order
    # of succession nor the splitting of an estate says what was asked, and both had
    # been below the first hundred.
    question = "老人去世了没有遗嘱房子怎么分"
    deep = [(h.law.short, h.article.label) for h in kb.search(question, top=100)]
    assert ("民法典", "第一千一百二十七条") in deep
    assert ("民法典", "第一千一百五十三条") in deep
    # The head is ranked as before: a chat answer (the first few) never changes.
    head = [(h.law.short, h.article.label) for h in kb.search(question, top=DEPTH)]
    assert deep[:DEPTH] == head
    scores = [h.score for h in kb.search(question, top=100)]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.corpus
def test_a_deep_search_looks_in_the_chapters_of_the_best_articles(kb: KnowledgeBase) -> None:
    # The best articles are those of the chapter on reputation (名誉权) that say 新闻报道
    # and 侮辱; the one saying how a report that wronged someone is corrected (民法典
    # 第一千零二十八条: 报刊、网络等媒体报道的内容失实) says 报道 but neither 新闻 nor 侮辱,
    # and had been below the first hundred.
    question = "在新闻报道中侮辱他人的，是否要承担侵权责任"
    deep = [(h.law.short, h.article.label) for h in kb.search(question, top=100)]
    assert ("民法典", "第一千零二十八条") in deep
    # The head is ranked as before: a chat answer (the first few) never changes.
    head = [(h.law.short, h.article.label) for h in kb.search(question, top=DEPTH)]
    assert deep[:DEPTH] == head
