"""Rank articles for a question: direct citations first, then a blend of BM25 scores.

The score of an article is its BM25F score (text, chapter heading, law title) plus the
BM25 score of its chapter and of its whole law, each divided by the best score of its
kind for the question, plus query-independent priors (how often the corpus cites the
article and its law, statute vs. interpretation, size of the law) and a little of its
neighbours' score.  The weights were tuned on the first half of the development
questions only (see bench/law_eval.py); the second half checks that they generalise.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from knowledge.citation import find_citations, strip_citation_words
from knowledge.index import FloatArray, LawIndex
from knowledge.model import Article, Law
from knowledge.numerals import parse_numeral
from knowledge.segment import Segmenter
from knowledge.titles import TitleIndex

_AMENDMENT_WORDS = ("修正案", "修改", "废止")
# Score of an article the question cites directly: above any blended score (those are < 10).
CITED_SCORE = 1000.0


@dataclass(frozen=True, slots=True)
class Weights:
    sub_word: float = 0.3  # shorter words inside a long one (search-mode jieba)
    expansion: float = 0.5  # legal terms for colloquial words
    colloquial: float = 0.3  # a one-character colloquial word itself (偷, 骗)
    chapter: float = 0.35
    law: float = 0.05
    cited: float = 0.25
    law_cited: float = 0.35
    statute: float = 0.05
    interpretation: float = 0.1
    size: float = 0.2
    neighbour: float = 0.05
    named_law: float = 0.5  # the question names the law


@dataclass(frozen=True, slots=True)
class Hit:
    article: Article
    law: Law
    score: float
    terms: tuple[str, ...] = ()  # query words found in the article, for highlighting
    cited: bool = False  # the question cited this article directly


@dataclass(frozen=True, slots=True)
class Query:
    """A question prepared for ranking: weighted index terms and the words to highlight."""

    terms: tuple[tuple[int, float], ...]
    words: tuple[str, ...]


class Retriever:
    def __init__(self, index: LawIndex, weights: Weights | None = None) -> None:
        self.index = index
        self.weights = weights or Weights()
        corpus = index.corpus
        self.titles = TitleIndex(corpus.laws)
        self.segmenter = Segmenter(index.vocabulary, (law.short for law in corpus.laws))
        self._by_number = {
            (a.law, a.number, a.sub): i
            for i, a in enumerate(corpus.articles)
            if a.number is not None
        }
        w = self.weights
        p = index.priors
        self._prior: FloatArray = (
            w.cited * p["cited"]
            + w.law_cited * p["law_cited"]
            + w.statute * p["statute"]
            + w.interpretation * p["interpretation"]
            + w.size * p["size"]
        ).astype(np.float32)
        n = len(index.active)
        same_prev = np.zeros(n, dtype=bool)
        same_prev[1:] = index.law_of[1:] == index.law_of[:-1]
        positions = np.arange(n)
        self._prev = np.where(same_prev, positions - 1, positions)
        same_next = np.zeros(n, dtype=bool)
        same_next[:-1] = same_prev[1:]
        self._next = np.where(same_next, positions + 1, positions)

    # -- look-ups -----------------------------------------------------------------------

    def article(self, law_name: str, label: str, version: str = "") -> Hit | None:
        """`law_name` 第X条 (also `56`, `第56条`, `第一百三十三条之一`), newest version by default."""
        law = self.titles.resolve(law_name, version)
        if law is None:
            return None
        number, sub = parse_label(label)
        if number is None:
            return None
        return self._cited_hit(law, number, sub)

    def _cited_hit(self, law: int, number: int, sub: int) -> Hit | None:
        found = self._by_number.get((law, number, sub))
        if found is None:
            return None
        article = self.index.corpus.articles[found]
        return Hit(article, self.index.corpus.laws[law], score=CITED_SCORE, cited=True)

    # -- ranking ------------------------------------------------------------------------

    def prepare(self, question: str) -> Query:
        seg = self.segmenter
        lexicon = self.index.lexicon
        w = self.weights
        words = seg.words(question)
        weighted: dict[str, float] = dict.fromkeys(words, 1.0)
        for word in seg.search_words(question):
            weighted.setdefault(word, w.sub_word)
        # A one-character everyday word with legal terms is a poor search term itself
        # (偷 also matches 偷越国境): it drops to the colloquial weight, its terms come in.
        colloquial = seg.vocabulary.colloquial
        for word in words:
            if len(word) == 1 and word in colloquial:
                weighted[word] = min(weighted[word], w.colloquial)
        for word in seg.expansions(question, words):
            weighted[word] = max(weighted.get(word, 0.0), w.expansion)
        terms = tuple(
            (tid, weight)
            for word, weight in weighted.items()
            if (tid := lexicon.get(word)) is not None
        )
        return Query(terms, tuple(weighted))

    def scores(self, question: str, query: Query | None = None) -> FloatArray:
        """The blended score of every indexed article (-inf where nothing matched)."""
        query = query or self.prepare(question)
        index, w = self.index, self.weights
        text = _unit(index.articles.score(query.terms))
        chapter = _unit(index.chapters.score(query.terms))[index.chapter_of]
        law = _unit(index.laws.score(query.terms))[index.law_of]
        base = text + w.chapter * chapter
        total = base + w.law * law + self._prior
        total += w.neighbour * np.maximum(base[self._prev], base[self._next])
        for named in self.titles.mentions(question):
            total[index.law_of == self._law_doc(named)] += w.named_law
        matched = (text + chapter + law) > 0
        if not any(word in question for word in _AMENDMENT_WORDS):
            matched &= ~index.amendment
        return np.where(matched, total, -np.inf).astype(np.float32)

    def search(self, question: str, top: int = 10) -> list[Hit]:
        """The `top` best articles: cited ones first, then by score."""
        corpus = self.index.corpus
        hits: list[Hit] = []
        seen: set[int] = set()
        query = self.prepare(question)
        for cite in find_citations(question, self.titles):
            hit = self._cited_hit(cite.law, cite.number, cite.sub)
            key = self._by_number.get((cite.law, cite.number, cite.sub), -1)
            if hit and key not in seen:
                seen.add(key)
                hits.append(_with_terms(hit, query.words))
        if len(hits) >= top or not query.terms or (hits and self._only_citations(question)):
            return hits[:top]
        scores = self.scores(question, query)
        want = min(top + len(hits), len(scores))
        best = (
            np.argpartition(-scores, want - 1)[:want]
            if want < len(scores)
            else np.arange(len(scores))
        )
        # Ties break on document order, so that page 2 of the same question is stable.
        for doc in best[np.lexsort((best, -scores[best]))]:
            score = float(scores[doc])
            if score == -np.inf or len(hits) >= top:
                break
            article_id = int(self.index.active[doc])
            if article_id in seen:
                continue
            article = corpus.articles[article_id]
            hits.append(_with_terms(Hit(article, corpus.laws[article.law], score), query.words))
        return hits

    def _only_citations(self, question: str) -> bool:
        """True for `刑法第264条` or `民法典 1087`: nothing left to search once cited."""
        rest = strip_citation_words(question)
        for law in self.titles.mentions(question):
            info = self.index.corpus.laws[law]
            rest = rest.replace(info.title, "").replace(info.short, "")
        return not self.segmenter.words(rest)

    def _law_doc(self, law: int) -> int:
        matches = np.flatnonzero(self.index.law_ids == law)
        return int(matches[0]) if len(matches) else -1


def parse_label(label: str) -> tuple[int | None, int]:
    """`第五十六条`, `56`, `第56条`, `第一百三十三条之一` -> (number, sub)."""
    text = label.strip().removeprefix("第")
    number, _, sub = text.partition("之")
    number = number.removesuffix("条").strip()
    try:
        return parse_numeral(number), (parse_numeral(sub.strip()) if sub.strip() else 0)
    except ValueError:
        return None, 0


def _unit(scores: FloatArray) -> FloatArray:
    top = float(scores.max()) if len(scores) else 0.0
    return scores / top if top > 0 else scores


def _with_terms(hit: Hit, words: tuple[str, ...]) -> Hit:
    found = tuple(w for w in words if len(w) > 1 and w in hit.article.text)
    return Hit(hit.article, hit.law, hit.score, found, hit.cited)
