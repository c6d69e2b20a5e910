"""An officer's alert from `/通报` to who acknowledged it, over the real dispatcher."""

from __future__ import annotations

import re

import pytest
from sqlmodel import select

from bot.context import Services
from bot.dispatch import Dispatcher
from handlers.broadcast import status_commands
from storage.models import Account, ChatGroup, OutboxStatus, Person, Role, VenueOwner
from tests.handlers.broadcast.conftest import (
    Area,
    RecordingChannel,
    compose,
    in_group,
    outbox,
    worker,
)
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.outbox import opened
from tests.support.people import add_stranger_officer

TEXT = "今晚注意电信诈骗\n近期辖区出现冒充公检法诈骗，凡要求转账到“安全账户”的一律是诈骗。"


async def _sent(officer: Chat, audience: str = "本警务区全部") -> int:
    """An alert for the officer's own beat: the form's 确认 sends it."""
    reply = await compose(officer, TEXT, "现在发送", "跳过", "防诈", "紧急", audience, "确认")
    found = re.search(r"通报#(\d+)（发送中）", reply)
    assert found, reply
    return int(found.group(1))


async def _draft(officer: Chat) -> int:
    """An alert for the whole station, beyond the officer's beat: a draft to confirm again."""
    reply = await compose(officer, TEXT, "现在发送", "跳过", "防诈", "紧急", "全所", "确认")
    found = re.search(r"通报#(\d+)（草稿）", reply)
    assert found, reply
    return int(found.group(1))


async def test_the_forms_confirmation_sends_one_copy_per_person(
    officer_chat: Chat, area: Area, services: Services
) -> None:
    """The form's 确认 was followed by a draft asking 确认发送 again: the officer confirmed
    an alert for their own beat twice."""
    number = await _sent(officer_chat)
    sent = "\n".join(getattr(r, "text", "") for r in officer_chat.last or [])
    # Owners: hotel+shop owner (one person), landlord, far hotel's owner; groups: 2.
    assert "正在发送给 5 个对象：场所负责人 3 人，群 2 个" in sent and "草稿" not in sent
    assert officer_chat.buttons() == [f"/通报状态 {number}", f"/撤回 {number}"]
    rows = await outbox(services)
    chats = sorted((r.channel, r.chat_id) for r in rows)
    assert chats == sorted(
        [
            ("test", "owner"),
            ("test", "landlord"),
            ("test", "far-owner"),
            ("test", "g-hotels"),
            ("wecom_robot", "robot-key-0001"),
        ]
    )
    assert all(r.dedupe_key.startswith(f"broadcast:{number}:1->") for r in rows)
    assert all(r.priority == 10 for r in rows)  # urgent goes first
    owner_row = next(r for r in rows if r.chat_id == "owner")
    assert "🔴【紧急·防诈】今晚注意电信诈骗" in opened(owner_row)
    assert f"收到 {number}" in opened(owner_row)  # the 收到 button
    robot_row = next(r for r in rows if r.channel == "wecom_robot")
    assert "私聊" in opened(robot_row) and "choices" not in opened(robot_row)
    # An old 确认发送 sends nothing more, and does not say 发送中 beside /通报状态's 已发送.
    again = await officer_chat.say(f"/通报发送 {number}")
    assert "已确认发送，无需再次确认" in again and "发送中" not in again
    assert f"/通报状态 {number}" in again
    assert len(await outbox(services)) == 5


async def test_the_summary_says_whom_confirm_sends_to_before_it_is_pressed(
    officer_chat: Chat, area: Area, services: Services
) -> None:
    """The form's 确认 sends an alert for the officer's own beat, and how many chats it
    reached was said only once it had gone."""
    summary = await compose(officer_chat, TEXT, "现在发送", "跳过", "防诈", "紧急", "本警务区全部")
    assert "请核对通报信息" in summary
    assert "将发送给 5 个对象：场所负责人 3 人，群 2 个。" in summary and "草稿" not in summary
    assert await outbox(services) == []
    # Changed to the whole station, it says the form's 确认 keeps it a draft.
    summary = await officer_chat.say_all("修改 范围", "全所")
    assert "将发送给 5 个对象" in summary and "超出您的警务区：确认后先存为草稿" in summary


async def test_the_summary_resumed_after_another_command_still_says_whom_it_reaches(
    officer_chat: Chat, area: Area
) -> None:
    """Set aside for another command (任务 typed at the summary) and resumed with 继续 or a
    bare /通报, the summary is the one first shown, with whom 确认 sends it to."""
    first = await compose(officer_chat, TEXT, "现在发送", "跳过", "防诈", "一般", "本警务区全部")
    assert "将发送给 5 个对象" in first
    assert "回复「继续」接着填写" in await officer_chat.say("任务")
    assert await officer_chat.say("继续") == first
    await officer_chat.say("/日报")
    assert first in await officer_chat.say("/通报")


