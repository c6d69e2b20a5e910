"""The buttons just shown, with two server processes (`jingmin serve --workers 2`, or two
replicas): each message may reach either, and is read as one process would read it."""

from __future__ import annotations

import pytest

from bot.assembly import build_dispatcher
from bot.context import Services
from knowledge.base import KnowledgeBase
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.seed import GUEST_ID, Seeded

CHECK_IN = ("登记", "王小明", "身份证", GUEST_ID, "跳过", "302", "现在", "跳过", "确认")


@pytest.fixture
def two(services: Services, seeded: Seeded) -> tuple[Chat, Chat]:
    """The owner's chat as each of two workers sees it."""
    return Chat(build_dispatcher(services), "owner"), Chat(build_dispatcher(services), "owner")


async def test_a_number_on_the_other_worker_picks_from_the_list_shown(
    two: tuple[Chat, Chat],
) -> None:
    first, second = two
    await first.say_all(*CHECK_IN)
    assert "请选择退房的房间" in await first.say("退房")
    assert "302 房间 1 位旅客已办理退房" in await second.say("1")


async def test_thanks_on_the_other_worker_retires_the_list(two: tuple[Chat, Chat]) -> None:
    """谢谢 handled by another worker had left the list on this one's: 「1」 then checked
    the guest out, where one process says there is nothing to answer."""
    first, second = two
    await first.say_all(*CHECK_IN)
    await first.say("退房")
    assert "不客气" in await second.say("谢谢")
    assert "已办理退房" not in await first.say("1")
    assert "在住旅客共 1 人" in await first.say("在住旅客")


async def test_a_word_under_the_list_on_the_other_worker_is_pointed_to_it(
    two: tuple[Chat, Chat],
) -> None:
    """zzz and 好的 on the worker that did not show the list had got 没有理解 and a
    goodbye to the list, as if none were on the screen."""
    first, second = two
    await first.say_all(*CHECK_IN)
    await first.say("退房")
    assert "请点选上面的选项（或回复序号 1）" in await second.say("zzz")
    assert "上面的选项仍可点选" in await second.say("好的")
    assert "302 房间 1 位旅客已办理退房" in await first.say("1")


async def test_a_restarted_worker_knows_the_list_shown_before(
    two: tuple[Chat, Chat], services: Services
) -> None:
    first, _second = two
    await first.say_all(*CHECK_IN)
    await first.say("退房")
    restarted = Chat(build_dispatcher(services), "owner")
    assert "请点选上面的选项（或回复序号 1）" in await restarted.say("zzz")
    assert "不客气" in await restarted.say("谢谢")
    assert "现在没有需要回复「1」的选项" in await first.say("1")


async def test_a_law_answers_pages_are_retired_on_the_other_worker(
    services: Services,
    seeded: Seeded,
    kb: KnowledgeBase,
    clock: FakeClock,
) -> None:
    """楼下有人吸毒怎么办 and 全文 1 on one worker, 谢谢 and 查询 on the other, then 举报:
    the page's buttons (全文 2, 更多) had stayed on the first worker's record, and the tip
    started with the question's story, as it never does in one process."""
    first = Chat(build_dispatcher(services, kb), "resident-1")
    second = Chat(build_dispatcher(services, kb), "resident-1")
    assert "是否要向民警举报" in await first.say("楼下有人吸毒怎么办")
    clock.advance(minutes=1)
    await first.say("全文 1")
    clock.advance(minutes=1)
    await second.say_all("谢谢", "查询")
    started = await first.say("举报")
    assert "已记下情况" not in started and "请描述您看到的情况" in started
