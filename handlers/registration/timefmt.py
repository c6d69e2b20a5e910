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


def short(stored: datetime, zone: ZoneInfo, now: datetime | None = None) -> str:
    """`11-23 10:10`; given `now`, a time of the station's today is `今天 10:10` (as the
    forms say 接着您今天 18:30 未填完的…): a date beside every time had read as another day."""
    local = to_local(stored, zone)
    if now is not None and local.date() == to_local(now, zone).date():
        return f"今天 {local:%H:%M}"
    return f"{local:%m-%d %H:%M}"
