"""Rank articles for a question: direct citations first, then a blend of BM25 scores.

The score of an article is its BM25F score (text, chapter heading, law title) plus the
BM25 score of its chapter and of its whole law, each divided by the best score of its
kind for the question, plus query-independent priors (how often the corpus cites the
article and its law, statute vs. interpretation, size of the law, and a penalty for
interpretations of repealed laws) and a little of its neighbours' score.  A law the
question names (also by an everyday name: 治安法, or 婚姻法 for the part of the 民法典
that replaced it) is preferred, and so are the articles the FAQ cites when the question
is close to that entry's phrasings (`phrasings.py`).  In the article text an everyday word
and its legal terms count as one term (`Group`).  A second stage (`rerank.py`) reorders
the best fifty by the question's neighbouring word pairs found together; a third
(`feedback.py`) ranks the articles below those fifty again, for the question widened by
the words of its best three articles and preferring the chapters of its best five, when
more than fifty are asked for.  The weights were tuned
on the first half of the development questions only (see bench/law_eval.py and
docs/law-search.md); the second half checks that they generalise.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from knowledge.citation import find_citations, strip_citation_words
from knowledge.faq import FaqEntry, FaqIndex
from knowledge.feedback import CHAPTER_DOCS, Forward
from knowledge.feedback import DOCS as FEEDBACK_DOCS
from knowledge.index import FloatArray, LawIndex
from knowledge.model import Article, Law
from knowledge.numerals import occurs, parse_numeral, statute_quantities
from knowledge.phrasings import BONUS as PHRASING_BONUS
from knowledge.phrasings import Phrasings
from knowledge.rerank import DEPTH, Pairs, rerank, word_pairs
from knowledge.segment import NUMBER_PIECE, Segmenter
from knowledge.titles import TitleIndex
from knowledge.topk import IntpArray, top_k
from knowledge.vocabulary import SPOUSES

_AMENDMENT_WORDS = ("修正案", "修改", "废止")
# Score of an article the question cites directly: above any blended score (those are < 10).
CITED_SCORE = 1000.0
#: BM25 scores of every article, chapter and law for one set of weighted terms.
Raw = tuple[FloatArray, FloatArray, FloatArray]
# `10、` or `52.` in front of a question copied from a numbered list is not part of it.
_LIST_NUMBER = re.compile(r"^\s*[0-9]{1,3}\s*[、.．]\s*(?![0-9])")


@dataclass(frozen=True, slots=True)
class Weights:
    sub_word: float = 0.3  # shorter words inside a long one (search-mode jieba)
    expansion: float = 0.7  # legal terms for colloquial words, statute spelling of numbers
    colloquial: float = 0.3  # a one-character colloquial word itself (偷, 骗)
    chapter: float = 0.35
    law: float = 0.05
    cited: float = 0.25
    law_cited: float = 0.35
    statute: float = 0.05
    interpretation: float = 0.1
    size: float = 0.2
    superseded: float = -0.15  # interpretations of laws no longer in force
    neighbour: float = 0.05
    pair: float = 0.25  # second stage: neighbouring question words found together
    named_law: float = 0.5  # the question names the law
    grouped: float = 0.8  # how often a legal term counts as its everyday word (`Group`)
    phrasings: float = PHRASING_BONUS  # the FAQ's phrasings close to the question
    tail_chapter: float = 0.05  # third stage: the chapters of the best few (`CHAPTER_DOCS`)


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
    pairs: Pairs = ()
    #: The terms searched for in the article text: `terms` less those of the `groups`.
    text_terms: tuple[tuple[int, float], ...] = ()
    groups: tuple[Group, ...] = ()


@dataclass(frozen=True, slots=True)
class Group:
    """An everyday word of the question and the legal terms it stands for (房东: 出租人),
    searched for in the article text as one term: each article holding a legal term is read
    as holding the word too, `Weights.grouped` times as often (`BM25Index.grouped`), as if
    the index had been expanded with the vocabulary. Summed as separate terms, an article
    saying 出租人 and 承租人 and 租赁 had outweighed one saying what was asked."""

    word: int | None  # the word's term, None where the statutes never use it
    weight: float  # the word's query weight
    legal: tuple[int, ...]


class Retriever:
    def __init__(self, index: LawIndex, weights: Weights | None = None) -> None:
        self.index = index
        self.weights = weights or Weights()
        corpus = index.corpus
        vocab = index.vocabulary
        self.titles = TitleIndex(corpus.laws, vocab.aliases, vocab.replaced)
        self.segmenter = Segmenter(
            index.vocabulary, (law.short for law in corpus.laws), index.dictionary
        )
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
            + w.superseded * p["superseded"]
        ).astype(np.float32)
        self._parts = _part_docs(index, self.titles)
        self._repealed = index.repealed
        # Gathers with native-width indexes skip a conversion on every question.
        self._chapter_of = index.chapter_of.astype(np.intp)
        self._law_of = index.law_of.astype(np.intp)
        starts = np.ones(len(self._law_of), dtype=bool)
        starts[1:] = self._law_of[1:] != self._law_of[:-1]
        self._first = np.flatnonzero(starts)  # first document of each law
        self._last = np.append(self._first[1:] - 1, len(starts) - 1).astype(np.intp)
        self._law_doc = {int(law): doc for doc, law in enumerate(index.law_ids)}
        self._idf = index.articles.idf()
        self._texts = [corpus.articles[i].text for i in index.active.tolist()]
        self._forward: Forward | None = None  # for the third stage, built when first needed
        #: The FAQ's phrasings as a field of the articles it cites (`use_faq`).
        self.phrasings: Phrasings | None = None

    def use_faq(self, faq: FaqIndex) -> None:
        """Rank the articles `faq` cites higher for questions close to its phrasings."""
        self.phrasings = Phrasings(faq, self.docs_cited)

    def docs_cited(self, entry: FaqEntry) -> list[int]:
        """The indexed documents of the articles `entry` cites (a version or article the
        index lacks is left out)."""
        docs = []
        for law_name, label, version in entry.cites:
            law = self.titles.resolve(law_name, version)
            number, sub = parse_label(label)
            if law is None or number is None:
                continue
            found = self._by_number.get((law, number, sub))
            if found is not None:
                doc = int(np.searchsorted(self.index.active, found))
                if doc < len(self.index.active) and self.index.active[doc] == found:
                    docs.append(doc)
        return docs

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
        question = _LIST_NUMBER.sub("", question)
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
        grouped: list[tuple[str, list[str]]] = []
        for word, legal in seg.expansion_groups(question, words):
            # A spouse's terms share one term's weight (see `SPOUSES`): 配偶 and 夫妻 had
            # put the grounds for divorce above gambling's article for 老公…赌博被抓了.
            known = [term for term in legal if lexicon.get(term) is not None]
            share = w.expansion / len(known) if word in SPOUSES and known else w.expansion
            for term in legal:
                weighted[term] = max(weighted.get(term, 0.0), share)
            if word not in SPOUSES and known and w.grouped:
                grouped.append((word, known))
        spelled = statute_quantities(question)
        if spelled != question:
            for word in seg.words(spelled):
                weighted.setdefault(word, w.expansion)
        terms = tuple(
            (tid, weight)
            for word, weight in weighted.items()
            if (tid := lexicon.get(word)) is not None
        )
        # In the article text, an everyday word stands for its legal terms (`Group`), which
        # are searched for on their own only where the question says them itself.
        groups: list[Group] = []
        alone: set[str] = set()
        for word, legal in grouped:
            related = [term for term in legal if term != word]
            if related:
                # Never below what its legal terms weighed apart: 弄坏 cut only in search
                # mode (0.3) had taken 损坏, 毁损 and 损失 down with it.
                weight = max(weighted.get(word, 1.0 if len(word) > 1 else 0.0), w.expansion)
                ids = tuple(lexicon.ids[term] for term in related)
                groups.append(Group(lexicon.get(word), weight, ids))
                alone.add(word)
                alone.update(term for term in related if weighted[term] == w.expansion)
        text_terms = (
            tuple((tid, weight) for tid, weight in terms if lexicon.terms[tid] not in alone)
            if groups
            else terms
        )
        return Query(
            terms, tuple(weighted), word_pairs(words, self._idf_of), text_terms, tuple(groups)
        )

    def _idf_of(self, word: str) -> float:
        term = self.index.lexicon.get(word)
        return float(self._idf[term]) if term is not None and term < len(self._idf) else 0.0

    def scores(self, question: str, query: Query | None = None) -> FloatArray:
        """The blended score of every indexed article (-inf where nothing matched)."""
        query = query or self.prepare(question)
        return self._blend(question, self._raw(query.terms, query))

    def _raw(self, terms: Sequence[tuple[int, float]], query: Query | None = None) -> Raw:
        """BM25 scores of every article, chapter and law for weighted terms (the article
        text for `query`'s own terms and groups, when given)."""
        index = self.index
        if query is None or not query.groups:
            text = index.articles.score(terms)
        else:
            text = index.articles.score(query.text_terms)
            for group in query.groups:
                text += group.weight * index.articles.grouped(
                    group.word, group.legal, self.weights.grouped
                )
        return text, index.chapters.score(terms), index.laws.score(terms)

    def _blend(self, question: str, raw: Raw) -> FloatArray:
        index, w = self.index, self.weights
        text = _unit(raw[0])
        chapter = _unit(raw[1])[self._chapter_of]
        law = _unit(raw[2])[self._law_of]
        base = text + w.chapter * chapter
        total = w.law * law
        total += base
        total += self._prior
        total += w.neighbour * self._neighbours(base)
        for mention in dict.fromkeys((m.law, m.part) for m in self.titles.named(question)):
            # 婚姻法 prefers the 民法典's 婚姻家庭编; 民法典 itself, the whole code; a law
            # that another repealed, the one that did (not indexed itself), or what a
            # decision outside the corpus named in its place.
            named, part = mention
            old = self.index.corpus.laws[named]
            successor = old.replaced_by if old.repealed_on else old.repealed_by
            in_force = self.titles.resolve(successor) if successor else None
            named = named if in_force is None else in_force
            docs = self._parts.get((named, part))
            total[docs if docs is not None else self._law_of == self._law_doc.get(named, -1)] += (
                w.named_law
            )
        if self.phrasings is not None and w.phrasings:
            docs, bonus = self.phrasings.bonus(question)
            total[docs] += w.phrasings * bonus
        unmatched = (text + chapter + law) <= 0
        if not any(word in question for word in _AMENDMENT_WORDS):
            unmatched |= index.amendment
        unmatched |= self._repealed
        total[unmatched] = -np.inf
        return total

    def _neighbours(self, base: FloatArray) -> FloatArray:
        """The better score of the article before and after each one in the same law."""
        before = np.empty_like(base)
        before[1:] = base[:-1]
        before[self._first] = base[self._first]
        after = np.empty_like(base)
        after[:-1] = base[1:]
        after[self._last] = base[self._last]
        return np.maximum(before, after, out=before)

    def search(
        self, question: str, top: int = 10, first: Sequence[tuple[str, str, str]] = ()
    ) -> list[Hit]:
        """The `top` best articles: those the question cites, then `first` ((law, 第X条,
        version or "" for the newest), such as the articles of the FAQ entry the question
        matched), then by score. A version the corpus lacks is left out rather than read as
        the newest: a revision renumbers articles."""
        corpus = self.index.corpus
        hits: list[Hit] = []
        seen: set[int] = set()
        query = self.prepare(question)
        highlight = [word for word in query.words if len(word) > 1]
        cited = [(c.law, c.number, c.sub) for c in find_citations(question, self.titles)]
        for law_name, label, version in first:
            law = self.titles.resolve(law_name, version)
            number, sub = parse_label(label)
            if law is not None and number is not None:
                cited.append((law, number, sub))
        for law, number, sub in cited:
            hit = self._cited_hit(law, number, sub)
            key = self._by_number.get((law, number, sub), -1)
            if hit and key not in seen:
                seen.add(key)
                hits.append(_with_terms(hit, highlight))
        if len(hits) >= top or not query.terms or (hits and self._only_citations(question)):
            return hits[:top]
        raw = self._raw(query.terms, query)
        scores = self._blend(question, raw)
        # Ties break on document order, so that page 2 of the same question is stable.
        depth = max(top + len(hits), DEPTH)
        best = top_k(scores, depth)
        best, final = rerank(best, scores, self._texts, query.pairs, self.weights.pair)
        if depth > DEPTH and len(best) >= DEPTH:
            best, final = self._widened(question, query, raw, best, final, depth)
        for doc, score in zip(best.tolist(), final.tolist(), strict=True):
            if len(hits) >= top:
                break
            article_id = int(self.index.active[doc])
            if article_id in seen:
                continue
            article = corpus.articles[article_id]
            terms = _terms(article.text, highlight)
            hits.append(Hit(article, corpus.laws[article.law], score, terms))
        return hits

    def _widened(
        self,
        question: str,
        query: Query,
        raw: Raw,
        best: IntpArray,
        final: FloatArray,
        depth: int,
    ) -> tuple[IntpArray, FloatArray]:
        """`best` with the ranks below the head taken from the question widened by the
        words of its best articles (`knowledge.feedback`); scores never rise down the list."""
        if self._forward is None:
            self._forward = Forward.of(self.index.articles)
        skip = {term for term, _ in query.terms}
        placeholder = self.index.lexicon.get(NUMBER_PIECE)
        if placeholder is not None:
            skip.add(placeholder)
        extra = self._forward.feedback_terms(best[:FEEDBACK_DOCS].tolist(), skip)
        if not extra:
            return best, final
        more = self._raw(extra)
        wide = self._blend(question, (raw[0] + more[0], raw[1] + more[1], raw[2] + more[2]))
        if self.weights.tail_chapter:
            # An article that answers in other words often sits in the chapter of one that
            # answers in the question's own (供用水、供用气 参照供用电合同 beside 电表).
            near = np.zeros(self.index.chapters.n_docs, dtype=bool)
            near[self._chapter_of[best[:CHAPTER_DOCS]]] = True
            wide[near[self._chapter_of]] += self.weights.tail_chapter
        wide[best[:DEPTH]] = -np.inf
        tail = top_k(wide, depth - DEPTH)
        floor = float(final[DEPTH - 1])
        tail_scores = np.minimum(wide[tail], floor).astype(np.float32)
        return np.concatenate((best[:DEPTH], tail)), np.concatenate((final[:DEPTH], tail_scores))

    def _only_citations(self, question: str) -> bool:
        """True for `刑法第264条` or `民法典 1087`: nothing left to search once cited."""
        return not self.segmenter.words(self.titles.without_names(strip_citation_words(question)))


def parse_label(label: str) -> tuple[int | None, int]:
    """`第五十六条`, `56`, `第56条`, `第一百三十三条之一` -> (number, sub)."""
    text = label.strip().removeprefix("第")
    number, _, sub = text.partition("之")
    number = number.removesuffix("条").strip()
    try:
        return parse_numeral(number), (parse_numeral(sub.strip()) if sub.strip() else 0)
    except ValueError:
        return None, 0


def _part_docs(index: LawIndex, titles: TitleIndex) -> dict[tuple[int, str], IntpArray]:
    """(law, part) -> its indexed documents, for the parts that replaced repealed laws."""
    wanted: dict[int, set[str]] = {}
    for title, *part in index.vocabulary.replaced.values():
        law = titles.resolve(title)
        if law is not None and part:
            wanted.setdefault(law, set()).add(part[0])
    found: dict[tuple[int, str], list[int]] = {}
    articles = index.corpus.articles
    for doc, article_id in enumerate(index.active):
        article = articles[article_id]
        if article.law in wanted:
            part = article.heading.split(" ")[0]
            if part in wanted[article.law]:
                found.setdefault((article.law, part), []).append(doc)
    return {key: np.array(docs, dtype=np.intp) for key, docs in found.items()}


def _unit(scores: FloatArray) -> FloatArray:
    top = float(scores.max()) if len(scores) else 0.0
    return scores / top if top > 0 else scores


def _terms(text: str, words: list[str]) -> tuple[str, ...]:
    return tuple([w for w in words if occurs(w, text)])


def _with_terms(hit: Hit, words: list[str]) -> Hit:
    return Hit(hit.article, hit.law, hit.score, _terms(hit.article.text, words), hit.cited)
