"""The wanted list, its history, where its cards went, and the hits registrations make
against it. Officers only, except the cards an officer publishes as public notices."""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import ColumnElement, Index, literal_column, or_
from sqlmodel import AutoString, Column, Field

from storage.models.base import TableModel, enum_type, utcnow


class Visibility(StrEnum):
    INTERNAL = "internal"
    PUBLIC = "public"


class WantedStatus(StrEnum):
    ACTIVE = "active"
    CAPTURED = "captured"
    REVOKED = "revoked"


class HitStrength(StrEnum):
    #: The document number matched.
    STRONG = "strong"
    #: Only name and birth date matched: worth a look, not proof.
    WEAK = "weak"


class WantedPerson(TableModel, table=True):
    __tablename__ = "wanted_person"

    id: int | None = Field(default=None, primary_key=True)
    #: Stored sealed in `name_enc` (storage.wanted_sealing): code reads and writes it plain.
    name: str = Field(sa_column=Column("name_enc", AutoString, nullable=False))
    name_idx: str = Field(max_length=40, index=True)
    doc_type: str = Field(default="居民身份证", max_length=32)
    doc_no_enc: str | None = None
    doc_no_idx: str | None = Field(default=None, max_length=40, index=True)
    doc_no_masked: str = Field(default="", max_length=40)
    birth_date: date | None = None
    sex: str = Field(default="", max_length=2)
    case_summary: str = Field(default="", max_length=500)
    issuing_unit: str = Field(default="", max_length=200)
    #: The station whose officers rotate this card; None: the whole list's (an import
    #: without a station), seen by every station.
    station_id: int | None = Field(default=None, foreign_key="station.id", index=True)
    #: The officer who entered it: sightings are routed to them.
    issued_by: int | None = Field(default=None, foreign_key="person.id")
    #: Separated by 、; stored sealed in `aliases_enc`, like `name`.
    aliases: str = Field(default="", sa_column=Column("aliases_enc", AutoString, nullable=False))
    #: When the birth date is unknown: "30-40" (years, at issue).
    age_range: str = Field(default="", max_length=16)
    height: str = Field(default="", max_length=20)
    build: str = Field(default="", max_length=20)
    accent: str = Field(default="", max_length=40)
    marks: str = Field(default="", max_length=200)
    reward: str = Field(default="", max_length=100)
    contact: str = Field(default="", max_length=100)
    #: JSON list of media-store hashes, first is the card's portrait.
    photos: str = Field(default="[]", max_length=1000)
    #: When it was captured or revoked, and what the officer said about it.
    closed_at: datetime | None = None
    closed_note: str = Field(default="", max_length=200)
    visibility: Visibility = Field(default=Visibility.INTERNAL, sa_type=enum_type(Visibility))
    # Not indexed on purpose: almost every row is active, and with an index here SQLite's
    # planner picks it over the document-number index and scans the whole list per match.
    status: WantedStatus = Field(default=WantedStatus.ACTIVE, sa_type=enum_type(WantedStatus))
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class WatchHit(TableModel, table=True):
    __tablename__ = "watch_hit"

    id: int | None = Field(default=None, primary_key=True)
    wanted_id: int = Field(foreign_key="wanted_person.id", index=True)
    #: "guest" or "tenant"
    registration_kind: str = Field(max_length=16)
    registration_id: int
    venue_id: int = Field(foreign_key="venue.id", index=True)
    strength: HitStrength = Field(sa_type=enum_type(HitStrength))
    created_at: datetime = Field(default_factory=utcnow, index=True)


class WantedChange(TableModel, table=True):
    """One change to a wanted person: who, when, which fields (old and new shown values,
    the document number masked). Rows are only ever added."""

    __tablename__ = "wanted_change"

    id: int | None = Field(default=None, primary_key=True)
    wanted_id: int = Field(foreign_key="wanted_person.id", index=True)
    at: datetime = Field(default_factory=utcnow)
    #: None: the command line (an import).
    person_id: int | None = Field(default=None, foreign_key="person.id")
    #: created, updated, captured, revoked, published, imported
    action: str = Field(max_length=16)
    #: JSON {field: [old, new]}, sealed (handlers.wanted.history); rows from before
    #: sealing hold the JSON itself.
    detail: str = Field(default="{}")


#: What a value the migration that brought sealing left plain starts with (it had no key). A
#: token starts with a key id, and key ids may not contain ':', so no token starts with it.
PLAIN_MARK = ":plain:"


def _starts(column: str, prefix: str) -> ColumnElement[bool]:
    # A literal, not a parameter: SQLite uses a partial index only for a WHERE clause that
    # repeats the index's own.
    return literal_column(column).like(literal_column(f"'{prefix}%'"))


#: Wanted persons whose name or aliases wait to be sealed, and history rows written before
#: sealing (plain JSON). Every process start looks for them (`storage.wanted_sealing.
#: seal_plaintext`); each is kept in a partial index, empty once all is sealed, so that the
#: look costs an empty index's read however long the list, and still finds what a later
#: upgrade leaves plain.
PLAIN_WANTED = or_(_starts("name_enc", PLAIN_MARK), _starts("aliases_enc", PLAIN_MARK))
LEGACY_DETAIL = or_(_starts("detail", "{"), _starts("detail", "["))
Index(
    "ix_wanted_person_plain",
    WantedPerson.__table__.c.id,  # type: ignore[attr-defined]
    sqlite_where=PLAIN_WANTED,
    postgresql_where=PLAIN_WANTED,
)
Index(
    "ix_wanted_change_legacy",
    WantedChange.__table__.c.id,  # type: ignore[attr-defined]
    sqlite_where=LEGACY_DETAIL,
    postgresql_where=LEGACY_DETAIL,
)


class CardDelivery(TableModel, table=True):
    """A card (or a public notice carrying it) queued to a chat: what the daily rotation
    counts as seen, and where a capture or revocation sends its follow-up."""

    __tablename__ = "card_delivery"

    id: int | None = Field(default=None, primary_key=True)
    wanted_id: int = Field(foreign_key="wanted_person.id", index=True)
    outbox_id: int | None = Field(default=None, foreign_key="outbox.id")
    #: The officer it was for; None for a group or a subscriber of a public notice.
    person_id: int | None = Field(default=None, foreign_key="person.id", index=True)
    channel: str = Field(max_length=32)
    chat_id: str = Field(max_length=128)
    #: new, rotation, hit, view, public
    kind: str = Field(max_length=16)
    created_at: datetime = Field(default_factory=utcnow, index=True)
    #: When the capture/revocation follow-up was queued.
    retracted_at: datetime | None = None
