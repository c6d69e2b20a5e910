"""Whole conversations over Telegram: buttons, deep-link binding, alerts through the outbox."""

from __future__ import annotations

import base64
import hashlib
from typing import Any

from aiohttp import web
from sqlmodel import select

from bot.app import DELIVERY, SERVICES
from bot.channels.telegram import updates
from bot.channels.telegram.updates import EDITED, STALE_BUTTON
from bot.channels.weixin.inbound import NO_VOICE
from bot.messages import Button, Choices
from handlers.fallback.not_understood import NOT_UNDERSTOOD
from storage.models import (
    Account,
    GuestStay,
    OutboxMessage,
    OutboxStatus,
    Person,
    Role,
    TelegramCallback,
)
from tests.bot.channels.telegram.support import (
    OFFICER,
    OWNER,
    Conversation,
    Telegram,
    User,
    group_chat,
)
from tests.support.clock import FakeClock
from tests.support.seed import GUEST_ID, WANTED_ID, Seeded, invite
from tests.support.wanted import SIGHTING, public_cards, sighted


async def test_owner_registers_guest_pressing_buttons(
    owner: Conversation, app: web.Application
) -> None:
    assert "请输入旅客姓名" in await owner.say("登记")
    question = await owner.say("王小明")
    assert "证件类型" in question
    _message, data = owner.tg.api.message_with_button(owner.chat_id, "居民身份证")
    assert data == "v:居民身份证"
    await owner.press("居民身份证")
    for answer in (GUEST_ID, "13812345678", "302", "现在", "明天"):
        summary = await owner.say(answer)
    assert "请核对旅客登记信息" in summary
    receipt = await owner.press("确认提交")
    assert "旅客登记成功" in receipt and GUEST_ID not in receipt
    # Every press was answered, so the client's spinner stopped.
    assert len(owner.tg.api.called("answerCallbackQuery")) == 2
    async with app[SERVICES].sessions() as session:
        stay = (await session.exec(select(GuestStay))).one()
    assert stay.room == "302"


async def test_a_typed_number_means_what_it_means_on_wechat(
    owner: Conversation, app: web.Application, tg_seeded: Seeded
) -> None:
    """Three wanted cards, each with its own keyboard: 「2」 typed instead of a press is the
    second card's 「我见过此人」, as WeChat numbers them (it was no option at all: only the
    last card's buttons were remembered)."""
    services = app[SERVICES]
    shown = await public_cards(services, tg_seeded)
    await owner.say("协查通缉")
    keyboards = [
        [b["text"] for row in m["reply_markup"]["inline_keyboard"] for b in row]
        for m in owner.tg.api.messages
        if "reply_markup" in m
    ]
    assert keyboards == [["我见过此人"]] * 3
    assert "感谢您提供协查通缉" in await owner.say("2")
    for answer in SIGHTING:
        await owner.say(answer)
    assert await sighted(services) == shown[1]


async def test_wanted_guest_alert_reaches_officer_through_outbox(
    owner: Conversation, app: web.Application
) -> None:
    await owner.say("登记")
    await owner.say("甲某某")
    await owner.press("居民身份证")
    for answer in (WANTED_ID, "跳过", "303", "现在", "跳过"):
        await owner.say(answer)
    receipt = await owner.press("确认提交")
    assert "旅客登记成功" in receipt and "比中" not in receipt
    assert owner.tg.api.sent_to(OFFICER.id) == []  # not part of the owner's answer
    await app[DELIVERY].run_once()
    alert = "\n".join(owner.tg.api.texts_to(OFFICER.id))
    assert "比中提醒" in alert and WANTED_ID not in alert
    async with app[SERVICES].sessions() as session:
        rows = (await session.exec(select(OutboxMessage))).all()
    assert {r.channel: r.status for r in rows}["telegram"] is OutboxStatus.SENT


async def test_officer_binds_through_deep_link(tg: Telegram, app_seeded: Seeded) -> None:
    services = tg.client.app[SERVICES]
    code = await invite(services, Role.OFFICER, beat_id=app_seeded.beat.id)
    # t.me/jingmin_test_bot?start=ABCD-EFGH opens the chat and sends "/start ABCD-EFGH".
    newcomer = Conversation(tg, User(5100, "李警官"))
    reply = await newcomer.say(f"/start {code}")
    assert "绑定成功" in reply and "一号警务区" in reply
    async with services.sessions() as session:
        account = (
            await session.exec(select(Account).where(Account.channel_user_id == "5100"))
        ).one()
        person = await session.get(Person, account.person_id)
    assert account.channel == "telegram" and person is not None and person.role is Role.OFFICER
    # A bare /start is the welcome.
    assert "您好" in await newcomer.say("/start")


async def test_long_button_values_travel_as_tokens(tg: Telegram, app_seeded: Seeded) -> None:
    value = "/咨询 " + "房东不退押金怎么办" * 5  # far over 64 bytes
    await tg.channel.send(str(OWNER.id), [Choices("请选择：", (Button("押金问题", value),))])
    _message, data = tg.api.message_with_button(OWNER.id, "押金问题")
    assert data.startswith("t:") and len(data.encode()) <= 64
    chat = Conversation(tg, OWNER)
    await chat.press("押金问题")  # comes back as the long value: the fallback answers it
    assert len(tg.api.sent_to(OWNER.id)) == 2


