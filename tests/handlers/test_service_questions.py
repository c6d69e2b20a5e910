"""Questions about the service itself get the service's answer, not statutes."""

from __future__ import annotations

import pytest

from bot.dispatch import Dispatcher
from handlers.service_questions import service_question
from tests.handlers.reports.support import file_report, receipt_in
from tests.support.chat import Chat
from tests.support.seed import Seeded


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("可以报警吗", "may_call"),
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


@pytest.mark.parametrize(
    "text",
    [
        "昨晚我们小区门口那起打架后来怎么处理了？",
        "我家楼下昨天被偷的电动车找到了吗",
        "昨天那个打人的抓到了吗",
    ],
)
async def test_asking_how_one_incident_turned_out_offers_the_officer(
    seeded: Seeded, law_dispatcher: Dispatcher, text: str
) -> None:
    """They had got 没有找到…法律条文, or a general answer (打架了会怎么处理) that says
    nothing of the incident: only the officers know how it turned out."""
    resident = Chat(law_dispatcher, "resident-1")
    told = await resident.say(text)
    assert "社区民警" in told and "《" not in told and "没有找到" not in told
    # Said as a condition: the asker may not have reported it (it had read as a claim).
    assert "如果是您自己报的案，发送「查询」可以看进展。" in told
    assert resident.buttons() == [f"/问民警 {text}"]


async def test_asking_how_ones_own_case_turned_out_shows_its_status(
    seeded: Seeded, law_dispatcher: Dispatcher
) -> None:
    """我昨天报的案有结果了吗 had got only the offer of the officer: the asker's own report
    and its status are shown as 查询 shows them, the officer still one tap away."""
    resident = Chat(law_dispatcher, "resident-1")
    receipt = receipt_in(await file_report(resident))
    text = "我昨天报的案有结果了吗"
    told = await resident.say(text)
    assert f"报案 {receipt}（电动车/自行车被盗）：" in told, told
    assert resident.buttons() == [f"查询 {receipt}", f"/问民警 {text}"]
    assert receipt in await resident.say(f"查询 {receipt}")


@pytest.mark.parametrize(
    "text",
    [
        "打架了会怎么处理",
        "昨天那个打人的抓到了会判几年",
        "我的电动车昨天被偷了，能找到吗",
        "昨天被骗的钱能要回来吗",
    ],
)
def test_legal_questions_about_an_incident_stay_the_laws(text: str) -> None:
    assert service_question(text) is None


async def test_whether_a_matter_is_for_the_police_gets_its_answer_and_how_to_call(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """邻居半夜吵闹能报警吗 got the law alone, 这种情况能报警吗 after a question only its
    articles, and 能报警吗 after one the way to report with the matter forgotten."""
    resident = Chat(law_dispatcher, "resident-1")
    named = await resident.say("邻居天天半夜吵闹，这种情况能报警吗")
    # What was asked leads; the answer on the matter follows.
    assert named.startswith("关于「邻居天天半夜吵闹」，能报警：")
    assert named.index("派出所") < named.index("【常见问题】邻居噪音")
    await resident.say("邻居天天半夜吵闹怎么办")
    for asked in ("这种情况能报警吗", "能报警吗", "那能报警吗"):  # 那 had been the matter
        after = await resident.say(asked)
        # The answer just given is not repeated: one word away.
        assert after.startswith("关于「邻居天天半夜吵闹」：") and "能报警：" in after
        assert "【常见问题】" not in after and "「更多」看下一页" in after and "「全文 1」" in after
        # 上面的回答：…「更多」 had come with nothing to tap.
        assert resident.buttons()[0] == "全文 1" and resident.buttons()[-1] == "更多"


async def test_whether_a_civil_matter_is_for_the_police_leads_with_where_to_turn(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """能报警吗 after 楼上漏水把我家淹了 had repeated the whole answer and ended 能报警：…,
    though the answer says to turn to 物业, 调解 and the court."""
    resident = Chat(law_dispatcher, "resident-1")
    await resident.say("楼上漏水把我家淹了")
    after = await resident.say("能报警吗")
    assert after.startswith("关于「楼上漏水把我家淹了」：") and "【常见问题】" not in after
    assert after.index("调解") < after.index("如需报警：正在发生、有危险的，请直接拨打110")
    assert "能报警：" not in after and "民警会告诉您该找哪里" in after
    full = await resident.say("全文 1")
    assert "《民法典》第二百九十六条" in full


async def test_a_civil_matter_asked_with_its_answer_following_is_told_once(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """借钱不还能报警吗 got the FAQ's first sentences as the line, then the same FAQ whole
    under it: the answer is said once, and how to call the police still leads."""
    told = await Chat(law_dispatcher, "resident-1").say("借钱不还能报警吗")
    assert told.startswith("关于「借钱不还」：") and "【常见问题】借钱不还" in told
    assert told.count("借钱不还一般属于民事纠纷") == 1, told
    assert told.index("如需报警：正在发生") < told.index("【常见问题】")


async def test_whether_one_can_call_the_police_with_no_matter_says_what_to_do(
    seeded: Seeded,
    law_dispatcher: Dispatcher,
) -> None:
    """这种情况能报警吗 asked first had got the FAQ on how to report a crime, statutes cited."""
    told = await Chat(law_dispatcher, "resident-1").say("这种情况能报警吗")
    assert "110" in told and "「报案」" in told and "《" not in told