async def test_an_alert_is_signed_by_its_own_station_on_a_server_of_several(
    dispatcher: Dispatcher, services: Services
) -> None:
    """Every alert was signed with the configured [station] name, so a neighbouring
    station's officer sent alerts in the first station's name."""
    stranger = await add_stranger_officer(services)
    async with services.sessions() as session:
        session.add(ChatGroup(channel="test", chat_id="g-next", beat_id=stranger.beat_id))
        await session.commit()
    officer_chat = Chat(dispatcher, "stranger")
    await compose(officer_chat, TEXT, "现在发送", "跳过", "防诈", "一般", "本警务区全部", "确认")
    [row] = await outbox(services)
    assert "—— 邻所 · " in opened(row)
    assert services.settings.station.name not in opened(row)
    await officer_chat.say("/通报 明日 今晚八点起消防检查，请做好准备")
    assert "—— 邻所 · " in await officer_chat.say("/每日提示 预览")


async def test_beyond_the_own_beat_the_draft_shows_targets_and_asks_once_more(
    officer_chat: Chat, area: Area, services: Services
) -> None:
    number = await _draft(officer_chat)
    draft = "\n".join(getattr(r, "text", "") for r in officer_chat.last or [])
    assert "超出您的警务区" in draft and "将发送给 5 个对象：场所负责人 3 人，群 2 个" in draft
    assert officer_chat.buttons()[0].startswith(f"/通报发送 {number} #")
    assert await outbox(services) == []  # nothing goes before the officer confirms
    assert "正在发送给 5 个对象" in await officer_chat.say(f"/通报发送 {number}")
    assert "无需再次确认" in await officer_chat.say(f"/通报发送 {number}")
    assert len(await outbox(services)) == 5


async def test_a_one_sentence_alert_is_read_once(
    officer_chat: Chat, area: Area, services: Services
) -> None:
    """今晚八点消防检查，请各旅馆做好准备。 is its own title: the draft and every owner's
    phone showed the sentence twice, once as the heading and once as the body."""
    said = "今晚八点消防检查，请各旅馆做好准备，疏散通道保持畅通。"
    draft = await compose(officer_chat, said, "现在发送", "跳过", "消防", "一般", "旅馆", "确认")
    assert draft.count("疏散通道保持畅通") == 1, draft
    assert "正在发送" in draft
    received = opened(next(r for r in await outbox(services) if r.chat_id == "owner"))
    assert received.count("疏散通道保持畅通") == 1 and "🔵【一般·消防】今晚八点消防检查" in received


async def test_acknowledgements_status_and_reminders(
    officer_chat: Chat,
    owner_chat: Chat,
    landlord_chat: Chat,
    area: Area,
    services: Services,
    dispatcher: Dispatcher,
    clock: FakeClock,
) -> None:
    number = await _sent(officer_chat)
    platform, robots = RecordingChannel(), RecordingChannel("wecom_robot")
    await worker(services, platform, robots).run_once()
    assert len(platform.texts_to("owner")) == 1 and len(robots.sent) == 1

    # Halfway through a registration, 收到 still acknowledges, typed as the alert asks or
    # by its button; the form waits.
    assert "请输入旅客姓名" in await owner_chat.say("登记")
    assert "已确认收到通报" in await owner_chat.say("收到了")
    assert "请选择证件类型" in await owner_chat.say("王小明")
    await owner_chat.say("取消")
    assert "已确认过" in await owner_chat.say("收到")
    group_answer = await in_group(dispatcher, "member-7", f"收到 {number}")
    assert "member-7，已确认收到" in group_answer

    status = await officer_chat.say(f"/通报状态 {number}")
    assert "已送达 5" in status
    assert "已确认收到 2/4" in status  # the robot group cannot answer
    assert "机器人群 1 个（群内无法回执）" in status
    assert "未确认（2）" in status and "和平里5号（房东）" in status and "远方宾馆" in status
    assert "平安旅馆" not in status.split("未确认")[1]

    clock.advance(minutes=10)  # a reminder any sooner is refused (test_early_nudge)
    assert "已向 2 个未确认的对象再次发送" in await officer_chat.say(f"/催读 {number}")
    assert "为免打扰" in await officer_chat.say(f"/催读 {number}")  # a second tap sends nothing
    await worker(services, platform, robots).run_once()
    reminder = platform.texts_to("landlord")[-1]
    assert reminder.startswith("【提醒：您尚未确认收到】")
    assert len(platform.texts_to("owner")) == 1  # who acknowledged is left alone
    assert "已确认收到通报" in await landlord_chat.say("收到")
    assert "已确认收到 3/4" in await officer_chat.say(f"/通报状态 {number}")


