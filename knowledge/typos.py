"""Common misspellings of a question's words (房冬 for 房东, 押经 for 押金), corrected before
the question is read.

A resident typing on a pinyin keyboard picks a near sound from the candidates; no word of
房冬扣我押经不给 reads as a legal matter, and it had got 没有理解. The pairs are data
(`knowledge/data/typos.toml`): only misspellings that are no word of their own, so that a
replacement never changes a question typed right. The search itself is left as it is: the
question it gets is the one meant.

A station adds the slips of its own area with a typos.toml in its vocabulary folder
(`JINGMIN_LAW_VOCABULARY`), beside its vocabulary.toml; the knowledge base reads it at
start (`KnowledgeBase.typos`), as it reads the station's faq.toml.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from knowledge.vocabulary import DATA_DIR

TYPOS = "typos.toml"


@dataclass(frozen=True)
class Typos:
    """Misspelling -> the word meant."""

    pairs: dict[str, str]
    _pattern: re.Pattern[str] | None = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # The longest first: a longer misspelling is not cut by a shorter one inside it.
        keys = sorted(self.pairs, key=len, reverse=True)
        pattern = re.compile("|".join(map(re.escape, keys))) if keys else None
        object.__setattr__(self, "_pattern", pattern)

    def corrected(self, text: str) -> str:
        """`text` with its misspellings replaced by the words meant."""
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda found: self.pairs[found.group()], text)


def load_typos(*extra_dirs: Path) -> Typos:
    """The packaged pairs, then each folder's typos.toml (a later pair for the same
    misspelling replaces an earlier one)."""
    pairs: dict[str, str] = {}
    for folder in (DATA_DIR, *extra_dirs):
        path = folder / TYPOS
        if path.is_file():
            pairs.update(_pairs(path))
    return Typos(pairs)


def _pairs(path: Path) -> dict[str, str]:
    raw = tomllib.loads(path.read_text("utf-8")).get("typos", {})
    if not isinstance(raw, dict):
        raise ValueError(f"{path}: [typos] maps a misspelling to the word meant")
    pairs = {}
    for wrong, meant in raw.items():
        if not isinstance(meant, str) or not str(wrong).strip() or not meant.strip():
            raise ValueError(f'{path}: typo {wrong!r} needs the word meant, as "{wrong}" = "…"')
        pairs[str(wrong).strip()] = meant.strip()
    return pairs
