"""Station-local time for display and form answers; aware UTC for storage."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from bot.forms.clock import day_word
from storage.models.base import as_utc


def to_local(stored: datetime, zone: ZoneInfo) -> datetime:
    return as_utc(stored).astimezone(zone)


def to_stored(local: datetime, zone: ZoneInfo) -> datetime:
    """A naive local wall-clock time (as forms produce) to aware UTC."""
    aware = local if local.tzinfo else local.replace(tzinfo=zone)
    return aware.astimezone(UTC)


def short(stored: datetime, zone: ZoneInfo, now: datetime | None = None) -> str:
    """`11-23 10:10`; given `now`, a time of the station's today, yesterday or tomorrow is
    `今天 10:10`, `昨天 23:10`, `明天 08:00` (as the forms say 接着您昨天 18:30 未填完的…): a
    date beside every time had read as another day, and yesterday's had to be worked out."""
    local = to_local(stored, zone)
    word = day_word(local.date(), to_local(now, zone).date()) if now is not None else None
    return f"{word} {local:%H:%M}" if word else f"{local:%m-%d %H:%M}"
