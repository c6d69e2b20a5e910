"""Every change to a venue or its contacts, so nothing collected is lost by an update.

Rows are written only by `handlers.services.venue_registry`; nothing updates or deletes them.
`before` and `after` hold the changed fields only, as JSON objects. A contact's phone appears
there as its ciphertext and masked form, never in clear.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from storage.models.base import TableModel, utcnow


class VenueHistory(TableModel, table=True):
    __tablename__ = "venue_history"

    id: int | None = Field(default=None, primary_key=True)
    venue_id: int = Field(foreign_key="venue.id", index=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    #: "create", "update", "contact:add", "contact:update", "contact:remove"
    action: str = Field(max_length=32)
    contact_id: int | None = None
    #: The officer who made the change; None for the CLI, imports and jobs.
    actor_person_id: int | None = Field(default=None, foreign_key="person.id")
    #: Where the change came from: "chat", "cli", "import:venues.csv", "plate-assign" …
    source: str = Field(default="", max_length=100)
    before: str = "{}"
    after: str = "{}"
