"""The review points out a photo sent more than once: within one inspection, or for
another that the officer may see."""

from __future__ import annotations

from sqlmodel import select

from bot.config import Settings
from bot.context import Services
from bot.dispatch import Dispatcher
from bot.messages import Image
from storage.models import Inspection, VenueKind
from tests.handlers.inspection.support import submitted_inspection, venue_owner
from tests.support.chat import Chat
from tests.support.media import stored_photo
from tests.support.people import add_stranger_officer
from tests.support.rich_chat import RichChat
from tests.support.seed import Seeded


async def test_the_fault_photo_sent_again_as_the_fix_is_pointed_out(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """The extinguisher's photo sent again as the photo of its fix left the item rectified
    with no photo of the fix and nothing said to the officer."""
    owner = await submitted_inspection(dispatcher, settings)  # its extinguisher in blue
    officer = RichChat(dispatcher, "officer")
    await officer.say("/审核 1 整改 第2项 过期灭火器请更换并拍照 3天")
    await owner.say_all("/自查 整改 1", "是")
    await owner.photo(stored_photo(settings, "blue"))
    await owner.say_all("完成", "确认")
    replies = await officer.send("/审核 1")
    detail = "\n".join(r.text for r in replies if not isinstance(r, Image))
    assert "⚠️ 第2项 灭火器：整改后的照片与整改前的照片相同，请核实。" in detail
    captions = [r.caption for r in replies if isinstance(r, Image)]
    assert "第2项 灭火器（整改后）" in captions


async def test_one_fix_photo_for_two_items_is_said_once(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """One new photo sent as the fix of two items was pointed out twice (A as B, B as A)."""
    owner = await submitted_inspection(dispatcher, settings)
    officer = Chat(dispatcher, "officer")
    await officer.say("/审核 1 整改 第1项 清理杂物并拍照 第2项 更换灭火器并拍照 3天")
    await owner.say_all("/自查 整改 1", "是")
    await owner.photo(stored_photo(settings, "yellow"))
    await owner.say("是")
    await owner.photo(stored_photo(settings, "yellow"))
    await owner.say_all("完成", "确认")
    detail = await officer.say("/审核 1")
    assert "⚠️ 第1项 安全出口（整改后）的照片与第2项 灭火器（整改后）的照片相同" in detail
    assert detail.count("的照片相同") == 1


async def test_a_fix_photo_of_another_venue_is_found_within_the_officers_station(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings, services: Services
) -> None:
    """A photo sent as another venue's fix is found; another station's inspections are
    neither searched nor named."""
    owner = await submitted_inspection(dispatcher, settings)
    officer = Chat(dispatcher, "officer")
    await officer.say("/审核 1 整改 第2项 更换灭火器并拍照 3天")
    await owner.say_all("/自查 整改 1", "是")
    await owner.photo(stored_photo(settings, "yellow"))
    await owner.say_all("完成", "确认")
    cafe = await venue_owner(dispatcher, services, seeded, VenueKind.INTERNET_CAFE, "极速网吧")
    await cafe.say_all("/自查", "是")
    await cafe.photo(stored_photo(settings, "yellow"))  # the hotel's new extinguisher
    await cafe.say("是")
    await cafe.photo(stored_photo(settings, "purple"))
    await cafe.say_all("是", "是", "是")
    await cafe.photo(stored_photo(settings, "orange"))
    await cafe.say_all("是", "是", "是", "是", "是", "是")
    assert "已提交（编号 #2）" in await cafe.say("确认")
    told = "第1项 安全出口：此照片与「平安旅馆」自查 #1 第2项 灭火器（整改后）中的照片相同"
    assert told in await officer.say("/审核 2")
    # The net café's inspection moved to another station: neither officer sees the other's.
    stranger = await add_stranger_officer(services)
    async with services.sessions() as session:
        cafe_inspection = (await session.exec(select(Inspection).where(Inspection.id == 2))).one()
        cafe_inspection.station_id = stranger.station_id or 0
        session.add(cafe_inspection)
        await session.commit()
    theirs = await Chat(dispatcher, "stranger").say("/审核 2")
    assert "自查 #2　极速网吧" in theirs and "此照片" not in theirs
    assert "此照片" not in await officer.say("/审核 1")


async def test_last_months_photo_of_the_same_item_is_pointed_out(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """The extinguisher's photo of inspection #1 sent again for the extinguisher in #2 was
    taken for a new photo: only another venue's or another item's use was pointed out."""
    owner = await submitted_inspection(dispatcher, settings)  # its extinguisher in blue
    assert "场所：平安旅馆" in await owner.say("/自查")
    await owner.say("是")
    await owner.photo(stored_photo(settings, "yellow"))  # a new photo of the exits
    await owner.say("是")
    await owner.photo(stored_photo(settings, "blue"))  # last month's extinguisher
    await owner.say_all("是", "是")
    await owner.photo(stored_photo(settings, "purple"))
    await owner.say_all("是", "是", "是")
    assert "已提交（编号 #2）" in await owner.say("确认")
    officer = Chat(dispatcher, "officer")
    detail = await officer.say("/审核 2")
    assert "⚠️ 第2项 灭火器：此照片与本场所上次自查 #1 第2项 灭火器中的照片相同，请核实。" in detail
    assert detail.count("此照片") == 1  # the new photos of the exits and the wiring
    # The earlier inspection's photo was the first use: nothing to verify there.
    assert "此照片" not in await officer.say("/审核 1")


async def test_an_older_photo_is_named_from_the_inspection_it_was_sent_for(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """The latest use is named 上次; a photo from further back is named by its number."""
    owner = await submitted_inspection(dispatcher, settings)  # exits red, extinguisher blue
    for exits, number in (("yellow", 2), ("red", 3)):
        await owner.say_all("/自查", "是")
        await owner.photo(stored_photo(settings, exits))
        await owner.say("是")
        await owner.photo(stored_photo(settings, "blue"))
        await owner.say_all("是", "是")
        await owner.photo(stored_photo(settings, f"#0000{number}0"))
        await owner.say_all("是", "是", "是")
        assert f"已提交（编号 #{number}）" in await owner.say("确认")
    detail = await Chat(dispatcher, "officer").say("/审核 3")
    assert "⚠️ 第1项 安全出口：此照片与本场所此前自查 #1 第1项 安全出口中的照片相同" in detail
    assert "⚠️ 第2项 灭火器：此照片与本场所上次自查 #2 第2项 灭火器中的照片相同" in detail
    assert detail.count("此照片") == 2