async def test_withdrawal_reaches_those_who_got_it_and_stops_the_rest(
    officer_chat: Chat, area: Area, services: Services
) -> None:
    number = await _sent(officer_chat)
    platform = RecordingChannel()
    await worker(services, platform, RecordingChannel("wecom_robot", down=True)).run_once()
    assert "请写明原因" in await officer_chat.say(f"/撤回 {number}")  # not withdrawn yet
    answer = await officer_chat.say(f"/撤回 {number} 信息有误")
    assert "已撤回，已通知 4 个已收到的对象" in answer
    rows = {
        (r.channel, r.chat_id, r.dedupe_key.split(":")[2].split("-")[0]): r
        for r in await outbox(services)
    }
    robot = rows[("wecom_robot", "robot-key-0001", "1")]
    assert robot.status is OutboxStatus.CANCELLED
    assert ("wecom_robot", "robot-key-0001", "cancel") not in rows
    notice = rows[("test", "owner", "cancel")]
    assert notice.status is OutboxStatus.PENDING and "已撤回：信息有误" in opened(notice)
    await worker(services, platform).run_once()
    assert "【撤回】" in platform.texts_to("owner")[-1]
    assert "已撤回" in await officer_chat.say(f"/通报状态 {number}")
    again = await officer_chat.say(f"/撤回 {number}")
    assert "当前为「已撤回」" in again and "已已" not in again
    assert "如 /催读 12" in await officer_chat.say("/催读")


async def test_correction_goes_to_everyone_as_its_own_message(
    officer_chat: Chat, owner_chat: Chat, area: Area, services: Services
) -> None:
    number = await _sent(officer_chat, "旅馆")
    platform = RecordingChannel()
    await worker(services, platform).run_once()
    assert "已确认收到" in await owner_chat.say(f"收到 {number}")
    answer = await officer_chat.say(f"/更正 {number} 更正：诈骗电话号码段为 170 开头，请转告住客。")
    assert "已更正，正在重发给" in answer and "重新确认" in answer
    assert "已确认收到通报" in await owner_chat.say(f"收到 {number}")  # read again, counted again
    await worker(services, platform).run_once()
    corrected = platform.texts_to("owner")[-1]
    assert corrected.startswith("【更正，以此为准（第1次更正）】【更正·防诈】")
    assert len(platform.texts_to("owner")) == 2
    # The original was urgent: its correction, and an all-clear, no longer read 🔴紧急.
    assert "🔴" not in corrected and "紧急" not in corrected
    await officer_chat.say(f"/更正 {number} 冒充公检法的嫌疑人已经抓到了，请大家放心。")
    await worker(services, platform).run_once()
    cleared = platform.texts_to("owner")[-1]
    assert "【解除·防诈】冒充公检法的嫌疑人已经抓到了" in cleared and "🔴" not in cleared


async def test_a_correction_with_no_content_says_what_to_write_once(
    officer_chat: Chat, area: Area
) -> None:
    """/更正 5 alone had said 「…完整内容。内容不能为空，请重新输入」, with no form waiting."""
    number = await _sent(officer_chat, "旅馆")
    said = await officer_chat.say(f"/更正 {number}")
    assert said == (
        f"请在「/更正 {number}」后写上更正后的完整内容：第一行作标题，换行后写正文（也可只写一段）。"
    )
    assert "只有标点或表情看不明白" in await officer_chat.say(f"/更正 {number} 。。。")


async def test_only_the_author_or_a_leader_may_change_an_alert(
    officer_chat: Chat, resident_chat: Chat, area: Area, services: Services, dispatcher: Dispatcher
) -> None:
    async with services.sessions() as session:
        colleague = Person(
            role=Role.OFFICER,
            display_name="二号民警",
            station_id=area.seeded.station.id,
            beat_id=area.seeded.other_beat.id,
        )
        session.add(colleague)
        await session.flush()
        assert colleague.id
        session.add(Account(channel="test", channel_user_id="officer-2", person_id=colleague.id))
        await session.commit()
    number = await _draft(officer_chat)
    assert "仅限本所民警" in await resident_chat.say(f"/撤回 {number}")
    other = Chat(dispatcher, "officer-2")
    assert "不是您发起的" in await other.say(f"/撤回 {number}")
    assert "草稿" in await other.say(f"/通报状态 {number}")  # colleagues may look


async def test_a_stranger_cannot_acknowledge_or_read_an_alert_by_its_number(
    officer_chat: Chat, area: Area, services: Services, dispatcher: Dispatcher
) -> None:
    number = await _sent(officer_chat)
    await worker(services, RecordingChannel(), RecordingChannel("wecom_robot")).run_once()
    answer = await Chat(dispatcher, "stranger").say(f"收到 {number}")
    assert "没有找到需要确认的通报" in answer and "已确认" not in answer
    assert "已确认收到 0/4" in await officer_chat.say(f"/通报状态 {number}")


async def test_an_owner_saying_received_in_their_own_words_acknowledges(
    officer_chat: Chat, owner_chat: Chat, area: Area, services: Services
) -> None:
    number = await _sent(officer_chat)
    await worker(services, RecordingChannel(), RecordingChannel("wecom_robot")).run_once()
    assert f"已确认收到通报#{number}" in await owner_chat.say("好的，知道了")
    assert "已确认收到 1/4" in await officer_chat.say(f"/通报状态 {number}")
    assert "您已确认过" in await owner_chat.say("收到了")
    assert "需要什么功能" in await owner_chat.say("明白")  # nothing left: small talk


