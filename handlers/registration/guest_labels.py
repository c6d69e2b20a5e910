"""The guests of one room as the owner tells them apart, and as a sentence names them.

退房 305 had asked 谁退房？ under 张*、李*、张**: masked names alone, which an owner could
hardly tell apart. Each choice now says what the owner sees at the desk, from what is kept
unencrypted: 张*（男，30多岁，证件尾号3116，11-29入住）. And 张伟先走了，老婆孩子还住 names
one guest by the name the owner knows: matched by the name's blind index, never decrypted.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TypeVar
from zoneinfo import ZoneInfo

from bot.forms.clock import said_on
from bot.validators.dates import age_on
from handlers.registration import minors
from handlers.registration.timefmt import to_local
from handlers.services.personal import NAME
from storage.crypto import BlindIndex
from storage.models import GuestStay
from storage.models.registration import PersonalRecord

#: The longest name tried in a sentence (欧阳娜娜, a minority name with ·).
_LONGEST_NAME = 8
#: Runs of Han characters (and ·) in a sentence: where a name can be.
_HAN_RUN = re.compile(r"[\u4e00-\u9fff·]{2,}")
#: Past this a message is no sentence about a guest leaving: nothing is tried.
_LONGEST_TEXT = 80
#: A guest's stay or a tenancy: both keep the name's blind index.
Registered = TypeVar("Registered", bound=PersonalRecord)


def choice_labels(stays: Iterable[GuestStay], today: date, zone: ZoneInfo) -> dict[int | None, str]:
    """张*（男，30多岁，证件尾号3116，11-29入住）: each guest with what tells them apart."""
    return {s.id: f"{s.name_masked}（{'，'.join(_traits(s, today, zone))}）" for s in stays}


def _traits(stay: GuestStay, today: date, zone: ZoneInfo) -> list[str]:
    traits: list[str] = []
    if stay.guardian_phone_masked or minors.is_minor(stay.birth_date, today):
        traits.append({"男": "男孩", "女": "女孩"}.get(stay.sex, "未成年"))
    else:
        if stay.sex:
            traits.append(stay.sex)
        if stay.birth_date is not None:
            traits.append(_age_band(age_on(stay.birth_date, today)))
    tail = stay.doc_no_masked[-4:]
    if tail.strip("*"):
        traits.append(f"证件尾号{tail}")
    # 今天入住, 11月29日入住: as the bot says a day elsewhere (11-29 had read unlike them).
    traits.append(f"{said_on(to_local(stay.check_in_at, zone).date(), today)}入住")
    return traits


def _age_band(age: int) -> str:
    """30多岁, as one says an adult's age at a glance; 18岁 and 19岁 as they are."""
    return f"{age}岁" if age < 20 else f"{age // 10 * 10}多岁"


def named_in(
    text: str, stays: Sequence[Registered], blind_index: BlindIndex
) -> list[tuple[str, Registered]]:
    """The guests of `stays` (or tenants) that `text` names by full name (张伟 of 张伟先走了),
    with the name as said: each run of Han characters is tried, a few characters at a time,
    against the names' blind index."""
    if len(text) > _LONGEST_TEXT or not stays:
        return []
    wanted = {s.name_idx for s in stays}
    tried: set[str] = set()
    said: dict[str, str] = {}
    for run in _HAN_RUN.findall(text):
        for start in range(len(run) - 1):
            for end in range(start + 2, min(len(run), start + _LONGEST_NAME) + 1):
                name = run[start:end]
                if name in tried:
                    continue
                tried.add(name)
                if (key := blind_index(name, NAME)) in wanted:
                    said.setdefault(key, name)
    return [(said[s.name_idx], s) for s in stays if s.name_idx in said]
