"""Importing the wanted list from CSV: matching works, re-import updates, bad rows reported."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest
from PIL import Image
from sqlalchemy import text
from sqlmodel import col, select
from sqlmodel.sql.expression import SelectOfScalar

from bot.context import Services
from bot.media import MAX_SIDE, MediaStore
from bot.validators.idcard import build_resident_id
from handlers.services.csv_rows import CsvError
from handlers.services.personal import NAME
from handlers.services.watchlist_import import import_watchlist
from storage.models import AuditEvent, Visibility, WantedChange, WantedPerson, WantedStatus
from storage.wanted_sealing import DETAIL_COLUMN
from tests.support.chat import Chat
from tests.support.media import PHONE_MAKE, phone_jpeg
from tests.support.seed import Seeded

NEW_ID = build_resident_id("440305", date(1979, 12, 30), 331)


def _named(services: Services, name: str) -> SelectOfScalar[WantedPerson]:
    """Names are sealed at rest: a person is found by the blind index of the name."""
    return select(WantedPerson).where(WantedPerson.name_idx == services.blind_index(name, NAME))


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
        rows = (await session.exec(_named(services, "乙某"))).all()
        stored = (await session.exec(text("SELECT name_enc FROM wanted_person"))).all()  # type: ignore[call-overload]
    assert stored and not any("乙某" in name for (name,) in stored)  # sealed at rest
    assert rows[0].visibility is Visibility.PUBLIC and NEW_ID not in (rows[0].doc_no_enc or "")
    assert rows[0].doc_no_masked == "*" * 14 + NEW_ID[-4:]  # the tail only, as at entry
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
        rows = (await session.exec(_named(services, "乙某"))).all()
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
    assert "is not a JPEG, PNG" in report.errors[0][1] and "not a file" in report.errors[1][1]
    async with services.sessions() as session:
        yi = (await session.exec(_named(services, "乙某"))).one()
        bing = (await session.exec(_named(services, "丙某"))).one()
        history = (await session.exec(select(WantedChange))).all()
    [photo] = json.loads(yi.photos)
    store = MediaStore(Path(services.settings.storage.media_dir), cipher=services.cipher)
    kept = store.get(photo)
    assert kept is not None and PHONE_MAKE.encode() not in kept  # no EXIF travels along
    assert store.sealed(photo)  # an internal card's face, as the form's are
    assert (yi.marks, yi.reward, yi.station_id) == ("左眉有疤", "悬赏1万元", seeded.station.id)
    assert (bing.birth_date, bing.age_range) == (None, "30-40")
    assert sorted(h.wanted_id for h in history) == sorted([yi.id, bing.id])
    details = [services.cipher.decrypt(h.detail, DETAIL_COLUMN) for h in history]
    assert all(h.action == "imported" for h in history)
    assert all("乙某" not in h.detail for h in history)  # sealed at rest
    assert all(NEW_ID not in detail for detail in details)


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


async def test_a_spreadsheet_heading_for_the_number_is_read(
    tmp_path: Path, services: Services, owner_chat: Chat
) -> None:
    """身份证号码 is how spreadsheets often head the column: the number is kept, and hits."""
    csv = tmp_path / "w.csv"
    csv.write_text(f"姓名,身份证号码,案由\n乙某,{NEW_ID},诈骗案\n", encoding="utf-8")
    report = await _import(services, csv)
    assert (report.added, report.errors) == (1, [])
    await owner_chat.say_all(
        "登记", "乙某", "身份证", NEW_ID, "跳过", "101", "现在", "跳过", "确认"
    )
    async with services.sessions() as session:
        from storage.models import WatchHit

        assert len((await session.exec(select(WatchHit))).all()) == 1


@pytest.mark.parametrize(
    ("header", "said"),
    [
        (
            "姓名,身份证号码X,案由",
            ["unknown column(s) 身份证号码X", "证件号码/doc_no", "案由/case"],
        ),
        ("姓名,证件号码,备注", ["unknown column(s) 备注", "姓名/name"]),
        ("姓名,案由", ["no 证件号码 column", "身份证号码"]),
        ("姓名,证件号码,身份证号", ["证件号码 and 身份证号 are the same column"]),
    ],
)
async def test_a_header_it_cannot_read_refuses_the_whole_file(
    tmp_path: Path, services: Services, header: str, said: list[str]
) -> None:
    csv = tmp_path / "w.csv"
    csv.write_text(f"{header}\n乙某,{NEW_ID},诈骗案\n", encoding="utf-8")
    with pytest.raises(CsvError) as refused:
        await _import(services, csv)
    assert all(part in str(refused.value) for part in said), str(refused.value)
    async with services.sessions() as session:
        assert (await session.exec(select(WantedPerson))).all() == []


async def test_a_resident_number_with_a_wrong_check_digit_is_refused(
    tmp_path: Path, services: Services
) -> None:
    """As the registration form refuses it: such a number could never hit. Other document
    types keep their own checks; a row with several problems reports them all."""
    bad = NEW_ID[:17] + ("1" if NEW_ID[17] != "1" else "2")
    csv = tmp_path / "w.csv"
    csv.write_text(
        "姓名,证件类型,证件号码,可见范围\n"
        f"乙某,,{bad},\n"
        f"丙某,居民身份证,{bad},\n"
        "丁某,护照,E12345678,\n"
        "戊某,护照,123456789012345678,\n"
        f",,{bad},秘密\n",
        encoding="utf-8",
    )
    report = await _import(services, csv)
    assert report.added == 2
    assert [line for line, _ in report.errors] == [2, 3, 6]
    assert all("校验位不正确" in reason and bad not in reason for _, reason in report.errors)
    last = report.errors[-1][1]
    assert "姓名" in last and "可见范围" in last


async def test_reimport_changes_only_what_the_file_fills(
    tmp_path: Path, services: Services, seeded: Seeded
) -> None:
    """A file with fewer columns, empty cells or no --station keeps what is stored; history
    shows the real old values, and a row that changes nothing writes none."""
    other_id = build_resident_id("110101", date(1990, 3, 7), 451)
    folder = tmp_path / "photos"
    folder.mkdir()
    (folder / "yi.jpg").write_bytes(phone_jpeg())
    csv = tmp_path / "w.csv"
    csv.write_text(
        "姓名,证件号码,案由,发布单位,可见范围,照片\n"
        f"吴九,{NEW_ID},诈骗案,某市公安局,公开,yi.jpg\n"
        f"郑某,{other_id},盗窃案,某县公安局,,\n",
        encoding="utf-8",
    )
    async with services.sessions() as session:
        await import_watchlist(
            session, services, csv, photos_dir=folder, station_id=seeded.station.id
        )
    short = tmp_path / "short.csv"
    short.write_text(f"姓名,证件号码,案由\n吴十,{NEW_ID},\n郑某,{other_id},抢劫案\n", "utf-8")
    report = await _import(services, short)
    assert (report.added, report.updated, report.unchanged) == (0, 2, 0)
    again = await _import(services, short)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 2)
    assert again.summary() == "added 0, updated 0, unchanged 2, rejected 0"
    async with services.sessions() as session:
        wu = (await session.exec(_named(services, "吴十"))).one()
        zheng = (await session.exec(_named(services, "郑某"))).one()
        stored = (await session.exec(text("SELECT name_enc FROM wanted_person"))).all()  # type: ignore[call-overload]
        history = (
            await session.exec(
                select(WantedChange)
                .where(col(WantedChange.wanted_id).in_([wu.id, zheng.id]))
                .order_by(col(WantedChange.id))
            )
        ).all()
    assert (wu.case_summary, wu.issuing_unit, wu.visibility) == (
        "诈骗案",
        "某市公安局",
        Visibility.PUBLIC,
    )
    assert (wu.station_id, zheng.station_id, len(json.loads(wu.photos))) == (
        seeded.station.id,
        seeded.station.id,
        1,
    )
    assert (zheng.case_summary, zheng.issuing_unit) == ("抢劫案", "某县公安局")
    updated = {
        h.wanted_id: json.loads(services.cipher.decrypt(h.detail, DETAIL_COLUMN))
        for h in history
        if h.action == "updated"
    }
    assert not any("吴" in name or "郑" in name for (name,) in stored)  # sealed at rest
    assert updated == {
        wu.id: {"name": ["吴九", "吴十"]},
        zheng.id: {"case_summary": ["盗窃案", "抢劫案"]},
    }
    assert [h.action for h in history].count("imported") == 2 and len(history) == 4


async def test_a_closed_card_named_again_reopens_and_a_numberless_row_is_not_doubled(
    tmp_path: Path, services: Services
) -> None:
    number = build_resident_id("110101", date(1990, 3, 7), 451)
    path = tmp_path / "w.csv"
    path.write_text(
        f"姓名,证件号码,出生日期,案由\n张三,{number},,盗窃\n李四,,1985-02-03,诈骗\n",
        encoding="utf-8",
    )
    assert (await _import(services, path)).added == 2
    async with services.sessions() as session:
        zhang = (
            await session.exec(select(WantedPerson).where(WantedPerson.doc_no_idx.is_not(None)))
        ).one()  # type: ignore[union-attr]
        zhang.status = WantedStatus.CAPTURED
        session.add(zhang)
        await session.commit()
    again = await _import(services, path)
    assert (again.added, again.updated, again.unchanged) == (0, 1, 1)
    async with services.sessions() as session:
        people = (await session.exec(select(WantedPerson))).all()
    assert len(people) == 2 and all(p.status is WantedStatus.ACTIVE for p in people)


async def test_a_second_row_for_one_number_is_rejected_naming_the_first(
    tmp_path: Path, services: Services
) -> None:
    # Merged cell by cell, the two rows became one card (乙某's photo, 丙某's name) and
    # the report counted one row fewer than the file had.
    csv = tmp_path / "w.csv"
    csv.write_text(
        f"name,doc_no,case\n乙某,{NEW_ID},诈骗案\n丙某,{NEW_ID},盗窃案\n", encoding="utf-8"
    )
    report = await _import(services, csv)
    assert report.added == 1
    assert report.errors == [
        (
            3,
            # Masked as the card stores and lists it: the report had kept the head too.
            "证件号码 **************3314 is also on line 2: keep one row per person "
            "(this row was not imported)",
        )
    ]
    async with services.sessions() as session:
        assert (await session.exec(_named(services, "丙某"))).first() is None
        (kept,) = (await session.exec(_named(services, "乙某"))).all()
    assert kept.case_summary == "诈骗案"


async def test_a_row_sharing_a_number_is_refused_even_when_the_first_is_rejected(
    tmp_path: Path, services: Services
) -> None:
    """Line 2 rejected for its age had let line 3 (another person, same number) through;
    once line 2 was fixed it updated that card: one card with two people's details. The
    number is claimed first, whatever else is wrong with the row."""
    li = build_resident_id("110105", date(1990, 3, 7), 234)
    csv = tmp_path / "w.csv"
    csv.write_text(
        f"姓名,证件号码,年龄,可见范围\n李某某,{li},老年,公开\n孙八,{li},,内部\n",
        encoding="utf-8",
    )
    first = await _import(services, csv)
    assert (first.added, [line for line, _ in first.errors]) == (0, [2, 3])
    assert "is also on line 2" in first.errors[1][1]
    csv.write_text(
        f"姓名,证件号码,年龄,可见范围\n李某某,{li},30-40,公开\n孙八,{li},,内部\n",
        encoding="utf-8",
    )
    second = await _import(services, csv)
    assert (second.added, second.updated, [line for line, _ in second.errors]) == (1, 0, [3])
    async with services.sessions() as session:
        assert (await session.exec(_named(services, "孙八"))).first() is None
        (kept,) = (await session.exec(select(WantedPerson))).all()
    assert (kept.name, kept.visibility, kept.age_range) == ("李某某", Visibility.PUBLIC, "30-40")


async def test_a_stored_person_given_another_name_is_said_in_the_summary(
    tmp_path: Path, services: Services
) -> None:
    csv = tmp_path / "w.csv"
    csv.write_text(f"姓名,证件号码\n孙八,{NEW_ID}\n", encoding="utf-8")
    await _import(services, csv)
    csv.write_text(f"姓名,证件号码\n李某某,{NEW_ID}\n", encoding="utf-8")
    report = await _import(services, csv)
    assert report.updated == 1 and report.errors == []
    [(line, note)] = report.renamed
    assert line == 2 and "TJ-0001 was stored as 孙* and is now 李**" in note
    assert "孙八" not in report.summary() and NEW_ID not in report.summary()
    assert report.summary().startswith("added 0, updated 1, renamed 1, unchanged 0, rejected 0")


async def test_photos_named_without_a_photos_folder_refuse_the_whole_file(
    tmp_path: Path, services: Services
) -> None:
    """Each row with a photo had been rejected alone while the others were written."""
    csv = tmp_path / "w.csv"
    csv.write_text(
        f"姓名,证件号码,照片\n乙某,,\n丙某,{NEW_ID},bing.jpg\n丁某,,\n", encoding="utf-8"
    )
    with pytest.raises(CsvError) as refused:
        await _import(services, csv)
    assert "first on line 3" in str(refused.value) and "--photos" in str(refused.value)
    async with services.sessions() as session:
        assert (await session.exec(select(WantedPerson))).all() == []
    csv.write_text("姓名,证件号码,照片\n乙某,,\n", encoding="utf-8")  # the column, empty
    assert (await _import(services, csv)).added == 1


@pytest.mark.parametrize(("typed", "stored"), [("35", "35"), ("40", "40"), ("五十", "50")])
async def test_a_bare_age_is_read(
    tmp_path: Path, services: Services, typed: str, stored: str
) -> None:
    csv = tmp_path / "w.csv"
    csv.write_text(f"姓名,证件号码,年龄\n乙某,,{typed}\n", encoding="utf-8")
    report = await _import(services, csv)
    assert (report.added, report.errors) == (1, [])
    async with services.sessions() as session:
        assert (await session.exec(_named(services, "乙某"))).one().age_range == stored


@pytest.fixture(scope="module")
def large_photos(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder the imports only read, written once for both engines: the 42-megapixel
    PNG took seconds to write."""
    folder = tmp_path_factory.mktemp("photos")
    Image.new("RGB", (6500, 6500), "gray").save(folder / "huge.png")
    Image.new("RGB", (100, 100), "gray").save(folder / "bomb.png")
    return folder


