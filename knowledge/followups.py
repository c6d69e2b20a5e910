"""Messages that continue the chat's last legal answer rather than ask anew: 更多 (继续,
然后呢) for its next page, 全文 N (全文三, 第二条详细说说) for an article it listed whole."""

from __future__ import annotations

import re
import unicodedata

from bot.validators.numerals import arabize

#: 然后呢 and 还有呢 are how the next page is asked for in chat.
MORE_WORDS = frozenset({"更多", "下一页", "下页", "继续", "more", "然后呢", "还有呢"})
_FULL = re.compile(r"^全文(?:第?([0-9]{1,3})[条个]?)?$")
#: 第二条详细说说, 第2条, 第二个: the article listed as N, said without 全文. Only one digit:
#: 第56条 after a question on a law is more likely that law's article 56.
_LISTED = re.compile(
    r"^(?:看看?|看一下|说说)?第([1-9])[条个](?:法条|条文)?的?"
    r"(?:全文|原文|内容|详细|具体)?(?:说说|讲讲|看看|说一下|讲一下|看一下|内容|呢)?$"
)
#: What a typed follow-up may carry around its words (全文 2. , 第二条？).
MARKS = re.compile(r"[\s，,。.、!！?？~～…:：]")


def is_followup(text: str) -> bool:
    """`更多`, `全文 N` or `第二条详细说说`: a message that continues the chat's last legal
    question."""
    stripped = fold(text)
    return stripped.lower() in MORE_WORDS or full_text_number(stripped) is not None


def same_question(text: str, previous: str) -> bool:
    """Whether `text` asks `previous` again, marks and spacing aside."""
    return MARKS.sub("", fold(text)) == MARKS.sub("", fold(previous))


def fold(text: str) -> str:
    """全文 ３ from a Chinese keyboard reads as 全文 3."""
    return unicodedata.normalize("NFKC", text).strip()


def full_text_number(text: str) -> int | None:
    """N of 全文 N, also written 全文三, 全文 2. or 全文第3条; 第二条详细说说 and 第2个 are
    the same; a bare 全文 is the first listed (tapping the offer 您是想「全文」吗 sends it)."""
    said = MARKS.sub("", arabize(fold(text)))
    found = _FULL.match(said) or _LISTED.match(said)
    if found is None:
        return None
    return int(found.group(1)) if found.group(1) else 1
