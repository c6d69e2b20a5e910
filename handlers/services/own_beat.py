"""How officers name their own beat in a sentence: 本警务区, 本辖区, 我的辖区, 辖区内的….

The bot's own buttons say 本警务区; officers also say 本辖区 or 我辖区, and put what they
mean of it after (本辖区旅馆, 辖区内所有出租屋). Every place that takes the own beat reads
it here, so that no screen accepts a word another refuses.
"""

from __future__ import annotations

import re

_OWN_BEAT = re.compile(
    r"(?:(?:本|我的|我们的?|我)(?:警务区|辖区|警区|片区|区)|辖区|片区)(?:内|里)?(?:的)?"
)


def without_own_beat(text: str) -> str | None:
    """What follows the own beat's name at the start of `text` ("" for the name alone), or
    None when `text` does not start with it."""
    found = _OWN_BEAT.match(text.strip())
    return None if found is None else text.strip()[found.end() :].strip()
