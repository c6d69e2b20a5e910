"""Importing the wanted list from CSV: matching works, re-import updates, bad rows reported."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from sqlmodel import select

from bot.context import Services
from bot.media import MediaStore
from bot.validators.idcard import build_resident_id
from handlers.services.watchlist_import import import_watchlist
from storage.models import Visibility, WantedChange, WantedPerson
from tests.support.chat import Chat
from tests.support.media import PHONE_MAKE, phone_jpeg
from tests.support.seed import Seeded

NEW_ID = build_resident_id("440305", date(1979, 12, 30), 331)


async def _import(services: Services, path: Path):  # type: ignore[no-untyped-def]
    async with services.sessions() as session:
        return await import_watchlist(session, services, path)


async def test_import_then_registration_hits(
    tmp_path: Path, services: Services, owner_chat: Chat
) -> None:
    csv = tmp_path / "wanted.csv"
    csv.write_text(
        "姓名,证件号码,出生日期,性别,案由,发布单位,可见范围\n"
        f"乙某,{NEW_ID.lower()},1979-12-30,男,诈骗案,某市公安局,公开\n"
        "丙某,,1980-01-01,女,,,\n"
        ",123,,,,,\n"
        "丁某,,1980-13-01,,,,\n"
        "戊某,,,,,,秘密\n",
        encoding="utf-8",
    )
    report = await _import(services, csv)
    assert (report.added, report.updated) == (2, 0)
    assert [line for line, _ in report.errors] == [4, 5, 6]
    async with services.sessions() as session:
        rows = (await session.exec(select(WantedPerson).where(WantedPerson.name == "乙某"))).all()
    assert rows[0].visibility is Visibility.PUBLIC and NEW_ID not in (rows[0].doc_no_enc or "")
    await owner_chat.say_all(
        "登记", "乙某", "身份证", NEW_ID, "跳过", "101", "现在", "跳过", "确认"
    )
    async with services.sessions() as session:
        from storage.models import WatchHit

        assert len((await session.exec(select(WatchHit))).all()) == 1


async def test_reimport_updates_instead_of_duplicating(tmp_path: Path, services: Services) -> None:
    csv = tmp_path / "w.csv"
    csv.write_text(f"name,doc_no,case\n乙某,{NEW_ID},诈骗案\n", encoding="utf-8")
    await _import(services, csv)
    csv.write_text(f"name,doc_no,case\n乙某,{NEW_ID},诈骗案（已补充）\n", encoding="utf-8")
    report = await _import(services, csv)
    assert (report.added, report.updated) == (0, 1)
    async with services.sessions() as session:
        rows = (await session.exec(select(WantedPerson).where(WantedPerson.name == "乙某"))).all()
    assert len(rows) == 1 and rows[0].case_summary == "诈骗案（已补充）"


async def test_gb18030_file_is_read(tmp_path: Path, services: Services) -> None:
    csv = tmp_path / "gbk.csv"
    csv.write_bytes("姓名,证件号码\n庚某,\n".encode("gb18030"))
    report = await _import(services, csv)
    assert report.added == 1


async def test_photos_come_from_the_folder_clean_and_history_is_kept(
    tmp_path: Path, services: Services, seeded: Seeded
) -> None:
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "yi.jpg").write_bytes(phone_jpeg())
    (folder / "notes.txt").write_text("not a picture")
    (tmp_path / "outside.jpg").write_bytes(phone_jpeg("blue"))
    csv = tmp_path / "w.csv"
    csv.write_text(
        "姓名,证件号码,年龄,身高,体貌特征,悬赏,照片\n"
        f"乙某,{NEW_ID},,约175厘米,左眉有疤,悬赏1万元,yi.jpg\n"
        "丙某,,30-40岁,,,,\n"
        "丁某,,,,,,notes.txt\n"
        "戊某,,,,,,../outside.jpg\n"
        "己某,,,,,,missing.jpg\n",
        encoding="utf-8",
    )
    async with services.sessions() as session:
        report = await import_watchlist(
            session, services, csv, photos_dir=folder, station_id=seeded.station.id
        )
    assert (report.added, report.updated) == (2, 0)
    assert [line for line, _ in report.errors] == [4, 5, 6]
    assert "无法识别" in report.errors[0][1] and "not a file" in report.errors[1][1]
    async with services.sessions() as session:
        yi = (await session.exec(select(WantedPerson).where(WantedPerson.name == "乙某"))).one()
        bing = (await session.exec(select(WantedPerson).where(WantedPerson.name == "丙某"))).one()
        history = (await session.exec(select(WantedChange))).all()
    [photo] = json.loads(yi.photos)
    kept = MediaStore(Path(services.settings.storage.media_dir)).get(photo)
    assert kept is not None and PHONE_MAKE.encode() not in kept  # no EXIF travels along
    assert (yi.marks, yi.reward, yi.station_id) == ("左眉有疤", "悬赏1万元", seeded.station.id)
    assert (bing.birth_date, bing.age_range) == (None, "30-40")
    assert sorted(h.wanted_id for h in history) == sorted([yi.id, bing.id])
    assert all(h.action == "imported" and NEW_ID not in h.detail for h in history)


async def test_numbers_are_read_as_the_form_reads_them(
    tmp_path: Path, services: Services, owner_chat: Chat
) -> None:
    """A spaced, full-width number is stored as registrations carry it (and so matches); a
    resident number of the wrong length, which no registration could ever match, is refused
    with its line, and the report does not print it whole."""
    spaced = " ".join([NEW_ID[:6], NEW_ID[6:14], NEW_ID[14:]]).translate(
        str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")
    )
    short = NEW_ID[:17]
    csv = tmp_path / "w.csv"
    csv.write_text(f"姓名,证件号码\n乙某,{spaced}\n丙某,{short}\n", encoding="utf-8")
    report = await _import(services, csv)
    assert report.added == 1
    [(line, reason)] = report.errors
    assert line == 3 and "18位" in reason and short not in reason
    await owner_chat.say_all(
        "登记", "乙某", "身份证", NEW_ID, "跳过", "101", "现在", "跳过", "确认"
    )
    async with services.sessions() as session:
        from storage.models import WatchHit

        assert len((await session.exec(select(WatchHit))).all()) == 1
