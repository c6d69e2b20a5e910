"""Station-local time for display and form answers; aware UTC for storage."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from storage.models.base import as_utc


def to_local(stored: datetime, zone: ZoneInfo) -> datetime:
    return as_utc(stored).astimezone(zone)


def to_stored(local: datetime, zone: ZoneInfo) -> datetime:
    """A naive local wall-clock time (as forms produce) to aware UTC."""
    aware = local if local.tzinfo else local.replace(tzinfo=zone)
    return aware.astimezone(UTC)


def short(stored: datetime, zone: ZoneInfo) -> str:
    return f"{to_local(stored, zone):%m-%d %H:%M}"