async def test_an_owner_without_a_name_still_reads_apart_in_the_status(
    officer_chat: Chat, area: Area, services: Services
) -> None:
    async with services.sessions() as session:
        owner = (await session.exec(select(Person).where(Person.display_name == "房东"))).one()
        owner.display_name = ""
        session.add(owner)
        await session.commit()
    number = await _sent(officer_chat)
    await worker(services, RecordingChannel(), RecordingChannel("wecom_robot")).run_once()
    status = await officer_chat.say(f"/通报状态 {number}")
    # Not an internal number (负责人#8).
    assert "和平里5号（未留姓名）" in status and "负责人#" not in status


async def test_two_owners_of_a_place_without_names_read_apart(
    officer_chat: Chat, area: Area, services: Services
) -> None:
    async with services.sessions() as session:
        owner = (await session.exec(select(Person).where(Person.display_name == "房东"))).one()
        owner.display_name = ""
        [place] = (
            await session.exec(select(VenueOwner).where(VenueOwner.person_id == owner.id))
        ).all()
        other = Person(role=Role.OWNER, display_name="")
        session.add_all([owner, other])
        await session.flush()
        assert other.id is not None
        session.add(Account(channel="test", channel_user_id="owner-2", person_id=other.id))
        session.add(VenueOwner(person_id=other.id, venue_id=place.venue_id))
        await session.commit()
    number = await _sent(officer_chat)
    await worker(services, RecordingChannel(), RecordingChannel("wecom_robot")).run_once()
    status = await officer_chat.say(f"/通报状态 {number}")
    assert "和平里5号（未留姓名）" in status and "和平里5号（未留姓名，第2位）" in status


async def test_a_bare_received_acknowledges_every_alert_still_unread(
    officer_chat: Chat, owner_chat: Chat, area: Area, services: Services
) -> None:
    """An urgent alert, then an ordinary one: 收到 answered only the newest, and the urgent
    one stayed unread while the owner thought they were done."""
    first = await _sent(officer_chat, "旅馆")
    second = await _sent(officer_chat, "旅馆")
    await worker(services, RecordingChannel()).run_once()
    answer = await owner_chat.say("收到")
    assert "已确认收到2条通报" in answer and answer.index(f"#{first}") < answer.index(f"#{second}")
    for number in (first, second):
        assert "已确认收到 1/" in await officer_chat.say(f"/通报状态 {number}")
    assert f"您已确认过通报#{second}" in await owner_chat.say("收到")


async def test_an_old_send_button_does_not_send_to_a_changed_scope(
    officer_chat: Chat, area: Area, services: Services
) -> None:
    """After /通报范围, the draft's earlier 确认发送（1） still carried /通报发送 N and sent
    to the new scope's five recipients."""
    number = await _draft(officer_chat)
    old_button = officer_chat.buttons()[0]
    changed = await officer_chat.say(f"/通报范围 {number} 本警务区全部")
    assert "范围：一号警务区全部场所" in changed
    new_button = officer_chat.buttons()[0]
    assert new_button != old_button
    refused = await officer_chat.say(old_button)
    assert "发送范围已修改过" in refused and await outbox(services) == []
    assert "正在发送给" in await officer_chat.say(new_button)


async def test_a_scope_said_before_the_content_is_the_scope_not_part_of_the_text(
    officer_chat: Chat, area: Area
) -> None:
    # Urgent: its category read from 寒潮 and no photo asked, the summary comes at once.
    summary = await officer_chat.say("/通报 紧急 只发旅馆：今晚有寒潮，请检查取暖设备")
    assert "· 内容：今晚有寒潮，请检查取暖设备" in summary
    assert "· 范围：旅馆" in summary
    # A name that is no beat or kind leaves the scope to be asked.
    await officer_chat.say("取消")
    await officer_chat.say("/通报 发给火星：明早八点至十点停水")
    asked = await officer_chat.say_all("现在发送", "跳过", "其他", "一般")
    assert "发给谁" in asked
    await officer_chat.say("取消")
    await officer_chat.say("/通报 旅馆民宿都发：明天上午9点消防检查")
    summary = await officer_chat.say_all("现在发送", "跳过", "消防", "一般")
    assert "· 内容：明天上午9点消防检查" in summary and "· 范围：旅馆民宿" in summary


async def test_content_typed_after_the_command_is_held_to_the_forms_length(
    officer_chat: Chat, area: Area
) -> None:
    """/通报 停电 was taken as the whole alert, where the form's question refuses fewer than
    six characters: the same check now, and the form asks for the content."""
    said = await officer_chat.say("/通报 紧急 停电")
    assert "「停电」内容太短了" in said and "请输入通报内容" in said
    assert "什么时候发" not in said
    # Typed at the question, the content is read as with the command: no photo asked, the
    # category and the scope guessed (see `test_an_urgent_alert_begun_without_content_…`).
    review = await officer_chat.say("今晚八点起和平路停电")
    assert "· 内容：今晚八点起和平路停电" in review and "· 紧急程度：紧急" in review, review
    assert "需要配图吗" not in review and "· 范围：本警务区全部" in review, review


