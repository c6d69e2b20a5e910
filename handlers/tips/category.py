"""The tip's category as a resident types it at the question: a button's label (涉赌), a word
for it (赌博), or a few words about the act, hedged as people hedge what they are not sure
of (好像在赌博, 可能是诈骗, 疑似有人吸毒, 感觉挺可疑的)."""

from __future__ import annotations

import re

from storage.models import TipCategory

#: Doubt put in front of the act: the resident is not sure, which is why they ask the police.
_HEDGES = re.compile(
    r"^(?:我)?(?:好像|好象|像是|似乎|可能|也许|大概|估计|应该|疑似|怀疑|感觉|觉得|看着像|看起来)+"
)
#: What joins the hedge to the act (好像「有人在」赌博, 可能「是」诈骗), and what ends a phrase.
_FILLER = re.compile(
    r"^(?:是|有人|有几个人|有|在|搞|挺|很|比较)+|(?:吧|吗|的|了|啊|呢|[。！!？?，,]+)+$"
)
#: "不是赌博" names a category only to rule it out: asked again rather than guessed.
_NEGATED = re.compile(r"不是|不像|没有|并非|没在|不算")


def read_category(text: str) -> TipCategory | None:
    """The category `text` names, or None when it names none or more than one."""
    text = text.strip()
    with_hedges_dropped = _FILLER.sub("", _HEDGES.sub("", text)).strip()
    for candidate in (text, with_hedges_dropped):
        try:
            return TipCategory.parse(candidate)
        except ValueError:
            pass
    if _NEGATED.search(text):
        return None
    return TipCategory.told_in(text)