async def test_a_large_photo_is_shrunk_and_a_bomb_refused_in_cli_words(
    tmp_path: Path, services: Services, monkeypatch: pytest.MonkeyPatch, large_photos: Path
) -> None:
    """A scan past what a chat may send (42 megapixels) had been refused with the chat's
    请截图或压缩后重新发送; IT gets photos at any size. Past Pillow's decompression-bomb
    limit a picture is still refused, in the CLI's words."""
    folder = large_photos
    csv = tmp_path / "w.csv"
    csv.write_text("姓名,证件号码,照片\n乙某,,huge.png\n", encoding="utf-8")
    async with services.sessions() as session:
        report = await import_watchlist(session, services, csv, photos_dir=folder)
    assert (report.added, report.errors) == (1, [])
    async with services.sessions() as session:
        [photo] = json.loads((await session.exec(_named(services, "乙某"))).one().photos)
    kept = MediaStore(Path(services.settings.storage.media_dir), cipher=services.cipher).get(photo)
    assert kept is not None and max(Image.open(io.BytesIO(kept)).size) == MAX_SIDE
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    csv.write_text("姓名,证件号码,照片\n丙某,,bomb.png\n", encoding="utf-8")
    async with services.sessions() as session:
        report = await import_watchlist(session, services, csv, photos_dir=folder)
    assert report.errors == [(2, "照片 'bomb.png' is over 1,000 pixels")]


