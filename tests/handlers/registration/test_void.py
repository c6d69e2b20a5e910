"""作废登记: an owner voids a mistaken guest registration; lists and counts forget it."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from bot.context import Services
from bot.messages import Choices
from bot.validators.idcard import build_resident_id
from storage.models import GuestStay, OutboxMessage
from tests.support.chat import Chat
from tests.support.clock import FakeClock, dated_day
from tests.support.outbox import text
from tests.support.seed import GUEST_ID, WANTED_ID

FULL = ("登记", "王小明", "身份证", GUEST_ID, "13812345678", "302", "现在", "明天")
WANTED = ("登记", "甲某某", "身份证", WANTED_ID, "跳过", "303", "现在", "跳过")


def _labels(chat: Chat) -> list[str]:
    return [b.label for r in chat.last or [] if isinstance(r, Choices) for b in r.buttons]


async def _void_notices(services: Services) -> list[str]:
    async with services.sessions() as session:
        rows = (await session.exec(select(OutboxMessage))).all()
    return [text(r) for r in rows if r.dedupe_key.startswith("stay-void:")]


async def test_a_voided_stay_leaves_every_list_and_keeps_its_row(
    owner_chat: Chat, officer_chat: Chat, services: Services
) -> None:
    await owner_chat.say_all(*FULL, "确认")
    asked = await owner_chat.say("作废登记 302 王小明")
    assert "作废 平安旅馆 302 王**" in asked and "请选择原因" in asked
    assert _labels(owner_chat) == [
        "客人未入住", "重复登记", "登记错误需重登", "其他", "取消",
    ]  # fmt: skip
    not_in = owner_chat.buttons()[0]
    assert "共 1 人" in await owner_chat.say("在住旅客")  # nothing done before a reason
    done = await owner_chat.say(not_in)
    assert "已作废 平安旅馆 302 王**" in done and "10 分钟内可撤销" in done
    assert "302" not in await owner_chat.say("在住旅客")
    assert "王**" not in await owner_chat.say("今日登记")
    assert "王**" not in await officer_chat.say("/场所 1 住客")
    async with services.sessions() as session:
        kept = (await session.exec(select(GuestStay).execution_options(include_voided=True))).one()
    assert kept.voided_at is not None and kept.void_reason == "客人未入住"
    assert kept.checked_out_at is None  # no check-out that never happened
    assert await _void_notices(services) == []  # an ordinary guest: no officer news


async def test_past_the_window_the_owner_is_sent_to_the_officer(
    owner_chat: Chat, clock: FakeClock
) -> None:
    await owner_chat.say_all(*FULL, "确认")
    clock.advance(hours=25)
    late = await owner_chat.say("作废登记 302")
    assert "已超过 24 小时，不能自行作废" in late and "问民警" in late
    assert "302" in await owner_chat.say("在住旅客")


async def test_past_the_window_no_void_is_offered_and_what_can_be_done_is_said(
    owner_chat: Chat, clock: FakeClock
) -> None:
    """王小明那条登记错了 要作废 and 客人没住 登记要删掉, a day on, had been offered the 作废登记
    button, which then only said 不能自行作废: that is said at once, with 问民警 and 更正登记."""
    await owner_chat.say_all(*FULL, "确认", "完成")
    clock.advance(hours=25)
    for said in ("王小明那条登记错了 要作废", "客人没住 登记要删掉"):
        told = await owner_chat.say(said)
        assert "不能自行作废" in told and "「问民警 作废登记" in told, told
        assert "「更正登记 房间 正确房号」" in told, told
        assert not any("作废登记" in b for b in owner_chat.buttons()), owner_chat.buttons()
    assert "302" in await owner_chat.say("在住旅客")


async def test_voiding_a_hit_tells_the_officer_and_not_the_owner(
    owner_chat: Chat, officer_chat: Chat, services: Services
) -> None:
    await owner_chat.say_all(*WANTED, "确认")
    await owner_chat.say("作废登记 303")
    done = await owner_chat.say("重复登记")
    assert "已作废" in done and "比中" not in done
    notices = await _void_notices(services)
    assert len(notices) == 1 and "比中 #1" in notices[0] and "重复登记" in notices[0]
    # The stay's own record still opens, marked voided.
    assert "已作废（重复登记）" in await officer_chat.say("/命中 1")


async def test_a_void_is_undone_within_ten_minutes_only(owner_chat: Chat, clock: FakeClock) -> None:
    await owner_chat.say_all(*FULL, "确认", "作废登记 302", "重复登记")
    undo = owner_chat.buttons()[0]
    clock.advance(minutes=5)
    assert "已撤销作废" in await owner_chat.say(undo)
    assert "共 1 人" in await owner_chat.say("在住旅客")
    await owner_chat.say_all("作废登记 302", "重复登记")
    clock.advance(minutes=11)
    assert "没有可撤销的作废登记" in await owner_chat.say("撤销作废")
    assert "302" not in await owner_chat.say("在住旅客")


async def test_a_void_is_not_undone_once_the_guest_is_registered_again(
    owner_chat: Chat,
) -> None:
    await owner_chat.say_all(*FULL, "确认", "作废登记 302", "登记错误需重登")
    undo = owner_chat.buttons()[0]
    again = ("登记", "王小明", "身份证", GUEST_ID, "跳过", "308", "现在", "跳过", "确认")
    assert "旅客登记成功" in await owner_chat.say_all(*again)
    refused = await owner_chat.say(undo)
    assert "不能撤销" in refused and "308" in refused
    listing = await owner_chat.say("在住旅客")
    assert "共 1 人" in listing and "308" in listing


async def test_the_reason_other_asks_the_owners_words_and_the_officer_reads_them(
    owner_chat: Chat, officer_chat: Chat, services: Services
) -> None:
    """其他 had voided at once, the officer reading 「已作废（其他）」 and nothing more."""
    await owner_chat.say_all(*WANTED, "确认", "作废登记 303")
    asked = await owner_chat.say("其他")
    assert "请简单说明作废原因" in asked and "已作废" not in asked
    assert owner_chat.buttons() == ["/作废登记 取消"]
    assert "共 1 人" in await owner_chat.say("在住旅客")  # nothing done before the words
    refused = await owner_chat.say("客人电话13812345678打不通")
    assert "不要写证件号码或电话号码" in refused and "请简单说明作废原因" in refused
    assert "请写在 30 字以内" in await owner_chat.say("客人" * 16)  # the column holds 40
    done = await owner_chat.say("客人走错了酒店")
    assert "已作废" in done and "（其他：客人走错了酒店）" in done
    notices = await _void_notices(services)
    assert len(notices) == 1 and "登记已被场所作废（其他：客人走错了酒店）" in notices[0]
    # Pushed, so dated (it had said 2026-11-23 10:00; 今天 would move if read later).
    assert f"时间：{dated_day(0)} 10:00" in notices[0]
    assert "已作废（其他：客人走错了酒店）" in await officer_chat.say("/命中 1")
    # Typed with the command, the words are the reason too; 取消 among them is a word.
    await owner_chat.say_all(*FULL, "确认", "作废登记 302")
    said = await owner_chat.say(f"/作废登记 #{await _last_stay(services)} 其他 客人取消 行程")
    assert "（其他：客人取消 行程）" in said


async def _last_stay(services: Services) -> int:
    async with services.sessions() as session:
        stays = (await session.exec(select(GuestStay))).all()
    return max(s.id or 0 for s in stays)


#: Born 2015: a child on the suite's clock (2026-11-23).
CHILD_ID = build_resident_id("110105", date(2015, 3, 15), 311)


def _child(room: str, companions: str) -> tuple[str, ...]:
    return ("登记", "李小华", "身份证", CHILD_ID, "跳过", room, "现在", "跳过", "13900001234",
            companions, "确认")  # fmt: skip


async def test_a_minors_void_is_news_only_to_officers_told_of_the_minor(
    owner_chat: Chat, services: Services, clock: FakeClock
) -> None:
    """A child staying with their mother: the officers heard nothing of her, yet a void
    told them 「未成年旅客 的旅客登记已被场所作废」 in four lines."""
    await owner_chat.say_all(*_child("306", "妈妈"), "作废登记 306", "客人未入住")
    assert await _void_notices(services) == []
    # Alone in the room: the officers were told, and hear of the void in one line.
    await owner_chat.say_all(*_child("307", "独自"), "作废登记 307", "客人未入住")
    [voided] = await _void_notices(services)
    assert voided == (
        "ℹ️ 此前通报的未成年旅客 李**（平安旅馆 房间 307）的登记已被场所作废（客人未入住），"
        "不再算作入住。"
    )
    clock.advance(minutes=1)
    assert "已撤销作废" in await owner_chat.say("撤销作废")
    undone = [n for n in await _void_notices(services) if n != voided]
    assert undone == [
        "ℹ️ 此前通报的未成年旅客 李**（平安旅馆 房间 307）的作废已被场所撤销，登记恢复有效。"
    ]


async def test_a_sentence_voiding_a_named_guest_offers_the_void(owner_chat: Chat) -> None:
    """王小明那条登记错了 要作废 had been told 登记提交后不能直接作废 and offered 更正登记."""
    await owner_chat.say_all(*FULL, "确认")
    # A correction, no void said: still 更正登记.
    assert "更正登记" in await owner_chat.say("王小明那条登记错了")
    offered = await owner_chat.say("王小明那条登记错了 要作废")
    assert "「作废登记 302 王小明」" in offered and "不能直接作废" not in offered
    assert owner_chat.buttons() == ["/作废登记 302 王小明"]
    assert "请选择原因" in await owner_chat.say(owner_chat.buttons()[0])


async def test_the_owners_words_at_the_reason_question_are_its_answer(
    owner_chat: Chat, services: Services
) -> None:
    """她没住 临时走了 had been offered 退房, whose 1 listed the rooms to check out."""
    await owner_chat.say_all(*FULL, "确认", "作废登记 302 王小明")
    again = await owner_chat.say("她人呢")
    assert "没看出作废原因" in again and "请选择原因" in again
    assert owner_chat.buttons()[0] == f"/作废登记 #{await _last_stay(services)} 客人未入住"
    said = {
        "她没住 临时走了": "（客人未入住）",
        "登重了": "（重复登记）",
        "名字填错了": "（登记错误需重登）",
    }
    for words, reason in said.items():
        done = await owner_chat.say(words)
        assert "✅ 已作废" in done and reason in done, words
        assert "已撤销作废" in await owner_chat.say("撤销作废")
        await owner_chat.say("作废登记 302 王小明")


async def test_a_legal_question_at_the_reason_question_is_answered(
    owner_chat: Chat, services: Services
) -> None:
    """Words that said no reason asked the reason again, a legal question too (this
    fixture has no statutes: the question reaches what answers questions)."""
    await owner_chat.say_all(*FULL, "确认", "作废登记 302 王小明")
    answer = await owner_chat.say("旅馆不登记身份证会怎样")
    assert "没看出作废原因" not in answer and "请选择原因" not in answer, answer
    done = await owner_chat.say(f"/作废登记 #{await _last_stay(services)} 重复登记")
    assert "✅ 已作废" in done and "（重复登记）" in done


async def test_the_reason_typed_after_the_name_is_taken(owner_chat: Chat) -> None:
    """作废登记 302 王小明 其他 客人走错了 had shown the reason buttons all the same."""
    await owner_chat.say_all(*FULL, "确认")
    done = await owner_chat.say("作废登记 302 王小明 其他 客人走错了")
    assert "✅ 已作废" in done and "（其他：客人走错了）" in done
    assert "已撤销作废" in await owner_chat.say("撤销作废")
    assert "（重复登记）" in await owner_chat.say("作废登记 302 王小明 重复登记")


async def test_a_checked_out_stay_is_not_voided_as_never_stayed(
    owner_chat: Chat, services: Services
) -> None:
    """退房 then 作废 as 客人未入住 had voided it: a guest who left and never came."""
    await owner_chat.say_all(*FULL, "确认", "退房 302")
    await owner_chat.say("作废登记 302 王小明")
    assert _labels(owner_chat) == ["重复登记", "登记错误需重登", "其他", "取消"]
    stale = f"/作废登记 #{await _last_stay(services)} 客人未入住"  # a button shown earlier
    for typed in (stale, "作废登记 302 王小明 客人未入住", "没住"):
        refused = await owner_chat.say(typed)
        assert "已登记退房" in refused and "不能以「客人未入住」作废" in refused, typed
        assert "已作废" not in refused and _labels(owner_chat)[0] == "重复登记"
    done = await owner_chat.say("1")
    assert "✅ 已作废" in done and "（重复登记）" in done


async def test_a_void_and_its_undo_in_one_second_each_tell_the_officer(
    owner_chat: Chat, services: Services
) -> None:
    await owner_chat.say_all(*WANTED, "确认", "作废登记 303", "重复登记", "撤销作废")
    notices = await _void_notices(services)
    assert len(notices) == 2 and any("场所撤销了作废" in n for n in notices)


async def test_deleting_a_rooms_registration_offers_its_void_not_a_new_one(
    owner_chat: Chat, clock: FakeClock
) -> None:
    """删掉302的登记 had been offered 「登记 302」, a new registration of the room: it is
    the void of 302's, within its window, and past it what can be done instead."""
    await owner_chat.say_all(*FULL, "确认", "完成")
    for said in ("删掉302的登记", "302的登记删掉", "把302登记删除"):
        offered = await owner_chat.say(said)
        assert "「作废登记 302」" in offered, offered
        assert owner_chat.buttons()[0] == "/作废登记 302", owner_chat.buttons()
        assert not any(b.startswith("/登记") for b in owner_chat.buttons())
    assert "请选择原因" in await owner_chat.say(owner_chat.buttons()[0])
    await owner_chat.say("取消")
    clock.advance(hours=25)
    told = await owner_chat.say("删掉302的登记")
    assert "不能自行作废" in told and "问民警" in told, told
    assert not any(b.startswith("/登记") for b in owner_chat.buttons())
