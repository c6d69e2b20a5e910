"""A tipster's questions about their tip: a reward, and whether anyone took it up."""

from __future__ import annotations

import pytest

from bot.context import Services
from bot.dispatch import Dispatcher
from handlers.tips.reward import asks_own_tip, asks_reward
from tests.handlers.tips.support import code_in, submit_tip
from tests.support.chat import Chat
from tests.support.outbox import queued, text
from tests.support.seed import Seeded


@pytest.fixture
def resident(seeded: Seeded, law_dispatcher: Dispatcher) -> Chat:
    return Chat(law_dispatcher, "resident-1")


@pytest.mark.parametrize(
    ("said", "reward", "own_tip"),
    [
        ("谢谢 那我能拿奖励吗", True, False),
        ("举报有奖励吗", True, False),
        ("提供线索有没有奖金", True, False),
        ("我刚才举报的有人管吗", False, True),
        ("我举报的那个事处理了没", False, True),
        ("我要举报楼下有人赌博有人管吗", False, False),  # a new tip, asked about
        ("我举报了他会被抓吗", False, False),  # the law's
        ("奖励", False, False),  # no question
    ],
)
def test_the_questions_are_told_apart(said: str, reward: bool, own_tip: bool) -> None:
    assert asks_reward(said) is reward and asks_own_tip(said) is own_tip


async def test_a_reward_asked_after_a_tip_follows_the_rules_and_offers_the_officer(
    resident: Chat, services: Services
) -> None:
    """谢谢 那我能拿奖励吗 had got a traffic-police regulation, 举报有奖励吗 「您是想用
    「举报」…吗？」."""
    code = code_in(await submit_tip(resident, "小区地下室每天晚上有人聚众赌博"))
    for asked in ("谢谢 那我能拿奖励吗", "举报有奖励吗"):
        reply = await resident.say(asked)
        assert "当地公安机关的规定" in reply and "不能事先承诺" in reply, asked
        assert f"查询码 {code}" in reply and "您是想" not in reply
        [button] = resident.buttons()
        assert button.startswith(f"回复 {code} ")
    # The tap asks the officer, under the tip's alias.
    assert "已转告民警" in await resident.say(button)
    assert any("举报奖励" in text(row) for row in await queued(services))


async def test_a_reward_asked_with_no_tip_says_how_to_ask_later(resident: Chat) -> None:
    reply = await resident.say("举报有奖励吗")
    assert "当地公安机关的规定" in reply and "举报提交后会收到查询码" in reply
    assert resident.buttons() == []


async def test_asking_after_ones_tip_shows_its_progress(resident: Chat) -> None:
    """我刚才举报的有人管吗 had been offered a new tip."""
    assert "还没有在这里报过案或举报" in await resident.say("我刚才举报的有人管吗")
    code = code_in(await submit_tip(resident, "小区地下室每天晚上有人聚众赌博"))
    reply = await resident.say("我刚才举报的有人管吗")
    assert "您的举报（涉赌" in reply and "处理进展" in reply
    assert f"回复 {code} 内容" in reply  # as 查询 shows it


async def test_asking_after_ones_tip_by_what_it_was_about_shows_that_one(resident: Chat) -> None:
    """我之前举报的那个传销的 处理了没 had been shown the newer 涉毒 tip."""
    mlm = code_in(await submit_tip(resident, "我们楼下有人搞传销 天天开会", category="传销"))
    drugs = code_in(await submit_tip(resident, "隔壁出租屋有人吸毒 经常有怪味"))
    reply = await resident.say("我之前举报的那个传销的 处理了没")
    assert "您的举报（传销" in reply and f"回复 {mlm} 内容" in reply
    assert "您的举报（涉毒" in await resident.say("我之前举报的那个吸毒的有人管吗")
    # Words that fit none: the tips listed with their codes, one tap each.
    listed = await resident.say("我之前举报的那个赌博的处理了没")
    assert "没有找到和「赌博」有关的举报" in listed
    assert f"{mlm}（传销" in listed and f"{drugs}（涉毒" in listed
    assert resident.buttons() == [f"查询 {drugs}", f"查询 {mlm}"]
