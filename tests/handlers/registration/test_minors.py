"""The questions a hotel asks of a guest under 18, as the owner meets them."""

from __future__ import annotations

from datetime import date

import pytest
from sqlmodel import select

from bot import codec
from bot.context import Services
from bot.dispatch import Dispatcher
from bot.messages import Choices
from bot.validators.idcard import build_resident_id
from handlers.registration.minors import is_guardian
from storage.models import GuestStay, OutboxMessage, Task
from tests.support.chat import Chat
from tests.support.outbox import opened
from tests.support.seed import Seeded

# The suite's clock stands at 2026-11-23: born 2010-03-15 is sixteen.
MINOR = build_resident_id("110105", date(2010, 3, 15), 311)
UP_TO_GUARDIAN = ("登记", "李小华", "身份证", MINOR, "跳过", "308", "现在", "跳过")


async def test_not_understanding_the_guardian_question_is_no_answer(
    owner_chat: Chat, services: Services
) -> None:
    """不知道啥意思 had been kept as 联系不上 (and the officers told so); 什么意思 at the
    next question as the companions. Each gets what is asked and why, and the question."""
    await owner_chat.say_all(*UP_TO_GUARDIAN)
    for confused in ("不知道啥意思", "什么意思？", "不懂"):
        reply = await owner_chat.say(confused)
        assert "父母（或其他监护人）的手机号" in reply and "未成年人保护法" in reply
        assert "请询问并输入其父母或其他监护人的联系电话" in reply
        assert "/咨询" not in reply and "同住" not in reply
    asked = await owner_chat.say("啥意思")
    assert "同住" not in asked
    assert "同住的是什么人" in await owner_chat.say("13900001234")
    reply = await owner_chat.say("什么意思")
    assert "谁和这位未成年旅客一起住" in reply and "同住的是什么人" in reply
    assert "请核对" not in reply
    summary = await owner_chat.say("他妈妈")
    assert "监护人电话：139****1234" in summary and "同住关系：他妈妈" in summary
    receipt = await owner_chat.say("确认")
    assert "监护人电话 139****1234" in receipt and "联系不上" not in receipt
    # 李小华 may be a girl: the receipt had said 👦 of every minor.
    assert "🧒 未成年旅客" in receipt and "👦" not in receipt
    async with services.sessions() as session:
        stay = (await session.exec(select(GuestStay))).one()
    assert stay.guardian_phone_masked == "139****1234"


async def test_not_knowing_the_guardians_number_is_still_unreachable(owner_chat: Chat) -> None:
    """不知道 alone (the owner cannot find out the number) keeps its meaning."""
    await owner_chat.say_all(*UP_TO_GUARDIAN)
    assert "同住的是什么人" in await owner_chat.say("不知道")
    assert "监护人电话：联系不上" in await owner_chat.say("独自")


async def test_a_child_left_in_the_room_by_the_adult_checking_out_is_told_at_once(
    owner_chat: Chat, services: Services
) -> None:
    """王大明 and his son (born 2010) in 306: checking out only the father replied
    「✅ 306 房间 1 位旅客已办理退房：王**」 and nobody heard the boy stayed on alone."""
    father = build_resident_id("110101", date(1980, 5, 5), 11)
    await owner_chat.say_all("登记", "王大明", "身份证", father, "跳过", "306", "现在", "跳过")
    await owner_chat.say("确认")
    await owner_chat.say_all("同住", "王小宝", "身份证", MINOR, "跳过", "是", "13900001234", "父亲")
    await owner_chat.say("确认")
    await owner_chat.say("退房 306")
    father_button = next(b for b in owner_chat.buttons() if b.startswith("退房 306 旅客#"))
    done = await owner_chat.say(father_button)
    assert "306 房间 1 位旅客已办理退房" in done
    assert "306 房间还有未成年旅客 王** 在住，同住的成年人已经退房" in done
    assert "孩子也退房" in done and "已告知社区民警" in done
    async with services.sessions() as session:
        rows = (await session.exec(select(OutboxMessage))).all()
    notices = [opened(r) for r in rows if r.dedupe_key.startswith("minor-alone:")]
    assert notices and "未成年人留在房间" in notices[0] and "306" in notices[0]
    assert "退房时间：今天 10:00" in notices[0]  # as the other notices say it, not 2026-11-23
    assert MINOR not in notices[0] and "王小宝" not in notices[0]
    # The child goes too: no further warning.
    child_out = await owner_chat.say(owner_chat.buttons()[0])
    assert "已办理退房" in child_out and "未成年旅客" not in child_out


