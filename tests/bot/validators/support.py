"""Shared helpers for the validator tests (plain imports, not fixtures)."""

from __future__ import annotations

from datetime import date

#: The station's date in every test that needs one.
TODAY = date(2026, 5, 10)


def mod11_2(body: str) -> str:
    """ISO 7064 MOD 11-2 check character, by the standard's recursive method.

    Written independently of `id_check_digit` (which uses a weight table) so the two can
    check each other.
    """
    p = 0
    for ch in body:
        p = (p + int(ch)) * 2 % 11
    value = (12 - p) % 11
    return "X" if value == 10 else str(value)
