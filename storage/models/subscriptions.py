"""Residents who asked for public alerts about their area (`/订阅`, `/退订`)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from storage.models.base import TableModel, utcnow


class AlertSubscription(TableModel, table=True):
    """One area per chat account: subscribing again replaces it.

    The area is a beat, and where the resident shared a location, that point too: a
    geofenced broadcast reaches the subscribers whose point lies inside it.
    """

    __tablename__ = "alert_subscription"

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", unique=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    beat_id: int = Field(foreign_key="beat.id", index=True)
    latitude: float | None = None
    longitude: float | None = None
    label: str = Field(default="", max_length=100)
    created_at: datetime = Field(default_factory=utcnow)
