"""A sentence that names a feature: offered as a button, or done at once when it only
shows something (or starts a form, which asks before it keeps anything)."""

from __future__ import annotations

import re

import pytest

from bot.dispatch import Dispatcher
from bot.router import AtOnce
from handlers.hints import offer
from storage.models import Role
from tests.handlers.broadcast.conftest import compose
from tests.handlers.tips.support import code_in, submit_tip
from tests.support.chat import Chat
from tests.support.seed import Seeded


@pytest.mark.parametrize("said", ["不想再收到通知了", "别再给我发消息了", "以后不要再推送了"])
async def test_asking_to_stop_messages_is_offered_the_unsubscribe(
    resident_chat: Chat, said: str
) -> None:
    """不想再收到通知了 had been offered 「收到」, an acknowledgement, the opposite of what it
    asks; 别再给我发消息了 had got 没有理解."""
    reply = await resident_chat.say(said)
    assert resident_chat.buttons() == ["/退订"], reply
    assert "收到" not in resident_chat.buttons()


async def test_a_negated_feature_word_is_not_offered(owner_chat: Chat) -> None:
    """不想再收到 …: a feature named after 不想再 is the one not wanted."""
    await owner_chat.say("不想再收到这些了")
    assert "/收到" not in owner_chat.buttons()


async def test_an_officer_asking_who_has_not_acknowledged_is_shown_it(officer_chat: Chat) -> None:
    """谁还没确认通报 had been asked 您是想用「通报状态」吗？ for a list that changes nothing."""
    shown = await officer_chat.say("谁还没确认通报")
    assert "您是想用" not in shown
    assert shown == await officer_chat.say("/通报状态")


@pytest.mark.parametrize("said", ["哪些场所还没回复收到", "还有谁没回收到", "哪几家没回复确认"])
async def test_an_officer_asking_which_venues_have_not_replied_is_shown_it(
    officer_chat: Chat, said: str
) -> None:
    """哪些场所还没回复收到 had been offered 「场所」, the venue records."""
    shown = await officer_chat.say(said)
    assert "/场所" not in officer_chat.buttons() and "您是想用" not in shown, shown
    assert shown == await officer_chat.say("/通报状态")


async def test_which_venues_have_not_replied_names_those_of_the_latest_alert(
    officer_chat: Chat, owner_chat: Chat
) -> None:
    """Asked which venues have not replied, the latest alert's list of them: the list of
    recent alerts had left the officer to find it with another command."""
    sent = await compose(
        officer_chat,
        "明天上午检查消防\n请准备好灭火器检查记录。",
        "现在发送",
        "跳过",
        "消防",
        "一般",
        "旅馆",
        "确认",
    )
    number = re.search(r"通报#(\d+)（发送中）", sent)
    assert number, sent
    shown = await officer_chat.say("哪些场所还没回复收到")
    assert shown == await officer_chat.say(f"/通报状态 {number[1]}")
    assert f"通报#{number[1]}" in shown and "已确认收到 0/1" in shown, shown


async def test_an_owner_asking_for_the_guests_in_is_shown_them(owner_chat: Chat) -> None:
    shown = await owner_chat.say("在住旅客名单")
    assert "您是想用" not in shown
    assert shown == await owner_chat.say("/在住旅客")


async def test_a_landlord_saying_they_want_to_register_a_tenant_starts_the_form(
    landlord_chat: Chat,
) -> None:
    """我要登记租客: the form starts (it asks before keeping anything), no button first."""
    started = await landlord_chat.say("我要登记租客")
    assert "您是想用" not in started
    await landlord_chat.say("取消")
    assert started == await landlord_chat.say("/登记租客")


async def test_a_message_in_english_is_asked_for_in_chinese(resident_chat: Chat) -> None:
    """Hello, my landlord won't return my deposit… had got 没有找到…法律条文, unreadable to
    the one who asked."""
    reply = await resident_chat.say("Hello, my landlord won't return my deposit, what can I do?")
    assert "请用中文" in reply and "Please write in Chinese" in reply and "110" in reply


@pytest.mark.parametrize("said", ["京A12345的车堵在门口", "我要help", "帮助"])
async def test_chinese_with_a_few_latin_letters_is_read_as_before(
    resident_chat: Chat, said: str
) -> None:
    assert "Please write in Chinese" not in await resident_chat.say(said)


