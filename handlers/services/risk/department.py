"""The department's (上级) ratings, from a CSV file or one at a time from the CLI."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.services.csv_rows import ImportReport, read_rows
from handlers.services.lookup import NotFound, find_venue
from handlers.services.risk.rating import rate_by_department
from storage.models import RiskColour, VenueRisk

ALIASES = {
    "venue": ("场所", "门牌", "编号", "场所名称"),
    "colour": ("风险等级", "颜色", "等级"),
    "reason": ("理由", "原因", "说明"),
}
CLEAR_WORDS = ("清除", "无", "clear", "none")


def parse_department_colour(text: str) -> RiskColour | None:
    """A colour, or None for 清除/clear (the department withdraws its rating)."""
    if text.strip().lower() in CLEAR_WORDS:
        return None
    try:
        return RiskColour.parse(text)
    except ValueError:
        raise ValueError(
            f"colour {text!r} is not 红/橙/黄/蓝 (red/orange/yellow/blue) or 清除"
        ) from None


async def import_department_ratings(
    session: AsyncSession,
    path: Path,
    now: datetime,
    on_progress: Callable[[int], None] = lambda _n: None,
) -> ImportReport:
    """One rating per row; a row repeating the venue's current rating changes nothing."""
    report = ImportReport()
    for line, row in read_rows(path, ALIASES, required=("venue", "colour")):
        on_progress(1)
        try:
            venue = await find_venue(session, row.get("venue", ""))
            colour = parse_department_colour(row.get("colour", ""))
        except (NotFound, ValueError) as exc:
            report.errors.append((line, str(exc)))
            continue
        assert venue.id is not None
        reason = row.get("reason", "")[:300]
        current = await session.get(VenueRisk, venue.id)
        before = (current.department_colour, current.department_reason) if current else (None, "")
        if before == (colour, reason):
            continue
        await rate_by_department(session, venue.id, colour, reason, now)
        await session.flush()
        if before[0] is None:
            report.added += 1
        else:
            report.updated += 1
    await session.commit()
    return report
