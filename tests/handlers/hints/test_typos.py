"""Command names mistyped: the offer keeps what was typed, and says what the command does."""

from __future__ import annotations

from tests.support.chat import Chat


async def test_a_mistyped_command_keeps_its_argument(landlord_chat: Chat) -> None:
    """/推租 1 was offered a bare /退租: the 1 was lost."""
    offered = await landlord_chat.say("/推租 1")
    assert offered == "没有「/推租」这个命令。您是想用「退租 1」（租客搬离）吗？"
    assert landlord_chat.buttons() == ["/退租 1"]


async def test_a_beat_glued_to_subscribe_is_kept(resident_chat: Chat) -> None:
    """订阅一号 (no space) was offered a bare /订阅, which asks the place again."""
    await resident_chat.say("订阅一号")
    assert resident_chat.buttons() == ["/订阅 一号"]
    # A word that names no beat is not made an argument.
    await resident_chat.say("订阅号")
    assert "/订阅 号" not in resident_chat.buttons()


async def test_a_homophone_is_offered_by_what_it_does(landlord_chat: Chat) -> None:
    """租可 got 「您是想「租客」吗？」, as if 租客 were a thing to want."""
    offered = await landlord_chat.say("租可")
    assert offered.startswith("您是想用「租客」（查看在租租客）吗？")
    assert landlord_chat.buttons() == ["/租客"]


async def test_an_officer_is_not_offered_what_their_help_leaves_out(officer_chat: Chat) -> None:
    """An officer's 订阅一号 was offered /订阅, a resident's command their help does not list."""
    await officer_chat.say("订阅一号")
    assert not any(b.startswith("/订阅") for b in officer_chat.buttons())


async def test_a_name_one_pinyin_letter_off_is_offered(resident_chat: Chat) -> None:
    """举办 (jub… finished as ban, not bao) under the offer to report had got 请点选上面的
    选项, as if it were no word; said alone, 没有理解."""
    assert "是否要向民警举报" in await resident_chat.say("楼下几个人天天在赌钱")
    offered = await resident_chat.say("举办")
    assert "请点选上面的选项" not in offered and "举报" in offered, offered
    assert "/举报" in resident_chat.buttons()
    # A word that sounds like no name stays unknown.
    assert "/举报" not in (await resident_chat.say("举重") + " ".join(resident_chat.buttons()))


async def test_a_sentence_telling_what_was_received_is_not_offered_the_acknowledgement(
    resident_chat: Chat, owner_chat: Chat
) -> None:
    """收到短信说…是真的吗 and 收到一个电话，说是派出所的… had been offered 「收到」, the
    alert's button: they tell what came and ask about it."""
    for chat, said in (
        (resident_chat, "收到短信说我医保卡被冻结了，让点链接解冻，是真的吗"),
        (owner_chat, "收到一个电话，说是派出所的，要我把旅客信息发给他，是真的吗"),
        (resident_chat, "我收到快递了"),
    ):
        reply = await chat.say(said)
        assert "您是想用「收到」" not in reply and "/收到" not in chat.buttons(), said


async def test_a_short_acknowledgement_with_a_few_words_is_still_offered(
    owner_chat: Chat,
) -> None:
    """收到，马上转告员工 is an acknowledgement: with no alert to confirm, it is told so."""
    reply = await owner_chat.say("已收到，会转告员工的")
    assert "待确认的通报" in reply