async def test_a_pasted_report_number_alone_shows_its_progress(resident_chat: Chat) -> None:
    """B20261130-23HREY alone had got 没有理解, though the receipt says 请记下查询码."""
    number = "B20261130-23HREY"
    assert await resident_chat.say(number) == await resident_chat.say(f"查询 {number}")
    assert "没有理解" not in await resident_chat.say(number)


async def test_a_pasted_query_code_alone_shows_its_progress(resident_chat: Chat) -> None:
    code = "AKKP-PM43-ZMG4"
    assert await resident_chat.say(code) == await resident_chat.say(f"查询 {code}")
    assert "没有理解" not in await resident_chat.say(code)


async def test_an_officer_pasting_a_report_number_is_shown_the_report(officer_chat: Chat) -> None:
    number = "B20261130-23HREY"
    assert await officer_chat.say(number) == await officer_chat.say(f"/报案 {number}")


@pytest.mark.parametrize("said", ["我的举报怎么样了", "我举报的事有结果了吗"])
async def test_asking_after_one_s_own_tips_shows_them_at_once(
    dispatcher: Dispatcher, seeded: Seeded, said: str
) -> None:
    """我的举报怎么样了 had been asked 您是想用「查询」吗？ for a list that changes nothing."""
    tipster = Chat(dispatcher, "resident-1")
    code = code_in(await submit_tip(tipster, "菜市场东门每天下午有人设赌局"))
    shown = await tipster.say(said)
    assert "您是想用" not in shown
    assert code in shown and "已收到" in shown, shown


async def test_asking_after_one_s_own_tips_with_none_says_so_and_how_to_tip(
    resident_chat: Chat,
) -> None:
    shown = await resident_chat.say("我的举报怎么样了")
    assert "您是想用" not in shown
    assert "您还没有在这里报过案或举报" in shown and "发送「举报」" in shown


@pytest.mark.parametrize(
    ("who", "said", "command"),
    [
        ("officer", "有新线索吗", "/线索"),
        ("resident-1", "最近有没有通缉犯", "/协查通缉"),
        ("owner", "306住的是谁", "/房间住客 306"),
    ],
)
async def test_asking_to_see_a_list_shows_it(
    dispatcher: Dispatcher, seeded: Seeded, who: str, said: str, command: str
) -> None:
    """Each had been asked 您是想用「线索」吗？点下面的按钮, a tap to read what was asked."""
    chat = Chat(dispatcher, who)
    shown = await chat.say(said)
    assert "您是想用" not in shown
    assert shown == await chat.say(command)


async def test_a_list_named_without_asking_for_it_is_still_offered(officer_chat: Chat) -> None:
    """张三给的线索核实过了 asks for no list: what is meant is uncertain."""
    assert "您是想用「线索」" in await officer_chat.say("张三给的线索核实过了")


async def test_an_owner_saying_they_want_to_inspect_starts_the_form(owner_chat: Chat) -> None:
    """我要做自查 had got 您是想用「自查」吗？: the form asks before it keeps anything."""
    started = await owner_chat.say("我要做自查")
    assert "您是想用" not in started and "开始消防安全自查" in started
    await owner_chat.say("取消")
    assert started == await owner_chat.say("/自查")


