"""Venue look-ups shared by handlers and the CLI."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from sqlalchemy import bindparam
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Context
from storage.models import Role, Venue, VenueKind, VenueOwner

GUEST_KINDS = tuple(k for k in VenueKind if k.takes_guests)

# Built once: every registration asks it, and building a statement costs more than running
# it. The kinds are picked in Python: an owner has a handful of venues.
_OWNED = (
    select(Venue)
    .join(VenueOwner, col(VenueOwner.venue_id) == col(Venue.id))
    .where(col(VenueOwner.person_id) == bindparam("person_id"))
    .order_by(col(Venue.id))
)


async def owned_venues(
    session: AsyncSession, person_id: int | None, kinds: Iterable[VenueKind] | None = None
) -> list[Venue]:
    venues = (await session.exec(_OWNED, params={"person_id": person_id})).all()
    if kinds is None:
        return list(venues)
    wanted = set(kinds)
    return [v for v in venues if v.kind in wanted]


async def owned_venue(
    session: AsyncSession, person_id: int | None, venue_id: object, kinds: Iterable[VenueKind]
) -> Venue | None:
    """The venue, if `person_id` still owns it and it is of one of `kinds`."""
    return next(
        (v for v in await owned_venues(session, person_id, kinds) if v.id == venue_id), None
    )


def venue_label(venue: Venue) -> str:
    """A venue as officers know it: its name, with its plate number when it has one
    (幸福里3号（门牌100001）). Its id is the database's, not a number anyone goes by."""
    return venue.name + (f"（门牌{venue.plate}）" if venue.plate else "")


def venue_labels(venues: Iterable[Venue]) -> dict[int | None, str]:
    """Each of `venues` (by id) as a list of them shows it: `venue_label`, and where two
    would read the same (two 如家酒店 with no plate), its address and the number a command
    takes (/风险 #12), which tell them apart."""
    by_id = {v.id: v for v in venues}
    counts = Counter(venue_label(v) for v in by_id.values())
    labels = {}
    for venue_id, venue in by_id.items():
        label = venue_label(venue)
        if counts[label] > 1:
            label += f"（{venue.address}，#{venue_id}）" if venue.address else f"（#{venue_id}）"
        labels[venue_id] = label
    return labels


def role_title(role: Role, venues: Iterable[Venue]) -> str:
    """The sender's role as people call it: 房东 for an owner of rented houses only, else
    the role's label (场所负责人, 群众, 民警)."""
    kinds = {v.kind for v in venues}
    if role is Role.OWNER and kinds == {VenueKind.RENTAL}:
        return "房东"
    return role.label


async def owner_kinds(ctx: Context) -> set[VenueKind] | None:
    """The kinds of place an owner has (what their help, hints and legal answers cover);
    None for others.

    Read once a message: its help, hints, legal answer and 没有理解 all ask. A binding
    made or undone in the message (an invite code redeemed) is seen: its writer calls
    `bindings_changed`, which changes the version the read is kept under."""
    if ctx.role is not Role.OWNER:
        return None
    read_for = (ctx.person.id, ctx.session.info.get(_BINDINGS_VERSION, 0))
    if ctx.owner_kinds_read is None or ctx.owner_kinds_read[0] != read_for:
        venues = await owned_venues(ctx.session, ctx.person.id, tuple(VenueKind))
        ctx.owner_kinds_read = (read_for, frozenset(v.kind for v in venues))
    return set(ctx.owner_kinds_read[1])


#: `Session.info` key: how many venue bindings this session has added or deleted.
_BINDINGS_VERSION = "venue_bindings_version"


def bindings_changed(session: AsyncSession) -> None:
    """Say that `session` added or deleted a venue binding (`VenueOwner`): an owner's
    kinds read earlier in the message are read again. Whoever writes bindings calls it."""
    session.info[_BINDINGS_VERSION] = session.info.get(_BINDINGS_VERSION, 0) + 1
