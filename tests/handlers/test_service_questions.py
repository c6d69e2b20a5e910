"""Questions about the service itself get the service's answer, not statutes."""

from __future__ import annotations

import pytest

from bot.dispatch import Dispatcher
from handlers.service_questions import service_question
from tests.handlers.reports.support import file_report, receipt_in
from tests.knowledge.conftest import index_path, kb, laws_root, subset_dir  # noqa: F401
from tests.support.chat import Chat
from tests.support.seed import Seeded


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("可以报警吗", "police"),
        ("在这里能报警吗？", "police"),
        ("民警回复我了吗", "answers"),
        ("我问的问题有人回了吗", "answers"),
        ("我的报案处理到哪一步了", "cases"),
        ("我报了案以后会怎么样 多久有人联系我", "after"),
        ("我们社区的民警是谁啊", "officer"),
        ("谁是我们小区的片警", "officer"),
        ("你们警察都是吃干饭的", "complaint"),
        ("派出所不作为", "complaint"),
        ("我要投诉民警", "complaint"),
    ],
)
def test_questions_about_the_service_are_recognised(text: str, kind: str) -> None:
    assert service_question(text) == kind


@pytest.mark.parametrize(
    "text",
    [
        # The FAQ's and the law's: how long a case takes, what reporting falsely costs.
        "报警后多久有结果",
        "报案后派出所多久能处理完",
        "报案后多久立案",
        "报假警会怎么样",
        "报警有用吗",
        "报警后警察不来怎么办",
        "冒充民警怎么处罚",
        "警察打人谁管",
        "打了民警会怎么判",
        "你们小区的垃圾没人收",
        # Said in a story, not asked of the service.
        "昨天晚上我报了警以后有人一直在楼下转悠，还拍我家的窗户，现在也不敢出门",
    ],
)
def test_legal_questions_sharing_their_words_are_not(text: str) -> None:
    assert service_question(text) is None


async def test_asking_for_the_police_gets_110_and_the_way_to_report_here(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """可以报警吗 and 我要报警 got a wall of statutes on what reporting a crime is."""
    resident = Chat(law_dispatcher, "resident-1")
    told = await resident.say("可以报警吗")
    assert "110" in told and "12110" in told and "「报案」" in told and "《" not in told
    urgent = await resident.say("我要报警")
    # The emergency notice first, then the way to report here: 110 said once, not twice.
    assert urgent.index("110") < urgent.index("「报案」") and "《" not in urgent
    assert "12110" not in urgent


async def test_what_happens_after_a_report_is_told_in_plain_words(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """我报了案以后会怎么样 多久有人联系我 got 《监督法》第61条."""
    resident = Chat(law_dispatcher, "resident-1")
    told = await resident.say("我报了案以后会怎么样 多久有人联系我")
    assert "报案号" in told and "「查询」" in told and "《" not in told


async def test_a_reporter_asking_how_far_their_report_got_sees_its_status(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """我的报案处理到哪一步了 got the FAQ on how to report a crime."""
    reporter = Chat(law_dispatcher, "resident-1")
    none_yet = await reporter.say("我的报案处理到哪一步了")
    assert "还没有在这里报过案" in none_yet and "《" not in none_yet
    number = receipt_in(await file_report(reporter))
    status = await reporter.say("我的报案处理到哪一步了")
    assert number in status and "待受理" in status and "《" not in status


async def test_asking_who_the_officer_is_names_the_area_and_the_way_to_them(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """我们社区的民警是谁啊 got 《戒毒条例》第17条."""
    owner = Chat(law_dispatcher, "owner")
    told = await owner.say("我们社区的民警是谁啊")
    assert seeded.beat.name in told and "问民警" in told and "《" not in told
    # Officers speak to the people here under the station's name.
    assert "一号民警" not in told
    resident = await Chat(law_dispatcher, "resident-1").say("片警是谁")
    assert "问民警" in resident and "《" not in resident


async def test_an_insult_to_the_police_gets_a_calm_way_to_be_heard(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """你们警察都是吃干饭的 had got 没有理解."""
    reply = await Chat(dispatcher, "resident-1").say("你们警察都是吃干饭的")
    assert "12389" in reply and "没有理解" not in reply
