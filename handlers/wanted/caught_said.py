"""An officer saying a wanted person was caught, in their own words (孙某某抓到了,
TJ-0003已抓获): the card they name, offered to be marked caught (`/通缉 抓获 N`).

Said outside a hit's check, it had got 没有理解 or the card shown, and the card stayed 在逃
on every officer's list. Marking it caught tells everyone who had it and cannot be taken
back, so it is offered, never done from the words. The person is found on the wanted list
the officer sees (by the blind index of the name said, or the card's number), and only for
officers: nothing here is said to anyone else.
"""

from __future__ import annotations

import re

from sqlmodel import col, select

from bot.context import Context
from bot.messages import Button, ChatType, Choices
from bot.router import STAFF
from handlers.services.hit_checks import CAPTURED, rules_out, says_verdict, split_verdict
from handlers.services.personal import NAME
from handlers.wanted.access import in_view, visible_station_ids
from handlers.wanted.facts import card_no
from storage.models import WantedPerson, WantedStatus

#: Words that say the person is in custody now (the shared `CAPTURED` verbs, and 控制住 of
#: the person, not of the scene); not what was not done (未抓获, 没能抓到,
#: 尚未到案, 抓捕未果), nor a question (抓到了吗, 是否到案). 人已控制 and 已带回 say it as
#: officers at the door do: a check closed on them had left the card 在逃, nothing offered.
_CAUGHT = re.compile(
    r"(?<![未没不能])(?<!没有)(?<!尚未)"
    rf"(?:{CAPTURED}|(?<!现场)(?<!现场已)控制住?)"
    r"(?!不|未果|现场)"
)
_ASKED = re.compile(r"[吗?？]")
#: A card's number as the cards print it (TJ-0003, tj3); a bare number may be anything.
_CARD_NUMBER = re.compile(r"TJ-?0*(\d{1,6})", re.I)
#: 在枫林民宿抓的, 于火车站被抓获: where the person was caught, the note the card is closed
#: with (it had been dropped, and the card read 已抓获 with nothing after it). Not 在逃, nor
#: 现在抓到了 (a time, not a place).
_CAUGHT_AT = re.compile(
    r"(?<![现正还])(?:在|于)(?!逃)"
    r"((?:(?!被|抓|控制|落网|归案|到案|缉获|带回)[^\s,，。;；!！?？]){2,30})"
)
#: The lengths of a name looked for in a sentence: 王强, 欧阳小明, and longer ones.
_NAME_LENGTHS = range(2, 9)


def says_caught(note: str) -> bool:
    """Whether `note` (a check's result, or an officer's sentence) says the wanted person
    was caught."""
    judged = split_verdict(note)[0]
    if _ASKED.search(judged) or rules_out(note) or not says_verdict(note):
        return False
    return bool(_CAUGHT.search(judged))


async def caught_card(ctx: Context, text: str) -> WantedPerson | None:
    """The active card in the officer's view that `text` says was caught, by its number
    or its person's name (else an alias); None when it says no such thing, or names no
    card, or several."""
    if ctx.role not in STAFF or not says_caught(text):
        return None
    stations = await visible_station_ids(ctx.session, ctx.services.settings, ctx.person)
    active = in_view(
        select(WantedPerson).where(WantedPerson.status == WantedStatus.ACTIVE), stations
    )
    numbers = {int(found[1]) for found in _CARD_NUMBER.finditer(text)}
    if numbers:
        query = active.where(col(WantedPerson.id).in_(numbers))
    else:
        query = active.where(col(WantedPerson.name_idx).in_(_said_names(ctx, text)))
    cards = list((await ctx.session.exec(query)).all())
    if not cards and not numbers:
        # An alias (阿乙抓到了): the station's few active cards are unsealed for it, as
        # /通缉 阿乙 does.
        everyone = (await ctx.session.exec(active)).all()
        cards = [w for w in everyone if any(a in text for a in _aliases(w))]
    return cards[0] if len(cards) == 1 else None


async def caught_offer(ctx: Context, text: str) -> Choices | None:
    """The offer to mark the card `text` says was caught (see `caught_card`), in a private
    chat; None otherwise."""
    if ctx.inbound.chat_type is not ChatType.PRIVATE:
        return None
    wanted = await caught_card(ctx, text)
    if wanted is None or wanted.id is None:
        return None
    number = card_no(wanted)
    note = caught_note(text, wanted)
    # With the note, the button closes the card at once (as /通缉 抓获 3 在火车站 typed
    # does): what it does is said here, before it is pressed.
    how = (
        f"（说明记为「{note}」；点后即标记，不再比对，并通知收到过该卡片的人，无法撤销）"
        if note
        else "（确认后不再比对，并通知收到过该卡片的人）"
    )
    return Choices(
        f"{number} {wanted.name} 在通缉列表中仍为在逃。已抓获的话，点「标记为已抓获」{how}。",
        (
            Button("标记为已抓获", f"/通缉 抓获 {wanted.id} {note}".strip()),
            Button("查看卡片", f"/通缉 {wanted.id}"),
        ),
    )


def caught_note(text: str, wanted: WantedPerson) -> str:
    """在枫林民宿 of 人抓到了 王大力 在枫林民宿抓的: the place said, as the capture's note;
    "" when none is said. The card's names are no place (于某某 is a name)."""
    for name in sorted([wanted.name, *_aliases(wanted)], key=len, reverse=True):
        text = text.replace(name, " ")
    found = _CAUGHT_AT.search(text)
    return found[0] if found else ""


def _aliases(wanted: WantedPerson) -> list[str]:
    return [a for a in wanted.aliases.split("、") if len(a.strip()) >= 2]


def _said_names(ctx: Context, text: str) -> set[str]:
    """The blind indexes of the runs of Chinese characters in `text` that could be a name."""
    said: set[str] = set()
    for run in re.findall(r"[\u4e00-\u9fff·]+", text):
        for size in _NAME_LENGTHS:
            for start in range(len(run) - size + 1):
                said.add(ctx.services.blind_index(run[start : start + size], NAME))
    return said
