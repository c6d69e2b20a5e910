"""Which self-service report a resident's story is offered."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.dispatch import Dispatcher
from bot.forms import FormEnv
from handlers.reports.templates import (
    BIKE_THEFT,
    FRAUD,
    LOST_DOCUMENT,
    PICKPOCKET,
    THEFT,
    WHEN,
    template_for_story,
)
from tests.support.chat import Chat
from tests.support.seed import Seeded


@pytest.mark.parametrize(
    "story", ["我朋友被骗进传销组织了怎么办", "被拉去传销被骗了三万块怎么办", "被非法集资骗了钱"]
)
def test_a_pyramid_scheme_is_no_telecom_fraud(story: str) -> None:
    """传销 questions were offered 「自助报案：电信网络诈骗」, because 被骗 is in them."""
    assert template_for_story(story) is None


def test_a_guests_lost_id_card_is_not_the_owners_to_report() -> None:
    """客人身份证丢了 只有临时身份证 能登记吗 had been offered 「自助报案：证件/车牌遗失」."""
    assert template_for_story("客人身份证丢了 只有临时身份证 能登记吗") is None
    assert template_for_story("租客的身份证丢了 怎么登记") is None
    assert template_for_story("我的身份证丢了") is LOST_DOCUMENT


def test_being_cheated_otherwise_is_still_fraud() -> None:
    assert template_for_story("我在网上被骗了两千块") is FRAUD


@pytest.mark.parametrize(
    "question",
    [
        "小偷会坐牢吗",
        "偷电动车判几年",
        "扒窃会被拘留吗",
        # Asked in the words the tip offer knew and the report offer did not: 偷电动车怎么
        # 处罚 had been offered 「自助报案：电动车/自行车被盗」, 偷电动车判几年 not.
        "偷电动车怎么处罚",
        "偷自行车要负刑事责任吗",
        "偷电动车判多少年",
        "抢劫罪判几年",
        "故意伤害罪判几年",
    ],
)
def test_asking_what_follows_from_a_theft_is_no_story(question: str) -> None:
    """小偷会坐牢吗 had been offered 「自助报案：扒窃」 under its answer."""
    assert template_for_story(question) is None


def test_a_loss_told_alone_is_still_a_story() -> None:
    assert template_for_story("我的电动车被偷了") is BIKE_THEFT


@pytest.mark.parametrize(
    ("story", "kind"),
    [("我的电动车被偷了，小偷会坐牢吗", BIKE_THEFT), ("手机被偷了，小偷抓到会判刑吗", PICKPOCKET)],
)
def test_a_loss_told_with_what_follows_is_still_offered_its_report(
    story: str, kind: object
) -> None:
    assert template_for_story(story) is kind


async def test_a_pyramid_story_gets_no_telecom_fraud_button(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    resident_chat = Chat(law_dispatcher, "resident-1")
    await resident_chat.say("被拉去传销被骗了三万块怎么办")
    assert "/报案 电信网络诈骗" not in resident_chat.buttons()
    await resident_chat.say("我在网上被骗了两千块怎么办")
    assert "/报案 电信网络诈骗" in resident_chat.buttons()


@pytest.mark.parametrize(
    ("story", "kind"),
    [
        ("店里收银台的钱被偷了", THEFT),
        ("家里进了小偷", THEFT),
        # 家 alone had matched nothing: 我家东西被偷了怎么办 got no 自助报案 button.
        ("我家东西被偷了怎么办", THEFT),
        ("我们家昨晚被偷了", THEFT),
        ("大家的手机被偷了", PICKPOCKET),
        ("仓库的电缆被偷了", THEFT),
        ("店门被撬了", THEFT),
        ("在公交上手机被偷了", PICKPOCKET),
        ("钱包被偷了", PICKPOCKET),
    ],
)
def test_a_theft_from_a_shop_or_a_home_is_no_pickpocketing(story: str, kind: object) -> None:
    assert template_for_story(story) is kind


def test_a_bike_theft_told_with_when_and_where_between_is_one() -> None:
    """我的电动车昨晚在小区楼下被偷了 had found no kind: seven words between 电动车 and 被偷."""
    assert template_for_story("我的电动车昨晚在小区楼下被偷了，车牌是京A12345") is BIKE_THEFT
    # Another clause is another matter: 电动车 is where the phone was taken.
    assert template_for_story("我刚骑上电动车，手机就被偷了") is PICKPOCKET


async def test_a_stolen_till_is_offered_and_started_as_a_theft(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """店里收银台的钱被偷了 had been offered 「自助报案：扒窃」, and 报案 then started one."""
    resident_chat = Chat(law_dispatcher, "resident-1")
    await resident_chat.say("店里收银台的钱被偷了")
    assert "/报案 扒窃" not in resident_chat.buttons()
    started = await resident_chat.say("报案")
    assert "开始盗窃报案" in started and "按您刚才说的选的（盗窃）" in started
    assert "不对请回复「取消」" in started


@pytest.mark.parametrize(
    ("said", "shown"),
    [
        ("11月22日下午3点左右吧", "约2026-11-22 15:00"),
        ("昨天晚上啊", "11月22日晚上（昨天晚上）"),
    ],
)
def test_a_spoken_times_last_word_is_no_part_of_it(said: str, shown: str) -> None:
    """发生时间：11月29日下午3点左右吧 had been kept as said, the time unread."""
    env = FormEnv({}, date(2026, 11, 23), datetime(2026, 11, 23, 10))
    assert WHEN.show(WHEN.parse(said, env)) == shown


async def test_a_home_theft_said_with_jia_alone_is_offered_the_report(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """我家东西被偷了怎么办 got the FAQ answer, which says 发送「报案」, and no button."""
    resident_chat = Chat(law_dispatcher, "resident-1")
    await resident_chat.say("我家东西被偷了怎么办")
    assert "/报案 盗窃" in resident_chat.buttons()
