"""The FAQ's phrasings as a field of the articles each entry cites.

An article answers the ways people ask about it in words it never uses itself: 民法典
第一千一百二十七条 (the order of succession) says nothing of 老人去世了房子归谁. The FAQ
holds about ten such ways per entry, written by the project, and cites the articles each
entry rests on. A question close to an entry's phrasings lends those articles a bonus:
`BONUS` × the square of the closest phrasing's similarity, the FAQ's own weighted Dice
(`knowledge.faq`), counted from `FLOOR` on. Squared, a loose likeness (0.3: 0.09) moves an
article a little and a close one (0.7: 0.49) a lot; tuned on half A of the dev questions
(docs/law-search.md).

Built from the FAQ at start, not stored in the index: a station's own faq.toml counts
without a re-import. A question is compared with every phrasing at once, through postings
of the phrasings' terms, not one phrasing after another (60 ms a question in Python).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import numpy.typing as npt

from knowledge.faq import CONSEQUENCES, FaqEntry, FaqIndex
from knowledge.topk import IntpArray

FloatArray = npt.NDArray[np.float32]

BONUS = 1.0  # added to an article's score for a question matching a phrasing word for word
FLOOR = 0.2  # similarities below this lend nothing


class Phrasings:
    """Scores the articles the FAQ cites by how close a question is to its phrasings.

    Args:
        faq: the FAQ as the knowledge base matches it.
        docs_of: the indexed documents of an entry's cited articles.
    """

    def __init__(self, faq: FaqIndex, docs_of: Callable[[FaqEntry], Sequence[int]]) -> None:
        self._faq = faq
        bags = faq.phrasing_bags()
        position = {id(entry): n for n, entry in enumerate(faq.entries)}
        entry_of = np.array([position[id(entry)] for entry, _ in bags], dtype=np.intp)
        # An entry's phrasings come one after another: each entry's best is a `reduceat`.
        if len(entry_of) and (np.diff(entry_of) < 0).any():
            raise ValueError("the FAQ's phrasings are not grouped by entry")
        self._starts = np.searchsorted(entry_of, np.arange(len(faq.entries)))
        self._counts = np.bincount(entry_of, minlength=len(faq.entries))
        self._mass = np.array([sum(bag.values()) for _, bag in bags], dtype=np.float32)
        found: dict[str, tuple[list[int], list[float]]] = {}
        for n, (_, bag) in enumerate(bags):
            for term, weight in bag.items():
                phrasings, weights = found.setdefault(term, ([], []))
                phrasings.append(n)
                weights.append(weight)
        self._postings = {
            term: (np.array(p, dtype=np.intp), np.array(w, dtype=np.float32))
            for term, (p, w) in found.items()
        }
        cited = [np.asarray(docs_of(entry), dtype=np.intp) for entry in faq.entries]
        self._pair_docs = np.concatenate(cited) if cited else np.zeros(0, dtype=np.intp)
        self._pair_entries = np.repeat(
            np.arange(len(cited), dtype=np.intp), [len(docs) for docs in cited]
        )
        self._places = faq.places
        self._last: tuple[str, tuple[IntpArray, FloatArray]] | None = None

    def bonus(self, question: str) -> tuple[IntpArray, FloatArray]:
        """The documents cited by an entry close to `question`, and their bonus (before
        `BONUS`): the best over the entries that cite each."""
        last = self._last  # read once: another thread may put its own question there
        if last is not None and last[0] == question:
            return last[1]
        entries = self.similarities(question)
        entries[entries < FLOOR] = 0.0
        pairs = np.flatnonzero(entries[self._pair_entries] > 0)
        docs, values = self._pair_docs[pairs], entries[self._pair_entries[pairs]] ** 2
        order = np.lexsort((-values, docs))
        first = np.ones(len(order), dtype=bool)
        first[1:] = docs[order][1:] != docs[order][:-1]
        found = (docs[order][first], values[order][first].astype(np.float32))
        self._last = (question, found)
        return found

    def similarities(self, question: str) -> FloatArray:
        """Each entry's closest phrasing's similarity to `question` (`FaqIndex`'s weighted
        Dice; 0 where they share no word of the matter, or only where, who and when)."""
        bag = self._faq.bag(question)
        n = len(self._mass)
        shared = np.zeros(n, dtype=np.float32)
        topical = np.zeros(n, dtype=bool)
        placeless = np.zeros(n, dtype=bool)
        for term in bag:
            found = self._postings.get(term)
            if found is None:
                continue
            phrasings, weights = found
            shared[phrasings] += weights
            if term not in CONSEQUENCES:
                topical[phrasings] = True
            if term not in self._places:
                placeless[phrasings] = True
        total = sum(bag.values()) + self._mass
        similarity = np.divide(
            2 * shared, total, out=np.zeros(n, dtype=np.float32), where=total > 0
        )
        similarity[~(topical & placeless)] = 0.0
        entries = np.zeros(len(self._counts), dtype=np.float32)
        some = self._counts > 0
        if len(similarity):
            entries[some] = np.maximum.reduceat(similarity, self._starts[some])
        return entries
