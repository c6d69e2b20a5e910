"""`jingmin venue import|list` and `invite --venue`, as a station's IT staff use them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.bot.cli.support import demo_config, run

VENUES = (
    "类型,名称,警务区,地址,门牌\n"
    "旅馆,如家快捷酒店城东店,east,城东路 1 号,\n"
    "出租屋,幸福里 5 号,east,幸福里 5 号,100005\n"
    "小商店,城东超市,east,,\n"
)


@pytest.fixture
def config(tmp_path: Path) -> Path:
    return demo_config(tmp_path)


def _venue_rows(config: Path) -> list[list[str]]:
    code, out = run(config, "venue", "list")
    assert code == 0
    return [line.split("\t") for line in out.splitlines()[1:]]


def test_importing_a_file_twice_or_an_export_adds_no_copies(config: Path, tmp_path: Path) -> None:
    venues = tmp_path / "venues.csv"
    venues.write_text(VENUES, encoding="utf-8")
    code, out = run(config, "venue", "import", str(venues))
    assert code == 0 and "added 3, updated 0, rejected 0\n" in out

    code, out = run(config, "venue", "import", str(venues))
    # Expected on a second import: one line, not one per row.
    assert code == 0 and out.splitlines()[1:] == [  # after the progress bar
        "added 0, updated 0, rejected 0, skipped 3 already present",
        "  already present, left as they are: lines 2-4; to change venues from a file, give "
        "each row its 编号/id (`venue export`) and use --update",
    ]

    exported = tmp_path / "export.csv"
    assert run(config, "venue", "export", "-o", str(exported))[0] == 0
    code, out = run(config, "venue", "import", str(exported))  # --update forgotten
    assert code == 0 and "added 0, updated 0, rejected 0, skipped 9 already present" in out
    assert "lines 2-10; to change venues" in out
    assert len(_venue_rows(config)) == 9


def test_a_row_with_another_venues_plate_is_a_conflict_not_that_venue(
    config: Path, tmp_path: Path
) -> None:
    """It was 'already present as venue 3 (…), same plate 100001; use --update', and
    --update would have renamed venue 3."""
    venues = tmp_path / "venues.csv"
    venues.write_text(VENUES + "出租屋,和平路 3 号出租屋,east,和平路 3 号,100001\n", "utf-8")
    code, out = run(config, "venue", "import", str(venues))
    assert code == 1 and "added 3, updated 0, rejected 1\n" in out
    assert "line 5: plate 100001 is venue 3 (幸福里 3 号出租屋)'s: a plate names one venue" in out
    assert "already present" not in out
    assert len(_venue_rows(config)) == 9 and _venue_rows(config)[2][2] == "幸福里 3 号出租屋"


def test_an_import_with_rejected_rows_exits_1_and_keeps_the_good_ones(
    config: Path, tmp_path: Path
) -> None:
    venues = tmp_path / "venues.csv"
    venues.write_text(VENUES + "飞船,外星基地,east,,\n", encoding="utf-8")
    code, out = run(config, "venue", "import", str(venues))
    assert code == 1
    assert "added 3, updated 0, rejected 1" in out and "line 5: kind '飞船'" in out
    assert "fix the rejected lines and import the file again" in out
    assert len(_venue_rows(config)) == 9
    # Only the row that was fixed is added; the others are skipped, which is no error.
    venues.write_text(VENUES + "小商店,外星基地,east,,\n", encoding="utf-8")
    code, out = run(config, "venue", "import", str(venues))
    assert code == 0 and "added 1, updated 0, rejected 0, skipped 3 already present" in out


def test_invite_refuses_a_venue_name_that_several_venues_share(config: Path) -> None:
    for beat, address in (("east", "城东路 1 号"), ("west", "城西路 2 号")):
        added = ("--kind", "旅馆", "--name", "如家快捷酒店城东店", "--beat", beat)
        assert run(config, "venue", "add", *added, "--address", address)[0] == 0
    code, out = run(config, "invite", "--role", "owner", "--venue", "如家快捷酒店城东店")
    assert code == 1 and "/绑定" not in out
    assert out.splitlines() == [
        "Error: 2 venues are named '如家快捷酒店城东店'; give the id or plate instead"
        " (e.g. --venue 7):",
        "    id 7, plate -, 城东路 1 号, 城东警务区",
        "    id 8, plate -, 城西路 2 号, 城西警务区",
    ]
    code, out = run(config, "invite", "--role", "owner", "--venue", "8")
    assert code == 0 and "/绑定 " in out
    code, out = run(config, "venue", "history", "如家快捷酒店城东店")
    assert code == 1 and "give the id or plate instead" in out


def test_venue_list_has_a_header_and_the_beat(config: Path) -> None:
    added = ("--kind", "小商店", "--name", "城西超市", "--beat", "west", "--address", "城西路 9 号")
    assert run(config, "venue", "add", *added)[0] == 0
    code, out = run(config, "venue", "list")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "id\tkind\tname\tplate\taddress\tbeat"
    assert lines[3] == "3\t出租屋\t幸福里 3 号出租屋\t100001\t幸福里 3 号\t城东警务区"
    assert lines[-1] == "7\t小商店\t城西超市\t\t城西路 9 号\t城西警务区"


def test_coordinates_are_checked_as_a_pair(config: Path, tmp_path: Path) -> None:
    venues = tmp_path / "venues.csv"
    venues.write_text(
        "类型,名称,警务区,纬度,经度\n"
        "旅馆,半个坐标旅馆,east,34.75,\n"
        "旅馆,坐标反了旅馆,east,113.62,34.75\n"
        "旅馆,度分秒旅馆,east,34°45′,113°37′\n"
        "旅馆,坐标齐全旅馆,east,34.75,113.62\n",
        encoding="utf-8",
    )
    code, out = run(config, "venue", "import", str(venues))
    assert code == 1 and "added 1, updated 0, rejected 3" in out, out
    assert "line 2: latitude without longitude: give both, or leave both empty" in out
    assert "line 3: latitude 113.62 and longitude 34.75 look swapped" in out
    assert "line 4: latitude '34°45′' is not a number: give decimal degrees" in out
    assert [row[2] for row in _venue_rows(config)][-1] == "坐标齐全旅馆"

    # A venue that has both may be given one anew.
    venues.write_text("编号,纬度\n7,34.76\n", encoding="utf-8")
    code, out = run(config, "venue", "import", "--update", str(venues))
    assert code == 0 and "updated 1" in out, out


def test_excel_unicode_text_is_read_and_a_workbook_is_told_how_to_save(
    config: Path, tmp_path: Path
) -> None:
    # Excel's "Unicode 文本 (*.txt)": UTF-16 with its BOM, columns split by tabs.
    text = tmp_path / "venues.txt"
    text.write_text("类型\t名称\t警务区\r\n旅馆\t城东宾馆\teast\r\n", encoding="utf-16")
    code, out = run(config, "venue", "import", str(text))
    assert code == 0 and "added 1, updated 0, rejected 0" in out, out
    assert [row[2] for row in _venue_rows(config)][-1] == "城东宾馆"

    workbook = tmp_path / "venues.xlsx"
    workbook.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(64))
    code, out = run(config, "venue", "import", str(workbook))
    assert code == 1
    assert "is a spreadsheet workbook (.xlsx/.xls), not CSV" in out, out
    assert "另存为 → CSV UTF-8" in out

    semicolons = tmp_path / "venues.csv"
    semicolons.write_text("类型;名称;警务区\n旅馆;城西宾馆;east\n", encoding="utf-8")
    code, out = run(config, "venue", "import", str(semicolons))
    assert code == 1 and "its heading is one column ('类型;名称;警务区')" in out, out


def test_a_kind_in_everyday_words_is_refused_with_the_label_to_write(
    config: Path, tmp_path: Path
) -> None:
    """幼儿园 had been listed against 「…/小学校/幼儿园/…」, whose "/" also parts the kinds,
    and 网吧, 宾馆, 小餐馆 had got no suggestion at all."""
    venues = tmp_path / "v2.csv"
    venues.write_text(
        "类型,名称,警务区\n幼儿园,阳光幼儿园,east\n网吧,星空网吧,east\n宾馆,城东宾馆,east\n"
        "小餐馆,老王面馆,east\n",
        encoding="utf-8",
    )
    code, out = run(config, "venue", "import", str(venues))
    assert code == 1 and "rejected 4" in out
    kinds = "旅馆、民宿、出租屋、小商店、小餐饮、小旅馆、小歌舞娱乐、小网吧、小美容洗浴、小学校/幼儿园、"
    assert f"line 2: kind '幼儿园' is not one of {kinds}" in out
    for line, word, meant in (
        (2, "幼儿园", "小学校/幼儿园"),
        (3, "网吧", "小网吧"),
        (4, "宾馆", "旅馆"),
        (5, "小餐馆", "小餐饮"),
    ):
        assert f"line {line}: kind '{word}' is not one of" in out
        assert f"小生产加工; did you mean '{meant}'?" in out.split(f"line {line}: ")[1], out
    # Written as suggested, the rows go in.
    venues.write_text(
        "类型,名称,警务区\n小学校/幼儿园,阳光幼儿园,east\n小网吧,星空网吧,east\n"
        "旅馆,城东宾馆,east\n小餐饮,老王面馆,east\n",
        encoding="utf-8",
    )
    assert "added 4, updated 0, rejected 0" in run(config, "venue", "import", str(venues))[1]
