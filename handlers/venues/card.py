"""The venue card officers see: facts, contacts (full phone numbers), risk, occupancy.

Showing it decrypts contacts' phones, so whoever calls `venue_card` also writes the audit
event (`audit_lookup`).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import func
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.audit_trail import audit
from bot.config import Settings
from bot.context import Context, Services
from bot.forms.clock import said_on
from bot.messages import Button, Choices, Reply, Text
from handlers.registration import overdue, tenant_minors
from handlers.registration.fields import origin_label
from handlers.registration.timefmt import short
from handlers.services.minor_notice import left_by_adults, officer_note
from handlers.services.risk.describe import colour_text, reasons, short_reasons
from handlers.services.venue_registry import contacts_of
from handlers.venues.card_activity import incident_lines, inspection_line
from storage.models import (
    Beat,
    GuestStay,
    Person,
    Tenancy,
    Venue,
    VenueKind,
    VenueOwner,
    VenueRisk,
)


async def _occupancy(session: AsyncSession, settings: Settings, venue: Venue, today: date) -> str:
    """Who stays there now, by count; nothing for a shop, where no one registers."""
    if venue.kind.takes_guests:
        here = select(func.count()).where(
            GuestStay.venue_id == venue.id, col(GuestStay.checked_out_at).is_(None)
        )
        late = here.where(overdue.overdue_clause(today, settings))
        count, gone = (await session.exec(here)).one(), (await session.exec(late)).one()
        # Stays never checked out are no guests in the house: counted apart.
        apart = f"，另有 {gone} 人逾期未退房" if gone else ""
        if not count:  # 在住旅客 0 人, and a way to look at no one
            return "目前没有在住旅客"
        staying = f"在住旅客 {count - gone} 人" if count - gone else "没有在住旅客"
        return f"{staying}{apart}（「/场所 {venue.id} 住客」查看）"
    if venue.kind is not VenueKind.RENTAL:
        return ""
    query = select(func.count()).where(
        Tenancy.venue_id == venue.id, col(Tenancy.moved_out_at).is_(None)
    )
    if not (tenants := (await session.exec(query)).one()):
        return "目前没有在租住户"
    return f"在租住户 {tenants} 户（「/场所 {venue.id} 住客」查看）"


#: Buttons under the list of guests: a phone screen's worth (the rest are typed).
OCCUPANT_BUTTONS = 10


async def occupants(
    session: AsyncSession, services: Services, venue: Venue, today: date, now: datetime
) -> Reply:
    """The guests or tenants staying now, masked as everywhere else (a minor's guardian's
    phone too: it had been shown in full, alone in the list), each row named as /查人 names
    it (旅客12) with a button opening its full, audited record; stays long overdue for
    check-out in short, after them. The caller audits."""
    settings = services.settings
    zone = settings.zone
    late: list[GuestStay] = []
    keys: list[str] = []
    if venue.kind.takes_guests:
        stays = await session.exec(
            select(GuestStay)
            .where(GuestStay.venue_id == venue.id, col(GuestStay.checked_out_at).is_(None))
            .order_by(col(GuestStay.room), col(GuestStay.id))
        )
        current, late = overdue.split(stays.all(), today, settings)
        keys = [f"旅客{s.id}" for s in current]
        alone = await left_by_adults(session, current, today)
        lines = [
            f"{key}｜{s.room}　{s.name_masked}{_origin(s.nationality)}　{s.doc_no_masked}"
            f"　入住 {short(s.check_in_at, zone, now)}{officer_note(s, s.id in alone)}"
            for key, s in zip(keys, current, strict=True)
        ]
        what, unit = "在住旅客", "人"
    elif venue.kind is VenueKind.RENTAL:
        tenancies = (
            await session.exec(
                select(Tenancy)
                .where(Tenancy.venue_id == venue.id, col(Tenancy.moved_out_at).is_(None))
                .order_by(col(Tenancy.id))
            )
        ).all()
        keys = [f"租客{t.id}" for t in tenancies]
        # A house let by rooms: the room says whose door is whose, as a guest's does.
        lines = [
            f"{key}｜{f'{t.room}　' if t.room else ''}{t.name_masked}　{t.doc_no_masked}"
            f"　起租 {said_on(t.lease_start, today)}{tenant_minors.officer_note(t)}"
            for key, t in zip(keys, tenancies, strict=True)
        ]
        what, unit = "在租住户", "户"
    else:
        return Text(f"「{venue.name}」是{venue.kind.label}，不登记住客。")
    if not lines and not late:
        return Text(f"「{venue.name}」目前没有{what}。")
    shown = lines[:50] + ([f"……另有 {len(lines) - 50} {unit}未显示"] if len(lines) > 50 else [])
    # 在住旅客 1： read as an item number; the card says 在住旅客 1 人.
    listed = [f"「{venue.name}」{what} {len(lines)} {unit}：", *shown] if lines else []
    if late:
        if not lines:
            listed.append(f"「{venue.name}」目前没有近期入住的{what}。")
        # Numbered and buttoned as the guests above them: they had been named in one run
        # with no way to open one, though /查人 opens them as any other.
        named = overdue.latest(late)
        late_keys = [f"旅客{s.id}" for s in named]
        listed.append(overdue.heading(len(late), settings))
        listed += [
            f"{key}｜{overdue.line(s, zone, now)}" for key, s in zip(late_keys, named, strict=True)
        ]
        if len(late) > len(named):
            listed.append(f"……另有 {len(late) - len(named)} 人未显示")
        keys += late_keys
    if not keys:
        return Text("\n".join(listed))
    # Everything above is masked: 本次查看已记入审计日志 had been said of a list that showed
    # nothing in full, with no way to open one person.
    # Said as /查人's list says it.
    listed.append(
        f"点下面的按钮或发送「/查人 编号」（如 /查人 {keys[0]}）查看完整信息，将记入审计日志。"
    )
    buttons = tuple(Button(key, f"/查人 {key}") for key in keys[:OCCUPANT_BUTTONS])
    return Choices("\n".join(listed), buttons)


def _licence(venue: Venue, today: date) -> str:
    if not venue.licence_no and venue.licence_valid_until is None:
        return "未登记"
    until = venue.licence_valid_until
    text = venue.licence_no or "（无编号）"
    if until is not None:
        text += f"，有效期至 {said_on(until, today)}" + ("（已过期）" if until < today else "")
    return text


async def venue_card(
    session: AsyncSession, services: Services, venue: Venue, today: date, now: datetime
) -> str:
    assert venue.id is not None
    beat = await session.get(Beat, venue.beat_id)
    lines = [
        f"🏠 {venue.name}（{venue.kind.label}）#{venue.id}",
        f"门牌：{venue.plate or '无'}　警务区：{beat.name if beat else venue.beat_id}",
        f"地址：{venue.address or '未登记'}",
    ]
    contacts = await contacts_of(session, venue.id)
    for contact in contacts:
        phone = (
            services.cipher.decrypt(contact.phone_enc, "venue_contact.phone")
            if contact.phone_enc
            else "无电话"
        )
        lines.append(f"{contact.role}：{contact.name or '（未留姓名）'} {phone}")
    owners = (
        await session.exec(
            select(Person.display_name)
            .join(VenueOwner, col(VenueOwner.person_id) == col(Person.id))
            .where(VenueOwner.venue_id == venue.id)
        )
    ).all()
    if owners:
        names = "、".join(name or "（未设置姓名）" for name in owners)
        lines.append(f"已绑定负责人：{names}（可在本平台登记、接收通报）")
    if venue.contact_phone:
        lines.append(f"场所电话：{venue.contact_phone}")
    lines.append(f"许可证：{_licence(venue, today)}")
    risk = await session.get(VenueRisk, venue.id)
    if risk is not None:
        # A venue nothing is found against is just its colour, not 蓝（低风险）　无.
        why = short_reasons(risk) if reasons(risk) else ""
        lines.append(f"风险：{colour_text(risk.colour)}　{why}".rstrip("　"))
    if inspected := await inspection_line(session, services.settings, venue, today, now):
        lines.append(inspected)
    lines.extend(await incident_lines(session, services.settings, venue, now))
    occupancy = await _occupancy(session, services.settings, venue, today)
    if occupancy:
        lines.append(occupancy)
    if venue.notes:
        lines.append(f"备注：{venue.notes}")
    if any(contact.phone_enc for contact in contacts):
        # Full phone numbers were shown: said, as /命中 N and /场所 N 住客 say it.
        lines.append("本次查看已记入审计日志。")
    return "\n".join(lines)


def audit_lookup(ctx: Context, how: str, venue_ids: list[int]) -> None:
    """Officers' look-ups are audited: how they searched and what they were shown, never
    the search text itself (it may be a name or a phone number)."""
    audit(
        ctx,
        action="lookup:venue",
        subject_kind="venue",
        subject_id=",".join(str(i) for i in venue_ids[:8]),
        detail=f"by={how} results={len(venue_ids)}",
    )


def _origin(nationality: str | None) -> str:
    """（台湾居民）, （外国人）: beside a guest from outside the mainland."""
    return f"（{origin}）" if (origin := origin_label(nationality)) else ""
