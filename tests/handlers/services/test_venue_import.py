"""Venue CSV import with a per-row error report."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import col, select

from bot.context import Services
from handlers.services.csv_rows import CsvError
from handlers.services.venue_import import import_venues
from storage.models import Venue, VenueContact, VenueHistory, VenueKind
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
        report = await import_venues(session, services, csv)
    assert report.added == 2
    reasons = dict(report.errors)
    assert set(reasons) == {4, 5, 6, 7}
    assert "kind" in reasons[4] and "latitude" in reasons[6]
    # Another venue's plate on a row of another name: a conflict, not that venue present
    # (--update, as the report used to advise, would have renamed 和平里5号).
    assert reasons[5].startswith("plate 200001 is venue 2 (和平里5号)'s: a plate names one venue")
    assert report.present == []
    async with services.sessions() as session:
        cafe = (await session.exec(select(Venue).where(Venue.name == "星空网吧"))).one()
    assert cafe.kind is VenueKind.INTERNET_CAFE and cafe.beat_id == seeded.beat.id


async def test_missing_columns_is_a_clear_error(tmp_path: Path, services: Services) -> None:
    csv = tmp_path / "bad.csv"
    csv.write_text("名称\n某店\n", encoding="utf-8")
    async with services.sessions() as session:
        with pytest.raises(CsvError, match="missing column"):
            await import_venues(session, services, csv)


async def test_update_by_id_or_plate_changes_only_given_cells(
    tmp_path: Path, services: Services, seeded: Seeded
) -> None:
    csv = tmp_path / "update.csv"
    csv.write_text(
        "编号,门牌,名称,地址,许可证号,许可证有效期,联系人,联系人电话,联系人身份\n"
        f"{seeded.hotel.id},,,和平路1号之一,TH-001,2027-06-30,,,\n"
        ",200001,,,,,张三,13812345678,房东\n"
        ",200009,新出租屋,,,,,,\n"  # unknown plate and no kind/beat: not a venue to add
        "999,,,,,,,,\n"
        f"{seeded.hotel.id},,,,,2027-13-01,,,\n",
        encoding="utf-8",
    )
    async with services.sessions() as session:
        report = await import_venues(session, services, csv, update=True)
    assert (report.added, report.updated) == (0, 2)
    reasons = dict(report.errors)
    assert "needs kind, beat" in reasons[4] and "no venue with id 999" in reasons[5]
    assert "licence_valid_until" in reasons[6]
    async with services.sessions() as session:
        hotel = await session.get(Venue, seeded.hotel.id)
        contact = (await session.exec(select(VenueContact))).one()
        history = (await session.exec(select(VenueHistory).order_by(col(VenueHistory.id)))).all()
    assert hotel is not None and hotel.name == "平安旅馆" and hotel.address == "和平路1号之一"
    assert hotel.licence_no == "TH-001" and str(hotel.licence_valid_until) == "2027-06-30"
    assert (contact.name, contact.role, contact.phone_masked) == ("张三", "房东", "138****5678")
    assert [h.action for h in history] == ["update", "contact:add"]
    # The same file again changes nothing (a masked phone would not either).
    async with services.sessions() as session:
        again = await import_venues(session, services, csv, update=True)
    assert (again.added, again.updated) == (0, 0)


async def test_a_second_import_adds_no_copies(
    tmp_path: Path, services: Services, seeded: Seeded
) -> None:
    csv = tmp_path / "venues.csv"
    csv.write_text(
        "类型,名称,警务区,地址,门牌\n"
        "旅馆,如家快捷酒店,b1,和平路3号,\n"
        "出租屋,和平里9号,b1,和平里9号,200009\n"
        "小商店,无地址小店,b1,,\n"
        "旅馆,如家快捷酒店,b2,和平路3号,\n",  # the same name and address in another beat
        encoding="utf-8",
    )
    async with services.sessions() as session:
        first = await import_venues(session, services, csv)
    assert (first.added, first.present, first.errors) == (4, [], [])
    async with services.sessions() as session:
        again = await import_venues(session, services, csv)
        count = len((await session.exec(select(Venue))).all())
    assert (again.added, again.updated, again.errors) == (0, 0, [])
    assert count == 2 + 4
    reasons = dict(again.present)
    assert set(reasons) == {2, 3, 4, 5}
    assert "same name and address in the beat" in reasons[2] and "编号/id" in reasons[2]
    assert "same plate 200009" in reasons[3] and "--update" in reasons[3]
    summary = again.summary().splitlines()
    assert summary[0] == "added 0, updated 0, rejected 0, skipped 4 already present"
    assert summary[1].startswith("  already present, left as they are: lines 2-5; to change")
    assert len(summary) == 2


async def test_every_problem_of_a_row_is_reported_at_once(
    tmp_path: Path, services: Services, seeded: Seeded
) -> None:
    csv = tmp_path / "venues.csv"
    csv.write_text(
        "类型,名称,警务区,纬度,经度,门牌,许可证有效期,联系人电话\n"
        "飞船,外星基地,zz,95,120,12345,2027-13-01,13812345678\n"
        "出租屋,和平里5号,b1,,,200001,,\n",  # the seeded venue with its plate: present
        encoding="utf-8",
    )
    async with services.sessions() as session:
        report = await import_venues(session, services, csv)
    ((line, reason),) = report.errors
    assert line == 2
    said = [
        "kind '飞船' is not one of",
        "no beat with code, name or id 'zz'",
        "latitude 95 is out of range",
        "plate '12345' must be 6 digits",
        "licence_valid_until is not YYYY-MM-DD",
        "contact_phone needs contact_name",
    ]
    assert all(part in reason for part in said), reason
    assert sorted(said, key=reason.index) == said  # in the order of the columns
    assert [line for line, _ in report.present] == [3]


async def test_rows_with_a_known_id_are_present_without_update(
    tmp_path: Path, services: Services, seeded: Seeded
) -> None:
    csv = tmp_path / "export.csv"
    csv.write_text(
        "编号,类型,名称,警务区,地址\n"
        f"{seeded.hotel.id},旅馆,平安旅馆改名,b1,和平路1号之一\n"  # edited, but --update forgotten
        "999,小商店,新店,b1,和平路8号\n"  # an id this database never gave: a new venue
        "新店,小商店,新店,b1,和平路8号\n",  # the row above again, written wrongly
        encoding="utf-8",
    )
    async with services.sessions() as session:
        report = await import_venues(session, services, csv)
        hotel = await session.get(Venue, seeded.hotel.id)
    assert report.added == 1 and report.errors == []
    assert [line for line, _ in report.present] == [2, 4]
    assert "same id; use --update to change it" in dict(report.present)[2]
    assert hotel is not None and (hotel.name, hotel.address) == ("平安旅馆", "和平路1号")
