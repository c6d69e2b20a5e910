"""`jingmin incident import FILE.csv`: incidents from the station's records system.

A row's 警情编号 identifies it; rows without one are identified by a digest of their content.
Importing the same file again therefore adds nothing, and a corrected row with a number
updates the incident it names.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.registration.timefmt import to_stored
from handlers.services.csv_rows import ImportReport, read_rows
from handlers.services.lookup import NotFound, find_beat
from storage.models import Beat, Incident

ALIASES = {
    "number": ("警情编号", "编号", "no"),
    "time": ("时间", "发生时间", "报警时间", "occurred_at"),
    "kind": ("类型", "警情类型", "type"),
    "place": ("地点", "发生地点", "地址"),
    "beat": ("警务区", "社区"),
}
_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d")
BATCH = 1000


class RowError(ValueError):
    pass


def parse_time(text: str, zone: ZoneInfo) -> datetime:
    """`2026-11-20 21:30[:00]`, with `/` or `.` for `-`, or a date alone (taken as noon)."""
    cleaned = text.strip().replace("/", "-").replace(".", "-").replace("T", " ")
    for pattern in _FORMATS:
        try:
            moment = datetime.strptime(cleaned, pattern)
        except ValueError:
            continue
        if pattern == "%Y-%m-%d":
            moment = moment.replace(hour=12)
        return to_stored(moment, zone)
    raise RowError(f"time {text!r} is not YYYY-MM-DD HH:MM")


class _Beats:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session
        self._known: dict[str, Beat] = {}

    async def get(self, key: str) -> Beat:
        if key not in self._known:
            try:
                self._known[key] = await find_beat(self._session, key)
            except NotFound as exc:
                raise RowError(str(exc)) from None
        return self._known[key]


async def _values(row: dict[str, str], beats: _Beats, zone: ZoneInfo) -> dict[str, object]:
    kind = row.get("kind", "")
    if not kind or len(kind) > 32:
        raise RowError("type is empty or longer than 32 characters")
    occurred = parse_time(row.get("time", ""), zone)
    beat = await beats.get(row.get("beat", ""))
    place = row.get("place", "")[:200]
    number = row.get("number", "")[:60]
    if not number:
        content = f"{occurred.isoformat()}|{kind}|{place}|{beat.id}"
        number = "h:" + hashlib.sha256(content.encode()).hexdigest()[:40]
    return {
        "external_no": number,
        "occurred_at": occurred,
        "kind": kind,
        "place": place,
        "beat_id": beat.id,
    }


async def import_incidents(
    session: AsyncSession,
    path: Path,
    zone: ZoneInfo,
    now: datetime,
    on_progress: Callable[[int], None] = lambda _n: None,
) -> ImportReport:
    report = ImportReport()
    beats = _Beats(session)
    pending: dict[str, dict[str, object]] = {}
    for line, row in read_rows(path, ALIASES, required=("time", "kind", "beat")):
        on_progress(1)
        try:
            values = await _values(row, beats, zone)
        except RowError as exc:
            report.errors.append((line, str(exc)))
            continue
        pending[str(values["external_no"])] = values  # a later row with the same number wins
        if len(pending) >= BATCH:
            await _store(session, pending, report, now)
            pending = {}
    await _store(session, pending, report, now)
    await session.commit()
    return report


async def _store(
    session: AsyncSession, rows: dict[str, dict[str, object]], report: ImportReport, now: datetime
) -> None:
    if not rows:
        return
    known = await session.exec(select(Incident).where(col(Incident.external_no).in_(list(rows))))
    for incident in known.all():
        values = rows.pop(str(incident.external_no))
        if any(getattr(incident, k) != v for k, v in values.items()):
            for key, value in values.items():
                setattr(incident, key, value)
            session.add(incident)
            report.updated += 1
    for values in rows.values():
        session.add(Incident(**values, source="import", created_at=now))  # type: ignore[arg-type]
        report.added += 1
    await session.flush()
