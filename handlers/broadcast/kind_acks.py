"""Acknowledgements of an alert by kind of venue (旅馆 5/7，小网吧 2/3).

An alert to several kinds is one broadcast (a beat's daily alert, 旅馆和网吧), and its
recipients are chats, stored with no kind: 已确认收到 7/10 did not say that the hotels had
all read it and the internet cafés had not. A recipient's kind is read when asked: an
owner's from the venues they own (of the kinds the alert was for), a group's from the kind
or the venue it is bound to. A group of a whole beat has no kind and is left out here.
"""

from __future__ import annotations

from collections import defaultdict

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.broadcast.audience import Audience
from handlers.broadcast.figures import can_ack
from handlers.broadcast.revise import recipients
from handlers.broadcast.targets import station_beat_ids
from storage.models import Broadcast, ChatGroup, RecipientKind, Venue, VenueKind, VenueOwner


async def kind_acks(
    session: AsyncSession, broadcast: Broadcast
) -> list[tuple[VenueKind, int, int]]:
    """(kind, acknowledged, can acknowledge) of each kind of venue the alert reached, in
    the kinds' order; nothing when it reached fewer than two kinds."""
    assert broadcast.id is not None
    ackable = [r for r in await recipients(session, broadcast.id) if can_ack(r)]
    wanted = set(Audience.from_json(broadcast.audience).kinds) or set(VenueKind)
    owners = {r.person_id for r in ackable if r.kind is RecipientKind.OWNER and r.person_id}
    groups = {r.group_id for r in ackable if r.kind is RecipientKind.GROUP and r.group_id}
    owned: dict[int, set[VenueKind]] = defaultdict(set)
    if owners:
        beats = await station_beat_ids(session, broadcast.station_id)
        rows = await session.exec(
            select(VenueOwner.person_id, Venue.kind)
            .join(Venue, col(Venue.id) == col(VenueOwner.venue_id))
            .where(col(VenueOwner.person_id).in_(owners), col(Venue.beat_id).in_(beats))
        )
        for person_id, owned_kind in rows.all():
            owned[person_id].add(VenueKind(owned_kind))
    bound: dict[int, VenueKind] = {}
    if groups:
        rows_g = await session.exec(
            select(ChatGroup.id, ChatGroup.venue_kind, Venue.kind)
            .outerjoin(Venue, col(Venue.id) == col(ChatGroup.venue_id))
            .where(col(ChatGroup.id).in_(groups))
        )
        for group_id, group_kind, venue_kind in rows_g.all():
            if group_id is not None and (kind := venue_kind or group_kind):
                bound[group_id] = VenueKind(kind)
    counts: dict[VenueKind, list[int]] = defaultdict(lambda: [0, 0])
    for recipient in ackable:
        if recipient.kind is RecipientKind.OWNER:
            kinds = owned.get(recipient.person_id or 0, set()) & wanted
        else:
            group = bound.get(recipient.group_id or 0)
            kinds = {group} if group is not None else set()
        for kind in kinds:
            counts[kind][1] += 1
            counts[kind][0] += int(recipient.acked_at is not None)
    if len(counts) < 2:
        return []
    return [(kind, counts[kind][0], counts[kind][1]) for kind in VenueKind if kind in counts]


def kind_line(found: list[tuple[VenueKind, int, int]], chats: int = 0) -> str:
    """旅馆 5/7，小网吧 2/3: what `kind_acks` found, as the status says it. `chats`, the
    total it stands beside (已确认收到 3/3): when the kinds count more than that, someone
    runs places of several kinds, and the line says so (旅馆 1/1，民宿 1/1，出租屋 1/1，
    小网吧 1/1 under 3/3 had read as a sum gone wrong)."""
    line = "，".join(f"{kind.label} {acked}/{of}" for kind, acked, of in found)
    if found and sum(of for _, _, of in found) > chats > 0:
        line += "；有负责人同管几类场所，各类分别计入"
    return line
