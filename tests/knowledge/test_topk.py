from __future__ import annotations

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from knowledge.topk import top_k


def full_sort(scores: np.ndarray, k: int) -> list[int]:
    finite = np.flatnonzero(scores > -np.inf)
    return [int(i) for i in finite[np.lexsort((finite, -scores[finite]))][: max(k, 0)]]


@given(
    st.lists(
        st.one_of(st.sampled_from([0.0, 1.0, 2.0, -np.inf]), st.floats(0, 10, width=32)),
        max_size=3000,
    ),
    st.integers(0, 150),
)
def test_same_as_sorting_everything(values: list[float], k: int) -> None:
    scores = np.array(values, dtype=np.float32)
    assert top_k(scores, k).tolist() == full_sort(scores, k)


def test_large_array_with_ties() -> None:
    rng = np.random.default_rng(7)
    scores = rng.integers(0, 50, 60_000).astype(np.float32)
    scores[rng.random(60_000) < 0.3] = -np.inf
    for k in (1, 10, 100, 1000):
        assert top_k(scores, k).tolist() == full_sort(scores, k)
