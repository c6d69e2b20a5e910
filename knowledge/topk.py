"""The best few of a large score array, without partitioning all of it.

`numpy.argpartition` over every indexed article costs most of a millisecond on a slow
core and is the largest single step of a search.  A strided sample gives a threshold that
only a few hundred scores pass; those few are sorted exactly.  The result is the same as
sorting everything, ties broken by position.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

IntpArray = npt.NDArray[np.intp]
_STRIDE = 16
_SPARE = 8  # extra sample ranks, so that the threshold rarely lets fewer than k through


def top_k(scores: npt.NDArray[np.floating], k: int) -> IntpArray:
    """Indices of the `k` highest scores above -inf, best first, ties in index order."""
    if k <= 0 or len(scores) == 0:
        return np.zeros(0, dtype=np.intp)
    candidates: IntpArray | None = None
    sample = scores[::_STRIDE]
    rank = 2 * k // _STRIDE + _SPARE
    if rank < len(sample):
        threshold = np.partition(sample, len(sample) - 1 - rank)[len(sample) - 1 - rank]
        if threshold > -np.inf:
            candidates = np.flatnonzero(scores >= threshold)
            if len(candidates) < k:  # too few passed: the sample was unlucky
                candidates = None
    if candidates is None:
        candidates = np.flatnonzero(scores > -np.inf)
    order = np.lexsort((candidates, -scores[candidates]))[:k]
    return candidates[order]
