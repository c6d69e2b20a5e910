"""People to reach at a venue: landlord, person in charge, other contacts.

Names are kept in clear: officers look plates up by a landlord's name (often only part of
it), and the name is already printed on the rental plate and in the business register. The
phone is personal data all the same: it is stored encrypted, with a blind index for look-ups
by number and a masked form for lists; the full number is shown only to the station's
officers, and each such look-up is audited.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from storage.models.base import TableModel, utcnow


class VenueContact(TableModel, table=True):
    __tablename__ = "venue_contact"

    id: int | None = Field(default=None, primary_key=True)
    venue_id: int = Field(foreign_key="venue.id", index=True)
    #: What the person is to the venue: 房东, 负责人, 业主, 联系人 …
    role: str = Field(default="联系人", max_length=16)
    name: str = Field(default="", max_length=64, index=True)
    phone_enc: str | None = None
    phone_idx: str | None = Field(default=None, max_length=40, index=True)
    phone_masked: str = Field(default="", max_length=20)
    created_at: datetime = Field(default_factory=utcnow)
    #: Contacts are never deleted, so the history keeps pointing at something.
    removed_at: datetime | None = None
