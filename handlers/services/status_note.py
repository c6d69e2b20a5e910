"""「已办结 车辆已找回，请带发票认领」: a new status, then a note the citizen reads.

Officers close reports (/报案状态) and tips (/线索状态) the same way; one reader keeps the two
alike (the separators a note may start with, its length and characters)."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import TypeVar

from bot.validators.text import parse_free_text

S = TypeVar("S", bound=Enum)

_NOTE_LEAD = " ,，.。:：;；-—"
NOTE_CHARS = 500


def read_status(text: str, by_label: Mapping[str, S]) -> tuple[S, str] | None:
    """(status, note) of 「已处理 已约谈网吧老板」; None without a known status. Raises
    `Invalid` for a note the citizen should not be sent (too long, control characters)."""
    text = text.strip()
    for label, status in by_label.items():
        # 办结 for 已办结: officers drop the 已 as often as they type it.
        for said in (label, label.removeprefix("已")):
            if said and text.startswith(said):
                note = text[len(said) :].lstrip(_NOTE_LEAD).strip()
                return status, parse_free_text(note, max_length=NOTE_CHARS) if note else ""
    return None