async def test_the_officers_hear_when_the_child_left_behind_is_checked_out(
    owner_chat: Chat, services: Services
) -> None:
    """Once the child was checked out too the officers heard nothing more, and might go
    out at 2 a.m. to an empty room; an undo of it is news again."""
    father = build_resident_id("110101", date(1980, 5, 5), 11)
    await owner_chat.say_all("登记", "王大明", "身份证", father, "跳过", "306", "现在", "跳过")
    await owner_chat.say("确认")
    await owner_chat.say_all("同住", "王小宝", "身份证", MINOR, "跳过", "是", "13900001234", "父亲")
    await owner_chat.say_all("确认", "退房 306")
    father_button = next(b for b in owner_chat.buttons() if b.startswith("退房 306 旅客#"))
    await owner_chat.say(father_button)
    await owner_chat.say(owner_chat.buttons()[0])  # 孩子也退房
    undo = owner_chat.buttons()[0]

    async def told(prefix: str) -> list[str]:
        async with services.sessions() as session:
            rows = (await session.exec(select(OutboxMessage))).all()
        return [opened(r) for r in rows if r.dedupe_key.startswith(prefix)]

    [done] = await told("minor-gone:")
    assert "已处理：306 的未成年旅客已随同住成年人退房" in done and "王**" in done
    assert await told("minor-back:") == []
    await owner_chat.say(undo)
    [back] = await told("minor-back:")
    assert "退房已被场所撤销，孩子仍在房间" in back and "306" in back


async def test_no_follow_up_when_the_adult_and_child_leave_together(
    owner_chat: Chat, services: Services
) -> None:
    father = build_resident_id("110101", date(1980, 5, 5), 11)
    await owner_chat.say_all("登记", "王大明", "身份证", father, "跳过", "306", "现在", "跳过")
    await owner_chat.say("确认")
    await owner_chat.say_all("同住", "王小宝", "身份证", MINOR, "跳过", "是", "13900001234", "父亲")
    await owner_chat.say_all("确认", "退房 306")
    whole = next(b for b in owner_chat.buttons() if b.endswith("全部"))
    assert "2 位旅客已办理退房" in await owner_chat.say(whole)
    async with services.sessions() as session:
        rows = (await session.exec(select(OutboxMessage))).all()
    assert not [r for r in rows if r.dedupe_key.startswith(("minor-gone:", "minor-alone:"))]


async def test_the_adult_in_the_room_is_offered_as_the_guardian(owner_chat: Chat) -> None:
    """A minor registered as 同住 of an adult: the guardian's phone was asked all the same,
    and 就是他爸 王大明 电话同上 got 手机号只能包含数字."""
    father = build_resident_id("110101", date(1980, 5, 5), 11)
    await owner_chat.say_all(
        "登记", "王大明", "身份证", father, "13800001111", "306", "现在", "跳过", "确认"
    )
    await owner_chat.say_all("同住", "王小宝", "身份证", MINOR)
    offered = await owner_chat.say("跳过")
    assert "同住的成年旅客是其父母或其他监护人吗" in offered
    assert owner_chat.buttons() == ["是", "不是"]
    # 他爸 says the relation too: it is not asked after it.
    summary = await owner_chat.say("就是他爸 王大明 电话同上")
    assert "监护人电话：138****1111" in summary and "同住关系：父亲" in summary


async def test_a_yes_as_people_type_it_takes_the_adult_as_the_guardian(
    owner_chat: Chat,
) -> None:
    """对对 at 是其父母或其他监护人吗 got 请回复「是」或「不是」: one rule reads a
    yes wherever the bot asks (`bot.forms.words.is_yes`)."""
    father = build_resident_id("110101", date(1980, 5, 5), 11)
    await owner_chat.say_all(
        "登记", "王大明", "身份证", father, "13800001111", "306", "现在", "跳过", "确认"
    )
    await owner_chat.say_all("同住", "王小宝", "身份证", MINOR, "跳过")
    assert "同住的是什么人" in await owner_chat.say("对对")


