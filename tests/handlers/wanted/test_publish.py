"""A public card goes out as a wanted notice through the alerts; readers can report a
sighting to the officer who issued it; a capture withdraws the notice where it went."""

from __future__ import annotations

import re

from bot.channels.base import Progress
from bot.config import Settings
from bot.context import Services
from bot.dispatch import Dispatcher
from bot.messages import ChatType, Inbound, Reply
from storage.models import Broadcast, Category
from tests.handlers.broadcast.conftest import RecordingChannel, worker
from tests.handlers.wanted.support import NEW_ID, card_images, enter_person, wanted_named
from tests.support.chat import Chat, text_of
from tests.support.media import stored_photo
from tests.support.outbox import opened, queued
from tests.support.people import add_second_beat_officer
from tests.support.seed import Seeded


async def _publish(officer: Chat, wanted_id: int) -> int:
    reply = await officer.say(f"/通缉 发布 {wanted_id}")
    assert "协查通缉" in reply, reply
    draft = await officer.say_all("现在发送", "重要", "全所", "确认")
    found = re.search(r"通报#(\d+)（草稿）", draft)
    assert found, draft
    sent = await officer.say(f"/通报发送 {found.group(1)}")
    assert "正在发送" in sent, sent
    return int(found.group(1))


async def test_public_notice_carries_the_card_and_a_sighting_button(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    issuer = await add_second_beat_officer(services, seeded)
    officer2 = Chat(dispatcher, "officer-2")
    await enter_person(officer2, visibility="公开")
    wanted = await wanted_named(services, "乙某某")
    assert wanted.id is not None
    number = await _publish(officer2, wanted.id)
    async with services.sessions() as session:
        notice = await session.get(Broadcast, number)
    assert notice is not None and notice.wanted_id == wanted.id
    assert notice.category is Category.WANTED and notice.image_mime == "image/png"
    # Owners get the card, the notice and a 我见过此人 button; never the full number.
    [row] = await queued(services, "owner")
    [card] = card_images(row)
    assert card.sha256 == notice.image_sha256
    assert f"/举报 在逃 {wanted.id}" in opened(row) and "我见过此人" in opened(row)
    # What to do on sight is said once (the body had said it before the notice's own
    # closing line); the reward is worded once (悬赏2万元, not 悬赏 悬赏2万元).
    assert opened(row).count("拨打110") == 1 and "切勿自行处置" not in opened(row)
    assert "悬赏2万元。" in opened(row) and "悬赏悬赏" not in opened(row)
    # A reader presses the button: a sighting the issuing officer hears of.
    owner = Chat(dispatcher, "owner")
    reply = await owner.say(f"/举报 在逃 {wanted.id}")
    assert "感谢您提供协查通缉" in reply
    await owner.say_all("穿灰色外套往车站走了", "跳过", "平安旅馆门口", "刚才", "匿名提交")
    assert "举报已收到" in await owner.say("确认")
    assert issuer.id is not None
    alerts = [opened(r) for r in await queued(services, "officer-2") if "目击线索" in opened(r)]
    assert len(alerts) == 1


async def test_capture_withdraws_the_notice_from_those_who_got_it(
    officer_chat: Chat, seeded: Seeded, services: Services
) -> None:
    await enter_person(officer_chat, visibility="公开")
    wanted = await wanted_named(services, "乙某某")
    assert wanted.id is not None
    await _publish(officer_chat, wanted.id)
    platform = RecordingChannel()
    await worker(services, platform).run_once()
    assert platform.texts_to("owner")  # the notice arrived
    answer = await officer_chat.say(f"/通缉 抓获 {wanted.id} 确认")
    assert "相关通缉令 1 条已撤回" in answer
    await worker(services, platform).run_once()
    for reader in ("owner", "landlord"):
        notices = [t for t in platform.texts_to(reader) if "【已抓获】" in t]
        assert len(notices) == 1 and "所涉人员已抓获归案" in notices[0], platform.sent


async def test_replying_to_the_notice_is_a_sighting(
    officer_chat: Chat, dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    await enter_person(officer_chat, visibility="公开")
    wanted = await wanted_named(services, "乙某某")
    assert wanted.id is not None
    await _publish(officer_chat, wanted.id)
    platform = NamingChannel()
    await worker(services, platform).run_once()
    [notice_ref] = [f"m{i}" for i, (chat, _r) in enumerate(platform.sent, 1) if chat == "owner"]

    def reply(text: str, chat_type: ChatType = ChatType.PRIVATE, ref: str = notice_ref) -> Inbound:
        return Inbound("test", "owner", "owner", text, chat_type=chat_type, reply_to=ref)

    answer = await dispatcher.dispatch(reply("刚才在菜市场门口见过他，穿灰外套"))
    said = "\n".join(text_of(r) for r in answer)
    assert "感谢您提供协查通缉" in said and "照片" in said  # description taken
    await dispatcher.dispatch(reply("取消", ref=""))
    # Where others read along, the reader is asked to tell it privately.
    in_group = await dispatcher.dispatch(reply("见过他", ChatType.GROUP))
    assert f"请私聊本号发送「/举报 在逃 {wanted.id}」" in text_of(in_group[0])
    # A reply to anything else is an ordinary message.
    other = await dispatcher.dispatch(reply("刚才在菜市场门口见过他", ref="m999"))
    assert "感谢您提供协查通缉" not in "\n".join(text_of(r) for r in other)


SEEN = "刚才在菜市场门口见过他，穿灰外套"


async def test_a_photo_sent_as_the_reply_to_the_notice_goes_with_the_sighting(
    officer_chat: Chat,
    dispatcher: Dispatcher,
    seeded: Seeded,
    services: Services,
    settings: Settings,
) -> None:
    """[photo] 刚才在菜市场门口见过他 quoted under the notice: the sighting started without the photo, which
    was lost, where 举报 在逃 N with a photo keeps it."""
    await enter_person(officer_chat, visibility="公开")
    wanted = await wanted_named(services, "乙某某")
    await _publish(officer_chat, wanted.id or 0)
    platform = NamingChannel()
    await worker(services, platform).run_once()
    [notice_ref] = [f"m{i}" for i, (chat, _r) in enumerate(platform.sent, 1) if chat == "owner"]
    photo = stored_photo(settings)
    answer = await dispatcher.dispatch(
        Inbound("test", "owner", "owner", SEEN, reply_to=notice_ref, photos=(photo,))
    )
    said = "\n".join(text_of(r) for r in answer)
    assert "感谢您提供协查通缉" in said and "已带上您刚才发的照片（1 张）" in said, said
    assert f"已记下情况：{SEEN}" in said, said


async def test_a_sighting_told_without_quoting_the_notice_is_offered(
    officer_chat: Chat, dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """Web chat and WeChat quote nothing: 我好像在菜市场看到这个人了 after the notice got
    没有理解. It is offered as a sighting, and the words are the tip's description."""
    await enter_person(officer_chat, visibility="公开")
    wanted = await wanted_named(services, "乙某某")
    assert wanted.id is not None
    await _publish(officer_chat, wanted.id)
    owner = Chat(dispatcher, "owner")
    offer = await owner.say("我好像在菜市场看到这个人了 戴眼镜的")
    assert "没有理解" not in offer and "协查通缉" in offer, offer
    assert owner.buttons() == [f"/举报 在逃 {wanted.id}"]
    started = await owner.say("1")
    assert "感谢您提供协查通缉" in started and "请描述" not in started
    # The place told in it (菜市场) is taken too: only the time and the phone are asked.
    assert "已记下地点：菜市场" in started
    summary = await owner.say_all("跳过", "跳过", "跳过")
    assert "情况描述：我好像在菜市场看到这个人了 戴眼镜的" in summary
    # Pressed later on its own, the button asks for the description as before.
    await owner.say("取消")
    assert "请描述您看到的情况" in await owner.say(f"/举报 在逃 {wanted.id}")


async def test_a_story_about_someone_else_is_not_offered_as_a_sighting(
    officer_chat: Chat, dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """他 is whoever the resident is talking about: a theft or a fraud told days after a
    notice was received is their own matter, not a sighting of the notice's person."""
    await enter_person(officer_chat, visibility="公开")
    wanted = await wanted_named(services, "乙某某")
    assert wanted.id is not None
    await _publish(officer_chat, wanted.id)
    owner = Chat(dispatcher, "owner")
    for story in ("我看到他偷我电动车了", "我发现他骗了我两千块", "见过他们几个在楼下"):
        reply = await owner.say(story)
        assert f"/举报 在逃 {wanted.id}" not in owner.buttons(), (story, reply)
    offer = await owner.say("刚才在菜市场看到他了")
    assert owner.buttons() == [f"/举报 在逃 {wanted.id}"], offer


class NamingChannel(RecordingChannel):
    """A platform that names each message it takes, as Telegram does."""

    async def send(  # type: ignore[override]
        self, chat_id: str, replies: list[Reply], progress: Progress | None = None
    ) -> list[str]:
        await super().send(chat_id, replies)
        return [f"m{len(self.sent)}"]


async def test_butian_at_the_optional_questions_leaves_them_out_of_the_notice(
    officer_chat: Chat, seeded: Seeded, services: Services
) -> None:
    """The prompts say 不填则用本所名称 / 不填则只写 110; an officer who typed 不填 back got
    发布单位：不填 on the card and 「发现此人请立即拨打110或联系不填」 in the notice."""
    await officer_chat.say("/通缉 新增")
    await officer_chat.say_all("跳过", "丁某某", "不填", "跳过", "男", "约30岁")
    await officer_chat.say_all("不填", "不填", "不填", "不填", "涉嫌盗窃", "不填", "不填", "不填")
    summary = await officer_chat.say("公开")
    assert "请核对" in summary and "不填" not in summary, summary
    await officer_chat.say("确认")
    wanted = await wanted_named(services, "丁某某")
    # The defaults the prompts promise: the station's name and 110.
    assert (wanted.issuing_unit, wanted.contact, wanted.reward) == ("测试派出所", "110", "")
    assert wanted.id is not None
    await officer_chat.say(f"/通缉 发布 {wanted.id}")
    draft = await officer_chat.say_all("现在发送", "重要", "全所", "确认")
    assert "涉嫌盗窃" in draft and "不填" not in draft, draft


async def test_publishing_leads_once_and_says_what_the_card_shows_of_the_number(
    officer_chat: Chat, services: Services
) -> None:
    """「发布…」 had been followed by the alert form's own 「开始编写通报…」, and said the
    number was hidden (已隐去) on a card that shows its two ends."""
    await enter_person(officer_chat, visibility="公开")
    wanted = await wanted_named(services, "乙某某")
    replies = await officer_chat.send(f"/通缉 发布 {wanted.id}")
    said = [text_of(r) for r in replies]
    assert said[0].startswith(f"发布 TJ-{wanted.id:04d}") and "取消" in said[0]
    assert not any("开始编写通报" in t for t in said)
    # Both ends, as the public card draws them (the stored mask keeps only the tail).
    shown = f"{NEW_ID[:4]}**********{NEW_ID[-4:]}"
    assert f"证件号码显示为 {shown}）" in said[0] and "已隐去" not in said[0]


async def test_publishing_shows_a_change_with_a_question_of_the_notice(
    officer_chat: Chat, services: Services
) -> None:
    """The lead said 「修改 字段名」, which no officer can type as it stands."""
    await enter_person(officer_chat, visibility="公开")
    wanted = await wanted_named(services, "乙某某")
    lead = await officer_chat.say(f"/通缉 发布 {wanted.id}")
    assert "「修改 范围」这样改已填的一项" in lead and "字段名" not in lead
