"""What the offers of 退房, 续住 and 登记 keep of the sentence they were offered for: the
room by its name, the guest named, the length, a foreign guest's passport."""

from __future__ import annotations

from dataclasses import replace

from bot.context import Context
from bot.forms.clock import local_time
from bot.router import Suggestion
from handlers.registration import checkout_rooms, departures
from handlers.registration.guest_labels import named_in
from handlers.registration.house_guests import my_places, staying_in
from handlers.registration.house_rooms import house_rooms, house_rooms_of
from handlers.registration.stay_words import extension_said, guest_named

#: 老外, 外国人, 外籍: a foreign guest said in words, registered on a passport.
_FOREIGN_WORDS = ("老外", "外国", "外籍")


async def extension_named(ctx: Context, offer: Suggestion) -> Suggestion:
    """302的客人再住一晚: the offer keeps the length (续住 302 一晚 had been 续住 302, which
    then asked how long again); 桂花轩的客人再住一晚: the room by its name."""
    if (departing := await _departures_said(ctx, offer)) is not None:
        return departing
    house = await house_rooms(ctx)
    command = offer.typed.split(maxsplit=1)[0]
    if rooms := house.named_in(ctx.inbound.text):
        offer = replace(offer, typed=f"{command} {rooms[0]}")
    room = offer.typed.removeprefix("/").partition(" ")[2]
    # 305的张伟要多住两天: only 张伟 stays on (his roommate had been extended too).
    named = guest_named(ctx.inbound.text, house)
    if not named and (found := await _guest_said(ctx, room.split()[0] if room else None)):
        # 张伟再住两天，他老婆明天走: the guest named, and so the room, by the name's
        # blind index (续住 alone had asked for the room).
        offer, named = replace(offer, typed=f"{command} {found[0]}"), found[1]
    elif not room:
        return offer  # no room said: the length waits for 续住's own question
    length = extension_said(ctx.inbound.text, local_time(ctx).date())
    if length is None and not named:
        return offer
    return replace(offer, typed=" ".join(w for w in (offer.typed, length or "", named) if w))


async def _departures_said(ctx: Context, offer: Suggestion) -> Suggestion | None:
    """李强也退了，还有302那父子俩明天才走, and 302明天才走，李强退了: a check-out and a new
    day said together are offered together (`departures.said_apart`), whichever feature's
    words were read first; None when the sentence says no such pair."""
    venues = await my_places(ctx)
    stays = await staying_in(ctx, venues)
    house = house_rooms_of(venues.values(), stays)
    today = local_time(ctx).date()
    parts = departures.said_apart(ctx.inbound.text, stays, house, ctx.services.blind_index, today)
    if not parts:
        return None
    return replace(offer, typed=departures.offer_typed(parts), at_once=True)


async def passport_for_foreigner(ctx: Context, offer: Suggestion) -> Suggestion:
    """来了个老外: the check-in offered with the passport chosen, as 登记 护照 starts it
    (a foreign guest registers on a passport; the form asks the name, then its number)."""
    said = ctx.inbound.text
    if " " in offer.typed.strip() or not any(word in said for word in _FOREIGN_WORDS):
        return offer
    return replace(offer, typed=f"{offer.typed} 护照")


async def checkout_named(ctx: Context, offer: Suggestion) -> Suggestion:
    """305的张伟明天走: the offer is 退房 305 张伟 (退房 305 had then asked which guest);
    101和203都退房了: 退房 101 203 (203 had been dropped); 桂花轩的客人走了: 退房 桂花轩
    (a bare 退房 had asked which room)."""
    if (departing := await _departures_said(ctx, offer)) is not None:
        return departing  # 303明天走，302退房了: 303 is no check-out now
    house = await house_rooms(ctx)
    offer = checkout_rooms.offer_rooms(ctx.inbound.text, offer, house)
    said = offer.typed.removeprefix("/").split()[1:]
    if len(said) > 1:
        return offer  # several rooms: no one guest of a room
    if said and (named := guest_named(ctx.inbound.text, house)):
        return replace(offer, typed=f"{offer.typed} {named}")
    # 张伟先走了，老婆孩子还住 had been offered a bare 退房, which started over: the guest
    # named, and so the room, by the name's blind index.
    found = await _guest_said(ctx, said[0] if said else None)
    if found is None:
        return offer
    command = offer.typed.split(maxsplit=1)[0]
    return replace(offer, typed=" ".join(w for w in (command, *found) if w))


async def _guest_said(ctx: Context, room: str | None) -> tuple[str, str] | None:
    """(room, full name) of the one guest in the house (in `room`, if said) whom the
    sentence names (张伟 of 张伟先走了，老婆孩子还住); the name "" when it names several
    of one room; None when it names none, or guests of several rooms."""
    venues = await my_places(ctx)
    stays = [s for s in await staying_in(ctx, venues) if room is None or s.room == room]
    found = named_in(ctx.inbound.text, stays, ctx.services.blind_index)
    rooms = {s.room for _, s in found}
    if len(rooms) != 1:
        return None
    names = {name for name, _ in found}
    return rooms.pop(), names.pop() if len(names) == 1 else ""


async def undo_named(_ctx: Context, offer: Suggestion) -> Suggestion:
    """不对 是303退房 退错了: 303 is the room meant, not the check-out undone; the offer is
    named 撤销退房 alone (its question says what to do for 303)."""
    return replace(offer, shown="撤销退房")
