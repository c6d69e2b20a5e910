"""Control words as people type them (取消！, 上一步。, 好的👌, 不对), in a real form."""

from __future__ import annotations

from sqlmodel import select

from bot.context import Services
from bot.forms.words import asks_about_the_step, control_word, is_yes, says_yes
from bot.messages import Choices
from storage.models import GuestStay
from tests.support.chat import Chat
from tests.support.seed import GUEST_ID

#: The guest form up to its summary, on the seeded owner's only hotel.
TO_SUMMARY = ("登记", "王小明", "身份证", GUEST_ID, "跳过", "302", "现在", "跳过")


def test_a_control_word_is_read_through_marks_emoji_and_a_closing_particle() -> None:
    assert control_word("取消！") == "取消"
    assert control_word("上一步。") == "上一步"
    assert control_word("继续吧") == "继续"
    assert control_word("好的👌") == "好的"
    assert control_word(" 好的 👍🏻 ") == "好的"


def test_anything_else_keeps_its_own_marks() -> None:
    assert control_word("张三。") == "张三。"  # an answer goes to its parser as typed
    assert control_word("是吧") == "是吧"  # a question, never a yes
    assert control_word("？") == "？"  # the help word itself


def test_a_short_question_about_the_step_is_told_from_one_of_ones_own() -> None:
    """怎么看 at an inspection item had left the form as a question about something else."""
    for asked in ("怎么看", "怎么查？", "看哪里", "在哪看", "这个怎么判断"):
        assert asks_about_the_step(asked), asked
    for own in ("邻居家的消防通道怎么看", "怎么办", "今天登记了几个人", "身份证丢了怎么办"):
        assert not asks_about_the_step(own), own


async def test_cancel_with_an_exclamation_mark_gets_one_reply(owner_chat: Chat) -> None:
    await owner_chat.say_all("登记", "周八")
    said = await owner_chat.say("取消！")
    assert said == "已取消旅客登记，内容未提交。误取消的话，30分钟内回复「恢复」可接着填写。"
    assert "已恢复您刚才取消的旅客登记" in await owner_chat.say("恢复。")


async def test_back_with_a_full_stop_at_the_document_type(owner_chat: Chat) -> None:
    await owner_chat.say_all("登记", "周八")
    reply = await owner_chat.say("上一步。")
    assert "刚才填的是：周八" in reply and reply.endswith("请输入旅客姓名（与证件一致）：")


async def test_yes_with_an_emoji_submits_the_summary(owner_chat: Chat) -> None:
    assert "请核对旅客登记信息" in await owner_chat.say_all(*TO_SUMMARY)
    assert "旅客登记成功" in await owner_chat.say("好的👌")


async def test_not_right_at_the_tenant_summary_asks_which_item(landlord_chat: Chat) -> None:
    summary = await landlord_chat.say_all(
        "登记", "李四", "身份证", GUEST_ID, "跳过", "快递员", "跳过", "2026-11-01", "租一年"
    )
    assert "请核对" in summary
    asked = await landlord_chat.say("不对")
    assert "请选择要修改的项目" in asked and "没看懂" not in asked
    items = [b.label for r in landlord_chat.last or [] if isinstance(r, Choices) for b in r.buttons]
    assert "姓名" in items and "证件号码" in items
    assert "请输入" in await landlord_chat.say("姓名")


_YESES = ("是", "是的！", "对对对", "嗯嗯。", "好的👌", "好吧", "没错", "OK", "👍", "是的呀😊")
_NOT_YES = ("好几个", "好像不是", "是不是", "是吧", "对吧", "不是", "好多人", "是我", "。", "")


def test_a_yes_is_only_a_yes_as_people_type_it() -> None:
    """好几个 had been read as a yes (it begins with 好), and so would 是不是 (it holds 是)."""
    for yes in _YESES:
        assert is_yes(yes), yes
    for other in _NOT_YES:
        assert not is_yes(other), other


def test_a_yes_asked_back_is_no_yes_for_the_summary() -> None:
    """是吧 had submitted the summary: 是, with 吧 read as a filler."""
    for asked in ("是吧", "对吧？", "没问题吧?", "对吗", "是不是", "可以吗"):
        assert not says_yes(asked), asked
    for yes in ("好吧", "行吧", "提交吧", "没问题 提交吧", "确认"):
        assert says_yes(yes), yes


async def test_a_yes_asked_back_at_the_summary_gets_its_question_again(
    owner_chat: Chat, services: Services
) -> None:
    """是吧 at the summary submitted the registration; 对吗 got 要咨询问题，请发送「/咨询 对吗」."""
    await owner_chat.say_all(*TO_SUMMARY)
    for asked in ("是吧", "对吗？"):
        reply = await owner_chat.say(asked)
        assert reply.startswith("请您自己再核对一下：上面的信息无误请回复「确认提交」"), reply
        assert "没看懂" not in reply and "/咨询" not in reply
    async with services.sessions() as session:
        assert (await session.exec(select(GuestStay))).first() is None
    assert "旅客登记成功" in await owner_chat.say("确认提交")