async def test_the_audit_of_an_import_names_the_cards_it_wrote_and_its_file(
    tmp_path: Path, services: Services, seeded: Seeded
) -> None:
    """The import's audit row said only counts: no card to find it by, nor which file."""
    csv = tmp_path / "w.csv"
    csv.write_text(
        f"name,doc_no,case\n乙某,{NEW_ID},诈骗案\n丙某,,盗窃案\n丁某,,抢劫案\n", encoding="utf-8"
    )
    await _import(services, csv)
    csv.write_text(f"name,doc_no,case\n乙某,{NEW_ID},诈骗案（已补充）\n", encoding="utf-8")
    await _import(services, csv)
    async with services.sessions() as session:
        ids = {
            name: (await session.exec(_named(services, name))).one().id
            for name in ("乙某", "丙某", "丁某")
        }
        query = select(AuditEvent).where(AuditEvent.action == "wanted:import")
        first, second = (await session.exec(query.order_by(col(AuditEvent.id)))).all()
    added = sorted(i for i in ids.values() if i is not None)
    assert first.subject_kind == "wanted_person"
    assert first.subject_id == ",".join(str(i) for i in added)
    assert f"added=3 updated=0 unchanged=0 rejected=0 ids={added[0]}-{added[-1]}" in first.detail
    assert second.subject_id == str(ids["乙某"]) and "added=0 updated=1" in second.detail
    # Each batch is told apart by its file's digest; no name is in the row.
    assert first.detail.split()[0] != second.detail.split()[0]
    assert first.detail.startswith("batch=") and "乙某" not in first.detail + second.detail
