"""A minor who checks in with no guardian staying: the beat's officers hear of it at once.

The hotel asks a minor's guardian's phone and who stays with them (see
`handlers.registration.minors`); the owner got a receipt line, and the officer heard of it
only when the guardian could not be reached. A 14-year-old alone in a room at 02:15, or with
a 男朋友, is what the beat's officers want to know tonight: they are told, masked, with the
venue and room, and open the details through the audited `/场所 N 住客` or `/查人`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from bot.messages import Button, Choices
from bot.validators.dates import age_on
from handlers.registration.minors import ALONE, PRIORITY, UNREACHABLE, alone_in_rooms
from handlers.registration.timefmt import short, to_local
from handlers.services.officers import beat_officer_accounts
from storage.models import GuestStay, Venue
from storage.outbox import enqueue_to_accounts

#: Who, staying with the minor, is a parent or other guardian (父母, 妈妈, 外婆, 监护人).
_GUARDIAN_WORDS = re.compile(r"父|母|爸|妈|爹|娘|监护|家长|爷|奶|外公|外婆|姥")
#: Unrelated words that hold a guardian's character (师父, 保姆, 姑奶奶's 奶 is kin, kept).
_NOT_GUARDIAN = re.compile(r"师父|师傅|保姆|干爹|干妈|男朋友|女朋友")


def officer_note(stay: GuestStay, adults_gone: bool = False) -> str:
    """The minor's line in officers' lists of who stays (`/场所 N 住客`, a hit's roommates):
    masked as every other phone there; the full one is in the audited record view.
    `adults_gone`: the adults of the room have checked out (`left_by_adults`)."""
    if not stay.guardian_phone_masked:
        return ""
    relation = "同住成年人已退房" if adults_gone else f"同住 {stay.companion_relation or '未填'}"
    return f"（未成年，监护人 {stay.guardian_phone_masked}，{relation}）"


def living_with(stay: GuestStay, adults_gone: bool) -> str:
    """Who stays with the minor, for the full record: 父亲 as registered, or that the adult
    of the room registered with them has checked out."""
    relation = stay.companion_relation or "未填"
    if not adults_gone:
        return relation
    return f"无（登记时同住的{stay.companion_relation or '成年人'}已退房）"


async def left_by_adults(
    session: AsyncSession, stays: Sequence[GuestStay], today: date
) -> set[int | None]:
    """The ids of the minors of `stays` (guests in the house) whose room's adults all
    checked out while they stay on (`minors.alone`): a father who left was still shown as
    同住 父亲, beside the number of the mother coming for the child."""
    minors = [s for s in stays if s.guardian_phone_masked and s.checked_out_at is None]
    return {s.id for children in await alone_in_rooms(session, minors, today) for s in children}


def has_guardian_staying(relation: str) -> bool:
    """Whether who stays with the minor, as the owner wrote it, is a parent or guardian."""
    if not relation or relation == ALONE:
        return False
    return bool(_GUARDIAN_WORDS.search(relation)) and not _NOT_GUARDIAN.search(relation)


async def tell_if_unaccompanied(
    session: AsyncSession, services: Services, stay: GuestStay, venue: Venue
) -> bool:
    """Queue the notice for a minor just registered with no guardian staying; False when
    there is nothing to tell (an adult, a guardian in the room, or a guardian who cannot be
    reached, which `minors.tell_if_unreachable` already told)."""
    if not stay.guardian_phone_masked or stay.guardian_phone_masked == UNREACHABLE:
        return False
    relation = stay.companion_relation or ""
    if has_guardian_staying(relation):
        return False
    zone = services.settings.zone
    check_in = to_local(stay.check_in_at, zone)
    age = f"{age_on(stay.birth_date, check_in.date())}岁，" if stay.birth_date else ""
    night = "（夜间）" if check_in.hour >= 22 or check_in.hour < 6 else ""
    # Sent as the stay is registered: the day it is registered on is the notice's 今天.
    text = (
        f"🧒 未成年人入住，无监护人同住{night}\n"
        f"场所：{venue.name}（房间 {stay.room}）\n"
        f"旅客：{stay.name_masked}，{stay.sex + '，' if stay.sex else ''}{age}"
        f"入住 {short(stay.check_in_at, zone, stay.created_at)}\n"
        f"同住：{relation or '未填'}；监护人电话 {stay.guardian_phone_masked}\n"
        f"发送「/场所 {venue.id} 住客」查看。"
    )
    enqueue_to_accounts(
        session,
        await beat_officer_accounts(session, venue.beat_id),
        message_key=f"minor-unaccompanied:{stay.id}",
        replies=[Choices(text, (Button("查看住客", f"/场所 {venue.id} 住客"),))],
        now=stay.created_at,
        priority=PRIORITY,
    )
    return True
