"""The reporter adds to a report, or answers an officer's question about it."""

from __future__ import annotations

from bot.config import Settings
from bot.context import Services
from bot.dispatch import Dispatcher
from tests.handlers.reports.support import file_report, receipt_in
from tests.support.chat import Chat
from tests.support.media import stored_photo
from tests.support.outbox import texts_to
from tests.support.rich_chat import RichChat
from tests.support.seed import Seeded


async def test_more_said_after_a_report_is_acknowledged_as_added_to_it(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """补充 after a self-service report, with no question from an officer, had been
    acknowledged as 已把您的回答…: the reporter had answered nothing."""
    reporter = Chat(dispatcher, "resident-1")
    number = receipt_in(await file_report(reporter))
    offered = await reporter.say("补充 车座下面还有一个头盔")
    assert number in offered
    [button] = reporter.buttons()
    added = await reporter.say(button)
    assert f"已把这段话补充到报案 {number}，并转给民警" in added, added
    assert "回答" not in added
    assert "车座下面还有一个头盔" in (await texts_to(services, "officer"))[-1]

    # Asked by the officer, the next message is the answer, and is called so.
    await Chat(dispatcher, "officer").say(f"/追问 {number} 头盔是什么颜色")
    answered = await reporter.say(f"回复 {number} 黑色的")
    assert f"已把您的回答转给民警（报案 {number}）" in answered, answered


async def test_a_photo_sent_with_the_report_command_goes_with_the_kind_picked(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """[photo] 报案, then a kind from the menu: the report had started without the photo."""
    reporter = RichChat(dispatcher, "resident-2")
    menu = await reporter.photo(stored_photo(settings), "报案")
    assert "请选择类型" in menu and "已收到图片（1 张），选好类型后会一并带上" in menu
    assert "已带上您刚才发的照片（1 张）" in await reporter.say("/报案 盗窃")
