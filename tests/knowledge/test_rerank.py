from __future__ import annotations

import numpy as np

from knowledge.rerank import DEPTH, rerank, word_pairs

IDF = {"放弃": 1.0, "诉权": 3.0, "协议": 1.0}


def test_word_pairs_share_the_weight_by_rarity() -> None:
    pairs = word_pairs(["放弃", "诉权", "协议"], lambda w: IDF.get(w, 0.0))
    assert [p for p, _ in pairs] == ["放弃诉权", "诉权协议"]
    assert [round(w, 3) for _, w in pairs] == [0.5, 0.5]
    assert word_pairs(["放弃"], lambda w: 1.0) == ()


def test_an_article_with_the_phrase_moves_up() -> None:
    texts = ["当事人可以放弃权利，诉权不受影响。", "当事人放弃诉权的协议无效。", "其他"]
    scores = np.array([1.0, 0.9, 0.1], dtype=np.float32)
    pairs = word_pairs(["放弃", "诉权"], lambda w: IDF.get(w, 0.0))
    order, final = rerank(np.array([0, 1, 2]), scores, texts, pairs, weight=0.25)
    assert order.tolist() == [1, 0, 2]
    assert final.tolist() == [np.float32(0.9) + np.float32(0.25), 1.0, np.float32(0.1)]
    same, _ = rerank(np.array([0, 1, 2]), scores, texts, pairs, weight=0.0)
    assert same.tolist() == [0, 1, 2]


def test_only_the_head_is_reordered() -> None:
    n = DEPTH + 5
    texts = ["无"] * n
    texts[-1] = "放弃诉权"  # beyond the depth: never looked at
    scores = np.linspace(2.0, 1.0, n).astype(np.float32)
    pairs = word_pairs(["放弃", "诉权"], lambda w: 1.0)
    order, final = rerank(np.arange(n), scores, texts, pairs, weight=5.0)
    assert order.tolist() == list(range(n)) and np.array_equal(final, scores)