async def test_same_as_above_with_no_phone_to_copy_says_so(owner_chat: Chat) -> None:
    father = build_resident_id("110101", date(1980, 5, 5), 11)
    await owner_chat.say_all(
        "登记", "王大明", "身份证", father, "跳过", "306", "现在", "跳过", "确认"
    )
    await owner_chat.say_all("同住", "王小宝", "身份证", MINOR, "跳过")
    asked = await owner_chat.say("是")  # he left no phone: the guardian's is asked
    assert "没有留手机号，没有可沿用的电话。请输入监护人的手机号" in asked
    assert "没有留手机号，没有可沿用的电话" in await owner_chat.say("电话同上")


async def test_the_parents_said_at_the_guardian_question_are_the_relation(
    owner_chat: Chat, services: Services
) -> None:
    """是他爸妈, the father having left no phone: the bare phone question followed (the
    line saying there was none to copy went unused), then 与其同住的是什么人？ again, and
    刚说了 爸妈 was kept as the relation. The missing phone is said, the relation taken."""
    father = build_resident_id("110101", date(1980, 5, 5), 11)
    await owner_chat.say_all(
        "登记", "王大明", "身份证", father, "跳过", "306", "现在", "跳过", "确认"
    )
    await owner_chat.say_all("同住", "王小宝", "身份证", MINOR, "跳过")
    asked = await owner_chat.say("是他爸妈")
    assert "同住的成年旅客登记时没有留手机号" in asked and "请输入监护人的手机号" in asked
    summary = await owner_chat.say("13900001234")
    assert "同住关系：父母" in summary and "同住的是什么人" not in summary
    assert "同住关系 父母。" in await owner_chat.say("确认")
    async with services.sessions() as session:
        child = (await session.exec(select(GuestStay).where(GuestStay.room == "306"))).all()
    assert [s.companion_relation for s in child if s.guardian_phone_masked] == ["父母"]


async def test_a_phone_from_abroad_copied_for_the_guardian_is_masked_as_it_was(
    owner_chat: Chat,
) -> None:
    """The father's +819012345678 was +81******5678 in his summary, and *********5678 when
    the same phone, copied as his child's guardian's, was shown in the child's summary and
    receipt: one phone, one mask."""
    father = build_resident_id("110101", date(1980, 5, 5), 11)
    own = await owner_chat.say_all(
        "登记", "王大明", "身份证", father, "+819012345678", "306", "现在", "跳过"
    )
    assert "联系电话：+81******5678" in own
    await owner_chat.say_all("确认", "同住", "王小宝", "身份证", MINOR, "跳过", "是")
    summary = await owner_chat.say("父亲")
    assert "监护人电话：+81******5678" in summary, summary
    assert "监护人电话 +81******5678" in await owner_chat.say("确认")


async def test_a_question_at_the_relation_is_no_relation(owner_chat: Chat) -> None:
    """这个要填什么？ and 身份证丢了怎么办 at 同住关系 had been kept as the relation: the one
    gets what the step takes; a question of one's own (派出所几点下班 had got 请发送「/咨询
    …」) is answered as with no form open; the question again, and a real relation taken."""
    await owner_chat.say_all(*UP_TO_GUARDIAN, "13900001234")
    what = await owner_chat.say("这个要填什么？")
    assert "这一步请直接填写「同住关系」" in what and "/咨询" not in what
    assert what.endswith("与其同住的是什么人？（如 父母、亲属、同学；一个人住请回复「独自」）")
    for own_question in ("派出所几点下班", "身份证丢了怎么办"):
        own = await owner_chat.say(own_question)
        assert "/咨询" not in own and "请核对" not in own, own
        assert own.endswith(
            "不要了回复「取消」。与其同住的是什么人？（如 父母、亲属、同学；一个人住请回复「独自」）"
        )
    assert "办公时间" in await owner_chat.say("派出所几点下班")
    summary = await owner_chat.say("表姐")
    assert "同住关系：表姐" in summary


