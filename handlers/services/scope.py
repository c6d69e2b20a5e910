"""What an officer may see: the beats and venues of their own station.

The station rule itself is `handlers.services.station_scope`; this module turns it into the
set of beats a venue query is limited to.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import Select
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Context
from bot.messages import Button, Choices, Reply, Text
from bot.sounds import syllables
from handlers.services.numbers import plate_number, record_number
from handlers.services.station_scope import sees_everything
from storage.models import Beat, Person, Venue

#: None: no restriction (an admin of no particular station).
BeatScope = frozenset[int] | None
Q = TypeVar("Q", bound=Select[*tuple[Any, ...]])


async def station_beats(session: AsyncSession, person: Person) -> BeatScope:
    if sees_everything(person):
        return None
    if person.station_id is None:
        return frozenset()
    rows = await session.exec(select(Beat.id).where(Beat.station_id == person.station_id))
    return frozenset(beat_id for beat_id in rows.all() if beat_id is not None)


def visible(scope: BeatScope, beat_id: int) -> bool:
    return scope is None or beat_id in scope


def restrict(query: Q, scope: BeatScope) -> Q:
    """Add `venue.beat_id IN scope` to a query that selects or joins `Venue`."""
    if scope is None:
        return query
    return query.where(col(Venue.beat_id).in_(sorted(scope)))


class Ambiguous(str):
    """What `resolve_venue` says of a name several venues answer to, with those venues."""

    venues: tuple[Venue, ...]
    key: str

    def __new__(cls, text: str, key: str, venues: Sequence[Venue]) -> Ambiguous:
        said = super().__new__(cls, text)
        said.key, said.venues = key, tuple(venues)
        return said


def unresolved(ctx: Context, explained: str, after: str = "") -> Reply:
    """`explained` (from `resolve_venue`), then the line `after`, as the officer's reply:
    when several venues answer to the name, a button per venue repeats the command with
    that venue (the list alone had left them to type it again with the number)."""
    text = f"{explained}\n{after}" if after else str(explained)
    found = explained if isinstance(explained, Ambiguous) else None
    if found is None or ctx.match is None or not ctx.match.route.commands:
        return Text(text)
    args = ctx.match.args
    if found.key not in args:
        return Text(text)
    command = f"/{ctx.match.route.commands[0]}"
    buttons = tuple(
        Button(f"#{v.id} {v.name}", f"{command} {args.replace(found.key, f'#{v.id}', 1)}")
        for v in found.venues
    )
    return Choices(text, buttons)


#: Words for a kind of place that name the same place when one is typed for another
#: (悦来旅店 for 悦来旅馆): longer words first, since one may end another.
_KIND_WORDS = (
    ("便利店", "shop"),
    ("旅店", "lodging"),
    ("旅馆", "lodging"),
    ("宾馆", "lodging"),
    ("酒店", "lodging"),
    ("客栈", "lodging"),
    ("超市", "shop"),
    ("商店", "shop"),
)
#: A name said with fewer syllables than this (the kind word aside) is too short to guess at.
_SOUNDED = 2


def _sounds(name: str) -> tuple[str, ...]:
    """A name as it sounds, its kind word as its kind (悦来旅店: yue, lai, <lodging>)."""
    for word, kind in _KIND_WORDS:
        before, found, after = name.partition(word)
        if found:
            return (*syllables(before), f"<{kind}>", *syllables(after))
    return syllables(name)


def _within(part: tuple[str, ...], whole: tuple[str, ...]) -> bool:
    return any(whole[at : at + len(part)] == part for at in range(len(whole) - len(part) + 1))


async def _sounding_alike(session: AsyncSession, scope: BeatScope, key: str) -> list[Venue]:
    """The venues a name no venue has may have been meant for: the same sound (越来 for
    悦来旅馆, typed with a pinyin keyboard) or another word for its kind (悦来旅店).
    Asked only when nothing else answers, so the names' sounds are read then."""
    said = _sounds(key)
    if sum(not s.startswith("<") for s in said) < _SOUNDED:
        return []
    # Names only: a station's venues are many, and few of them are meant.
    names = restrict(select(Venue.id, Venue.name), scope).order_by(col(Venue.id))
    meant = [i for i, name in (await session.exec(names)).all() if _within(said, _sounds(name))]
    if not meant:
        return []
    chosen = select(Venue).where(col(Venue.id).in_(meant[:5])).order_by(col(Venue.id))
    return list((await session.exec(chosen)).all())


def _clean(key: str) -> str:
    return key.strip().removeprefix("#").removeprefix("＃").strip()


async def resolve_venue(session: AsyncSession, scope: BeatScope, key: str) -> Venue | str:
    """The venue an officer names by plate, id or name; otherwise a Chinese explanation.

    Six digits are a plate (20000l too: see `plate_number`); other digits an id; anything
    else an exact name, then a unique part of a name. Venues of other stations are treated
    as unknown.
    """
    key = _clean(key)
    if not key:
        return "请写明场所：门牌号、场所编号或名称。"
    found: Sequence[Venue] = []
    if (plate := plate_number(key)) is not None:
        by_plate = restrict(select(Venue).where(Venue.plate == plate), scope)
        found = (await session.exec(by_plate)).all()
    if not found and (number := record_number(key)) is not None:
        venue = await session.get(Venue, number)
        found = [venue] if venue is not None and visible(scope, venue.beat_id) else []
    if not found:
        exact = restrict(select(Venue).where(Venue.name == key), scope)
        found = (await session.exec(exact.limit(6))).all()
    if not found:
        partial = select(Venue).where(col(Venue.name).contains(key, autoescape=True))
        found = (
            await session.exec(restrict(partial, scope).order_by(col(Venue.id)).limit(6))
        ).all()
    if len(found) == 1:
        return found[0]
    if not found:
        unknown = f"没有找到场所「{key}」。"
        meant = await _sounding_alike(session, scope, key)
        if meant:
            # Offered, never taken: the officer says which (the buttons of `unresolved`).
            names = "、".join(f"「{v.name}」" for v in meant)
            return Ambiguous(f"{unknown}您是想找{names}吗？", key, meant)
        return f"{unknown}可用门牌号、场所编号或名称查找。"
    lines = [f"「{key}」对应多个场所，请用编号或门牌号指明："]
    lines.extend(f"#{v.id}　{v.name}　{v.plate or ''}　{v.address}".rstrip() for v in found[:5])
    return Ambiguous("\n".join(lines), key, found[:5])