async def test_what_is_done_at_once_is_declared_where_each_route_is(
    dispatcher: Dispatcher,
) -> None:
    """Sets of route names in this module had said which routes act at once: a route
    renamed or added elsewhere drifted from them unseen. Each route says it itself now."""
    routes = dispatcher.router.routes
    declared = {route.name: route.at_once for route in routes if route.at_once is not None}
    assert declared == {
        "broadcast_status": AtOnce.SHOWN,
        "guest_list": AtOnce.SHOWN,
        "tenant_list": AtOnce.SHOWN,
        "registrations_today": AtOnce.SHOWN,
        "guest_checkin": AtOnce.STARTED,
        "tenant_register": AtOnce.STARTED,
        "inspection": AtOnce.STARTED,
        "tips_list": AtOnce.SHOWN_WHEN_ASKED,
        "public_wanted": AtOnce.SHOWN_WHEN_ASKED,
        "room_guests": AtOnce.SHOWN_WHEN_ASKED,
        "tasks": AtOnce.SHOWN_WHEN_ASKED,
        "report": AtOnce.SHOWN_WHEN_ASKED,
        "incident_trend": AtOnce.SHOWN_WHEN_ASKED,
        "digest": AtOnce.SHOWN_WHEN_ASKED,
        "hits": AtOnce.SHOWN_WHEN_ASKED,
        "followup_query": AtOnce.OWN_CASES,
        "unsubscribe": AtOnce.ANSWERS_OWN_WORDS,
    }
    # For the roles it names: an officer's /报案 shows their queue, a resident's starts a
    # report; an owner's 不想再收到通知 is answered, a resident's offered 「退订」.
    kinds = {route.name: route for route in routes}
    assert kinds["report"].at_once_kind(Role.OFFICER) is AtOnce.SHOWN_WHEN_ASKED
    assert kinds["report"].at_once_kind(Role.RESIDENT) is None
    assert kinds["unsubscribe"].at_once_kind(Role.OWNER) is AtOnce.ANSWERS_OWN_WORDS
    assert kinds["unsubscribe"].at_once_kind(Role.RESIDENT) is None
    # Nothing here names a route any more.
    names = {route.name for route in routes}
    held = {
        attribute: names & set(value)
        for attribute, value in vars(offer).items()
        if attribute.startswith("_")
        and not attribute.startswith("__")
        and isinstance(value, (set, frozenset, dict, tuple, list))
    }
    assert not any(held.values()), held


@pytest.mark.parametrize(
    ("said", "command"),
    [
        ("看看任务", "/任务"),
        ("有新报案吗", "/报案"),
        ("看看报案", "/报案"),
        ("看看预警", "/警情趋势"),
        ("有新命中吗", "/命中"),
        ("看看日报", "/日报"),
    ],
)
async def test_an_officer_asking_to_see_their_own_work_is_shown_it(
    officer_chat: Chat, said: str, command: str
) -> None:
    """Each had been offered as a button (您是想用「任务」吗？), a tap to read what was asked."""
    shown = await officer_chat.say(said)
    assert "您是想用" not in shown and officer_chat.buttons() != [command]
    assert shown == await officer_chat.say(command)


async def test_what_changes_an_officer_s_work_is_still_offered(officer_chat: Chat) -> None:
    """Asked (加个任务吗) or not, a change is a button to tap, never done at once; nor is a
    view named without asking for it (七天预警)."""
    assert "您是想用「任务 新增" in await officer_chat.say("加个任务吗")
    assert officer_chat.buttons()[0].startswith("/任务 新增"), officer_chat.buttons()
    assert "您是想用「警情趋势」" in await officer_chat.say("七天预警")


async def test_a_foreign_guest_told_in_one_breath_is_offered_the_registration(
    owner_chat: Chat,
) -> None:
    """来了个韩国客人 护照M12345678 … had been offered 匿名举报/自助报案, where a Chinese guest
    said the same way is offered 登记: the passport's number tells it as the ID number does."""
    offer = await owner_chat.say("来了个韩国客人 护照M12345678 叫KIM MINSU 住101 平安")
    assert "您是想登记这位旅客吗" in offer and "举报" not in offer
    assert "M12345678" not in offer  # kept sealed, not in the button
    started = await owner_chat.say(owner_chat.buttons()[0])
    assert (
        "已记下：姓名 KIM MINSU、证件类型 护照、证件号码（已记下）、国籍/地区 韩国、房间号 101。"
        in started
    )


async def test_an_owner_asking_how_soon_registrations_are_reported_gets_the_answer(
    seeded: Seeded, law_dispatcher: Dispatcher
) -> None:
    """登记信息要多久内报给派出所 had been offered 「登记 信息要多久内报给派出所」, a check-in
    of a guest by that name: it asks an owner's duty, which the FAQ answers."""
    owner = Chat(law_dispatcher, "owner")
    answer = await owner.say("登记信息要多久内报给派出所")
    assert "您是想用" not in answer and not any(b.startswith("/登记") for b in owner.buttons())
    assert "境内旅客" in answer and "24小时" in answer and "依据：" in answer, answer


@pytest.mark.parametrize("said", ["登记个客人", "登记一个客人", "登记两位客人"])
async def test_an_owner_asking_to_register_a_guest_starts_it(owner_chat: Chat, said: str) -> None:
    """登记个客人 had been offered 「登记 个客人」, a guest called 个客人."""
    started = await owner_chat.say(said)
    assert "个客人" not in started and "您是想用" not in started, started
    await owner_chat.say("取消")
    assert started == await owner_chat.say("登记")
