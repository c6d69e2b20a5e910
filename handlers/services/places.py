"""Where something happened, as a chat user can say it, and whose beat that is.

A user may share a location, name a venue (its name or a rental house's 6-digit plate), or
type an address. The form keeps what they said; `resolve_place` then finds the venue it
names or the nearest venue to the shared point, and so the beat and station to route to.
Without either, the item goes to the home station (see `handlers.services.recipients`).
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, literal
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.forms import FormEnv, FormField
from bot.validators.text import parse_free_text
from handlers.services.place_words import Parser, pointing_back
from handlers.services.recipients import home_station_id
from storage.models import Beat, Venue

PLACE_PROMPT = "事情发生在哪里？可以直接发送位置，或输入场所名称、出租屋6位门牌号或详细地址："
#: Beyond this a shared point is not "at" any venue we know, and only the station is told.
NEAREST_VENUE_METRES = 3000.0
#: Names and addresses shorter than this match too much by accident.
_MIN_MATCH = 3
_PLATE = re.compile(r"(?<!\d)(\d{6})(?!\d)")
_EARTH_METRES = 6_371_000.0


def parse_place(text: str, env: FormEnv) -> dict[str, Any]:
    """A shared location (with the text as its label if any), or the text as typed."""
    if env.location is not None:
        loc = env.location
        label = (text.strip() or loc.label)[:100]
        return {"lat": round(loc.latitude, 6), "lon": round(loc.longitude, 6), "label": label}
    return {"text": parse_free_text(text, max_length=200)}


def show_place(value: Any) -> str:
    if not value:
        return "（未填）"
    if "lat" in value:
        label = f"（{value['label']}）" if value.get("label") else ""
        return f"已发送定位{label}"
    return str(value["text"])


#: Earlier answers a place question's 上面说了 points back to: a tip's description, a
#: report's story.
EARLIER = ("text", "story")


def place_field(
    name: str = "place",
    label: str = "地点",
    *,
    optional: bool = False,
    parse: Parser = parse_place,
) -> FormField:
    """The place question; 上面说了啊 幸福里5栋 is 幸福里5栋 there, and 上面说了 alone the
    place the description named (`place_words.pointing_back`)."""
    return FormField(
        name,
        label,
        PLACE_PROMPT,
        pointing_back(parse, EARLIER, optional=optional),
        optional=optional,
        show=show_place,
        accepts_location=True,
    )


@dataclass(frozen=True)
class Placement:
    station_id: int
    beat_id: int | None
    venue: Venue | None
    #: What an officer reads: the user's words, and the venue or distance we matched.
    description: str


def _metres(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_METRES * math.asin(math.sqrt(a))


async def _named_venue(session: AsyncSession, text: str) -> Venue | None:
    plate = _PLATE.search(text)
    if plate:
        # \d also matches full-width digits (１０００01): the plate is stored in ASCII.
        number = unicodedata.normalize("NFKC", plate.group(1))
        venue = (await session.exec(select(Venue).where(Venue.plate == number))).first()
        if venue is not None:
            return venue
    # The venue whose name or address the text contains; the longest match is the best.
    # Spaces do not count on either side: 幸福里3号楼下 is at 「幸福里 3 号」.
    typed = re.sub(r"\s", "", unicodedata.normalize("NFKC", text))
    for column in (col(Venue.name), col(Venue.address)):
        packed = func.replace(func.replace(column, " ", ""), "\u3000", "")
        query = (
            select(Venue)
            .where(func.length(packed) >= _MIN_MATCH, literal(typed).contains(packed))
            .order_by(func.length(packed).desc(), col(Venue.id))
            .limit(1)
        )
        venue = (await session.exec(query)).first()
        if venue is not None:
            return venue
    return None


async def _nearest_venue(session: AsyncSession, lat: float, lon: float) -> tuple[Venue, float]:
    # A bounding box first, so only venues nearby are read.
    dlat = NEAREST_VENUE_METRES / 111_000
    dlon = dlat / max(math.cos(math.radians(lat)), 0.01)
    rows = (
        await session.exec(
            select(Venue).where(
                col(Venue.latitude).between(lat - dlat, lat + dlat),
                col(Venue.longitude).between(lon - dlon, lon + dlon),
            )
        )
    ).all()
    scored = [(_metres(lat, lon, v.latitude or 0.0, v.longitude or 0.0), v) for v in rows]
    best = min(scored, key=lambda pair: (pair[0], pair[1].id or 0), default=None)
    if best is None or best[0] > NEAREST_VENUE_METRES:
        raise LookupError
    return best[1], best[0]


async def resolve_place(session: AsyncSession, place: dict[str, Any] | None) -> Placement:
    venue: Venue | None = None
    if not place:
        description = "（未说明地点）"
    elif "lat" in place:
        label = f"{place['label']}，" if place.get("label") else ""
        description = f"{label}定位 {place['lat']:.5f}, {place['lon']:.5f}"
        try:
            venue, metres = await _nearest_venue(session, place["lat"], place["lon"])
            description += f"（距{venue.name}约{round(metres, -1):.0f}米）"
        except LookupError:
            pass
    else:
        description = place["text"]
        venue = await _named_venue(session, place["text"])
        if venue is not None and venue.name not in description:
            description += f"（{venue.name}）"
    if venue is not None:
        beat = await session.get(Beat, venue.beat_id)
        if beat is not None and beat.id is not None:
            return Placement(beat.station_id, beat.id, venue, description)
    if place and "text" in place:
        beat = await _street_beat(session, place["text"])
        if beat is not None and beat.id is not None:
            return Placement(beat.station_id, beat.id, None, description)
    return Placement(await home_station_id(session), None, None, description)


#: The name of a street, lane or estate inside an address: 幸福里 of 城东区幸福里3号.
_STREET = re.compile(
    r"[\u4e00-\u9fff]{2,7}?(?:小区|新村|花园|社区|大道|胡同|里|路|街|巷|村|苑|园|弄)"
)


#: Where something is relative to another (学校对面小区, 市场旁边小巷): 对面小区 is no street.
_LOCATIVE = re.compile(
    r"对面|旁边|附近|后面|前面|隔壁|周边|边上|里面|门口|路口|一带|这边|那边|^[边面侧]"
)


async def _street_beat(session: AsyncSession, text: str) -> Beat | None:
    """The one beat of the venues on the street or estate the text names (就在幸福里小区
    5号楼下面: no venue is named, but 幸福里's venues are all in one beat); None when the
    street is unknown or spans several beats."""
    typed = re.sub(r"\s", "", unicodedata.normalize("NFKC", text))
    rows = await session.exec(select(Venue.address, Venue.beat_id).where(Venue.address != ""))
    beats = set()
    for address, beat_id in rows.all():
        packed = re.sub(r"\s", "", unicodedata.normalize("NFKC", address))
        for run in re.findall(r"[\u4e00-\u9fff]+", packed):
            streets = {
                run[i:]
                for i in range(len(run))
                if _STREET.fullmatch(run[i:]) and not _LOCATIVE.search(run[i:])
            }
            if any(len(street) >= _MIN_MATCH and street in typed for street in streets):
                beats.add(beat_id)
    return await session.get(Beat, beats.pop()) if len(beats) == 1 else None
