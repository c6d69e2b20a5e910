"""Record numbers as officers type them: 12, #12, ＃12, T12, and as voice input writes them:
二, 十二, 第三.

Every list the bot shows numbers its rows by their database ids; a number typed back is
only an id if a key column can hold it. An unbounded `int()` sent 99999999999999999999 to
the database, which refused it, and the officer got the "system problem" apology.
"""

from __future__ import annotations

import re
import unicodedata

from bot.validators.numerals import SAID_NUMBER, arabize

#: The largest key PostgreSQL's `integer` columns hold (SQLite's hold more).
MAX_ID = 2**31 - 1
#: A number said in words (二, 十二, 第三, 三号): voice input writes them so.
_SAID = re.compile(f"第?({SAID_NUMBER})号?")


def record_number(text: str, *prefixes: str) -> int | None:
    """`text` as a record number, after `#` and any of `prefixes` (case-insensitive); None
    when it is not a number from 1 to `MAX_ID`."""
    token = text.strip().lstrip("#＃")
    said = _SAID.fullmatch(token)
    if said:
        token = arabize(said[1])  # a run it cannot read (一百零五) stays words: None
    for prefix in prefixes:
        if token.upper().startswith(prefix.upper()):
            token = token[len(prefix) :]
            break
    if not (token.isascii() and token.isdigit()) or len(token) > len(str(MAX_ID)):
        return None
    number = int(token)
    return number if 0 < number <= MAX_ID else None


#: What the wanted cards number their people by (TJ-0005), typed back after /通缉 too.
WANTED_PREFIX = "TJ-"


def wanted_number(wanted_id: int | None) -> str:
    """A wanted person's number as every screen shows it: TJ-0005 on the card, in /通缉, in
    a hit's alert and in a tip about them (a hit had said 在逃人员库 #5)."""
    return f"{WANTED_PREFIX}{wanted_id or 0:04d}"


#: Letters typed for the digits they look like: 10000l, 2OO001.
_LOOKALIKES = str.maketrans("lIOo", "1100")
PLATE_DIGITS = 6


def plate_number(text: str) -> str | None:
    """`text` as a rental plate number (six digits), full-width digits and a letter l, I, O or
    o typed for 1 or 0 read as digits; None when it is not one. At least one real digit is
    asked for: a word of those letters alone is no number."""
    token = unicodedata.normalize("NFKC", text).strip().lstrip("#").replace(" ", "")
    if len(token) != PLATE_DIGITS or not any(c in "0123456789" for c in token):
        return None
    plate = token.translate(_LOOKALIKES)
    return plate if plate.isascii() and plate.isdigit() else None
