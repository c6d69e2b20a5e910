"""Which words of an owner's sighting name their own venue."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.forms import FormEnv
from bot.validators import Invalid
from handlers.tips.own_venue import OWN_VENUES, parse_sighting_place

NOW = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
HOTEL = {"name": "悦来旅馆", "kind": "hotel", "where": "悦来旅馆，城东路 18 号"}
HOMESTAY = {"name": "枫林民宿", "kind": "homestay", "where": "枫林民宿，枫林巷 6 号"}
RENTAL = {
    "name": "幸福里出租屋",
    "kind": "rental",
    "where": "幸福里出租屋，幸福里 3 号，门牌号 100001",
}


def _place(text: str, *venues: dict[str, str]) -> str:
    env = FormEnv({OWN_VENUES: list(venues)} if venues else {}, NOW.date(), NOW)
    return str(parse_sighting_place(text, env)["text"])


@pytest.mark.parametrize("said", ["就在我店里", "本店", "店里", "在前台", "我们这儿", "我店对面"])
def test_an_owners_own_place_is_named(said: str) -> None:
    assert _place(said, HOTEL) == f"{said}（悦来旅馆，城东路 18 号）"


@pytest.mark.parametrize("said", ["隔壁便利店里", "菜市场门口", "我家楼下", "我这个看得不太清"])
def test_other_places_are_kept_as_said(said: str) -> None:
    assert _place(said, HOTEL) == said


def test_the_plate_number_is_named_and_a_kind_picks_among_several() -> None:
    assert _place("我的出租屋", HOTEL, RENTAL).endswith("门牌号 100001）")
    assert "（悦来旅馆" in _place("我们旅馆门口", HOTEL, HOMESTAY)
    with pytest.raises(Invalid, match="请说明是在哪一家"):
        _place("店里", HOTEL, HOMESTAY)


def test_a_resident_is_not_given_a_venue() -> None:
    assert _place("就在我店里") == "就在我店里"
