"""A few names out of many, as every alert reply shows them: the first ones, and 等N个
(N: all of them) after the last one shown. It had been written out five times in two
styles (a line of its own 等12个 under the list, or after the names)."""

from __future__ import annotations

from collections.abc import Sequence

#: Recipients one message or status names before 等N个.
NAMED = 10


def first_named(names: Sequence[str], most: int = NAMED) -> list[str]:
    """The first `most` of `names`, the last one shown followed by 等N个 when some are
    left out."""
    shown = list(names[:most])
    if len(names) > most and shown:
        shown[-1] += f"等{len(names)}个"
    return shown
