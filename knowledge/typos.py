"""Common misspellings of a question's words (房冬 for 房东, 押经 for 押金), corrected before
the question is read.

A resident typing on a pinyin keyboard picks a near sound from the candidates; no word of
房冬扣我押经不给 reads as a legal matter, and it had got 没有理解. The pairs are data
(`knowledge/data/typos.toml`): only misspellings that are no word of their own, so that a
replacement never changes a question typed right. The search itself is left as it is: the
question it gets is the one meant.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

TYPOS = Path(__file__).parent / "data" / "typos.toml"


@cache
def _typos() -> tuple[dict[str, str], re.Pattern[str] | None]:
    with TYPOS.open("rb") as fh:
        pairs = {str(k): str(v) for k, v in dict(tomllib.load(fh).get("typos", {})).items()}
    if not pairs:
        return pairs, None
    # The longest first: a longer misspelling is not cut by a shorter one inside it.
    keys = sorted(pairs, key=len, reverse=True)
    return pairs, re.compile("|".join(map(re.escape, keys)))


def corrected(text: str) -> str:
    """`text` with the common misspellings of `typos.toml` replaced by the words meant."""
    pairs, pattern = _typos()
    if pattern is None:
        return text
    return pattern.sub(lambda found: pairs[found.group()], text)
