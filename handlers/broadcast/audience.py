"""Who a broadcast is for, as stored with it (JSON) and as an officer reads it.

Venues are chosen by kind, beat and geofence together (旅馆 in beat 1; every venue within
500 m of a point), plus venues named one by one. Groups come with the beats (those bound to
the beat and to one of the kinds, or to no kind) and with the chosen venues, plus groups
named one by one. With `subscribers`, residents who subscribed to the area hear it too.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from handlers.broadcast.geo import MAX_RADIUS_METRES, Circle, Polygon, valid_point
from storage.models import VenueKind

#: The nine small venue kinds (九小场所).
NINE_SMALL = (
    VenueKind.SHOP,
    VenueKind.RESTAURANT,
    VenueKind.SMALL_HOTEL,
    VenueKind.ENTERTAINMENT,
    VenueKind.INTERNET_CAFE,
    VenueKind.BEAUTY_BATH,
    VenueKind.SCHOOL,
    VenueKind.CLINIC,
    VenueKind.WORKSHOP,
)


@dataclass(frozen=True)
class Audience:
    kinds: tuple[VenueKind, ...] = ()
    beats: tuple[int, ...] = ()
    venues: tuple[int, ...] = ()
    groups: tuple[int, ...] = ()
    circle: Circle | None = None
    polygon: Polygon | None = None
    #: Residents who subscribed to the area hear it too (and it is public).
    subscribers: bool = False
    #: Only those residents: 群众 said alone is the public, not the venues of the area
    #: (it had reached every venue of the beat as well).
    residents_only: bool = False
    #: How the officer put it, for the status and the CAP areaDesc ("周边500米 平安旅馆").
    label: str = field(default="", compare=False)

    def described(self, unset: str) -> str:
        """The scope as the officer put it, and whether residents hear it too."""
        if not self.label:
            return unset
        return self.label + (
            "（含订阅群众）" if self.subscribers and not self.residents_only else ""
        )

    @property
    def only_beat(self) -> int | None:
        """The beat, when the alert went to one: whose officers stand in for its author."""
        return self.beats[0] if len(self.beats) == 1 else None

    @property
    def fences(self) -> tuple[Circle | Polygon, ...]:
        return tuple(f for f in (self.circle, self.polygon) if f is not None)

    @property
    def selects_venues(self) -> bool:
        """Whether kinds/beats/fences pick venues (not only venues and groups by name)."""
        return bool(self.kinds or self.beats or self.fences)

    def to_json(self) -> str:
        data: dict[str, Any] = {
            "kinds": [k.value for k in self.kinds],
            "beats": list(self.beats),
            "venues": list(self.venues),
            "groups": list(self.groups),
            "subscribers": self.subscribers,
            "label": self.label,
        }
        if self.residents_only:
            data["residents_only"] = True
        if self.circle is not None:
            c = self.circle
            data["circle"] = {"lat": c.latitude, "lon": c.longitude, "radius_m": c.radius_m}
        if self.polygon is not None:
            data["polygon"] = [list(p) for p in self.polygon.points]
        return json.dumps(data, ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> Audience:
        data = json.loads(text or "{}")
        circle = data.get("circle")
        polygon = data.get("polygon")
        return cls(
            kinds=tuple(VenueKind(k) for k in data.get("kinds", ())),
            beats=tuple(int(b) for b in data.get("beats", ())),
            venues=tuple(int(v) for v in data.get("venues", ())),
            groups=tuple(int(g) for g in data.get("groups", ())),
            circle=(
                Circle(float(circle["lat"]), float(circle["lon"]), float(circle["radius_m"]))
                if circle
                else None
            ),
            polygon=Polygon(tuple((float(a), float(b)) for a, b in polygon)) if polygon else None,
            subscribers=bool(data.get("subscribers", False)),
            residents_only=bool(data.get("residents_only", False)),
            label=str(data.get("label", "")),
        )


def check_circle(latitude: float, longitude: float, radius_m: float) -> Circle:
    if not valid_point((latitude, longitude)):
        raise ValueError("坐标不正确")
    if not 10 <= radius_m <= MAX_RADIUS_METRES:
        raise ValueError(f"半径应在10米到{MAX_RADIUS_METRES / 1000:g}公里之间")
    return Circle(latitude, longitude, radius_m)


#: What a scope of no kinds reaches: every venue, landlords' rental homes among them, and
#: the groups bound to the beat (全部场所 alone read as if those were left out).
EVERYONE = "全部场所、出租屋和群"


def kinds_label(kinds: tuple[VenueKind, ...]) -> str:
    if not kinds:
        return EVERYONE
    if set(NINE_SMALL) <= set(kinds) and len(kinds) == len(NINE_SMALL):
        return "九小场所"
    return "、".join(k.label for k in kinds)
