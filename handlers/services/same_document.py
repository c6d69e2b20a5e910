"""One document number registered under different names on the same day (张小宝 at a hotel,
刘小明 at a rented flat): a lent, stolen or forged ID, or a registration gone wrong. The beat's
officers hear of it once; the owners who registered never do (they would warn the guest).

Compared by blind indexes (the number's, the names'). A name in Latin letters is one name
in any word order, case or comma (a passport's SMITH JOHN, typed John Smith at the next
place): when the masks say two names may be that, the name just registered is decrypted to
index its other orders; nothing else is.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import timedelta
from itertools import permutations

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from bot.messages import Button, Choices, Reply
from bot.validators.rooms import room_label
from handlers.registration.fields import doc_label
from handlers.registration.timefmt import short, to_local
from handlers.services.officers import beat_officer_accounts
from handlers.services.person_search import Found, day_start
from handlers.services.personal import NAME
from handlers.services.venues import venue_label
from storage.models import Beat, GuestStay, Tenancy, Venue
from storage.outbox import enqueue_once

HEADLINE = "⚠️ 同一证件号码登记了不同姓名"


async def _same_day(
    session: AsyncSession, services: Services, record: GuestStay | Tenancy, venue: Venue
) -> list[Found]:
    """The station's registrations of `record`'s document number made on its local day
    (itself among them), earliest first."""
    beat = await session.get(Beat, venue.beat_id)
    if beat is None:
        return []
    day = to_local(record.created_at, services.settings.zone).date()
    start = day_start(day, services.settings.zone)
    end = start + timedelta(days=1)
    found: list[Found] = []
    for model in (GuestStay, Tenancy):
        rows = await session.exec(
            select(model, Venue)
            .join(Venue, col(Venue.id) == col(model.venue_id))
            .join(Beat, col(Beat.id) == col(Venue.beat_id))
            .where(
                col(model.doc_no_idx) == record.doc_no_idx,
                col(model.created_at) >= start,
                col(model.created_at) < end,
                Beat.station_id == beat.station_id,
            )
        )
        found += [Found(r, v) for r, v in rows.all() if isinstance(r, GuestStay | Tenancy)]
    return sorted(found, key=lambda f: (f.record.created_at, f.key))


#: What parts the words of a Latin name as people write it (SMITH JOHN, SMITH, JOHN).
_NAME_GAPS = re.compile(r"[\s,，]+")
#: The most words whose orders are tried (5! = 120 keyed hashes).
_MOST_WORDS = 5


def _words(name: str) -> list[str]:
    return [word for word in _NAME_GAPS.split(name.upper()) if word]


def _may_be_reordered(record: GuestStay | Tenancy, other: GuestStay | Tenancy) -> bool:
    """Whether two Latin names may be one in another word order, by their masks alone
    (J*** S****, S**** J***): the same masked words, in any order and case."""
    mine = _words(record.name_masked)
    return (
        record.name_masked.isascii()
        and 1 < len(mine) <= _MOST_WORDS
        and sorted(mine) == sorted(_words(other.name_masked))
    )


def name_orders(services: Services, name: str) -> set[str]:
    """The blind indexes of `name` in each order of its words, for a name in Latin letters
    (JOHN SMITH and SMITH JOHN are one name); else only its own. What a name registered
    elsewhere, or a wanted card's, is compared by."""
    words = _words(name)
    if not name.isascii() or not 1 < len(words) <= _MOST_WORDS:
        return {services.blind_index(name, NAME)}
    return {services.blind_index("".join(order), NAME) for order in permutations(words)}


def _name_orders(services: Services, record: GuestStay | Tenancy) -> set[str]:
    """The blind indexes of `record`'s name in each order of its words."""
    table = "guest_stay" if isinstance(record, GuestStay) else "tenancy"
    return name_orders(services, services.cipher.decrypt(record.name_enc, f"{table}.name"))


def other_names(
    services: Services, record: GuestStay | Tenancy, others: Sequence[GuestStay | Tenancy]
) -> list[GuestStay | Tenancy]:
    """Those of `others` (registrations of `record`'s document number) registered under a
    name other than `record`'s: SMITH JOHN is not another name than John Smith."""
    renamed = [other for other in others if other.name_idx != record.name_idx]
    if any(_may_be_reordered(record, other) for other in renamed):
        orders = _name_orders(services, record)
        renamed = [other for other in renamed if other.name_idx not in orders]
    return renamed


def _told_elsewhere(record: GuestStay | Tenancy, renamed: list[GuestStay | Tenancy]) -> bool:
    """Whether `registration.id_elsewhere` tells of these already: a guest whose number
    is in the house under another name at another place (两处登记在住，姓名不同). One
    event had come as two notices."""
    return isinstance(record, GuestStay) and all(
        isinstance(other, GuestStay)
        and other.checked_out_at is None
        and other.venue_id != record.venue_id
        for other in renamed
    )


def _kind(found: Found) -> str:
    return "guest" if isinstance(found.record, GuestStay) else "tenant"


def _line(found: Found, services: Services) -> str:
    record, venue = found.record, found.venue
    where = (
        f"{venue_label(venue)} {room_label(record.room)}"
        if isinstance(record, GuestStay)
        else f"{venue_label(venue)}（租住）"
    )
    when = short(record.created_at, services.settings.zone, services.clock())
    return f"{when} {where}：{record.name_masked}（{found.key}）"


async def tell_if_names_differ(
    session: AsyncSession, services: Services, record: GuestStay | Tenancy, venue: Venue
) -> bool:
    """Queue the notice for a just-flushed registration whose document number was
    registered under another name today; False when there is nothing (new) to tell. Each
    beat involved hears of it once a day, however many names follow."""
    if not record.doc_no_idx:
        return False
    found = await _same_day(session, services, record, venue)
    renamed = other_names(services, record, [f.record for f in found])
    if not renamed or _told_elsewhere(record, renamed):
        return False
    first = found[0]
    lines = [
        HEADLINE,
        f"证件：{doc_label(record.doc_type)} {record.doc_no_masked}",
        *(_line(f, services) for f in found),
        "可能是借用、冒用证件或登记有误，请核实。查看完整信息（记入审计日志）：",
    ]
    buttons = tuple(Button(f"查看{f.key}", f"/查人 {f.key}") for f in found[:4])
    replies: list[Reply] = [Choices("\n".join(lines), buttons)]
    told = False
    for beat_id in dict.fromkeys(f.venue.beat_id for f in found):
        told |= bool(
            await enqueue_once(
                session,
                await beat_officer_accounts(session, beat_id),
                message_key=f"doc-names:{_kind(first)}:{first.record.id}",
                replies=replies,
                now=services.clock(),
            )
        )
    return told
