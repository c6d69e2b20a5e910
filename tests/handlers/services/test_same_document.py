"""One document number registered under two names the same day is told to the beat's
officers once, masked; never to the owners who registered."""

from __future__ import annotations

from datetime import date

from bot.context import Services
from bot.validators.idcard import build_resident_id
from bot.validators.masking import mask_stored_id_number
from storage.models import VenueKind
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.outbox import queued, texts_to
from tests.support.places import second_place
from tests.support.seed import Seeded

SHARED = build_resident_id("110105", date(1990, 4, 2), 123)


def _guest(name: str, room: str) -> tuple[str, ...]:
    return ("登记", name, "身份证", SHARED, "跳过", room, "现在", "跳过", "确认")


def _tenant(name: str) -> tuple[str, ...]:
    return ("登记", name, "身份证", SHARED, "跳过", "跳过", "跳过", "2026-11-01", "跳过", "确认")


async def _notices(services: Services, chat_id: str) -> list[str]:
    return [t for t in await texts_to(services, chat_id) if "同一证件号码登记了不同姓名" in t]


async def test_one_number_under_two_names_is_told_to_the_officer_once(
    owner_chat: Chat, landlord_chat: Chat, services: Services
) -> None:
    """张小宝 at the hotel and 刘小明 at a rented flat, one ID number, one day: flagged
    nowhere."""
    assert "旅客登记成功" in await owner_chat.say_all(*_guest("张小宝", "301"))
    assert await _notices(services, "officer") == []
    assert "租客登记成功" in await landlord_chat.say_all(*_tenant("刘小明"))
    [told] = await _notices(services, "officer")
    assert (
        "平安旅馆 301房：张**（旅客" in told
        and "和平里5号（门牌200001）（租住）：刘**（租客" in told
    )
    assert mask_stored_id_number(SHARED) in told and "请核实" in told
    assert "张小宝" not in told and "刘小明" not in told and SHARED not in told
    # The owners hear nothing of it, in their replies or pushed.
    for owner in ("owner", "landlord"):
        assert await _notices(services, owner) == []


async def _none(services: Services) -> bool:
    return not [r for r in await queued(services) if r.dedupe_key.startswith("doc-names")]


async def test_the_same_name_twice_is_nothing(
    owner_chat: Chat, landlord_chat: Chat, services: Services
) -> None:
    assert "旅客登记成功" in await owner_chat.say_all(*_guest("张小宝", "301"))
    assert "租客登记成功" in await landlord_chat.say_all(*_tenant("张小宝"))
    assert await _none(services)


async def test_another_name_on_another_day_is_nothing(
    owner_chat: Chat, landlord_chat: Chat, services: Services, clock: FakeClock
) -> None:
    assert "旅客登记成功" in await owner_chat.say_all(*_guest("张小宝", "301"))
    clock.advance(days=1)
    assert "租客登记成功" in await landlord_chat.say_all(*_tenant("刘小明"))
    assert await _none(services)


async def test_two_places_with_the_guest_in_the_house_are_told_once(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """In the house at two places under two names: `id_elsewhere` tells it; this notice
    came as a second message about the one event."""
    await second_place(services, seeded, "枫林民宿", VenueKind.HOMESTAY)
    for place, name, room in (("1", "张小宝", "101"), ("2", "刘小明", "201")):
        steps = ("登记", place, name, "身份证", SHARED, "跳过", room, "现在", "跳过", "确认")
        assert "旅客登记成功" in await owner_chat.say_all(*steps)
    keys = [r.dedupe_key for r in await queued(services, "officer")]
    assert [k for k in keys if k.startswith("id-elsewhere")] and await _none(services)


def _passport_guest(name: str, room: str) -> tuple[str, ...]:
    return (
        *("登记", name, "护照", "E12345678", "男", "1980-01-02", "美国", "跳过"),
        *(room, "现在", "跳过", "确认"),
    )


async def test_a_latin_name_in_another_order_is_the_same_name(
    owner_chat: Chat, services: Services
) -> None:
    """SMITH JOHN (as the passport prints it) after John Smith was told to the officer as
    one ID under two names; another name is still told."""
    assert "旅客登记成功" in await owner_chat.say_all(*_passport_guest("John Smith", "301"))
    await owner_chat.say("退房 301")
    assert "旅客登记成功" in await owner_chat.say_all(*_passport_guest("SMITH JOHN", "302"))
    assert await _none(services)
    await owner_chat.say("退房 302")
    assert "旅客登记成功" in await owner_chat.say_all(*_passport_guest("SMITH JANE", "303"))
    [told] = await _notices(services, "officer")
    assert "J*** S****" in told and told.count("S**** J***") == 2
