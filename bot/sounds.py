"""How a word sounds, for typos made with a pinyin keyboard.

Phone users type Chinese by its pinyin and pick from the words the keyboard offers; the
commonest slip is the wrong word of the same sound (日保 for 日报, 越来 for 悦来). Tones are
left out: the keyboard does not ask for them.
"""

from __future__ import annotations

import functools
import re

_CHINESE = re.compile(r"[\u4e00-\u9fff]+")


def is_chinese(word: str) -> bool:
    """Whether `word` is Chinese characters only (no digits, Latin letters or signs)."""
    return _CHINESE.fullmatch(word) is not None


@functools.lru_cache(maxsize=1 << 14)
def syllables(text: str) -> tuple[str, ...]:
    """The toneless pinyin of `text`, a syllable a character (日保: ri, bao); anything not
    Chinese is kept as it is, lower-cased."""
    # Imported when first needed: its dictionaries take most of a second to load, and most
    # messages never ask how a word sounds.
    from pypinyin import lazy_pinyin

    return tuple(s.strip().lower() for s in lazy_pinyin(text) if s.strip())