async def test_new_content_with_a_draft_unfinished_is_not_dropped_in_silence(
    officer_chat: Chat, area: Area
) -> None:
    """`/通报 新内容` over an unfinished draft resumed the old one and the new words were
    gone without a word: the officer went on to send the old text."""
    await officer_chat.say("/通报 天冷了，餐馆液化气瓶放在通风处")
    told = await officer_chat.say("/通报 今晚大风降温，请关好门窗")
    assert "「天冷了」" in told and "刚才发送的内容没有录入" in told
    await officer_chat.say("取消")
    await officer_chat.say("/通报 今晚大风降温，请关好门窗")
    summary = await officer_chat.say_all("现在发送", "跳过", "其他", "一般", "本警务区全部")
    assert "· 内容：今晚大风降温，请关好门窗" in summary
    # A bare /通报 goes on with the draft, as before.
    await officer_chat.say("/通报")
    assert "接着上次继续" in await officer_chat.say("/通报")


async def test_the_list_of_alerts_says_delivered_as_each_alert_does(
    officer_chat: Chat, area: Area, services: Services
) -> None:
    """/通报状态 listed an alert delivered to all as 发送中, while /通报状态 12 said 已发送."""
    number = await _sent(officer_chat)
    await worker(services, RecordingChannel(), RecordingChannel("wecom_robot")).run_once()
    assert "状态：已发送" in await officer_chat.say(f"/通报状态 {number}")
    listed = await officer_chat.say("/通报状态")
    assert f"#{number} 今晚注意电信诈骗｜已发送，送达 5/5" in listed


async def test_landlords_are_an_audience(officer_chat: Chat, area: Area) -> None:
    """发给房东 got 没有找到「房东」: officers name the people, not the kind of place."""
    reply = await compose(officer_chat, TEXT, "现在发送", "跳过", "防诈", "紧急", "发给各房东")
    assert "没有找到" not in reply and "范围：各房东" in reply
    assert "范围：一号警务区出租屋" in await officer_chat.say("确认")


async def test_an_urgent_alert_goes_now_not_into_tomorrows_daily_alert(
    officer_chat: Chat, area: Area
) -> None:
    """/通报 紧急 持刀… was asked 什么时候发 beside 加入每日提示, which queued it as a plain
    line of the next morning's alert."""
    summary = await officer_chat.say("/通报 紧急 今晚有持刀嫌疑人在和平里出没，请关好门窗")
    assert "什么时候发" not in summary
    assert "· 时间：现在发送" in summary and "· 紧急程度：紧急" in summary
    refused = await officer_chat.say_all("修改 时间", "加入每日提示")
    assert "紧急通报不能加入每日提示" in refused
    assert "没有待发的每日提示" in await officer_chat.say("/每日提示")


async def test_a_circle_is_not_dropped_into_the_whole_beats_daily_alert(
    officer_chat: Chat, area: Area
) -> None:
    """/通报 平安旅馆周边500米 明天停水… then 加入每日提示 had queued it for the whole beat's
    next morning, the circle gone and the summary no longer showing any scope."""
    await officer_chat.say("/通报 平安旅馆周边500米 明日停水，请提前储水")
    refused = await officer_chat.say("加入每日提示")
    assert "每日提示发给全警务区，不能只发给「平安旅馆周边500米」" in refused
    assert "没有待发的每日提示" in await officer_chat.say("/每日提示")
    summary = await officer_chat.say_all("现在发送", "跳过", "其他", "一般")
    assert "· 范围：平安旅馆周边500米" in summary
    whole = await officer_chat.say_all("取消", "/通报 明日停水，请提前储水", "加入每日提示")
    assert "确认" in whole and "不能只发给" not in whole


async def test_asking_who_has_not_read_an_alert_offers_its_status_not_a_new_alert(
    officer_chat: Chat, area: Area
) -> None:
    """通报#5谁没回 was offered as 「通报 #5谁没回」: a button that began a new alert
    reading 「#5谁没回」, to be sent to the whole beat. Reading who has not acknowledged
    changes nothing, so the status is shown at once (alert 5 does not exist here)."""
    status = await officer_chat.say("通报#5谁没回")
    assert "没有找到通报#5" in status and "#5谁没回" not in status, status
    await officer_chat.say("通报5还没看的催一下")
    assert officer_chat.buttons() == ["/催读 5"]
    # Words after 通报 that ask nothing about readers are still a new alert's, started.
    started = await officer_chat.say("发个通报：今晚八点停电，请备好照明")
    assert "开始编写通报" in started and "/催读" not in officer_chat.buttons(), started
    summary = await officer_chat.say_all("现在发送", "跳过", "其他", "一般", "本警务区全部")
    assert "· 内容：今晚八点停电，请备好照明" in summary, summary


