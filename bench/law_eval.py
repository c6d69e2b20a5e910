"""Law retrieval benchmark: the knowledge base beside plain BM25 on the dev questions.

    .venv/bin/python bench/law_eval.py [--laws DIR] [--questions FILE] [--index DIR]

Builds the index of the whole corpus (timed) into a temporary folder unless `--index`
names an existing one, loads it (timed), answers every question on one core and prints
Recall@10, Recall@100, MRR@10 and per-question latency for the whole set and for each
half.  The retriever's weights were tuned on the first half only; the second half is the
honest estimate.  Then the same for rank_bm25's BM25Okapi (jieba, k1 1.3, b 0.75, over
article text) on the same corpus.  Not part of the test run: it takes several minutes.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")  # "one core": keep numpy single-threaded
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import json
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from knowledge.base import KnowledgeBase
from knowledge.importer import import_laws
from knowledge.model import title_key
from knowledge.paths import laws_dir, repo_root

Pair = tuple[str, str]
DEFAULT_QUESTIONS = repo_root().parent / "shared" / "eval" / "law_questions_dev.jsonl"


def load_questions(path: Path) -> list[tuple[str, list[Pair]]]:
    out = []
    for line in path.read_text("utf-8").splitlines():
        if line.strip():
            item = json.loads(line)
            gold = list(dict.fromkeys((title_key(t), a) for t, a in item["gold"]))
            out.append((item["q"], gold))
    return out


def metrics(golds: Sequence[list[Pair]], ranked: Sequence[list[Pair]]) -> dict[str, float]:
    r10 = r100 = mrr = 0.0
    for gold, found in zip(golds, ranked, strict=True):
        wanted = set(gold)
        unique = list(dict.fromkeys(found))
        r10 += len(wanted & set(unique[:10])) / len(wanted)
        r100 += len(wanted & set(unique[:100])) / len(wanted)
        mrr += next((1 / (i + 1) for i, p in enumerate(unique[:10]) if p in wanted), 0.0)
    n = max(len(golds), 1)
    return {"R@10": r10 / n, "R@100": r100 / n, "MRR@10": mrr / n}


def run(
    name: str,
    search: Callable[[str], list[Pair]],
    questions: list[tuple[str, list[Pair]]],
    tuned: bool = False,
) -> None:
    ranked, latency, cpu = [], [], []
    for q, _ in questions:
        started, used = time.perf_counter(), time.process_time()
        ranked.append(search(q))
        latency.append(time.perf_counter() - started)
        cpu.append(time.process_time() - used)
    golds = [g for _, g in questions]
    half = len(questions) // 2
    ms = np.array(latency) * 1000
    print(f"\n== {name}: {len(questions)} questions")
    print(
        f"latency per question: p50 {np.percentile(ms, 50):.2f} ms, p99 {np.percentile(ms, 99):.2f} ms"
    )
    # On a loaded machine the wall clock mostly measures waiting for a core.
    cpu_ms = np.array(cpu) * 1000
    print(
        f"CPU per question:     p50 {np.percentile(cpu_ms, 50):.2f} ms, "
        f"p99 {np.percentile(cpu_ms, 99):.2f} ms"
    )
    halves = (
        ("all", 0, None),
        ("half A (tuned on)" if tuned else "half A", 0, half),
        ("half B (held out)" if tuned else "half B", half, None),
    )
    for label, lo, hi in halves:
        m = metrics(golds[lo:hi], ranked[lo:hi])
        print(f"{label:18s} " + "  ".join(f"{k} {v:.3f}" for k, v in m.items()))


def knowledge_base(index_dir: Path) -> Callable[[str], list[Pair]]:
    started = time.perf_counter()
    kb = KnowledgeBase.load(index_dir, faq_dirs=[])
    print(
        f"index load: {time.perf_counter() - started:.2f} s (arrays, corpus, jieba dictionary, FAQ)"
    )

    def search(question: str) -> list[Pair]:
        return [(h.law.key, h.article.label) for h in kb.search(question, top=100)]

    return search


def plain_bm25(source: Path) -> Callable[[str], list[Pair]]:
    import jieba
    from rank_bm25 import BM25Okapi

    from knowledge.corpus import read_corpus

    jieba.setLogLevel(60)
    started = time.perf_counter()
    corpus = read_corpus(source)
    docs = [jieba.lcut(a.text) for a in corpus.articles]
    bm25 = BM25Okapi(docs, k1=1.3, b=0.75)
    keys = [(corpus.laws[a.law].key, a.label) for a in corpus.articles]
    print(f"\nrank_bm25 build: {time.perf_counter() - started:.1f} s")

    def search(question: str) -> list[Pair]:
        scores = bm25.get_scores(jieba.lcut(question))
        top = np.argpartition(-scores, 100)[:100]
        return [keys[i] for i in top[np.argsort(-scores[top])]]

    return search


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--laws", type=Path, default=laws_dir())
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    parser.add_argument("--index", type=Path, help="use (or build into) this index folder")
    parser.add_argument("--no-baseline", action="store_true", help="skip rank_bm25")
    args = parser.parse_args()
    if not args.laws.is_dir() or not args.questions.is_file():
        sys.exit(f"need {args.laws} and {args.questions}")
    questions = load_questions(args.questions)

    with tempfile.TemporaryDirectory() as scratch:
        index_dir = args.index or Path(scratch) / "law-index"
        started = time.perf_counter()
        result = import_laws(args.laws, index_dir)
        built = (
            "up to date, not rebuilt"
            if result.skipped
            else f"{time.perf_counter() - started:.1f} s"
        )
        print(f"index build: {built} ({result.laws} law versions, {result.articles} articles)")
        run("jingmin knowledge", knowledge_base(index_dir), questions, tuned=True)
    if not args.no_baseline:
        run("rank_bm25 BM25Okapi", plain_bm25(args.laws), questions)


if __name__ == "__main__":
    main()
