"""An everyday word searched for in the article text as one term with its legal terms."""

from __future__ import annotations

import dataclasses

from knowledge.base import KnowledgeBase
from knowledge.bm25 import BM25Index, Field, Lexicon
from knowledge.retriever import Retriever


def test_an_article_with_a_legal_term_is_read_as_holding_its_everyday_word() -> None:
    lexicon = Lexicon()
    docs = [["出租人"], ["房东"], ["承租人"], ["抵押"], ["抵押"]]
    index = BM25Index.build([Field(docs)], lexicon)
    word, legal = lexicon.ids["房东"], lexicon.ids["出租人"]
    scores = index.grouped(word, [legal], 0.5)
    assert scores[1] > scores[0] > 0  # says the word / says its legal term
    assert scores[2] == scores[3] == scores[4] == 0
    # Counted fully, as if the index had the word wherever it has the legal term.
    expanded = Lexicon()
    both = BM25Index.build([Field([["房东"], *docs[1:]])], expanded)
    same = both.score([(expanded.ids["房东"], 1.0)])
    assert abs(index.grouped(word, [legal], 1.0) - same).max() < 1e-5
    # A word the statutes never use still has its legal terms.
    assert index.grouped(None, [legal], 0.5)[0] > 0


def test_a_theft_in_a_shop_finds_the_theft_article_first(kb: KnowledgeBase) -> None:
    question = "在超市偷东西被抓了"
    found = kb.search(question, top=5)
    assert (found[0].law.short, found[0].article.label) == ("刑法", "第二百六十四条")
    # Searched for as separate terms, 经营场所 and 经营者 (of 超市) had put a shop's duty
    # of care first and 盗窃 of guns (第一百二十七条) and of corpses (第三百零二条) next.
    separate = Retriever(kb.index, dataclasses.replace(kb.retriever.weights, grouped=0.0))
    assert separate.search(question, top=1)[0].article.label != "第二百六十四条"