async def test_a_scope_said_before_the_sending_verb_stays_with_the_offer(
    officer_chat: Chat, area: Area
) -> None:
    """平安旅馆周边500米发通报：今晚停电 was offered as 「/通报 今晚停电」: the circle the
    sentence named was lost, and the alert would have gone to the whole beat."""
    await officer_chat.say("平安旅馆周边500米发通报：今晚八点起停电")
    assert officer_chat.buttons() == ["/通报 发给平安旅馆周边500米：今晚八点起停电"]
    await officer_chat.say("/通报 发给平安旅馆周边500米：今晚八点起停电")
    summary = await officer_chat.say_all("现在发送", "跳过", "其他", "一般")
    assert "· 内容：今晚八点起停电" in summary and "· 范围：平安旅馆周边500米" in summary
    await officer_chat.say("取消")
    # A scope said with no content yet is kept too; the form asks for the content.
    await officer_chat.say("给平安旅馆周边500米发个通报")
    assert officer_chat.buttons() == ["/通报 发给平安旅馆周边500米："]
    # 我想 before 发个通报 is no scope (it had been offered as 「通报 发给我想：」).
    await officer_chat.say("我想发个通报")
    assert officer_chat.buttons() == ["/通报"]


async def test_a_scope_said_after_tongbao_is_kept_as_the_scope(
    officer_chat: Chat, area: Area
) -> None:
    """通报 二号警务区旅馆 started the form with 「二号警务区旅馆」 as the alert's content, went
    on to 什么时候发, and asked 发给谁 at the end as if no scope had been said."""
    asked = await officer_chat.say("通报 二号警务区旅馆")
    assert "请输入通报内容" in asked and "什么时候发" not in asked
    summary = await officer_chat.say_all(
        "今晚八点起和平路停电，请备好应急照明", "现在发送", "跳过", "其他", "一般"
    )
    assert "· 范围：二号警务区旅馆" in summary and "· 内容：今晚八点起和平路停电" in summary
    assert "发给谁" not in summary
    draft = await officer_chat.say("确认")
    assert "范围：二号警务区旅馆" in draft, draft
    # Said in one breath, the same, as 通报今晚严查酒驾 starts an alert reading 今晚严查酒驾.
    assert "请输入通报内容" in await officer_chat.say("通报二号警务区的旅馆")
    await officer_chat.say("取消")
    # Words that name no scope are still the content.
    assert "什么时候发" in await officer_chat.say("/通报 明天上午停电通知")
    await officer_chat.say("取消")
    # A scope that names nothing here is said to be so, not dropped without a word.
    told = await officer_chat.say("/通报 发给城南的旅馆：今晚八点起停电，请备好照明")
    assert "没有找到「城南」" in told and "最后一步重新选择" in told


async def test_a_beat_wide_scope_says_it_reaches_rentals_and_groups(
    officer_chat: Chat, area: Area
) -> None:
    """范围：一号警务区全部场所 read as if landlords' rental homes and the groups were left
    out, though they get it too."""
    draft = await compose(officer_chat, TEXT, "现在发送", "跳过", "防诈", "紧急", "本警务区全部")
    assert "范围：一号警务区全部场所、出租屋和群" in await officer_chat.say("确认"), draft


async def test_who_has_not_acknowledged_reads_one_a_line_and_pages(
    officer_chat: Chat, area: Area, services: Services, monkeypatch: pytest.MonkeyPatch
) -> None:
    """未确认（2）：平安旅馆、便民小店（旅馆负责人）；… read like a list inside a list on a
    phone; and a long list ran on with no way to see the rest."""
    number = await _sent(officer_chat)
    await worker(services, RecordingChannel(), RecordingChannel("wecom_robot")).run_once()
    status = await officer_chat.say(f"/通报状态 {number}")
    unacked = status.split("未确认（4）：\n")[1].split("\n")
    assert "· 和平里5号（房东）" in unacked and "· 一号旅馆群" in unacked
    assert not any("；" in line for line in unacked)
    monkeypatch.setattr(status_commands, "UNACKED_SHOWN", 2)
    monkeypatch.setattr(status_commands, "UNACKED_PAGE", 3)
    status = await officer_chat.say(f"/通报状态 {number}")
    assert f"……另有 2 个，发送「/通报状态 {number} 未确认」查看全部。" in status
    first = await officer_chat.say(f"/通报状态 {number} 未确认")
    assert f"通报#{number} 未确认 4 个（第 1/2 页）：" in first
    assert f"下一页请发送「/通报状态 {number} 未确认 2」" in first
    second = await officer_chat.say(f"/通报状态 {number} 未确认 2")
    assert "（第 2/2 页）" in second and len(second.split("\n· ")) == 2


async def test_nudge_without_a_number_offers_the_alerts_still_unacknowledged(
    officer_chat: Chat,
    owner_chat: Chat,
    area: Area,
    services: Services,
    dispatcher: Dispatcher,
    clock: FakeClock,
) -> None:
    """`/催读` alone only said 请写明通报编号."""
    assert "没有需要催读的通报" in await officer_chat.say("/催读")
    number = await _sent(officer_chat, "旅馆")
    await worker(services, RecordingChannel()).run_once()
    # Just sent: listed with when it may be reminded, and no button that only says so.
    waiting = await officer_chat.say("/催读")
    assert f"#{number} 今晚注意电信诈骗｜未确认 3 个，今天 10:10 之后可催读" in waiting, waiting
    assert officer_chat.buttons() == []
    clock.advance(minutes=10)
    offer = await officer_chat.say("/催读")
    assert f"#{number} 今晚注意电信诈骗｜未确认 3 个" in offer
    assert officer_chat.buttons() == [f"/催读 {number}"]
    assert "已向 3 个未确认的对象再次发送" in await officer_chat.say(officer_chat.buttons()[0])
    for chat in (owner_chat, Chat(dispatcher, "far-owner")):
        assert "已确认收到" in await chat.say(f"收到 {number}")
    assert "已确认收到" in await in_group(dispatcher, "member-7", f"收到 {number}")
    assert "没有需要催读的通报" in await officer_chat.say("/催读")


