"""Managed venues: hotels, homestays, rental houses and the nine small venue kinds."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlmodel import Field

from storage.models.base import TableModel, enum_type, utcnow


class VenueKind(StrEnum):
    HOTEL = "hotel"
    HOMESTAY = "homestay"
    RENTAL = "rental"
    SHOP = "shop"
    RESTAURANT = "restaurant"
    SMALL_HOTEL = "small_hotel"
    ENTERTAINMENT = "entertainment"
    INTERNET_CAFE = "internet_cafe"
    BEAUTY_BATH = "beauty_bath"
    SCHOOL = "school"
    CLINIC = "clinic"
    WORKSHOP = "workshop"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def takes_guests(self) -> bool:
        return self in (VenueKind.HOTEL, VenueKind.HOMESTAY, VenueKind.SMALL_HOTEL)

    @classmethod
    def parse(cls, text: str) -> VenueKind:
        """Accept the English value or the Chinese label."""
        for kind in cls:
            if text in (kind.value, kind.label):
                return kind
        raise ValueError(f"unknown venue kind {text!r}")


_LABELS = {
    VenueKind.HOTEL: "旅馆",
    VenueKind.HOMESTAY: "民宿",
    VenueKind.RENTAL: "出租屋",
    VenueKind.SHOP: "小商店",
    VenueKind.RESTAURANT: "小餐饮",
    VenueKind.SMALL_HOTEL: "小旅馆",
    VenueKind.ENTERTAINMENT: "小歌舞娱乐",
    VenueKind.INTERNET_CAFE: "小网吧",
    VenueKind.BEAUTY_BATH: "小美容洗浴",
    VenueKind.SCHOOL: "小学校/幼儿园",
    VenueKind.CLINIC: "小医院/诊所",
    VenueKind.WORKSHOP: "小生产加工",
}


class Venue(TableModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    kind: VenueKind = Field(sa_type=enum_type(VenueKind), index=True)
    name: str = Field(max_length=200)
    address: str = Field(default="", max_length=300)
    beat_id: int = Field(foreign_key="beat.id", index=True)
    latitude: float | None = None
    longitude: float | None = None
    #: Rental houses: the 6-digit plate number (标识牌编号) the station assigns.
    plate: str | None = Field(default=None, max_length=6, unique=True)
    contact_phone: str = Field(default="", max_length=32)
    #: Licence facts (特种行业许可证 / 营业执照): number and expiry.
    licence_no: str = Field(default="", max_length=64)
    licence_valid_until: date | None = None
    #: Officers' notes; changes go through `venue_registry`, so earlier notes stay in history.
    notes: str = Field(default="", max_length=2000)
    created_at: datetime = Field(default_factory=utcnow)


class VenueOwner(TableModel, table=True):
    person_id: int = Field(foreign_key="person.id", primary_key=True)
    #: Indexed on its own: an alert looks up the owners of hundreds of venues at once, which
    #: the key (person first) cannot answer; SQLite then walked every chat account instead.
    venue_id: int = Field(foreign_key="venue.id", primary_key=True, index=True)
