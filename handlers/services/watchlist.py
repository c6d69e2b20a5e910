"""Match registrations against the wanted list and alert the beat's officers.

The owner who registered the guest is never told: a hit changes nothing in their receipt.
Alerts carry masked data, a hit number and the person's card; the officer opens the full
record with `/命中 N`, which is audited.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import and_, bindparam, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from bot.messages import Button, Choices, Reply, Text
from handlers.registration.fields import doc_label
from handlers.registration.timefmt import short, to_local
from handlers.services.hit_checks import check_key, checked_hits
from handlers.services.minor_notice import tell_if_unaccompanied
from handlers.services.numbers import wanted_number
from handlers.services.officers import beat_officer_accounts
from handlers.services.risk.kinds import RuleConfigError
from handlers.services.risk.scoring import score_now
from handlers.services.same_document import name_orders, tell_if_names_differ
from handlers.services.station_scope import sees_everything
from handlers.services.tasks import create_task
from handlers.wanted.hit_cards import queue_hit_card
from handlers.wanted.images import cached_card
from storage.models import (
    Beat,
    GuestStay,
    HitStrength,
    Person,
    Tenancy,
    Venue,
    WantedPerson,
    WantedStatus,
    WatchHit,
)
from storage.outbox import enqueue_to_accounts, keys_with_prefix

log = logging.getLogger(__name__)

Registration = GuestStay | Tenancy


def _kind(record: Registration) -> str:
    return "guest" if isinstance(record, GuestStay) else "tenant"


# One statement for both signals, built once: it runs for every registration. Both engines
# answer the OR from the two indexes (SQLite's multi-index OR, PostgreSQL's bitmap OR);
# a NULL birth date compares as unknown, so it never makes a weak match.
_MATCHES = (
    select(WantedPerson)
    .where(
        col(WantedPerson.status) == WantedStatus.ACTIVE,
        or_(
            col(WantedPerson.doc_no_idx) == bindparam("doc_no_idx"),
            and_(
                col(WantedPerson.name_idx) == bindparam("name_idx"),
                col(WantedPerson.birth_date) == bindparam("birth_date"),
            ),
        ),
    )
    .order_by(col(WantedPerson.id))
)


async def find_matches(
    session: AsyncSession, record: Registration
) -> list[tuple[WantedPerson, HitStrength]]:
    """Active wanted persons matching by document number (strong) or name + birth date (weak),
    the strong ones first."""
    params = {
        "doc_no_idx": record.doc_no_idx,
        "name_idx": record.name_idx,
        "birth_date": record.birth_date,
    }
    found = (await session.exec(_MATCHES, params=params)).all()
    return rank_matches(record, found)


def rank_matches(
    record: Registration, found: Sequence[WantedPerson], numbers: Iterable[str] = ()
) -> list[tuple[WantedPerson, HitStrength]]:
    """The hits `found` (active cards matching `record`) make, the strong ones first.
    `numbers`: document numbers (blind indexes) whose card has hit `record` already."""
    strong = [
        w for w in found if record.doc_no_idx is not None and w.doc_no_idx == record.doc_no_idx
    ]
    weak = [w for w in found if w not in strong]
    # Two active cards of one document number are one person entered twice: one alert,
    # for the older card (the first here, strong ones first and each kind by id).
    taken = set(numbers)
    matches = []
    for wanted, strength in [(w, HitStrength.STRONG) for w in sorted(strong, key=_by_id)] + [
        (w, HitStrength.WEAK) for w in sorted(weak, key=_by_id)
    ]:
        if wanted.doc_no_idx is not None:
            if wanted.doc_no_idx in taken:
                continue
            taken.add(wanted.doc_no_idx)
        matches.append((wanted, strength))
    return matches


def _by_id(wanted: WantedPerson) -> int:
    return wanted.id or 0


async def check_registration(
    session: AsyncSession, services: Services, record: Registration, venue: Venue
) -> list[WatchHit]:
    """Record hits for a just-flushed registration and queue alerts in the same transaction
    (with, for a minor with no guardian staying, the notice of `minor_notice`, and for a
    document number registered under another name today, that of `same_document`)."""
    assert record.id is not None and venue.id is not None
    if isinstance(record, GuestStay):
        # Beside the hit alert, as every registration passes here: the beat's officers hear
        # of a child checked in alone, which only the owner's receipt had said.
        await tell_if_unaccompanied(session, services, record, venue)
    # One number under two names today: told to the beat, as a hit is, never to the owner.
    await tell_if_names_differ(session, services, record, venue)
    hits = [
        await record_hit(session, services, wanted, strength, record, venue)
        for wanted, strength in await find_matches(session, record)
    ]
    if hits:
        await rescore(session, services, venue)
    return hits


async def record_hit(
    session: AsyncSession,
    services: Services,
    wanted: WantedPerson,
    strength: HitStrength,
    record: Registration,
    venue: Venue,
) -> WatchHit:
    """One hit of `record` on `wanted`: stored, the beat's officers alerted (never the
    owner), the card queued after the alert and a check task made for the beat."""
    assert wanted.id is not None and record.id is not None and venue.id is not None
    hit = WatchHit(
        wanted_id=wanted.id,
        registration_kind=_kind(record),
        registration_id=record.id,
        venue_id=venue.id,
        strength=strength,
        created_at=services.clock(),
    )
    session.add(hit)
    await session.flush()
    assert hit.id is not None
    await _alert(session, services, hit, wanted, record, venue)
    # The card follows the alert: now if it was drawn before, else from the hit-cards job.
    card = cached_card(services, wanted)
    if card is not None:
        await queue_hit_card(session, hit, wanted, venue, card, hit.created_at)
    # The beat's to-do list keeps the hit until someone has verified it.
    await create_task(
        session,
        beat_id=venue.beat_id,
        kind="verify",
        subject=f"核查比中 #{hit.id}（{venue.name}）",
        due=hit.created_at.astimezone(services.settings.zone).date(),
        source="watchlist",
        now=hit.created_at,
        venue_id=venue.id,
        key=check_key(hit.id),
    )
    return hit


async def rescore(session: AsyncSession, services: Services, venue: Venue) -> None:
    """A hit raises the venue's colour by the rules; the nightly scoring is too late for an
    officer who opens the venue now. A rule that fails must not cost the registration and
    its alert: the nightly scoring will report it again."""
    try:
        await score_now(session, services.settings, venue, services.clock())
    except RuleConfigError:
        log.exception("could not rescore venue %s after a hit", venue.id)


NAME_DIFFERS = "⚠️ 姓名与在逃人员不一致，请核实身份"
NAME_IS_ALIAS = "⚠️ 姓名与在逃人员不一致（与其登记的别名相同），请核实身份"


def name_warning(services: Services, record: Registration, wanted: WantedPerson) -> str | None:
    """A line for a hit whose registered name is not the wanted person's: a document number
    lent, stolen or mistyped is the first thing the officer at the door must rule out.
    Compared by the names' blind indexes, so the registered name is not decrypted for it;
    a Latin name in another word order (SMITH JOHN, as a passport prints JOHN SMITH) is
    the same name, not one to warn of."""
    if record.name_idx == wanted.name_idx or record.name_idx in name_orders(services, wanted.name):
        return None
    aliases = [a for a in wanted.aliases.split("、") if a.strip()]
    if any(record.name_idx in name_orders(services, a) for a in aliases):
        return NAME_IS_ALIAS
    return NAME_DIFFERS


#: Above the hit's card (`handlers.wanted.hit_cards.PRIORITY`): the words that explain the
#: picture arrive before it.
HIT_ALERT_PRIORITY = 20


def _alert_text(
    services: Services, hit: WatchHit, wanted: WantedPerson, record: Registration, venue: Venue
) -> str:
    strength = (
        "证件号码一致" if hit.strength is HitStrength.STRONG else "姓名与出生日期一致，需核实"
    )
    where = f"（房间 {record.room}）" if isinstance(record, GuestStay) else "（租住）"
    warning = name_warning(services, record, wanted)
    lines = [
        f"⚠️ 比中提醒：{strength}",
        *([warning] if warning else []),
        f"场所：{venue.name}{where}",
        f"登记人员：{record.name_masked}，{doc_label(record.doc_type)} {record.doc_no_masked}",
        f"比中对象：在逃人员 {wanted_number(wanted.id)}"
        + (f"，{wanted.case_summary}" if wanted.case_summary else ""),
        f"时间：{short(hit.created_at, services.settings.zone, services.clock())}",
        f"发送「/比中 {hit.id}」查看完整信息。请注意安全，切勿惊动当事人。",
    ]
    return "\n".join(lines)


async def _alert(
    session: AsyncSession,
    services: Services,
    hit: WatchHit,
    wanted: WantedPerson,
    record: Registration,
    venue: Venue,
) -> None:
    text = _alert_text(services, hit, wanted, record, venue)
    # A tap opens the hit, as the pushes of tips and reports do.
    alert = Choices(text, (Button("查看详情", f"/比中 {hit.id}"),))
    await _tell_beat(session, venue, f"hit:{hit.id}", alert, hit.created_at)


async def _tell_beat(
    session: AsyncSession, venue: Venue, key: str, text: str | Reply, now: datetime
) -> None:
    """A hit's news to each officer of the venue's beat, ahead of other messages."""
    enqueue_to_accounts(
        session,
        await beat_officer_accounts(session, venue.beat_id),
        message_key=key,
        replies=[Text(text) if isinstance(text, str) else text],
        now=now,
        priority=HIT_ALERT_PRIORITY,
    )


async def tell_checkout(
    session: AsyncSession,
    services: Services,
    stays: Sequence[GuestStay] | Sequence[Tenancy],
    venue: Venue,
    now: datetime,
    *,
    undone: bool = False,
) -> None:
    """Tell the beat's officers that a guest a registration hit has checked out, or a
    tenant moved out (`stays` all of one kind): an officer on the way to the room must know
    it is empty. `undone`: the owner took the check-out (move-out) back, and the person is
    there after all. Not for a hit closed since: its check found someone else (非本人), or
    its card was closed (captured, revoked); 比中 #1 的旅客已退房 had come for a guest the
    officer had ruled out. A tenant's 退租 had told the officer nothing."""
    if not stays:
        return
    kind = _kind(stays[0])
    ids = [s.id for s in stays if s.id is not None]
    hits = await session.exec(
        select(WatchHit)
        .join(WantedPerson, col(WantedPerson.id) == col(WatchHit.wanted_id))
        .where(
            WatchHit.registration_kind == kind,
            col(WatchHit.registration_id).in_(ids),
            col(WantedPerson.status) == WantedStatus.ACTIVE,
        )
    )
    found = hits.all()
    ruled_out, _dealt_with = await checked_hits(session, [h.id for h in found if h.id])
    rooms = {s.id: s.room for s in stays if isinstance(s, GuestStay)}
    zone = services.settings.zone
    at = short(now, zone, now)
    # 退租 1 昨天: the day said, not the moment it was registered.
    moved_on = {
        s.id: f"{to_local(s.moved_out_at, zone):%m-%d}"
        for s in stays
        if isinstance(s, Tenancy)
        and s.moved_out_at is not None
        and to_local(s.moved_out_at, zone).date() < to_local(now, zone).date()
    }
    for hit in (h for h in found if h.id not in ruled_out):
        if kind == "guest":
            place = f"场所：{venue.name}（房间 {rooms[hit.registration_id]}）\n"
            back, gone, when = "的旅客退房已被场所撤销，仍登记在住", "的旅客已退房", "退房时间"
        else:
            place = f"房屋：{venue.name}\n"
            back, gone, when = "的租客退租已被房东撤销，仍登记在租", "的租客已退租", "退租时间"
        if undone:
            head = f"⚠️ 比中 #{hit.id} {back}\n{place}"
            when = f"撤销时间：{at}\n"
        else:
            head = f"ℹ️ 比中 #{hit.id} {gone}\n{place}"
            when = f"{when}：{moved_on.get(hit.registration_id, at)}\n"
        text = f"{head}{when}发送「/比中 {hit.id}」查看详情。"
        # Out, undone, out again: each is news, numbered so the outbox keys stay unique.
        told = await keys_with_prefix(session, f"hit-checkout:{hit.id}:")
        seen = {key.partition("->")[0] for key in told}
        await _tell_beat(session, venue, f"hit-checkout:{hit.id}:{len(seen) + 1}", text, now)


async def recent_hits(
    session: AsyncSession, person: Person, limit: int = 10
) -> Sequence[tuple[WatchHit, Venue]]:
    """The latest hits of the person's beat; of their station if they have no beat (an
    admin bound to no station sees all)."""
    query = (
        select(WatchHit, Venue)
        .join(Venue, col(WatchHit.venue_id) == col(Venue.id))
        .order_by(col(WatchHit.id).desc())
        .limit(limit)
    )
    if person.beat_id is not None:
        query = query.where(Venue.beat_id == person.beat_id)
    elif not sees_everything(person):
        query = query.join(Beat, col(Venue.beat_id) == col(Beat.id)).where(
            Beat.station_id == person.station_id
        )
    return (await session.exec(query)).all()