async def test_an_urgent_alert_is_one_confirmation_away(
    officer_chat: Chat, area: Area, services: Services
) -> None:
    """/通报 紧急 城东路燃气泄漏… still asked 需要配图吗、类别、范围 before 确认: the category
    is read from the words, the scope is the officer's beat, and the summary says so."""
    summary = await officer_chat.say("/通报 紧急 城东路燃气泄漏，请附近场所立即疏散人员")
    assert "需要配图吗" not in summary and "请选择类别" not in summary
    assert "· 类别：消防" in summary and "· 范围：本警务区全部" in summary
    assert "类别按内容判断，范围默认为您的警务区" in summary
    assert "将发送给 5 个对象" in summary
    assert "正在发送给 5 个对象" in await officer_chat.say("确认")
    assert len(await outbox(services)) == 5


async def test_an_urgent_alert_begun_without_content_asks_the_content_alone(
    officer_chat: Chat, area: Area, services: Services
) -> None:
    """/通报 紧急 with nothing after it asked the content, then 需要配图吗、类别、范围 as if
    no 紧急 had been said: the content is what an urgent alert is about, and once typed it
    is read as if sent with the command, one 确认 from going out."""
    asked = await officer_chat.say("/通报 紧急")
    assert "请输入通报内容" in asked and "需要配图吗" not in asked, asked
    summary = await officer_chat.say("城东路燃气泄漏，请附近场所立即疏散人员")
    assert "需要配图吗" not in summary and "请选择类别" not in summary, summary
    assert "发给谁" not in summary and "请核对通报信息" in summary, summary
    assert "· 紧急程度：紧急" in summary and "· 类别：消防" in summary, summary
    assert "· 范围：本警务区全部" in summary, summary
    assert "类别按内容判断，范围默认为您的警务区" in summary, summary
    # A category the officer chose stays when the content is changed after it.
    await officer_chat.say_all("修改 类别", "治安")
    summary = await officer_chat.say_all(
        "修改 内容", "城东路燃气泄漏，请附近场所立即疏散，勿用明火"
    )
    assert "· 类别：治安" in summary and "· 范围：本警务区全部" in summary, summary
    assert "需要配图吗" not in summary and "勿用明火" in summary, summary
    assert "正在发送给 5 个对象" in await officer_chat.say("确认")
    assert len(await outbox(services)) == 5


async def test_everyday_words_choose_the_category(officer_chat: Chat, area: Area) -> None:
    """火灾 typed at the category step got 请从下面的类别中选一个。"""
    await compose(officer_chat, "今晚八点起和平路停电，请备好应急照明", "现在发送", "跳过")
    assert "请选择紧急程度" in await officer_chat.say("火灾")
    summary = await officer_chat.say_all("一般", "本警务区全部")
    assert "· 类别：消防" in summary
    assert "请从下面的类别中选一个" in await officer_chat.say_all("修改 类别", "看情况")


async def test_the_same_alert_twice_is_named_before_it_goes_again(
    officer_chat: Chat, area: Area
) -> None:
    """The same urgent alert composed a minute after it went out reached 确认 with no
    word of the first."""
    first = await officer_chat.say("/通报 紧急 城东路燃气泄漏，请附近场所立即疏散人员")
    assert "相同内容" not in first
    sent = await officer_chat.say("确认")
    number = re.search(r"通报#(\d+)", sent)
    assert number, sent
    again = await officer_chat.say("/通报 紧急 城东路燃气泄漏，请附近场所立即疏散人员！")
    assert f"相同内容的通报#{number[1]}「城东路燃气泄漏」已于" in again
    assert "确认将再发一次" in again
    # To another scope it is another alert.
    elsewhere = await officer_chat.say_all("修改 范围", "二号警务区旅馆")
    assert "相同内容" not in elsewhere


async def test_words_counting_days_are_named_when_sent_on_a_later_day(
    officer_chat: Chat, area: Area
) -> None:
    """今晚有大风 scheduled for the next morning reads as the next evening's wind."""
    summary = await compose(
        officer_chat, "今晚有大风，请关好门窗收好晾晒衣物", "明天早上7点半", "跳过", "其他", "一般"
    )
    summary = await officer_chat.say("本警务区全部")
    assert "“今晚”今天写的是 11-23，但通报 11-24 才发出，收到的人会读作 11-24" in summary
    # Sent today, the words mean what they say.
    today = await officer_chat.say_all("修改 时间", "现在发送")
    assert "读作" not in today


