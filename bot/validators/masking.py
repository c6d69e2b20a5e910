"""Masked display of personal data for people not entitled to see it in full.

These take values that were already validated and stored, never raw user input, and never
raise. A mask keeps the length of the value so a reader can still tell its kind.
"""

from __future__ import annotations

MASK = "*"


def mask_id_number(number: str) -> str:
    """Mask a document number: "410105199001011234" -> "4101**********1234".

    Each end keeps a quarter of the characters, at most 4: an 18-digit number keeps 4 + 4,
    "H12345678" keeps 2 + 2, and fewer than 4 characters are masked whole, so at least half
    of any number is hidden.
    """
    keep = min(4, len(number) // 4)
    if keep == 0:
        return MASK * len(number)
    return number[:keep] + MASK * (len(number) - 2 * keep) + number[-keep:]


def mask_stored_id_number(number: str) -> str:
    """The mask stored beside a sealed document number: "410105199001011234" ->
    "**************1234".

    Only the tail is kept. An 18-digit ID number is a 6-digit area code, the birth date and
    4 more; the rows that keep this mask also keep the birth date and sex in plain (matching
    the wanted list, minors, age counts), so with the head of the area code as well a reader
    of the database or a backup, without the keys, had the number down to a handful of
    candidates. The tail is the last 4 characters, as an ID number's is, but never more
    than half of a short number: a passport's E12345678 is "*****5678" (a quarter of it,
    "*******78", had read unlike every other document's tail, and two guests' numbers
    in one room could not be told apart by it).
    """
    return _keep_last(number, 4)


def mask_name(name: str) -> str:
    """Keep the first character and mask the rest: "张三" -> "张*", "欧阳娜娜" -> "欧***".

    Keeping only one character also hides compound surnames, which are rare enough to
    identify a person on their own. A name in Latin letters keeps the first letter of each
    of its words, and its spaces and hyphens: "John Smith" -> "J*** S****" (masked as one
    word, "J*********" had left nothing to tell two guests apart by).
    """
    if name.isascii() and any(ch.isalpha() for ch in name) and len(name) > 1:
        return " ".join(_mask_word(word) for word in name.split(" "))
    if len(name) <= 1:
        return MASK * len(name)
    return name[0] + MASK * (len(name) - 1)


def _mask_word(word: str) -> str:
    """Mary-Jane -> M***-****: the first letter kept, the other letters masked."""
    return word[:1] + "".join(MASK if ch.isalnum() else ch for ch in word[1:])


def mask_phone(phone: str) -> str:
    """Mask a phone number: "13812345678" -> "138****5678", "0371-65123456" -> "0371-****3456".

    A landline keeps its area code and last four digits; an extension ("转123") is masked.
    """
    number, sep, extension = phone.partition("转")
    masked_extension = sep + MASK * len(extension)
    area, dash, local = number.rpartition("-")
    if dash:
        return f"{area}-{_keep_last(local, 4)}{masked_extension}"
    if len(number) == 11:
        return number[:3] + MASK * 4 + number[7:] + masked_extension
    return _keep_last(number, 4) + masked_extension


def _keep_last(value: str, keep: int) -> str:
    # Never reveal more than half of a short value.
    keep = min(keep, len(value) // 2)
    return MASK * (len(value) - keep) + value[len(value) - keep :]
