"""How far the plain columns of a row narrow its sealed ID number: what a reader of the
database or a backup, without the keys, is left to guess between."""

from __future__ import annotations

from datetime import date

# GB 11643: the weights of the 17 digits and the check character of each sum mod 11. Written
# out here rather than taken from `bot.validators.idcard`, so the count checks the product.
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def candidates(masked: str, birth_date: date | None, sex: str) -> int:
    """18-digit ID numbers that agree with the stored mask, birth date and sex (男/女)."""
    assert len(masked) == 18
    known = list(masked)
    if birth_date is not None:
        known[6:14] = f"{birth_date:%Y%m%d}"
    # How many ways each sum mod 11 of the first 17 digits can come about.
    ways = [1] + [0] * 10
    for position, (char, weight) in enumerate(zip(known[:17], _WEIGHTS, strict=True)):
        digits = [int(char)] if char.isdigit() else list(range(10))
        if position == 16 and sex and not char.isdigit():
            digits = [d for d in digits if (d % 2 == 1) == (sex == "男")]
        step = [0] * 11
        for total, count in enumerate(ways):
            for digit in digits:
                step[(total + digit * weight) % 11] += count
        ways = step
    return sum(count for total, count in enumerate(ways) if known[17] in ("*", _CHECK[total]))