async def test_an_alert_past_its_draft_says_how_to_send_it_elsewhere(
    officer_chat: Chat, area: Area
) -> None:
    """/通报范围 on a scheduled alert said only 不能再改范围; /通报状态 9 only 没有找到."""
    summary = await compose(
        officer_chat, TEXT, "明天下午3点", "跳过", "防诈", "一般", "本警务区全部"
    )
    reply = await officer_chat.say("确认")
    number = re.search(r"通报#(\d+)（待发送）", reply)
    assert number, summary + reply
    told = await officer_chat.say(f"/通报范围 {number[1]} 旅馆")
    assert f"请先「/撤回 {number[1]}」，再发送「/通报」按新范围重新编写" in told
    missing = await officer_chat.say("/通报状态 99")
    assert f"没有找到通报#99。您最近的通报：\n#{number[1]} " in missing, missing
    assert officer_chat.buttons() == [f"/通报状态 {number[1]}"]


async def test_a_scope_nobody_is_bound_in_says_how_to_bind_them(
    officer_chat: Chat, area: Area
) -> None:
    """九小场所 with no owner bound said nobody gets it, and nothing of /邀请; the draft
    offered 放弃 where everything else says 取消."""
    await compose(officer_chat, TEXT, "现在发送", "跳过", "防诈", "一般", "二号警务区旅馆")
    draft = await officer_chat.say("确认")
    assert "没有找到可发送的对象" in draft and "「/邀请 场所名称」" in draft
    assert "放弃" not in draft


async def test_an_alert_typed_at_the_scope_question_is_not_looked_up_as_a_place(
    officer_chat: Chat, area: Area
) -> None:
    """With a draft waiting for its scope, a new alert's text had been taken as the scope
    and refused as 没有找到场所「网吧发生入室盗窃,…」, the text altered."""
    await officer_chat.say("/通报 紧急 测试范围")
    await officer_chat.say("修改 范围")
    said = await officer_chat.say("网吧周边发生入室盗窃，请各场所夜间注意关好门窗")
    assert "没有找到场所" not in said, said
    assert "像是通报内容" in said and "正在等您选择发送范围" in said
    assert "「/通报 」" in said  # how to start a new alert with it
    # A long scope of kinds is still a scope.
    review = await officer_chat.say("旅馆、民宿、出租屋、小商店、小餐饮、小网吧、小美容洗浴")
    assert "像是通报内容" not in review, review


async def test_words_at_the_scope_question_are_quoted_back_as_typed(
    officer_chat: Chat, area: Area
) -> None:
    """旅馆，网吧附近的住户 had been quoted back as 「旅馆,网吧附近的住户」: the scope's
    buttons made the form fold what was typed, Chinese comma and all, into ASCII."""
    await officer_chat.say("/通报 紧急 测试范围")
    await officer_chat.say("修改 范围")
    said = await officer_chat.say("旅馆，网吧附近的住户")
    assert "「旅馆，网吧附近的住户」" in said, said


async def test_a_new_alert_over_a_draft_with_no_content_does_not_inherit_its_urgency(
    officer_chat: Chat, area: Area
) -> None:
    """The draft whose text was refused kept 紧急: the officer's next /通报 resumed it,
    asked for the content again, and the new alert went out 紧急 without a word."""
    await officer_chat.say("/通报 紧急 测试范围")
    said = await officer_chat.say("/通报 网吧周边发生入室盗窃，请各场所夜间注意关好门窗")
    assert "之前未填内容的通报（紧急）已放弃" in said, said
    assert "接着上次继续" not in said
    review = await officer_chat.say_all("现在发送", "跳过", "治安", "一般", "本警务区全部")
    assert "· 内容：网吧周边发生入室盗窃" in review and "· 紧急程度：一般" in review, review


async def test_tongbao_with_a_number_shows_that_alert(officer_chat: Chat, area: Area) -> None:
    """/通报 3 had started a new alert reading 「3」, refused as too short."""
    number = await _sent(officer_chat)
    for said in (f"/通报 {number}", f"/通报 #{number}"):
        shown = await officer_chat.say(said)
        assert f"通报#{number} " in shown and "状态：" in shown, shown
        assert "内容太短了" not in shown and "请输入通报内容" not in shown
    assert "没有找到通报#99" in await officer_chat.say("/通报 99")
    # A draft left open is not disturbed by looking.
    await officer_chat.say("/通报 今晚大风降温，请关好门窗")
    await officer_chat.say(f"/通报 {number}")
    assert "接着上次继续" in await officer_chat.say("/通报")


async def test_a_scope_changed_at_the_summary_keeps_the_public_said_with_it(
    officer_chat: Chat,
) -> None:
    """等等 范围改成本警务区全部 再加上群众 showed 范围：本警务区全部, 再加上群众 lost."""
    await compose(officer_chat, TEXT, "现在发送", "跳过", "防诈", "一般", "旅馆")
    changed = await officer_chat.say("等等 范围改成本警务区全部 再加上群众")
    assert "范围：本警务区全部（含订阅群众）" in changed, changed
    assert "没有看懂" not in changed
