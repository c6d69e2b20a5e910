"""A venue owner's sighting "就在我店里": the place is the owner's venue, named.

An owner who saw a wanted person at their own hotel says so in their own words (本店, 店里,
我们旅馆); the officer had read 「地点：就在我店里」 with no beat and had to ask which shop.
The owner's venues are given to the sighting form when it starts, and such words are read
as the venue: its name, address and plate number are added to the place, where the owner
sees them at 核对 before anything is sent, and the tip is placed on the venue's beat.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Context
from bot.forms import FormEnv
from bot.validators import Invalid
from handlers.services.places import parse_place, resolve_place
from handlers.services.venues import owned_venues
from knowledge.faq import PLACE_WORDS
from storage.models import Person, VenueKind

#: The prefilled answer holding the owner's venues (see `venues_of`).
OWN_VENUES = "own_venues"

#: Words for the speaker's own venue. Not 我家 alone: that is where the owner lives; 店里
#: and 前台 only as the whole place said (就在店里), not 隔壁便利店里.
_OWN = re.compile(
    r"本(?:店|旅馆|宾馆|酒店|民宿|出租屋)|^(?:就|是)?在?(?:店里|前台|大堂)|咱们?(?:店|这)"
    r"|我们?(?:的|家)?(?:店|旅馆|宾馆|酒店|民宿|出租屋|出租房|房子|楼里)|我们?这(?!个|些|种|样)"
)

#: Words that tell one kind of the owner's venues from another (旅馆 or 民宿): the words
#: naming the place (the legal answers' too), and for a rental its house and its tenants
#: (我们房子里, 租客屋里), which no hotel has. Only the kinds that lodge people: `_OWN`
#: names no other (a shop is only 店, as every place is).
_KIND_WORDS = {
    kind.value: PLACE_WORDS[kind.value]
    + (("房子", "租户", "租客") if kind is VenueKind.RENTAL else ())
    for kind in VenueKind
    if kind.takes_guests or kind is VenueKind.RENTAL
}


async def venues_of(session: AsyncSession, person: Person) -> list[dict[str, str]]:
    """The owner's venues as the form keeps them: name, kind, and the words naming them."""
    found = []
    for venue in await owned_venues(session, person.id):
        parts = [venue.name, venue.address, f"门牌号 {venue.plate}" if venue.plate else ""]
        found.append(
            {
                "name": venue.name,
                "kind": venue.kind.value,
                "where": "，".join(p for p in parts if p),
            }
        )
    return found


def _meant(venues: list[dict[str, str]], text: str) -> list[dict[str, str]]:
    """The venues `text` can mean: those it names, else those of the kind it names."""
    named = [v for v in venues if v["name"] in text]
    if named or len(venues) == 1:
        return named or venues
    return [v for v in venues if any(w in text for w in _KIND_WORDS.get(v["kind"], ()))]


def parse_sighting_place(text: str, env: FormEnv) -> dict[str, Any]:
    """The place as typed (or shared); an owner's "我店里" with their venue added."""
    place = parse_place(text, env)
    venues: list[dict[str, str]] = env.answers.get(OWN_VENUES) or []
    typed = place.get("text", "")
    if not venues or not typed or not _OWN.search(typed):
        return place
    meant = _meant(venues, typed)
    if len(meant) != 1:
        names = "、".join(v["name"] for v in venues)
        raise Invalid(
            f"您负责的场所有{names}，请说明是在哪一家（如「在{venues[0]['name']}」），"
            "或直接输入地址。"
        )
    return {"text": f"{typed}（{meant[0]['where']}）"}


async def own_venue_named(session: AsyncSession, person: Person, venue_id: int | None) -> str:
    """The name of the sender's own venue, if their tip is placed there ('' if not): that
    venue tells the officer who is tipping, however anonymous the tip is otherwise."""
    if venue_id is None:
        return ""
    owned = await owned_venues(session, person.id)
    return next((venue.name for venue in owned if venue.id == venue_id), "")


async def own_venue_note(ctx: Context, answers: Mapping[str, Any]) -> str:
    """The tip form's line before 确认 when the place is one of the sender's own venues:
    the receipt had been the first to say that the venue tells the officer who tipped,
    after the tip was sent."""
    if not answers.get("place"):
        return ""
    venue = (await resolve_place(ctx.session, answers["place"])).venue
    name = await own_venue_named(ctx.session, ctx.person, venue.id if venue else None)
    if not name:
        return ""
    return (
        f"请注意：线索地点是您的场所「{name}」，即使匿名，民警也能由此知道线索来自贵场所。"
        "不想这样可以回复「修改 地点」。"
    )
