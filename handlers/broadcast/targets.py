"""Turn an audience into the chats to send to: owners' private chats, groups, subscribers.

Everything stays inside the author's station. A person gets one copy: owners of several
chosen venues, and owners who also subscribed, are one target, reached on the account the
bot can best push to; a group bound twice over (to the beat and to the kind) is one target.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, or_, true
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import ChannelFacts, Reach
from handlers.broadcast.audience import Audience
from handlers.broadcast.geo import Circle, Polygon, inside_any
from storage.models import (
    Account,
    AlertSubscription,
    Beat,
    ChatGroup,
    Person,
    RecipientKind,
    Venue,
    VenueOwner,
)

#: Facts of the channels the server runs, by name (`bot.context.Services.channels`).
Channels = Mapping[str, ChannelFacts]


@dataclass
class Target:
    channel: str
    chat_id: str
    kind: RecipientKind
    label: str
    person_id: int | None = None
    group_id: int | None = None
    beat_ids: set[int] = field(default_factory=set)
    #: A resident reached because the beat they subscribed to (named here) is in a drawn
    #: area, not by a point of theirs inside it: they gave none, so may live far from it.
    subscribed_beat: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.channel, self.chat_id)


def _rank(channels: Channels, channel: str) -> int:
    """Where a person with several accounts is reached: a channel that pushes at any time
    before the web page, which holds it until opened, and that before the official account,
    which may send only within 48 hours of the person's last message. A channel the server
    does not run, last: nothing would deliver there."""
    facts = channels.get(channel)
    return int(facts.reach) if facts is not None else len(Reach)


async def station_beat_ids(session: AsyncSession, station_id: int) -> set[int]:
    rows = await session.exec(select(Beat.id).where(Beat.station_id == station_id))
    return {b for b in rows.all() if b is not None}


async def _venues(session: AsyncSession, audience: Audience, beats: set[int]) -> list[Venue]:
    chosen: dict[int, Venue] = {}
    if audience.residents_only:
        return []
    if audience.selects_venues:
        query = select(Venue).where(col(Venue.beat_id).in_(sorted(beats)))
        if audience.kinds:
            query = query.where(col(Venue.kind).in_(audience.kinds))
        if audience.beats:
            query = query.where(col(Venue.beat_id).in_(audience.beats))
        if audience.fences:
            query = query.where(_near(audience.fences, Venue.latitude, Venue.longitude))
        for venue in (await session.exec(query)).all():
            point = (venue.latitude, venue.longitude)
            if audience.fences and not inside_any(point, audience.fences):  # type: ignore[arg-type]
                continue
            assert venue.id is not None
            chosen[venue.id] = venue
    if audience.venues:
        named = select(Venue).where(
            col(Venue.id).in_(audience.venues), col(Venue.beat_id).in_(sorted(beats))
        )
        for venue in (await session.exec(named)).all():
            assert venue.id is not None
            chosen[venue.id] = venue
    return [chosen[k] for k in sorted(chosen)]


async def _owners(session: AsyncSession, channels: Channels, venues: list[Venue]) -> list[Target]:
    if not venues:
        return []
    by_id = {v.id: v for v in venues}
    rows = await session.exec(
        select(VenueOwner.venue_id, Person, Account)
        .join(Person, col(Person.id) == col(VenueOwner.person_id))
        .join(Account, col(Account.person_id) == col(Person.id))
        .where(col(VenueOwner.venue_id).in_(list(by_id)))
        # In one order on every engine: the labels (未留姓名，第2位) and the list a second
        # confirmation shows are the same each time.
        .order_by(col(Person.id), col(VenueOwner.venue_id), col(Account.id))
    )
    accounts: dict[int, Account] = {}
    names: dict[int, str] = {}
    owned: dict[int, list[Venue]] = defaultdict(list)
    for venue_id, person, account in rows.all():
        assert person.id is not None
        best = accounts.get(person.id)
        if best is None or (_rank(channels, account.channel), account.id or 0) < (
            _rank(channels, best.channel),
            best.id or 0,
        ):
            accounts[person.id] = account
        names[person.id] = person.display_name
        if by_id[venue_id] not in owned[person.id]:
            owned[person.id].append(by_id[venue_id])
    targets = []
    unnamed: dict[str, int] = defaultdict(int)
    for person_id, account in accounts.items():
        places = owned[person_id]
        label = "、".join(v.name for v in places[:3]) + ("等" if len(places) > 3 else "")
        name = names[person_id]
        if not name:
            # 负责人#8 had shown an internal number; two owners of one place with no name
            # set yet (/我 姓名 …) still read apart in 通报状态, counted.
            unnamed[label] += 1
            count = unnamed[label]
            name = "未留姓名" + (f"，第{count}位" if count > 1 else "")
        label = f"{label}（{name}）"
        targets.append(
            Target(
                account.channel,
                account.channel_user_id,
                RecipientKind.OWNER,
                label[:100],
                person_id=person_id,
                beat_ids={v.beat_id for v in places},
            )
        )
    return targets


async def _groups(
    session: AsyncSession, audience: Audience, beats: set[int], venues: list[Venue]
) -> list[Target]:
    conditions: list[ColumnElement[bool]] = []
    if audience.residents_only:
        return []
    if audience.groups:
        conditions.append(col(ChatGroup.id).in_(audience.groups))
    group_beats = set(audience.beats) or (
        beats if audience.kinds and not audience.fences else set()
    )
    if group_beats:
        kind_ok = (
            or_(col(ChatGroup.venue_kind).is_(None), col(ChatGroup.venue_kind).in_(audience.kinds))
            if audience.kinds
            else true()
        )
        conditions.append(
            (col(ChatGroup.beat_id).in_(sorted(group_beats)))
            & col(ChatGroup.venue_id).is_(None)
            & kind_ok
        )
    if venues:
        conditions.append(col(ChatGroup.venue_id).in_([v.id for v in venues]))
    if not conditions:
        return []
    query = select(ChatGroup).where(or_(*conditions), col(ChatGroup.beat_id).in_(sorted(beats)))
    return [
        Target(
            g.channel,
            g.chat_id,
            RecipientKind.GROUP,
            (g.name or f"群{g.id}")[:100],
            group_id=g.id,
            beat_ids={g.beat_id} if g.beat_id else set(),
        )
        for g in (await session.exec(query.order_by(col(ChatGroup.id)))).all()
    ]


def _near(
    fences: tuple[Circle | Polygon, ...], latitude: Any, longitude: Any
) -> ColumnElement[bool]:
    """Points within the fences' boxes: the database narrows a station's thousands of
    points to the few near the area, and `inside_any` then tests those exactly."""
    boxes = [fence.bounds() for fence in fences]
    return or_(
        *(
            col(latitude).between(box.south, box.north) & col(longitude).between(box.west, box.east)
            for box in boxes
        )
    )


async def _fence_beats(session: AsyncSession, audience: Audience, beats: set[int]) -> set[int]:
    """The beats a drawn area falls in: those of the venues inside it, of any kind. Beats
    have no outline of their own, so their venues are how the map knows them."""
    if not audience.fences:
        return set()
    rows = await session.exec(
        select(Venue.beat_id, Venue.latitude, Venue.longitude).where(
            col(Venue.beat_id).in_(sorted(beats)),
            _near(audience.fences, Venue.latitude, Venue.longitude),
        )
    )
    return {
        beat_id
        for beat_id, lat, lon in rows.all()
        if inside_any((lat, lon), audience.fences)  # type: ignore[arg-type]
    }


async def _subscribers(session: AsyncSession, audience: Audience, beats: set[int]) -> list[Target]:
    if not audience.subscribers:
        return []
    # A resident who subscribed by naming a beat has no point to test against a circle:
    # the circle reaches them when it falls in their beat (本警务区+群众 did, and
    # 场所 1公里+群众 reached no one), and the officer's count says so, since they may live
    # far from it. One who shared a location is told only when inside.
    query = (
        select(AlertSubscription, Account, Beat.name)
        .join(Account, col(Account.id) == col(AlertSubscription.account_id))
        .join(Beat, col(Beat.id) == col(AlertSubscription.beat_id))
        .where(col(AlertSubscription.beat_id).in_(sorted(beats)))
    )
    if audience.fences:
        area_beats = set(audience.beats) | await _fence_beats(session, audience, beats)
        # Those of the area's beats, and those whose point is near it: the rest of a
        # station's residents cannot be reached, and are not read.
        near = _near(audience.fences, AlertSubscription.latitude, AlertSubscription.longitude)
        query = query.where(or_(col(AlertSubscription.beat_id).in_(sorted(area_beats)), near))
    else:
        area_beats = set(audience.beats) or beats
    targets = []
    for sub, account, beat_name in (await session.exec(query)).all():
        located = sub.latitude is not None and sub.longitude is not None
        if audience.fences and located:
            point = (sub.latitude, sub.longitude)
            inside = inside_any(point, audience.fences)  # type: ignore[arg-type]
            reached = inside or sub.beat_id in audience.beats
        else:
            reached = sub.beat_id in area_beats
        if reached:
            targets.append(
                Target(
                    account.channel,
                    account.channel_user_id,
                    RecipientKind.SUBSCRIBER,
                    "订阅群众",
                    person_id=sub.person_id,
                    beat_ids={sub.beat_id},
                    subscribed_beat=beat_name if _by_beat_alone(audience, sub, located) else "",
                )
            )
    return targets


def _by_beat_alone(audience: Audience, sub: AlertSubscription, located: bool) -> bool:
    """Whether a subscriber is counted for a drawn area only through the beat they named:
    not those of a beat the officer chose as well (城东警务区+悦来旅馆 500米+群众), whom the
    alert is meant for wherever they live."""
    return bool(audience.fences) and not located and sub.beat_id not in audience.beats


async def venues_in(session: AsyncSession, audience: Audience, station_id: int) -> list[Venue]:
    """The venues the audience picks within the station (what its owners are reached for)."""
    beats = await station_beat_ids(session, station_id)
    return await _venues(session, audience, beats) if beats else []


async def resolve(
    session: AsyncSession, channels: Channels, audience: Audience, station_id: int
) -> list[Target]:
    """The audience's chats within the station, one per person and one per chat, each
    person on the account `channels` say reaches them surest."""
    beats = await station_beat_ids(session, station_id)
    if not beats:
        return []
    venues = await _venues(session, audience, beats)
    owners = await _owners(session, channels, venues)
    groups = await _groups(session, audience, beats, venues)
    residents = await _subscribers(session, audience, beats)
    people: set[int] = set()
    chats: dict[tuple[str, str], Target] = {}
    # Owners before subscribers: someone who is both is told as the owner.
    for target in [*owners, *groups, *residents]:
        if target.person_id is not None:
            if target.person_id in people:
                continue
            people.add(target.person_id)
        if target.key in chats:
            chats[target.key].beat_ids |= target.beat_ids
            continue
        chats[target.key] = target
    return list(chats.values())
