"""Find beats and venues by what an operator types: a code, an id, a plate or a name."""

from __future__ import annotations

from sqlmodel import col, or_, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.services.numbers import record_number
from storage.models import Beat, Venue


class NotFound(Exception):
    pass


async def find_beat(session: AsyncSession, key: str) -> Beat:
    query = select(Beat).where(or_(Beat.code == key, Beat.name == key))
    beat = (await session.exec(query)).first()
    if beat is None and (number := record_number(key)) is not None:
        beat = await session.get(Beat, number)
    if beat is None:
        # 城东 for 城东警务区: a part of one name is enough.
        partial = select(Beat).where(col(Beat.name).contains(key, autoescape=True))
        found = (await session.exec(partial.order_by(col(Beat.id)))).all()
        if len(found) > 1:
            several = ", ".join(f"{b.name} ({b.code})" for b in found)
            raise NotFound(f"{key!r} is part of several beats' names: {several}; give the code")
        beat = found[0] if found else None
    if beat is None:
        beats = (await session.exec(select(Beat).order_by(col(Beat.id)))).all()
        known = ", ".join(f"{b.name} ({b.code})" for b in beats) or (
            "none yet (add one: jingmin beat add --station CODE --code east --name 城东警务区)"
        )
        raise NotFound(f"no beat with code, name or id {key!r}; beats: {known}")
    return beat


class Ambiguous(NotFound):
    """A name several venues share: the operator has to give an id or a plate instead."""

    def __init__(self, key: str, candidates: list[tuple[Venue, str]]) -> None:
        self.key = key
        #: (venue, its beat's name), in id order.
        self.candidates = candidates
        super().__init__(self.text())

    def text(self, option: str = "") -> str:
        """The message; with `option` (`--venue`), an example of giving the first id."""
        example = f" (e.g. {option} {self.candidates[0][0].id})" if option else ""
        lines = [
            f"    id {v.id}, plate {v.plate or '-'}, {v.address or 'no address'}, {beat}"
            for v, beat in self.candidates
        ]
        head = f"{len(self.candidates)} venues are named {self.key!r}; give the id or plate"
        return "\n".join([f"{head} instead{example}:", *lines])


async def find_venue(session: AsyncSession, key: str) -> Venue:
    """The venue with plate, exact name or id `key`. `Ambiguous` when several venues share
    the name: picking one of them would silently pick the wrong one."""
    venue = (await session.exec(select(Venue).where(Venue.plate == key))).first()
    if venue is None:
        named = (
            await session.exec(select(Venue).where(Venue.name == key).order_by(col(Venue.id)))
        ).all()
        if len(named) > 1:
            query = select(Beat).where(col(Beat.id).in_({v.beat_id for v in named}))
            beats = {b.id: b.name for b in (await session.exec(query)).all()}
            raise Ambiguous(key, [(v, beats.get(v.beat_id, "?")) for v in named])
        venue = named[0] if named else None
    if venue is None and (number := record_number(key)) is not None:
        venue = await session.get(Venue, number)
    if venue is None:
        raise NotFound(f"no venue with id, plate or name {key!r}")
    return venue
