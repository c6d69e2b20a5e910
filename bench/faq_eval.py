"""FAQ matching on held-out questions, beside a character-bigram baseline.

    .venv/bin/python bench/faq_eval.py [--index DIR] [--laws DIR]

The questions in `bench/data/faq_heldout.toml` were written from each entry's answer, not
from its phrasings. For each matcher this prints how many find their entry, how many find
a wrong one (worse than none: the chat shows a confident answer to another question), how
many stay silent, and how many off-topic messages get an entry. The baseline is the same
decision (best phrasing, same threshold) with unweighted Dice over character bigrams, which
needs no segmentation or vocabulary. The index gives the words their weights: `--index`
names one (default var/law-index), else the statutes are imported into a temporary folder.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import tomllib
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from knowledge.base import KnowledgeBase
from knowledge.faq import CLOSE_MATCH, FaqEntry, load_faq
from knowledge.importer import import_laws
from knowledge.index import FORMAT
from knowledge.paths import laws_dir

HELD_OUT = Path(__file__).resolve().parent / "data" / "faq_heldout.toml"
Matcher = Callable[[str], str | None]


def bigram_matcher(entries: list[FaqEntry]) -> Matcher:
    def grams(text: str) -> set[str]:
        chars = [c for c in text if c.isalnum()]
        return {a + b for a, b in pairwise(chars)}

    phrasings = [(entry.id, grams(q)) for entry in entries for q in entry.questions]

    def match(question: str) -> str | None:
        asked = grams(question)
        best, best_id = 0.0, None
        for entry_id, known in phrasings:
            total = len(asked) + len(known)
            similarity = 2 * len(asked & known) / total if total else 0.0
            if similarity > best:
                best, best_id = similarity, entry_id
        return best_id if best >= CLOSE_MATCH else None

    return match


def report(name: str, match: Matcher, questions: list[dict[str, str]], off: list[str]) -> None:
    right = wrong = silent = 0
    for item in questions:
        found = match(item["text"])
        if found is None:
            silent += 1
        elif found == item["entry"]:
            right += 1
        else:
            wrong += 1
    stray = sum(match(text) is not None for text in off)
    n = len(questions)
    print(
        f"{name:28s} right {right:3d}/{n} ({right / n:.0%})  wrong {wrong:2d}  "
        f"silent {silent:3d}  off-topic matched {stray}/{len(off)}"
    )


def load_kb(index: Path | None, laws: Path, scratch: Path) -> KnowledgeBase:
    folder = index or Path("var/law-index")
    meta = folder / "meta.json"
    if not (meta.is_file() and json.loads(meta.read_text("utf-8")).get("format") == FORMAT):
        if not laws.is_dir():
            sys.exit(f"no index at {folder} and no statutes at {laws}")
        folder = scratch / "law-index"
        print(f"importing {laws} into a temporary index…")
        import_laws(laws, folder)
    return KnowledgeBase.load(folder, faq_dirs=[])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--index", type=Path, help="an existing index folder")
    parser.add_argument("--laws", type=Path, default=laws_dir())
    args = parser.parse_args()
    data = tomllib.loads(HELD_OUT.read_text("utf-8"))
    questions, off = data["question"], data["off_topic"]
    with tempfile.TemporaryDirectory() as scratch:
        kb = load_kb(args.index, args.laws, Path(scratch))

        def ours(question: str) -> str | None:
            found = kb.faq_match(question)
            return found.entry.id if found else None

        print(f"{len(questions)} held-out questions, {len(off)} off-topic messages")
        report("jingmin FAQ", ours, questions, off)
        report("character bigrams (baseline)", bigram_matcher(load_faq()), questions, off)


if __name__ == "__main__":
    main()
