"""One ID number in the house at two places: the officer hears of it, the owner does not."""

from __future__ import annotations

from sqlmodel import select

from bot.context import Services
from storage.models import Venue, VenueKind, VenueOwner
from tests.support.chat import Chat
from tests.support.outbox import queued, text
from tests.support.places import second_place
from tests.support.seed import GUEST_ID, Seeded


def _check_in(place: str, name: str, room: str) -> tuple[str, ...]:
    return ("登记", place, name, "身份证", GUEST_ID, "跳过", room, "现在", "跳过", "确认")


async def test_an_id_in_the_house_at_another_place_is_told_to_the_officer(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """The same ID as 孙丽 in one place's 101 and as 周洁 in another's 201: nobody was told."""
    await second_place(services, seeded, "枫林民宿", VenueKind.HOMESTAY)
    first = await owner_chat.say_all(*_check_in("1", "孙丽", "101"))
    assert "旅客登记成功" in first
    second = await owner_chat.say_all(*_check_in("2", "周洁", "201"))
    # The owner's receipt is any receipt: nothing of where else the ID stays.
    assert "旅客登记成功" in second and "平安旅馆" not in second and " 101" not in second
    rows = [r for r in await queued(services) if r.dedupe_key.startswith("id-elsewhere")]
    assert len(rows) == 1
    told = text(rows[0])
    assert "同一证件同时在两处登记在住" in told
    assert "枫林民宿（房间 201）周*" in told and "平安旅馆（房间 101）孙*" in told
    assert "可能有人冒用他人证件" in told
    assert GUEST_ID not in told  # masked, as every officer notice


async def test_an_id_checked_out_elsewhere_tells_nobody(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    await second_place(services, seeded, "枫林民宿", VenueKind.HOMESTAY)
    await owner_chat.say_all(*_check_in("1", "孙丽", "101"))
    await owner_chat.say("退房 101")
    await owner_chat.say_all(*_check_in("2", "孙丽", "201"))
    assert not [r for r in await queued(services) if r.dedupe_key.startswith("id-elsewhere")]


async def test_a_check_out_undone_while_the_id_stays_at_anothers_place_is_told(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """Undoing a check-out puts the guest back in the house: when the ID is by then in the
    house at a place of someone else's, that is one ID in two places, as at a check-in."""
    await second_place(services, seeded, "枫林民宿", VenueKind.HOMESTAY)
    await owner_chat.say_all(*_check_in("1", "孙丽", "101"))
    await owner_chat.say("退房 101")
    await owner_chat.say_all(*_check_in("2", "周洁", "201"))
    async with services.sessions() as session:  # the homestay passes to another owner
        homestay = (await session.exec(select(Venue).where(Venue.name == "枫林民宿"))).one()
        await session.delete(await session.get(VenueOwner, (seeded.owner.id, homestay.id)))
        await session.commit()
    assert "撤销" in await owner_chat.say("撤销退房")
    assert "已撤销" in await owner_chat.say("确认")
    rows = [r for r in await queued(services) if r.dedupe_key.startswith("id-elsewhere")]
    assert len(rows) == 1
    told = text(rows[0])
    assert "撤销退房后在住：平安旅馆（房间 101）孙*" in told
    assert "枫林民宿（房间 201）周*" in told


async def test_a_latin_name_in_another_order_is_not_another_name(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """JOHN SMITH at one place and SMITH JOHN (the passport's order) at another were told
    as 姓名不同，可能有人冒用他人证件."""
    await second_place(services, seeded, "枫林民宿", VenueKind.HOMESTAY)
    for place, name, room in (("1", "JOHN SMITH", "101"), ("2", "smith john", "201")):
        steps = ("登记", place, name, "护照", "E12345678", "男", "1980-01-02", "美国", "跳过")
        assert "旅客登记成功" in await owner_chat.say_all(*steps, room, "现在", "跳过", "确认")
    [row] = [r for r in await queued(services) if r.dedupe_key.startswith("id-elsewhere")]
    assert "姓名相同" in text(row) and "冒用他人证件" not in text(row)
