"""Reading the answer to the question asked: a partial answer (`More`) at a step that takes
no photos."""

from __future__ import annotations

from bot.dispatch import Dispatcher
from tests.handlers.reports.support import REPORTER
from tests.support.rich_chat import RichChat
from tests.support.seed import Seeded


async def test_a_partial_answer_at_a_choice_keeps_what_it_took_and_asks_the_choice_again(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """我帮我妈报的 at a report's 车辆类型: whom the report is for is taken, the vehicle is
    not. It had been met as a photo step (a 完成 button under a question of options, the
    draft kept as the answer in waiting); the victim is kept, and only the choice asked
    again, its options under it."""
    chat = RichChat(dispatcher, "resident-1")
    await chat.say("/报案 电动车/自行车被盗")
    asked = await chat.say("我帮我妈报的")
    assert "受害人是您的母亲" in asked and "被盗的是什么车" in asked, asked
    assert chat.buttons() == ["电动车", "自行车"]
    assert "请描述车辆的品牌" in await chat.say("电动车")
    # 上一步 goes back over the choice, not over a draft that was never an answer.
    assert "被盗的是什么车" in await chat.say("上一步")
    summary = await chat.say_all(
        "电动车",
        "雅迪 白色",
        "跳过",
        "3000元",
        "今天早上7点",
        "和平路1号楼下",
        "已上锁",
        "跳过",
        "跳过",
        "跳过",
        "跳过",
        *REPORTER,
    )
    assert "受害人：您的母亲（由您代为报案）" in summary, summary