async def test_forged_or_stale_button_is_answered_not_dispatched(
    tg: Telegram, app_seeded: Seeded
) -> None:
    chat = Conversation(tg, OWNER)
    await chat.say("/help")
    message = tg.api.messages[-1]
    await tg.deliver(tg.updates.press(OWNER, message, "t:unknown-token"))
    answer = tg.api.called("answerCallbackQuery")[-1]
    assert "已失效" in answer.params["text"]
    assert len(tg.api.sent_to(OWNER.id)) == 1


async def test_a_button_whose_value_no_longer_applies_says_it_is_stale(
    tg: Telegram, app_seeded: Seeded
) -> None:
    """现在发送 of a /通报 draft since cancelled: its value reaches no form, and the reply
    had been 「抱歉，我没有理解您的意思。…」, as if the user had typed something wrong."""
    await tg.channel.send(str(OWNER.id), [Choices("请确认：", (Button("现在发送", "现在发送"),))])
    chat = Conversation(tg, OWNER)
    assert await chat.press("现在发送") == STALE_BUTTON
    assert STALE_BUTTON == "这个按钮已失效，请重新操作；发送「帮助」查看可用功能。"


def test_the_stale_check_reads_the_handlers_not_understood() -> None:
    assert updates._NOT_UNDERSTOOD == NOT_UNDERSTOOD


def _edited(update: dict[str, Any]) -> dict[str, Any]:
    """The message update as Telegram sends it once its text was edited."""
    message = update.pop("message")
    return update | {"edited_message": message | {"edit_date": int(message["date"]) + 60}}


async def test_an_edited_message_is_not_lost_without_a_word(
    tg: Telegram, owner: Conversation
) -> None:
    """An edit had been dropped in silence: the user thought the correction went in."""
    chat = owner
    assert "请输入旅客姓名" in await chat.say("登记")
    edit = _edited(tg.updates.text(OWNER, "王小明"))
    before = len(tg.api.texts_to(OWNER.id))
    await tg.deliver(edit)
    assert tg.api.texts_to(OWNER.id)[before:] == [EDITED]
    assert EDITED == "修改后的消息不会被读取，请把改好的内容重新发一条。"
    assert "证件类型" in await chat.say("王小明")  # the form still asks for the name
    group = group_chat()
    before = len(tg.api.sent_to(int(group["id"])))
    await tg.deliver(_edited(tg.updates.text(OWNER, "改过的话", group)))
    assert len(tg.api.sent_to(int(group["id"]))) == before  # quiet in a group


async def test_commands_for_another_bot_in_a_group_are_ignored(
    tg: Telegram, app_seeded: Seeded
) -> None:
    group = {"id": -4001, "type": "group", "title": "群"}
    chat = Conversation(tg, OWNER, group)
    # No bot_username is configured: the channel learned its name from getMe at start.
    assert await chat.say("/help@some_other_bot") == ""
    reply = await chat.say("/help@jingmin_test_bot")
    assert "警民通" in reply
    # In a group the answer quotes the question it answers.
    last = tg.api.sent_to(-4001)[-1]
    assert last.json("reply_parameters")["message_id"] > 0


async def test_reused_long_button_keeps_its_token_fresh(
    tg: Telegram, app_seeded: Seeded, clock: FakeClock
) -> None:
    question = Choices("请选择：", (Button("押金问题", "/咨询 " + "押金" * 30),))
    await tg.channel.send(str(OWNER.id), [question])
    clock.advance(days=3)
    await tg.channel.send(str(OWNER.id), [question])
    async with tg.client.app[SERVICES].sessions() as session:
        row = (await session.exec(select(TelegramCallback))).one()
    assert row.last_sent_at == clock.now


def unkeyed_forms(value: str) -> list[str]:
    """What anyone can compute from a guess of a value, with no key: its common digests,
    as hex and as base64."""
    forms = []
    for name in ("md5", "sha1", "sha256", "sha512", "sha3_256", "blake2b", "blake2s"):
        digest = hashlib.new(name, value.encode()).digest()
        forms += [digest.hex(), base64.urlsafe_b64encode(digest).decode()]
        forms.append(base64.b64encode(digest).decode())
    return forms


async def test_a_long_buttons_token_does_not_confirm_a_guess_of_its_value(
    tg: Telegram, app_seeded: Seeded
) -> None:
    """A long value can hold a guest's name. Whoever has a copy of the database (or sees the
    button's data) and guesses the value must not be able to check the guess by hashing
    it: the token is keyed with the station's index key. (Before, it was the first 18 bytes
    of the value's SHA-256.)"""
    value = f"/问民警 住客王小明（{GUEST_ID}）今晚是否需要补登同住人？"
    assert len(value.encode()) > 64
    await tg.channel.send(str(OWNER.id), [Choices("请选择：", (Button("转给民警", value),))])
    _message, data = tg.api.message_with_button(OWNER.id, "转给民警")
    token = data.removeprefix("t:")
    async with tg.client.app[SERVICES].sessions() as session:
        row = (await session.exec(select(TelegramCallback))).one()
    assert row.token == token and "王小明" not in row.value
    assert not any(form.startswith(token[:16]) for form in unkeyed_forms(value))


async def test_a_voice_message_gets_the_same_words_as_on_wechat(
    tg: Telegram, owner: Conversation
) -> None:
    """Voice had got the generic 「暂时只能处理文字、图片和位置…」 here, while WeChat says
    what to do about a voice message."""
    voice = {"file_id": "v1", "file_unique_id": "uv1", "duration": 3}
    before = len(tg.api.texts_to(OWNER.id))
    await tg.deliver(tg.updates.message(OWNER, voice=voice))
    assert tg.api.texts_to(OWNER.id)[before:] == [NO_VOICE] == ["暂时听不了语音，请打字发送。"]
