"""Third stage: the ranks below the reranked head, from a question widened by its best articles.

A question's own words reach the articles that say them; an article that answers it in
other words (没有遗嘱 is 法定继承, 房子怎么分 is 遗产分割) is found, if at all, far down.  The
best few articles of the first ranking say what the question is about in the statutes' own
words: their most characteristic terms, each weighted by its share of its article's BM25
weight, are added to the question with a small weight (pseudo-relevance feedback, as RM3)
and the articles below the head are ranked again with them.  The articles of the chapters
of the best five gain a little too (`Weights.tail_chapter`): a general rule (the duty to
pay for what one damaged, what a wronged party may ask of a newspaper) sits in the chapter
of the articles that say the question's words, and says few of them itself.

Only the tail moves.  Feedback over the whole ranking had put the right article in the
first hundred more often but in the first ten less often (docs/law-search.md), so the head
(`rerank.DEPTH` articles) stays as ranked, and a search for ten articles, what a chat answer
shows, never pays for this stage.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from knowledge.bm25 import BM25Index, FloatArray

DOCS = 3  # articles read for feedback: more of them dilute the best one's words
TERMS = 10  # terms added to the question
WEIGHT = 0.1  # query weight of an average added term (a question's own word weighs 1)
#: The chapters of this many best articles are preferred in the tail (`Weights.tail_chapter`).
CHAPTER_DOCS = 5

Terms = tuple[tuple[int, float], ...]


@dataclass(frozen=True, slots=True)
class Forward:
    """The postings of a BM25 index turned around: each document's terms and weights."""

    offsets: npt.NDArray[np.int64]  # terms of document d: [offsets[d], offsets[d + 1])
    terms: npt.NDArray[np.int32]
    weights: FloatArray

    @classmethod
    def of(cls, index: BM25Index) -> Forward:
        """Built when first needed (a few tenths of a second for the national corpus)
        rather than stored: a server answering chat questions never needs it."""
        term_of = np.repeat(
            np.arange(len(index.offsets) - 1, dtype=np.int32), np.diff(index.offsets)
        )
        order = np.argsort(index.docs, kind="stable")
        offsets = np.zeros(index.n_docs + 1, dtype=np.int64)
        np.cumsum(np.bincount(index.docs, minlength=index.n_docs), out=offsets[1:])
        return cls(offsets, term_of[order], index.weights[order])

    def feedback_terms(self, docs: Sequence[int], skip: Collection[int]) -> Terms:
        """(term, query weight) of the `TERMS` terms that best characterise `docs`, each
        document's weight shared among its terms, so that a long article counts no more
        than a short one.  `skip` (the question's own terms) are never added."""
        ids, shares = [], []
        for doc in docs:
            start, end = int(self.offsets[doc]), int(self.offsets[doc + 1])
            weights = self.weights[start:end].astype(np.float64)
            total = float(weights.sum())
            if total > 0:
                ids.append(self.terms[start:end])
                shares.append(weights / total)
        if not ids:
            return ()
        found = np.concatenate(ids)
        share = np.concatenate(shares)
        keep = ~np.isin(found, np.fromiter(skip, dtype=np.int64, count=len(skip)))
        terms, inverse = np.unique(found[keep], return_inverse=True)
        mass = np.bincount(inverse, weights=share[keep], minlength=len(terms))
        best = np.lexsort((terms, -mass))[:TERMS]
        total = float(mass[best].sum())
        if total <= 0:
            return ()
        scale = WEIGHT * len(best) / total
        return tuple(
            (term, weight * scale)
            for term, weight in zip(terms[best].tolist(), mass[best].tolist(), strict=True)
        )
