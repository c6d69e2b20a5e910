"""The room an owner names (302, 3O2房, 桂花轩), read the same way by every path that takes
one: 退房, 续住, 仍在住, 房间住客, 更正登记, and the offers made of a sentence.

A homestay may register a room by its name (`bot.validators.rooms.parse_room_name`), and
退房 桂花轩 then found it, but 桂花轩的客人走了 had been offered a bare 退房, 更正登记 桂花轩
told 房间号只能包含数字, and 房间住客 and 仍在住 read numbers only: each path read rooms with
its own pattern of digits. A name is known by the rooms in the house, so they are read here
once and handed to `room_of` (a command's word) and `rooms_in` (a sentence).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from sqlmodel import col, select

from bot.context import Context
from bot.router import Suggestion
from bot.validators.rooms import is_room_name, parse_room, parse_room_name, room_of, rooms_in
from handlers.services.venues import GUEST_KINDS, owned_venues
from storage.models import GuestStay, Venue, VenueKind


@dataclass(frozen=True)
class HouseRooms:
    """The rooms of the owner's guests in the house, and whether a room may be a name."""

    rooms: tuple[str, ...]
    #: The owner has a homestay, whose rooms may be registered by name.
    names: bool

    def read(self, word: str) -> str:
        """The room a command's word names (退房 桂花轩, 仍在住 302); raises `Invalid`."""
        return self.as_in_house(room_of(word, self.rooms, names=self.names))

    def said(self, text: str) -> list[str]:
        """The rooms a sentence names, in order (桂花轩的客人走了: 桂花轩)."""
        return list(dict.fromkeys(self.as_in_house(r) for r in rooms_in(text, self.rooms)))

    def as_in_house(self, room: str) -> str:
        """`room` as a guest's room is registered, its - and spaces aside: A2退房了 is
        A-2's check-out (it had got A2 房间没有在住旅客)."""
        if room in self.rooms:
            return room
        bare = _bare(room)
        return next((r for r in self.rooms if _bare(r) == bare), room)

    def named_in(self, text: str) -> list[str]:
        """The rooms `text` names, when one of them is a room's name (桂花轩的客人走了);
        else none, and an offer keeps the number its router found in the sentence."""
        rooms = self.said(text)
        return rooms if any(is_room_name(r) for r in rooms) else []


def _bare(room: str) -> str:
    return re.sub(r"[-\s－—]", "", room).upper()


def house_rooms_of(venues: Iterable[Venue], stays: Iterable[GuestStay]) -> HouseRooms:
    """`HouseRooms` of what a handler has already read: the owner's places and guests."""
    return HouseRooms(
        tuple(dict.fromkeys(s.room for s in stays)),
        any(v.kind is VenueKind.HOMESTAY for v in venues),
    )


async def house_rooms(ctx: Context) -> HouseRooms:
    """The owner's rooms with guests in the house, read for one message."""
    venues = await owned_venues(ctx.session, ctx.person.id, GUEST_KINDS)
    rows = await ctx.session.exec(
        select(GuestStay.room)
        .where(
            col(GuestStay.venue_id).in_([v.id for v in venues]),
            col(GuestStay.checked_out_at).is_(None),
        )
        .distinct()
    )
    return HouseRooms(tuple(rows.all()), any(v.kind is VenueKind.HOMESTAY for v in venues))


def new_room(word: str, venue: Venue | None) -> str:
    """A room a guest moves to (更正登记 桂花轩 二楼东间), read as the registration form
    reads the room of that place: at a homestay a name too."""
    if venue is not None and venue.kind is VenueKind.HOMESTAY:
        return parse_room_name(word)
    return parse_room(word)


async def offer_named_room(ctx: Context, offer: Suggestion) -> Suggestion:
    """The offer with the room the sentence names by name (桂花轩的客人还在住吗: 仍在住
    桂花轩), where it had been offered without one."""
    rooms = (await house_rooms(ctx)).named_in(ctx.inbound.text)
    if not rooms:
        return offer
    command = offer.typed.split(maxsplit=1)[0]
    return replace(offer, typed=f"{command} {rooms[0]}")
