"""A BM25F inverted index in plain numpy arrays.

Each document has several fields (article text, chapter heading, law title); a term's
frequency is summed over fields with a weight and a length normalisation per field, then
saturated once (BM25F).  The final per-(term, document) weight is computed at build time,
so a query is only a few vectorised additions, and the index is three arrays that
`numpy.savez` stores and `numpy.load` reads without pickle.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float32]
K1 = 1.2  # term frequency saturation of every index built here


class Lexicon:
    """Term <-> id, shared by every index of one knowledge base."""

    def __init__(self, terms: Sequence[str] = ()) -> None:
        self.terms: list[str] = list(terms)
        self.ids: dict[str, int] = {t: i for i, t in enumerate(self.terms)}

    def add(self, term: str) -> int:
        found = self.ids.get(term)
        if found is None:
            found = self.ids[term] = len(self.terms)
            self.terms.append(term)
        return found

    def get(self, term: str) -> int | None:
        return self.ids.get(term)

    def __len__(self) -> int:
        return len(self.terms)


@dataclass(frozen=True, slots=True)
class Field:
    """One field of every document: its token lists, weight and length normalisation `b`."""

    docs: Sequence[Sequence[str]]
    weight: float = 1.0
    b: float = 0.75


@dataclass(slots=True)
class BM25Index:
    offsets: npt.NDArray[np.int64]  # postings of term t: [offsets[t], offsets[t + 1])
    docs: npt.NDArray[np.int32]
    weights: FloatArray
    n_docs: int

    @classmethod
    def build(cls, fields: Sequence[Field], lexicon: Lexicon, k1: float = K1) -> BM25Index:
        n_docs = len(fields[0].docs)
        terms: list[npt.NDArray[np.int64]] = []
        docs: list[npt.NDArray[np.int64]] = []
        tfs: list[npt.NDArray[np.float64]] = []
        for field in fields:
            t, d, f, lengths = _triplets(field.docs, lexicon)
            mean = float(lengths.mean()) if len(lengths) and lengths.mean() > 0 else 1.0
            norm = 1.0 - field.b + field.b * lengths / mean
            terms.append(t)
            docs.append(d)
            tfs.append(field.weight * f / np.maximum(norm[d], 1e-9))
        # Sum each (term, doc) pair over fields: sort by a combined key, then bincount.
        key = np.concatenate(terms) * n_docs + np.concatenate(docs)
        unique, inverse = np.unique(key, return_inverse=True)
        tf = np.bincount(inverse, weights=np.concatenate(tfs))
        term_of, doc_of = np.divmod(unique, n_docs)
        vocab = len(lexicon)
        df = np.bincount(term_of, minlength=vocab)
        idf = np.log1p((n_docs - df + 0.5) / (df + 0.5))
        weights = idf[term_of] * tf * (k1 + 1.0) / (k1 + tf)
        offsets = np.zeros(vocab + 1, dtype=np.int64)
        np.cumsum(df, out=offsets[1:])
        return cls(offsets, doc_of.astype(np.int32), weights.astype(np.float32), n_docs)

    def score(self, query: Sequence[tuple[int, float]]) -> FloatArray:
        """Scores of all documents for (term id, query weight) pairs."""
        scores = np.zeros(self.n_docs, dtype=np.float32)
        last = len(self.offsets) - 1
        for term, weight in query:
            if term >= last:  # a term the lexicon learned after this index was built
                continue
            start, end = self.offsets[term], self.offsets[term + 1]
            # Postings of one term hold each document once, so fancy-index += is exact.
            scores[self.docs[start:end]] += weight * self.weights[start:end]
        return scores

    def grouped(self, term: int | None, related: Sequence[int], share: float) -> FloatArray:
        """Scores of all documents for `term` as if every document holding one of `related`
        also held `term`, `share` times as often (document expansion, read off the postings).

        A saturated weight `idf * tf * (k1 + 1) / (k1 + tf)` is turned back into its
        (length-normalised) frequency; the frequencies are summed and saturated once, under
        the IDF of every document that holds any of them.
        """
        tf = np.zeros(self.n_docs, dtype=np.float32)
        last = len(self.offsets) - 1
        for t, scale in ((term, 1.0), *((r, share) for r in related)):
            if t is None or t >= last:
                continue
            start, end = self.offsets[t], self.offsets[t + 1]
            idf = math.log1p((self.n_docs - (end - start) + 0.5) / (end - start + 0.5))
            if end == start or idf <= 0:
                continue
            # Clipped below k1 + 1, which only an infinite frequency reaches.
            saturation = np.minimum(self.weights[start:end] / np.float32(idf), K1 + 0.999)
            tf[self.docs[start:end]] += scale * K1 * saturation / (K1 + 1.0 - saturation)
        held = np.flatnonzero(tf)  # a few thousand of the 58,000: computed there only
        if not len(held):
            return tf
        weight = math.log1p((self.n_docs - len(held) + 0.5) / (len(held) + 0.5))
        found = tf[held]
        tf[held] = weight * found * (K1 + 1.0) / (K1 + found)
        return tf

    def idf(self) -> FloatArray:
        df = np.diff(self.offsets).astype(np.float64)
        return np.log1p((self.n_docs - df + 0.5) / (df + 0.5)).astype(np.float32)

    def arrays(self, prefix: str) -> dict[str, npt.NDArray[np.generic]]:
        return {
            f"{prefix}_offsets": self.offsets,
            f"{prefix}_docs": self.docs,
            f"{prefix}_weights": self.weights,
            f"{prefix}_n": np.array([self.n_docs], dtype=np.int64),
        }

    @classmethod
    def from_arrays(cls, data: dict[str, npt.NDArray[np.generic]], prefix: str) -> BM25Index:
        return cls(
            offsets=data[f"{prefix}_offsets"].astype(np.int64, copy=False),
            docs=data[f"{prefix}_docs"].astype(np.int32, copy=False),
            weights=data[f"{prefix}_weights"].astype(np.float32, copy=False),
            n_docs=int(data[f"{prefix}_n"][0]),
        )


def _triplets(
    docs: Sequence[Sequence[str]], lexicon: Lexicon
) -> tuple[
    npt.NDArray[np.int64], npt.NDArray[np.int64], npt.NDArray[np.float64], npt.NDArray[np.float64]
]:
    """(term, document, frequency) of each term of each document, and document lengths.

    Counted in numpy over all tokens at once: a `Counter` per document was a fifth of
    the whole-corpus build. New terms get ids in order of first appearance, as before.
    """
    flat = list(chain.from_iterable(docs))
    for term in dict.fromkeys(flat):
        lexicon.add(term)
    ids = np.fromiter(map(lexicon.ids.__getitem__, flat), dtype=np.int64, count=len(flat))
    sizes = np.fromiter(map(len, docs), dtype=np.int64, count=len(docs))
    owners = np.repeat(np.arange(len(docs), dtype=np.int64), sizes)
    pairs, freqs = np.unique(ids * max(len(docs), 1) + owners, return_counts=True)
    terms, owners = np.divmod(pairs, max(len(docs), 1))
    return terms, owners, freqs.astype(np.float64), sizes.astype(np.float64)
