"""Second stage: reorder the best fifty articles by the question's word pairs.

BM25 scores each word on its own, so 放弃诉权的协议 ranks an article saying 放弃 here and 诉权
there like one saying 放弃诉权.  Each pair of neighbouring question words that an article
contains as one string earns it a bonus, weighted by how rare the two words are.  Only the
first `DEPTH` articles are reordered; a bonus is never negative, so they stay above the
rest and any page of results is a prefix of the same ranking.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

import numpy as np
import numpy.typing as npt

from knowledge.topk import IntpArray

DEPTH = 50  # deeper changes nothing in the first ten and reshuffles the first hundred

Pairs = tuple[tuple[str, float], ...]


def word_pairs(words: Sequence[str], idf: Callable[[str], float]) -> Pairs:
    """Neighbouring words joined (放弃 + 诉权 -> 放弃诉权), each with its share of the weight."""
    pairs = [(a + b, idf(a) + idf(b)) for a, b in pairwise(words)]
    total = sum(weight for _, weight in pairs)
    return tuple((pair, weight / total) for pair, weight in pairs) if total > 0 else ()


def rerank(
    candidates: IntpArray,
    scores: npt.NDArray[np.float32],
    texts: Sequence[str],
    pairs: Pairs,
    weight: float,
) -> tuple[IntpArray, npt.NDArray[np.float32]]:
    """`candidates` (best first) with their first `DEPTH` reordered, and their new scores.

    `texts[doc]` is the text of document `doc`.
    """
    new = scores[candidates].astype(np.float32)
    head = min(DEPTH, len(candidates))
    if not pairs or weight == 0 or head < 2:
        return candidates, new
    parts = [texts[doc] for doc in candidates[:head].tolist()]
    joined = "\0".join(parts)  # most pairs are in none: one scan in C tells
    for pair, share in pairs:
        if pair in joined:
            found = np.fromiter((pair in part for part in parts), dtype=bool, count=head)
            new[:head][found] += weight * share
    # Ties keep the first stage's order, which already broke them by document order.
    order = np.argsort(-new[:head], kind="stable")
    ranked = np.concatenate((candidates[:head][order], candidates[head:]))
    return ranked, np.concatenate((new[:head][order], new[head:]))
