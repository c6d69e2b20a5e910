from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from knowledge.bm25 import BM25Index, Field, Lexicon


def build() -> tuple[BM25Index, Lexicon]:
    lexicon = Lexicon()
    texts = [["旅馆", "登记", "旅客"], ["房屋", "出租", "登记"], ["盗窃", "财物"], ["登记"] * 5]
    titles = [["旅馆业"], ["出租"], ["刑法"], ["其他"]]
    index = BM25Index.build([Field(texts, 1.0, 0.75), Field(titles, 2.0, 0.5)], lexicon)
    return index, lexicon


def ids(lexicon: Lexicon, *words: str) -> list[tuple[int, float]]:
    return [(i, 1.0) for w in words if (i := lexicon.get(w)) is not None]


def test_rare_terms_weigh_more() -> None:
    index, lexicon = build()
    scores = index.score(ids(lexicon, "旅馆", "登记"))
    assert scores.argmax() == 0
    assert scores[2] == 0


def test_field_weight_counts() -> None:
    index, lexicon = build()
    scores = index.score(ids(lexicon, "出租"))
    assert scores[1] > 0 and scores[0] == 0


def test_saturation() -> None:
    index, lexicon = build()
    scores = index.score(ids(lexicon, "登记"))
    # Five occurrences in a short document do not score five times one occurrence.
    assert scores[3] < 3 * scores[0]


def test_unknown_and_late_terms_are_ignored() -> None:
    index, lexicon = build()
    late = lexicon.add("后来的词")
    assert not index.score([(late, 1.0)]).any()


def test_arrays_round_trip(tmp_path: Path) -> None:
    index, lexicon = build()
    arrays: dict[str, Any] = dict(index.arrays("t"))
    np.savez(tmp_path / "x.npz", **arrays)
    with np.load(tmp_path / "x.npz", allow_pickle=False) as data:
        again = BM25Index.from_arrays({k: data[k] for k in data.files}, "t")
    query = ids(lexicon, "旅馆", "盗窃")
    assert np.allclose(again.score(query), index.score(query))
    assert np.allclose(again.idf(), index.idf())


def test_term_ids_and_counts() -> None:
    """Term ids follow first appearance; a term repeated in a document counts as often."""
    lexicon = Lexicon()
    texts = [["登记", "旅客", "登记"], [], ["旅客", "出租"]]
    index = BM25Index.build([Field(texts, 1.0, 0.0)], lexicon)
    assert lexicon.terms == ["登记", "旅客", "出租"]
    once = BM25Index.build([Field([["登记", "旅客"], [], ["旅客", "出租"]], 1.0, 0.0)], Lexicon())
    scores, single = index.score(ids(lexicon, "登记")), once.score(ids(lexicon, "登记"))
    assert scores[0] > single[0] > 0 and scores[1] == scores[2] == 0
