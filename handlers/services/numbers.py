"""Record numbers as officers type them: 12, #12, ＃12, T12.

Every list the bot shows numbers its rows by their database ids; a number typed back is
only an id if a key column can hold it. An unbounded `int()` sent 99999999999999999999 to
the database, which refused it, and the officer got the "system problem" apology.
"""

from __future__ import annotations

#: The largest key PostgreSQL's `integer` columns hold (SQLite's hold more).
MAX_ID = 2**31 - 1


def record_number(text: str, *prefixes: str) -> int | None:
    """`text` as a record number, after `#` and any of `prefixes` (case-insensitive); None
    when it is not a number from 1 to `MAX_ID`."""
    token = text.strip().lstrip("#＃")
    for prefix in prefixes:
        if token.upper().startswith(prefix.upper()):
            token = token[len(prefix) :]
            break
    if not (token.isascii() and token.isdigit()) or len(token) > len(str(MAX_ID)):
        return None
    number = int(token)
    return number if 0 < number <= MAX_ID else None
