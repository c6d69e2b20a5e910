"""Venue CSV import with a per-row error report."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import select

from bot.context import Services
from handlers.services.csv_rows import CsvError
from handlers.services.venue_import import import_venues
from storage.models import Venue, VenueKind
from tests.support.seed import Seeded


async def test_good_rows_kept_bad_rows_reported(
    tmp_path: Path, services: Services, seeded: Seeded
) -> None:
    csv = tmp_path / "venues.csv"
    csv.write_text(
        "类型,名称,警务区,地址,纬度,经度,门牌\n"
        "小网吧,星空网吧,b1,和平路9号,30.1,120.2,\n"
        "出租屋,和平里7号,一号警务区,和平里7号,,,200007\n"
        "飞船,外星基地,b1,,,,\n"
        "小商店,重复门牌,b1,,,,200001\n"
        "小商店,坐标错,b1,,95,120,\n"
        "小商店,无警务区,zz,,,,\n",
        encoding="utf-8",
    )
    async with services.sessions() as session:
        report = await import_venues(session, csv)
    assert report.added == 2
    reasons = dict(report.errors)
    assert set(reasons) == {4, 5, 6, 7}
    assert "kind" in reasons[4] and "already used" in reasons[5] and "latitude" in reasons[6]
    async with services.sessions() as session:
        cafe = (await session.exec(select(Venue).where(Venue.name == "星空网吧"))).one()
    assert cafe.kind is VenueKind.INTERNET_CAFE and cafe.beat_id == seeded.beat.id


async def test_missing_columns_is_a_clear_error(tmp_path: Path, services: Services) -> None:
    csv = tmp_path / "bad.csv"
    csv.write_text("名称\n某店\n", encoding="utf-8")
    async with services.sessions() as session:
        with pytest.raises(CsvError, match="missing column"):
            await import_venues(session, csv)
