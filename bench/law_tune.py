"""Coordinate ascent of the retriever's `Weights` on half A of the dev questions.

    .venv/bin/python -m bench.law_tune [--index DIR] [--rounds N] [--only NAME,NAME]

Each weight in turn is tried at a few multiples of its current value (and at 0); a value is
kept when it raises R@10 + MRR@10 + R@100 over half A by more than `--gain`. Half B is
scored beside every kept step and never decides anything: a step that gains on A and loses
on B is overfitting, and the weights in `knowledge/retriever.py` are changed by hand only
for steps that hold on B too. Each evaluation ranks the first half (617 questions) once,
about 2.5 s of CPU; a round over all weights is about 95 of them (37 minutes at a load of
4-20 on two cores). The result of its first run is in docs/law-search.md.
"""

from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import argparse
import dataclasses
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.law_eval import DEFAULT_QUESTIONS, Pair, load_questions, metrics
from knowledge.base import KnowledgeBase
from knowledge.paths import index_dir
from knowledge.retriever import Retriever, Weights

# Multiples of a weight's current value tried in one step (0 is always tried too).
STEPS = (0.5, 0.75, 1.25, 1.5, 2.0)
# Weights whose sign matters: tried as their current value's multiples only.
SIGNED = frozenset({"superseded"})

Questions = list[tuple[str, list[Pair]]]


def evaluate(kb: KnowledgeBase, weights: Weights, questions: Questions) -> dict[str, float]:
    """R@10, R@100 and MRR@10 of `questions` ranked with `weights` (top 100, as the bench)."""
    retriever = Retriever(kb.index, weights)
    retriever.phrasings = kb.retriever.phrasings  # the FAQ's phrasings do not depend on them
    ranked = [
        [(h.law.key, h.article.label) for h in retriever.search(q, top=100)] for q, _ in questions
    ]
    return metrics([g for _, g in questions], ranked)


def objective(m: dict[str, float]) -> float:
    return m["R@10"] + m["MRR@10"] + m["R@100"]


def show(m: dict[str, float]) -> str:
    return " ".join(f"{k} {v:.3f}" for k, v in m.items())


def candidates(name: str, value: float) -> list[float]:
    out = [] if name in SIGNED else [0.0]
    out += [round(value * s, 4) for s in STEPS] if value else [0.05, 0.1, 0.2]
    return [v for v in dict.fromkeys(out) if v != value]


def ascend(
    kb: KnowledgeBase,
    start: Weights,
    half_a: Questions,
    half_b: Questions,
    names: Sequence[str],
    rounds: int,
    gain: float,
) -> Weights:
    best = start
    best_a = evaluate(kb, best, half_a)
    print(f"start  A {show(best_a)}  B {show(evaluate(kb, best, half_b))}", flush=True)
    for n in range(1, rounds + 1):
        moved = False
        for name in names:
            current = getattr(best, name)
            for value in candidates(name, current):
                trial = dataclasses.replace(best, **{name: value})
                m = evaluate(kb, trial, half_a)
                delta = objective(m) - objective(best_a)
                print(f"  {name} {current} -> {value}: A {show(m)} ({delta:+.4f})", flush=True)
                if delta > gain:
                    best, best_a, moved = trial, m, True
                    b = evaluate(kb, best, half_b)
                    print(f"kept {name}={value}  A {show(best_a)}  B {show(b)}", flush=True)
                    break
        print(f"round {n}: {best}", flush=True)
        if not moved:
            break
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, default=None)
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--gain", type=float, default=0.002, help="least A gain kept")
    parser.add_argument("--only", default="", help="comma-separated weights to tune")
    args = parser.parse_args()
    questions = load_questions(args.questions)
    half = len(questions) // 2
    started = time.perf_counter()
    kb = KnowledgeBase.load(index_dir(args.index), faq_dirs=[])
    print(f"index load: {time.perf_counter() - started:.1f} s", flush=True)
    fields = [f.name for f in dataclasses.fields(Weights)]
    names = [n for n in args.only.split(",") if n] or fields
    unknown = set(names) - set(fields)
    if unknown:
        sys.exit(f"unknown weights: {', '.join(sorted(unknown))}")
    ascend(kb, Weights(), questions[:half], questions[half:], names, args.rounds, args.gain)


if __name__ == "__main__":
    main()
