"""Fit a linear second stage on half A of the dev questions and score it on half B.

    .venv/bin/python -m bench.law_rerank_fit --index var/law-index

For each question, the first stage's best 50 articles get a few features computed from
the corpus (the article's share of the question's IDF, proximity of the question's words in
it, the law title and chapter heading holding them, the pair bonus of `rerank.py`, the law's
and chapter's share of the best twenty, length, priors).  Coordinate ascent on half A finds
the weights that most raise R@10 + MRR@10 over the first stage's score; the script prints
them with both halves before and after, and each feature alone.  A record of what was
tried (docs/law-search.md, "Tried and dropped"), not part of the search.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse
import math
import sys
from pathlib import Path

import numpy as np
import numpy.typing as npt

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.law_eval import DEFAULT_QUESTIONS, load_questions
from knowledge.base import KnowledgeBase
from knowledge.retriever import _unit
from knowledge.topk import top_k

DEPTH = 50
NEAR = 12  # characters: two question words this close count as found together
FEATURES = (
    "text", "chapter", "law", "coverage", "proximity", "title", "heading", "pair",
    "law_share", "chapter_share", "log_length", "cited", "interpretation", "general",
)  # fmt: skip
GENERAL = ("通则", "一般规定", "总则", "基本原则", "基本规定")
Matrix = npt.NDArray[np.float64]


def candidates(kb: KnowledgeBase, question: str, gold: set[int]) -> tuple[Matrix, Matrix]:
    """(first-stage score, label) and the features of the question's best `DEPTH`."""
    r, index = kb.retriever, kb.index
    query = r.prepare(question)
    raw = r._raw(query.terms, query)
    scores = r._blend(question, raw)
    best = top_k(scores, DEPTH).tolist()
    text, chapter, law = _unit(raw[0]), _unit(raw[1])[r._chapter_of], _unit(raw[2])[r._law_of]
    lexicon, idf = index.lexicon, r._idf
    words = list(
        dict.fromkeys(w for w in r.segmenter.words(question) if len(w) > 1 and w in lexicon.ids)
    )
    weight = np.array([idf[lexicon.ids[w]] for w in words], dtype=np.float64)
    total = float(weight.sum()) or 1.0
    laws, chapters = r._law_of[best[:20]], r._chapter_of[best[:20]]
    rows, labels = [], []
    for doc in best:
        article = index.corpus.articles[int(index.active[doc])]
        body = article.text
        places = {n: _places(body, w) for n, w in enumerate(words) if w in body}
        near = sum(
            weight[n]
            for n, at in places.items()
            if any(
                abs(a - b) <= NEAR
                for m, other in places.items()
                if m != n
                for a in at
                for b in other
            )
        )
        title = index.corpus.laws[article.law].short
        rows.append(
            (
                float(text[doc]),
                float(chapter[doc]),
                float(law[doc]),
                sum(weight[n] for n in places) / total,
                near / total,
                sum(weight[n] for n, w in enumerate(words) if w in title) / total,
                sum(weight[n] for n, w in enumerate(words) if w in article.heading) / total,
                sum(share for pair, share in query.pairs if pair in body),
                float((laws == r._law_of[doc]).mean()),
                float((chapters == r._chapter_of[doc]).mean()),
                math.log1p(len(body)),
                float(index.priors["cited"][doc]),
                float(index.priors["interpretation"][doc]),
                float(any(g in article.heading for g in GENERAL)),
            )
        )
        labels.append((float(scores[doc]), float(doc in gold)))
    return np.array(labels).reshape(-1, 2), np.array(rows).reshape(-1, len(FEATURES))


def _places(text: str, word: str, most: int = 20) -> list[int]:
    found: list[int] = []
    at = text.find(word)
    while at >= 0 and len(found) < most:
        found.append(at)
        at = text.find(word, at + 1)
    return found


def measure(groups: list[tuple[Matrix, Matrix, int]], weights: Matrix) -> tuple[float, float]:
    """R@10 and MRR@10 of the best 50 reordered by score + features · weights."""
    recall = rank = 0.0
    for labels, features, wanted in groups:
        if not len(labels):
            continue
        order = np.argsort(-(labels[:, 0] + features @ weights), kind="stable")[:10]
        hits = labels[order, 1]
        recall += hits.sum() / wanted
        first = np.flatnonzero(hits)
        rank += 1 / (first[0] + 1) if len(first) else 0.0
    return recall / len(groups), rank / len(groups)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    args = parser.parse_args()
    kb = KnowledgeBase.load(args.index, faq_dirs=[])
    keys = {}
    for doc, article_id in enumerate(kb.index.active.tolist()):
        article = kb.index.corpus.articles[article_id]
        keys[(kb.index.corpus.laws[article.law].key, article.label)] = doc
    groups = []
    for question, gold in load_questions(args.questions):
        labels, features = candidates(kb, question, {keys[g] for g in gold if g in keys})
        groups.append((labels, features, len(gold)))
    half = len(groups) // 2
    a, b = groups[:half], groups[half:]
    start = np.zeros(len(FEATURES))
    start[FEATURES.index("pair")] = kb.retriever.weights.pair

    def show(label: str, weights: Matrix) -> None:
        (ra, ma), (rb, mb) = measure(a, weights), measure(b, weights)
        print(f"{label:28s} A {ra:.3f} / {ma:.3f}   B {rb:.3f} / {mb:.3f}  (R@10 / MRR@10)")

    show("first stage + pair bonus", start)
    for n, name in enumerate(FEATURES):
        for step in (-0.1, 0.1):
            weights = start.copy()
            weights[n] += step
            show(f"{name} {step:+.1f}", weights)
    weights, best = start.copy(), sum(measure(a, start))
    for _ in range(3):
        for n in range(len(FEATURES)):
            for step in (0.2, -0.2, 0.1, -0.1, 0.05, -0.05, 0.02, -0.02):
                trial = weights.copy()
                trial[n] += step
                value = sum(measure(a, trial))
                if value > best + 1e-4:
                    best, weights = value, trial
    print("fitted on A:", {f: round(float(w), 3) for f, w in zip(FEATURES, weights, strict=True)})
    show("fitted", weights)


if __name__ == "__main__":
    main()
