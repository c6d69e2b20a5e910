"""`incident import`: per-row errors, and re-importing adds nothing twice."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sqlmodel import col, select

from bot.context import Services
from handlers.services.incidents.importer import import_incidents
from storage.models import Incident
from tests.support.clock import FakeClock
from tests.support.seed import Seeded


async def test_import_is_idempotent_and_reports_bad_rows(
    tmp_path: Path, services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    csv = tmp_path / "incidents.csv"
    csv.write_text(
        "警情编号,时间,类型,地点,警务区\n"
        "J001,2026-11-20 21:30,盗窃,和平路1号,b1\n"
        ",2026/11/21 08:00,纠纷,和平里,一号警务区\n"
        ",2026-11-21,诈骗,,b2\n"
        "J002,昨天,盗窃,,b1\n"
        "J003,2026-11-21 10:00,,,b1\n"
        "J004,2026-11-21 10:00,盗窃,,b9\n",
        encoding="utf-8",
    )
    zone = services.settings.zone
    async with services.sessions() as session:
        report = await import_incidents(session, csv, zone, clock.now)
    assert (report.added, report.updated) == (3, 0)
    reasons = dict(report.errors)
    assert "time" in reasons[5] and "type" in reasons[6] and "no beat" in reasons[7]
    async with services.sessions() as session:
        again = await import_incidents(session, csv, zone, clock.now)
        rows = (await session.exec(select(Incident).order_by(col(Incident.id)))).all()
    assert (again.added, again.updated) == (0, 0) and len(rows) == 3
    assert rows[0].occurred_at == datetime(2026, 11, 20, 13, 30, tzinfo=UTC)  # 21:30 in Shanghai
    assert rows[2].occurred_at.astimezone(zone).hour == 12  # a date alone counts as noon
    assert rows[2].beat_id == seeded.other_beat.id

    csv.write_text(
        "警情编号,时间,类型,警务区\nJ001,2026-11-20 21:30,入室盗窃,b1\n", encoding="utf-8"
    )
    async with services.sessions() as session:
        fixed = await import_incidents(session, csv, zone, clock.now)
        first = await session.get(Incident, rows[0].id)
    assert (fixed.added, fixed.updated) == (0, 1) and first is not None and first.kind == "入室盗窃"
