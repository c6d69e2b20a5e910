"""A message in Latin letters only (Hello, my landlord won't return my deposit…): the
service reads Chinese, and says so in both languages, with the emergency number."""

from __future__ import annotations

import re

#: Chinese characters (and their punctuation's neighbours): a message with any is read.
_CHINESE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: A word of Latin letters: two make a sentence, not a plate number (A12345) or a code.
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
#: Latin words from this many: one may be a command's English name (help, guests).
_WORDS = 2

#: Not one role's example (房东不退押金 had reached hotel owners too): what the service does.
WRITE_IN_CHINESE = (
    "请用中文发送您的问题或要办理的事（法律咨询、举报、报案、登记等）；"
    "发送「帮助」查看全部功能。\n"
    "Please write in Chinese: this service (legal questions, tips, reports, registration) "
    "reads Chinese only.\n"
    "紧急情况请拨打110。In an emergency, call 110."
)


def latin_only(text: str) -> bool:
    """Whether `text` is written in Latin letters alone, a sentence of them: not 京A12345
    or 我住302 room, which hold Chinese, nor one English word."""
    return _CHINESE.search(text) is None and len(_LATIN_WORD.findall(text)) >= _WORDS
