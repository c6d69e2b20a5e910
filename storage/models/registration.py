"""Guest stays and tenancies. Names, document numbers and phones exist only encrypted.

Each sensitive value has three columns: the AES-GCM token (`*_enc`), a blind index for
equality look-ups (`*_idx`), and a masked form (`*_masked`) that anyone entitled to the list
may see without an audited decryption.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import ColumnElement, Table, and_, func, literal_column
from sqlmodel import Field, Index

from storage.models.base import TableModel, utcnow


class PersonalRecord(TableModel):
    """Columns every registration of a person carries."""

    receipt_no: str = Field(max_length=24, index=True)
    venue_id: int = Field(foreign_key="venue.id", index=True)
    name_enc: str
    name_idx: str = Field(max_length=40, index=True)
    name_masked: str = Field(max_length=64)
    doc_type: str = Field(max_length=32)
    doc_no_enc: str
    doc_no_idx: str = Field(max_length=40, index=True)
    doc_no_masked: str = Field(max_length=40)
    sex: str = Field(default="", max_length=2)
    birth_date: date | None = None
    phone_enc: str | None = None
    #: Blind index of the phone as `storage.phone_index` normalises it (digits, no +86), for
    #: `/查人 手机号`. None when no phone was given, and on rows written before it existed
    #: until the first start with the keys fills it in (`storage.phone_index.index_phones`).
    phone_idx: str | None = Field(default=None, max_length=40, index=True)
    phone_masked: str = Field(default="", max_length=20)
    registered_by_account_id: int | None = Field(default=None, foreign_key="account.id")
    created_at: datetime = Field(default_factory=utcnow, index=True)


class GuestStay(PersonalRecord, table=True):
    __tablename__ = "guest_stay"
    # The digest and the risk rules count a place's stays of the last days: venue first, so
    # that SQLite (which keeps no statistics) reads those days, not each venue's whole year.
    __table_args__ = (Index("ix_guest_stay_venue_created", "venue_id", "created_at"),)

    id: int | None = Field(default=None, primary_key=True)
    #: Companions share the receipt number of the guest they came with.
    is_primary: bool = True
    nationality: str = Field(default="中国", max_length=40)
    #: From outside the mainland (境外): foreigners and residents of Hong Kong, Macao and
    #: Taiwan alike, as the hotel's 24-hour report and the digest count them. What a guest is
    #: called (外国人 or 港澳居民) comes from `nationality` (`registration.fields.origin_label`).
    is_foreign: bool = False
    room: str = Field(max_length=16)
    check_in_at: datetime
    expected_checkout: date | None = None
    checked_out_at: datetime | None = None
    #: A guest under 18: what the Minors Protection Law has the hotel ask. The guardian's
    #: phone (encrypted, or None when they could not be reached) and who the guest stays
    #: with (独自 when alone).
    guardian_phone_enc: str | None = None
    guardian_phone_masked: str = Field(default="", max_length=20)
    companion_relation: str = Field(default="", max_length=40)
    #: 作废登记: a registration the owner took back (a test entry, a guest who did not stay,
    #: one entered twice). The row is kept for the audit; `storage.voided` hides it from
    #: every ORM query unless asked for (`include_voided`).
    voided_at: datetime | None = None
    void_reason: str = Field(default="", max_length=40)
    voided_by_person_id: int | None = Field(default=None, foreign_key="person.id")


class Tenancy(PersonalRecord, table=True):
    id: int | None = Field(default=None, primary_key=True)
    lease_start: date
    lease_end: date | None = None
    occupation: str = Field(default="", max_length=100)
    workplace: str = Field(default="", max_length=200)
    #: The flat or room of the house the tenant rents (302, 2-501), "" for the whole house.
    room: str = Field(default="", max_length=16)
    moved_out_at: datetime | None = None
    #: A tenant under 18 (`handlers.registration.tenant_minors`): their parent or other
    #: guardian, sealed and masked as the tenant's own name and phone are. The phone is
    #: `minors.UNREACHABLE` in the mask (and None sealed) when nobody could reach them.
    guardian_name_enc: str | None = None
    guardian_name_masked: str = Field(default="", max_length=64)
    guardian_phone_enc: str | None = None
    guardian_phone_masked: str = Field(default="", max_length=20)
    #: Who the guardian is to the tenant (父亲, 母亲, 外婆).
    guardian_relation: str = Field(default="", max_length=40)
    #: The guardian's own tenancy when they rent the same house, registered with the child.
    #: No foreign key: retention purges a parent who moved out first, the child's row kept.
    guardian_tenancy_id: int | None = None


def phone_unindexed(table: Table) -> ColumnElement[bool]:
    """Rows of `table` with a phone and no phone index yet: what the migration that brought
    the index left for the first start with the keys. Each table keeps these rows in a
    partial index, empty once all are filled, so that every start's look reads nothing."""
    # COALESCE rather than IS NULL: SQLite, which keeps no statistics, would otherwise read
    # the index of phone_idx, which holds every row without a phone as well. Literals, not
    # parameters: SQLite uses a partial index only for a WHERE clause that repeats its own.
    empty: ColumnElement[str] = literal_column("''")
    return and_(table.c.phone_enc.is_not(None), func.coalesce(table.c.phone_idx, empty) == empty)


for _table in (GuestStay.__table__, Tenancy.__table__):  # type: ignore[attr-defined]
    Index(
        f"ix_{_table.name}_phone_unindexed",
        _table.c.id,
        sqlite_where=phone_unindexed(_table),
        postgresql_where=phone_unindexed(_table),
    )
