"""The checklist is data a station may replace; mistakes in it stop start-up, named."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_settings
from handlers.inspection.checklist import ChecklistError, load_checklist, parse_checklist
from storage.models import VenueKind


def test_built_in_checklist() -> None:
    items = load_checklist()
    assert [i.key for i in items][:2] == ["exits", "extinguishers"]
    lodging = next(i for i in items if i.key == "no_lodging")
    assert lodging.applies_to(VenueKind.SHOP) and not lodging.applies_to(VenueKind.HOTEL)
    assert lodging.absent and not any(i.absent for i in items if i is not lodging)
    assert {i.key for i in items if i.photo} == {"exits", "extinguishers", "wiring"}


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("", "no [[item]]"),
        ("[[item]]\nkey = 'A'\nname = 'x'\nquestion = 'y'\n", "'key' must be"),
        ("[[item]]\nkey = 'a'\nname = ''\nquestion = 'y'\n", "'name' must be"),
        ("[[item]]\nkey = 'a'\nname = 'x'\nquestion = 'y'\nphoto = 'yes'\n", "'photo'"),
        ("[[item]]\nkey = 'a'\nname = 'x'\nquestion = 'y'\nkinds = ['bar']\n", "'kinds'"),
        ("[[item]]\nkey = 'a'\nname = 'x'\nquestion = 'y'\ncolour = 1\n", "unknown key"),
        ("[[item]]\nkey = 'a'\nname = 'x'\nquestion = 'y'\nabsent = 1\n", "'absent'"),
        (
            "[[item]]\nkey = 'a'\nname = 'x'\nquestion = 'y'\n"
            "[[item]]\nkey = 'a'\nname = 'z'\nquestion = 'y'\n",
            "key 'a' is used twice",
        ),
        ("[[item]\n", "not valid TOML"),
    ],
)
def test_bad_checklists_are_named(toml: str, message: str) -> None:
    with pytest.raises(ChecklistError, match=message.replace("[", r"\[")):
        parse_checklist(toml)


def test_config_points_at_a_station_checklist(tmp_path: Path) -> None:
    checklist = tmp_path / "checklist.toml"
    checklist.write_text(
        "[[item]]\nkey = 'exits'\nname = '安全出口'\nquestion = '畅通吗？'\nphoto = true\n",
        encoding="utf-8",
    )
    config = tmp_path / "c.toml"
    config.write_text(f"[inspection]\nchecklist = '{checklist}'\nevery_days = 14\n", "utf-8")
    settings = load_settings(config, environ={})
    assert settings.inspection.every_days == 14
    assert [i.name for i in load_checklist(settings.inspection.checklist)] == ["安全出口"]
    config.write_text("[inspection]\nchecklist = 'missing.toml'\n", "utf-8")
    with pytest.raises(ConfigError, match=r"inspection\.checklist: cannot read checklist"):
        load_settings(config, environ={})
