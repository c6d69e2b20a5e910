"""Breaking text into lines that fit a width, and cutting it short with "…" when it must.

Chinese breaks between any two characters; a run of Latin letters, digits and ASCII
punctuation ("TJ-0042", "13812345678") is kept whole unless it is wider than a line. Closing
punctuation never starts a line and opening punctuation never ends one (the usual 禁则).
"""

from __future__ import annotations

import re

from bot.fonts import Font
from handlers.wanted.glyphs import text_width

ELLIPSIS = "…"
_TOKENS = re.compile(r"[!-~]+|\s+|.", re.DOTALL)
#: Characters that must not begin a line.
_NO_LINE_START = frozenset("，。、；：！？）》」』】〕〉”’…—,.;:!?)]}%")
#: Characters that must not end a line.
_NO_LINE_END = frozenset("（《「『【〔〈“‘([{")
#: Trailing characters dropped before an ellipsis, so "逃跑，…" reads "逃跑…".
_BEFORE_ELLIPSIS = " 　，、；：,;:"


def wrap(text: str, font: Font, width: float, max_lines: int) -> list[str]:
    """At most `max_lines` lines of `text`, each no wider than `width` in `font`.

    Whitespace runs (newlines too) read as one space. When the text needs more lines, the
    last one ends in "…".
    """
    if max_lines < 1:
        return []
    tokens = [" " if token.isspace() else token for token in _TOKENS.findall(text.strip())]
    tokens.reverse()  # a stack: pieces of a run too wide for a line are pushed back
    lines: list[str] = []
    current: list[str] = []
    used = 0.0  # the width of `current`: glyph advances add up exactly (see glyphs)
    while tokens and len(lines) <= max_lines:
        token = tokens.pop()
        if token == " " and not current:
            continue
        token_width = text_width(font, token)
        if used + token_width <= width:
            current.append(token)
            used += token_width
            continue
        if token == " ":
            lines.append(_joined(current))
            current, used = [], 0.0
            continue
        if token_width > width:
            if len(token) == 1:
                tokens.append(token)  # not even one character fits: cut short here
                break
            tokens.extend(reversed(token))
            continue
        carried = _carried_over(current, token, font, width)
        if current:
            lines.append(_joined(current))
        current = [*carried, token]
        used = _width(font, current)
    if current:
        lines.append(_joined(current))
    if len(lines) > max_lines or tokens:
        lines = lines[:max_lines] or [""]
        lines[-1] = ellipsize(lines[-1], font, width, always=True)
    return [line for line in lines if line]


def _width(font: Font, tokens: list[str]) -> float:
    return sum(text_width(font, token) for token in tokens)


def _carried_over(current: list[str], token: str, font: Font, width: float) -> list[str]:
    """Tokens moved from the end of the full line to the next one, to obey the 禁则.

    Nothing is moved when the next line could not hold it, and the full line keeps at least
    one token.
    """
    carried: list[str] = []
    if token[0] in _NO_LINE_START and len(current) > 1 and current[-1] != " ":
        carried.append(current[-1])
    while len(current) - len(carried) > 1 and current[-len(carried) - 1][-1] in _NO_LINE_END:
        carried.insert(0, current[-len(carried) - 1])
    if not carried or _width(font, [*carried, token]) > width:
        return []
    del current[-len(carried) :]
    return carried


def _joined(tokens: list[str]) -> str:
    return "".join(tokens).rstrip()


def ellipsize(text: str, font: Font, width: float, *, always: bool = False) -> str:
    """`text` if it fits `width`, else its longest beginning that fits with "…" after it.

    With `always`, the "…" is added even when the text fits (it was cut short elsewhere).
    """
    if not always and text_width(font, text) <= width:
        return text
    kept = text
    while kept:
        candidate = kept.rstrip(_BEFORE_ELLIPSIS) + ELLIPSIS
        if text_width(font, candidate) <= width:
            return candidate
        kept = kept[:-1]
    return ELLIPSIS if text_width(font, ELLIPSIS) <= width else ""