async def test_a_question_at_the_guardians_phone_is_answered_aside(
    law_dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """他说他18了 证件是他哥的? had got 手机号只能包含数字, and 没有身份证怎么办 had been kept
    as 联系不上: a question is answered aside, then the phone asked again."""
    owner_chat = Chat(law_dispatcher, "owner")
    await owner_chat.say_all(*UP_TO_GUARDIAN)
    asked = await owner_chat.say("他说他18了 证件是他哥的?")
    assert "人证不一致不能入住" in asked and "问民警" in asked
    assert "手机号只能包含数字" not in asked
    assert asked.endswith(
        "请询问并输入其父母或其他监护人的联系电话（确实联系不上请回复「联系不上」）："
    )
    again = await owner_chat.say("没有身份证怎么办")
    assert "同住的是什么人" not in again and "联系不上" not in again.split("\n")[0]
    assert again.endswith(
        "请询问并输入其父母或其他监护人的联系电话（确实联系不上请回复「联系不上」）："
    )
    assert "同住的是什么人" in await owner_chat.say("13900001234")


async def test_a_girl_with_an_unrelated_man_and_no_guardian_is_urgent(
    owner_chat: Chat, officer_chat: Chat, services: Services
) -> None:
    """李雷 (31) in 306, then 小芳 (16) 同住, 不是 his ward, guardian 联系不上, 网友: the
    officer got the everyday 未成年人入住 notice with no age, no word of the man, no button
    and no task, and the owner was only asked to keep an eye on her."""
    man = build_resident_id("110101", date(1995, 2, 3), 11)
    girl = build_resident_id("110105", date(2010, 8, 8), 322)
    await owner_chat.say_all("登记", "李雷", "身份证", man, "跳过", "306", "现在", "跳过", "确认")
    await owner_chat.say_all("同住", "小芳", "身份证", girl, "跳过", "不是", "联系不上")
    receipt = await owner_chat.say_all("网友", "确认")
    assert "立即" in receipt and "110" in receipt
    assert "未成年人保护法》第五十七条" in receipt and "身份关系" in receipt
    async with services.sessions() as session:
        rows = (await session.exec(select(OutboxMessage))).all()
        tasks = (await session.exec(select(Task))).all()
    [row] = [r for r in rows if r.dedupe_key.startswith("minor:")]
    [push] = codec.loads(opened(row))
    assert isinstance(push, Choices) and push.text.startswith("🚨 紧急")
    assert "16岁" in push.text and "网友" in push.text
    assert "同住成年人：李*（男，31岁）" in push.text and "李雷" not in push.text
    assert "小芳" not in push.text and girl not in push.text
    [task] = tasks
    assert [b.value for b in push.buttons] == ["/场所 1 住客", f"/任务 {task.id}"]
    assert "306" in task.subject and "未成年" in task.subject and task.due is not None
    assert f"#{task.id}" in push.text
    assert "306" in await officer_chat.say("/任务")
    opened_task = await officer_chat.say(f"/任务 {task.id}")
    # A hotel has no house plate: the task had said 门牌 None.
    assert "关联场所：平安旅馆" in opened_task and "None" not in opened_task


async def test_a_minor_with_an_aunt_and_no_guardian_phone_is_urgent(
    owner_chat: Chat, services: Services
) -> None:
    """An aunt is family but no guardian (第五十七条 asks for the parents or other
    guardians): kept as the relation, and with the guardian unreachable it is urgent."""
    aunt = build_resident_id("110101", date(1990, 2, 3), 22)
    await owner_chat.say_all("登记", "李红", "身份证", aunt, "跳过", "306", "现在", "跳过", "确认")
    await owner_chat.say_all("同住", "李小华", "身份证", MINOR, "跳过", "不是", "联系不上")
    receipt = await owner_chat.say_all("小姨", "确认")
    assert "同住关系 小姨" in receipt and "已紧急通知社区民警" in receipt
    async with services.sessions() as session:
        rows = (await session.exec(select(OutboxMessage))).all()
        tasks = (await session.exec(select(Task))).all()
    [row] = [r for r in rows if r.dedupe_key.startswith("minor:")]
    assert "紧急" in opened(row) and "16岁" in opened(row)
    assert len(tasks) == 1


async def test_a_minor_with_a_parent_and_no_guardian_phone_is_not_urgent(
    owner_chat: Chat, services: Services
) -> None:
    """The mother in the room, her phone not reached: the everyday notice."""
    mother = build_resident_id("110101", date(1985, 2, 3), 22)
    await owner_chat.say_all(
        "登记", "李红", "身份证", mother, "跳过", "306", "现在", "跳过", "确认"
    )
    await owner_chat.say_all("同住", "李小华", "身份证", MINOR, "跳过", "不是", "联系不上")
    receipt = await owner_chat.say_all("妈妈", "确认")
    assert "请留意其安全" in receipt and "110" not in receipt
    async with services.sessions() as session:
        tasks = (await session.exec(select(Task))).all()
    assert tasks == []


UNCLE = build_resident_id("110101", date(1980, 5, 5), 11)


async def _urgent_notices(services: Services) -> list[str]:
    async with services.sessions() as session:
        rows = (await session.exec(select(OutboxMessage))).all()
    return [opened(r) for r in rows if "紧急" in opened(r) and "未成年人" in opened(r)]


async def test_an_uncle_is_no_guardian_when_the_guardian_cannot_be_reached(
    owner_chat: Chat, services: Services
) -> None:
    """叔叔 had been counted as family: a child with an uncle and no guardian to call was
    no urgent matter. 第五十七条 asks for parents or other guardians; an uncle is kept as
    the relation all the same."""
    await owner_chat.say_all("登记", "王大明", "身份证", UNCLE, "跳过", "306", "现在", "跳过")
    await owner_chat.say("确认")
    await owner_chat.say_all("同住", "王小宝", "身份证", MINOR, "跳过", "不是", "联系不上")
    summary = await owner_chat.say("叔叔")
    assert "同住关系：叔叔" in summary
    receipt = await owner_chat.say("确认")
    assert "已紧急通知社区民警" in receipt, receipt
    assert await _urgent_notices(services)


async def test_an_uncle_said_at_the_guardian_question_is_not_the_guardian(
    owner_chat: Chat, services: Services
) -> None:
    """是他叔叔 at 同住的成年旅客是其父母或其他监护人吗 had been a yes: the uncle's phone
    kept as the guardian's."""
    await owner_chat.say_all(
        "登记", "王大明", "身份证", UNCLE, "13800001111", "306", "现在", "跳过", "确认"
    )
    await owner_chat.say_all("同住", "王小宝", "身份证", MINOR, "跳过")
    asked = await owner_chat.say("是他叔叔")
    assert "请询问并输入其父母或其他监护人的联系电话" in asked, asked
    summary = await owner_chat.say("联系不上")
    assert "同住关系：叔叔" in summary and "监护人电话：联系不上" in summary, summary
    assert "已紧急通知社区民警" in await owner_chat.say("确认")


async def test_a_child_registered_before_an_unrelated_adult_is_urgent_once_the_adult_is(
    owner_chat: Chat, services: Services
) -> None:
    """The child first (guardian unreachable), then the adult of the room, no parent: the
    check ran only at the child's registration, with no adult in the room yet."""
    await owner_chat.say_all("登记", "李小华", "身份证", MINOR, "跳过", "308", "现在", "跳过")
    await owner_chat.say_all("联系不上", "朋友")
    first = await owner_chat.say("确认")
    assert "已紧急通知" not in first and not await _urgent_notices(services)
    receipt = await owner_chat.say_all("同住", "王大明", "身份证", UNCLE, "跳过", "确认")
    assert "旅客登记成功" in receipt and "已紧急通知社区民警" in receipt, receipt
    [notice] = await _urgent_notices(services)
    assert "308" in notice and "李*" in notice


@pytest.mark.parametrize(
    ("relation", "guardian"),
    [
        ("父母", True), ("妈妈", True), ("他爸", True), ("监护人", True), ("爸爸和叔叔", True),
        ("叔叔", False), ("小姨", False), ("姨妈", False), ("表哥", False), ("外祖父", False),
        ("朋友", False), ("妈妈的朋友", False), ("干爹", False), ("不是父母", False),
    ],
)  # fmt: skip
def test_only_parents_and_guardians_are_guardians(relation: str, guardian: bool) -> None:
    assert is_guardian(relation) is guardian
