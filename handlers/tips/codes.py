"""Tracking codes the tipster keeps, and the aliases officers see instead of a name.

The alias says 举报人 (reporter), never 线人 (informant): the tipster reads it too, in the
receipt, and officers use the same word so both sides name the same person alike.

A code is 12 characters from an alphabet without look-alikes (0/O, 1/I/L), about 59 bits:
unguessable, so holding it is all it takes to ask after a tip (no login). It is stored only
as a keyed hash (to find the tip) and sealed (so the station's messages can quote it).
"""

from __future__ import annotations

import re
import secrets

from bot.context import Services
from storage.models import Person

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 12
_GROUP = 4
_SEPARATORS = re.compile(r"[\s\-_—–·.]")

#: Blind-index purposes and cipher contexts: each value is bound to where it is kept.
CODE_PURPOSE = "tip_code"
SOURCE_PURPOSE = "tip_source"
TEXT_PURPOSE = "tip_text"


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def show_code(code: str) -> str:
    """K7F3-9Q2M-XA4P: groups of four are easier to copy down."""
    return "-".join(code[i : i + _GROUP] for i in range(0, len(code), _GROUP))


def read_code(text: str) -> str | None:
    """The canonical code in what a user typed (any case, with or without dashes)."""
    code = _SEPARATORS.sub("", text).upper()
    if len(code) == CODE_LENGTH and all(ch in ALPHABET for ch in code):
        return code
    return None


#: A code as typed in a sentence, with or without dashes.
CODE_IN_TEXT = re.compile(
    r"(?<![0-9A-Za-z])[0-9A-Za-z]{4}[\s\-]?[0-9A-Za-z]{4}[\s\-]?[0-9A-Za-z]{4}(?![0-9A-Za-z])"
)


def code_in(text: str) -> str | None:
    """The first valid query code in `text`, canonical (no dashes)."""
    for found in CODE_IN_TEXT.finditer(text):
        code = read_code(found.group())
        if code is not None:
            return code
    return None


def new_alias() -> str:
    return "举报人-" + "".join(secrets.choice(ALPHABET) for _ in range(4))


def code_index(services: Services, code: str) -> str:
    return services.blind_index(code, CODE_PURPOSE)


def source_index(services: Services, person: Person) -> str:
    """One person, one source: however many channels they write from."""
    return services.blind_index(f"person:{person.id}", SOURCE_PURPOSE)


def text_index(services: Services, text: str) -> str:
    return services.blind_index(text, TEXT_PURPOSE)
