"""The chat-form engine, driven through the real guest registration form."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from sqlmodel import select

from bot.assembly import build_dispatcher
from bot.channels.weixin.passive import split_passive
from bot.config import Settings
from bot.context import Services
from bot.dispatch import Dispatcher
from bot.forms.answer import closest_choice
from bot.forms.store import FormStore
from bot.messages import Choices
from bot.numbering import options
from bot.validators.idcard import build_resident_id
from bot.validators.masking import mask_stored_id_number
from storage.models import FormState, GuestStay, Tip
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.media import stored_photo
from tests.support.rich_chat import RichChat
from tests.support.seed import GUEST_ID, Seeded

START = ("登记", "王小明", "身份证")


async def test_invalid_answer_gets_reason_and_same_question(owner_chat: Chat) -> None:
    await owner_chat.say_all(*START)
    bad = GUEST_ID[:-1] + ("0" if GUEST_ID[-1] != "0" else "1")
    reply = await owner_chat.say(bad)
    assert "校验位" in reply and reply.endswith("请输入证件号码：")
    assert "请输入手机号码" in await owner_chat.say(GUEST_ID)


async def test_back_reasks_previous_question_and_keeps_earlier_answers(owner_chat: Chat) -> None:
    await owner_chat.say_all(*START, GUEST_ID)
    assert "证件号码" in await owner_chat.say("上一步")
    assert "证件类型" in await owner_chat.say("上一步")
    await owner_chat.say_all(
        "护照", "E12345678", "男", "1990-02-03", "美国", "跳过", "8808", "现在", "跳过"
    )
    summary = owner_chat.last[-1].text  # type: ignore[index,union-attr]
    assert (
        "姓名：王小明" in summary and "证件类型：护照" in summary and "国籍/地区：美国" in summary
    )


async def test_back_on_first_question_says_so(owner_chat: Chat) -> None:
    await owner_chat.say("登记")
    assert "已经是第一步了" in await owner_chat.say("上一步")


async def test_edit_from_confirmation_and_dependants_are_reasked(owner_chat: Chat) -> None:
    await owner_chat.say_all(*START, GUEST_ID, "跳过", "302", "现在", "跳过")
    assert "请输入房间号" in await owner_chat.say("修改 房间号")
    assert "房间号：305" in await owner_chat.say("305")
    # Changing the document type makes the number stale: it is asked again, then sex etc.
    await owner_chat.say("修改 证件类型")
    assert "请输入证件号码" in await owner_chat.say("护照")
    assert "性别" in await owner_chat.say("E12345678")
    summary = await owner_chat.say_all("女", "1991-01-01", "日本")
    assert "证件号码：*****5678" in summary and "房间号：305" in summary and "性别：女" in summary


async def test_edit_without_field_lists_fields_and_unknown_field_is_explained(
    owner_chat: Chat,
) -> None:
    await owner_chat.say_all(*START, GUEST_ID, "跳过", "302", "现在", "跳过")
    assert "请选择要修改的项目" in await owner_chat.say("修改")
    assert "修改 房间号" in owner_chat.buttons()
    assert "没有「年龄」这一项" in await owner_chat.say("修改 年龄")


async def test_cancel_discards_and_nothing_is_saved(owner_chat: Chat, services: Services) -> None:
    await owner_chat.say_all(*START, GUEST_ID)
    assert "已取消旅客登记" in await owner_chat.say("取消")
    async with services.sessions() as session:
        assert (await session.exec(select(FormState))).first() is None
        assert (await session.exec(select(GuestStay))).first() is None
    assert "没有进行中的填写" in await owner_chat.say("/取消")


async def test_numbered_choice_works_like_pressing_the_button(owner_chat: Chat) -> None:
    await owner_chat.say_all("登记", "王小明")
    assert "请输入证件号码" in await owner_chat.say("1")  # 1 = 居民身份证


async def test_progress_survives_a_restart(owner_chat: Chat, services: Services) -> None:
    await owner_chat.say_all(*START, GUEST_ID, "13800000000")
    # A new process: a new dispatcher (and form engine) over the same database.
    restarted = Chat(build_dispatcher(services), "owner")
    reply = await restarted.say("302")
    assert "入住时间" in reply
    summary = await restarted.say_all("现在", "跳过")
    assert "姓名：王小明" in summary and "联系电话：138****0000" in summary


async def test_starting_again_resumes_instead_of_losing_answers(owner_chat: Chat) -> None:
    await owner_chat.say_all(*START, GUEST_ID)
    reply = await owner_chat.say("/登记旅客")
    assert "接着上次继续" in reply and "手机号码" in reply


async def test_commands_still_work_mid_form_and_the_form_waits(owner_chat: Chat) -> None:
    await owner_chat.say_all(*START)
    assert "您的身份" in await owner_chat.say("/我")
    assert "请输入手机号码" in await owner_chat.say(GUEST_ID)


WAITS = "您的旅客登记还没填完，已填内容都保留着：回复「继续」接着填写，不要了回复「取消」。"


async def test_a_slash_command_mid_form_says_the_form_waits(owner_chat: Chat) -> None:
    """/今日登记 at 证件类型 had answered with no word of the form left open."""
    await owner_chat.say_all("登记", "王小明")
    reply = await owner_chat.say("/今日登记")
    assert "今日" in reply and reply.endswith(WAITS)
    assert (await owner_chat.say("继续")).startswith("请选择证件类型")
    assert "请输入证件号码" in await owner_chat.say("身份证")


async def test_a_question_at_a_choice_is_answered_and_the_form_waits(owner_chat: Chat) -> None:
    """今天登记了几个人 at 证件类型 had got 看不懂这个证件类型."""
    await owner_chat.say_all("登记", "王小明")
    reply = await owner_chat.say("今天登记了几个人")
    assert "看不懂" not in reply and "还没有登记记录" in reply and reply.endswith(WAITS)
    assert (await owner_chat.say("继续")).startswith("请选择证件类型")
    assert "请输入证件号码" in await owner_chat.say("身份证")


async def test_a_question_of_when_or_where_at_a_choice_is_answered_aside(
    owner_chat: Chat,
) -> None:
    """派出所几点下班 at 证件类型 got 看不懂这个证件类型: 几点 asked nothing the bot knew of."""
    await owner_chat.say_all("登记", "王小明")
    reply = await owner_chat.say("派出所几点下班")
    assert "看不懂" not in reply and "办公时间" in reply and reply.endswith(WAITS)
    assert "请输入证件号码" in await owner_chat.say("身份证")


async def test_an_id_number_at_the_document_type_says_what_it_filled(owner_chat: Chat) -> None:
    """身份证号是… (or the number alone) at 证件类型 set the type and the number without a
    word: the phone came next, as if the type had never been asked."""
    masked = mask_stored_id_number(GUEST_ID)
    for said in (f"身份证号是{GUEST_ID}", GUEST_ID):
        await owner_chat.say_all("取消", "登记", "王小明")
        taken = await owner_chat.say(said)
        assert taken == (
            f"已记下：证件类型 居民身份证，证件号码 {masked}。\n"
            "请输入手机号码（没有可回复「跳过」）："
        ), said
    await owner_chat.say_all("取消", "登记", "王小明")
    bad = GUEST_ID[:-1] + ("0" if GUEST_ID[-1] != "0" else "1")
    refused = await owner_chat.say(bad)
    assert refused.startswith("已记下：证件类型 居民身份证。") and "校验位" in refused
    assert refused.endswith("请输入证件号码：")


async def test_a_buttons_title_typed_after_a_question_mid_form_is_the_button(
    owner_chat: Chat,
) -> None:
    await owner_chat.say_all("登记", "王小明")
    assert "续住 306 1天" in await owner_chat.say("306的客人再住一晚吗？")
    reply = await owner_chat.say("是，续住 306 1天")
    assert "您是想" not in reply and "306" in reply and reply.endswith(WAITS)


@pytest.mark.parametrize("said", ["明天吗", "那选明天可以吗？"])
async def test_an_option_asked_about_is_still_the_answer(owner_chat: Chat, said: str) -> None:
    """(At 证件类型, a document asked about is answered by its step's check instead: see
    tests/handlers/registration/test_fields.py.)"""
    await owner_chat.say_all(*START, GUEST_ID, "跳过", "302", "现在")
    assert "预计退房：明天" in await owner_chat.say(said)


@pytest.mark.parametrize("asked", ["为什么要选护照", "护照是什么意思？", "是不是要选护照？"])
async def test_a_question_naming_an_option_chooses_nothing(owner_chat: Chat, asked: str) -> None:
    """为什么要选护照 at 证件类型 had been kept as 护照 (「证件类型」记为「护照」；没有用上：
    「为什么要选」), the number asked next: a question is no answer. The step is asked
    again, its options under it."""
    await owner_chat.say_all("登记", "王小明")
    reply = await owner_chat.say(asked)
    assert "记为" not in reply and "请输入证件号码" not in reply, reply
    assert "证件类型" in reply or "您是选择「护照」吗" in reply, reply
    assert "护照" in owner_chat.buttons()
    assert "请输入证件号码" in await owner_chat.say("护照")


async def test_expired_form_is_cancelled_with_notice(owner_chat: Chat, clock: FakeClock) -> None:
    await owner_chat.say_all(*START)
    clock.advance(hours=24, minutes=1)
    reply = await owner_chat.say(GUEST_ID)
    assert "已超时未完成" in reply
    again = await owner_chat.say("登记")
    assert "请输入旅客姓名" in again and "接着上次继续" not in again


async def test_huge_and_odd_input_is_refused_politely_and_kept(owner_chat: Chat) -> None:
    await owner_chat.say("登记")
    # Too long for a name, even its first 500 characters: the name's own reason.
    assert "请输入旅客姓名" in await owner_chat.say("王" * 5000)
    assert "姓名" in await owner_chat.say("😀😀")  # refused as a name, asked again
    reply = await owner_chat.say("Robert'); DROP TABLE guest_stay;--")
    assert "姓名" in reply  # not a valid name either, and nothing broke
    assert "证件类型" in await owner_chat.say("王小明")


async def test_form_answers_are_encrypted_at_rest(owner_chat: Chat, services: Services) -> None:
    await owner_chat.say_all(*START, GUEST_ID)
    async with services.sessions() as session:
        state = (await session.exec(select(FormState))).one()
    assert GUEST_ID not in state.data_enc and "王小明" not in state.data_enc


async def test_a_required_answer_cannot_be_skipped(owner_chat: Chat) -> None:
    await owner_chat.say_all(*START, GUEST_ID, "跳过")  # the phone may be skipped
    reply = await owner_chat.say("跳过")  # the room may not
    assert "这一项必须填写，不能跳过" in reply and "请输入房间号" in reply


async def test_after_edit_a_number_or_a_typed_label_picks_the_field(owner_chat: Chat) -> None:
    await owner_chat.say_all(*START, GUEST_ID, "跳过", "302", "现在", "跳过")
    await owner_chat.say("修改")
    labels = [value.removeprefix("修改 ") for value in owner_chat.buttons()]
    room = labels.index("房间号") + 1
    assert "请输入房间号" in await owner_chat.say(str(room))  # "1" here never submits
    assert "房间号：305" in await owner_chat.say("305")
    await owner_chat.say("修改")
    assert "请输入房间号" in await owner_chat.say("房间号")
    assert "房间号：306" in await owner_chat.say("306")
    await owner_chat.say("修改")
    assert "请核对" in await owner_chat.say("确认")  # back to the summary, not submitted
    assert "旅客登记成功" in await owner_chat.say("确认")


async def test_part_of_a_label_names_the_field(owner_chat: Chat) -> None:
    await owner_chat.say_all(*START, GUEST_ID, "跳过", "302", "现在", "跳过")
    assert "请输入房间号" in await owner_chat.say("修改 房间")


async def test_back_while_changing_an_answer_returns_to_the_summary(owner_chat: Chat) -> None:
    await owner_chat.say_all(*START, GUEST_ID, "跳过", "302", "现在", "跳过")
    await owner_chat.say("修改 房间号")
    summary = await owner_chat.say("上一步")
    assert "请核对" in summary and "房间号：302" in summary


async def test_giving_up_words_are_asked_about_not_acted_on(owner_chat: Chat) -> None:
    await owner_chat.say_all(*START)
    asked = await owner_chat.say("算了")
    assert "要放弃本次旅客登记吗" in asked and asked.endswith("请输入证件号码：")
    assert "请输入手机号码" in await owner_chat.say(GUEST_ID)  # nothing was lost
    helped = await owner_chat.say("帮助")
    assert "您正在填写旅客登记" in helped and "请输入手机号码" in helped


async def test_answers_derived_from_the_id_number_are_not_offered_for_change(
    owner_chat: Chat,
) -> None:
    await owner_chat.say_all(*START, GUEST_ID, "跳过", "302", "现在", "跳过")
    await owner_chat.say("修改")
    offered = owner_chat.buttons()
    assert "修改 证件号码" in offered and "修改 性别" not in offered
    assert "请输入证件号码" in await owner_chat.say("修改证件号码")  # typed without the space
    assert "请输入手机号码" in (await owner_chat.say_all("上一步", "修改 手机号"))


async def test_a_features_name_is_not_stored_as_an_answer(owner_chat: Chat) -> None:
    await owner_chat.say_all(*START)
    reply = await owner_chat.say("在住旅客")
    assert "「在住旅客」是另一项功能" in reply and "「/在住旅客」" in reply
    assert "请输入手机号码" in await owner_chat.say(GUEST_ID)


async def test_everyday_yes_words_confirm_and_back_words_go_back(owner_chat: Chat) -> None:
    await owner_chat.say_all(*START)
    assert "请选择证件类型" in await owner_chat.say("返回")
    await owner_chat.say_all("身份证", GUEST_ID, "跳过", "302", "现在", "跳过")
    assert "旅客登记成功" in await owner_chat.say("好的")


@pytest.mark.parametrize("said", ["是的，发吧", "嗯", "可以", "没错"])
async def test_how_people_say_send_it_at_the_summary_submits(owner_chat: Chat, said: str) -> None:
    """是的发吧 and 嗯 at the summary got 请回复「确认」提交 again."""
    await owner_chat.say_all(*START, "身份证", GUEST_ID, "跳过", "302", "现在", "跳过")
    assert "旅客登记成功" in await owner_chat.say(said)


@pytest.mark.parametrize(
    ("typed", "options", "meant"),
    [
        ("三号警务区", ("本警务区", "一号警务区"), None),  # another beat, not a near miss
        ("冒充客服让我退款", ("刷单返利", "冒充客服", "冒充公检法"), "冒充客服"),
        ("身份证号", ("身份证", "护照"), "身份证"),
        ("不要留电话", ("匿名提交", "留下电话"), None),  # the negation is not in 留下电话
        ("今晚8点", ("现在发送", "加入每日提示"), None),
    ],
)
def test_a_typed_answer_is_read_as_the_option_it_clearly_means(
    typed: str, options: tuple[str, ...], meant: str | None
) -> None:
    assert closest_choice(typed, options) == meant


async def test_yes_to_giving_up_cancels_and_never_submits(
    owner_chat: Chat, services: Services
) -> None:
    await owner_chat.say_all(*START, GUEST_ID, "跳过", "302", "现在", "跳过")  # at the summary
    assert "要放弃本次旅客登记吗" in await owner_chat.say("这个客人不登了")
    assert "已取消旅客登记" in await owner_chat.say("是的")
    async with services.sessions() as session:
        assert (await session.exec(select(GuestStay))).first() is None


async def test_the_answer_the_step_asks_for_goes_on_after_the_giving_up_question(
    owner_chat: Chat, services: Services
) -> None:
    """要放弃吗 shows the step again under 要继续，请回答: the summary's 确认 (its 确认提交
    button's value) is that answer, not a yes to giving up; it had cancelled the form."""
    await owner_chat.say_all(*START, GUEST_ID, "跳过", "302", "现在", "跳过")  # at the summary
    assert "要放弃本次旅客登记吗" in await owner_chat.say("这个客人不登了")
    assert "旅客登记成功" in await owner_chat.say("确认")
    async with services.sessions() as session:
        assert (await session.exec(select(GuestStay))).first() is not None


async def test_a_field_and_its_new_answer_in_one_message(owner_chat: Chat) -> None:
    await owner_chat.say_all(*START, GUEST_ID, "跳过", "302", "现在", "跳过")
    summary = await owner_chat.say("修改 电话 13700001111")
    assert "请核对" in summary and "联系电话：137****1111" in summary
    assert "请输入房间号" in await owner_chat.say("修改 5")  # 姓名 证件类型 证件号码 电话 房间号


async def test_a_prefilled_answer_says_why_it_cannot_change_here(owner_chat: Chat) -> None:
    await owner_chat.say_all(*START, GUEST_ID, "跳过", "302", "现在", "跳过", "确认")
    companion = await owner_chat.say_all("1", "Li Si", "护照", "E12345678", "男", "1990-01-01")
    assert "请输入国籍" in companion
    await owner_chat.say_all("日本", "跳过")
    assert "「房间号」沿用前面的登记" in await owner_chat.say("修改 房间号")


async def test_a_glued_field_and_its_new_answer(owner_chat: Chat) -> None:
    await owner_chat.say_all(*START, GUEST_ID, "跳过", "302", "现在", "跳过")
    assert "姓名：李丽娜" in await owner_chat.say("修改姓名 李丽娜")


async def test_a_keyword_names_its_command_not_itself(owner_chat: Chat) -> None:
    await owner_chat.say_all(*START)
    assert "请发送「/在住旅客」" in await owner_chat.say("在住")


async def test_another_form_does_not_replace_one_with_answers_in_it(owner_chat: Chat) -> None:
    """A command that starts a form mid-way through another had thrown the first away
    without a word. It is kept: set aside for 继续 while the other is filled in."""
    await owner_chat.say_all(*START)
    started = await owner_chat.say("/举报")
    assert "您的旅客登记已保存，举报完成后回复「继续」接着填" in started
    assert "请描述您看到的情况" in started
    # 取消 of the tip brings the registration back at once (继续 was one step too many).
    back = await owner_chat.say("取消")
    assert "刚才的旅客登记还没填完，接着填" in back and "请输入证件号码" in back
    assert "请输入手机号码" in await owner_chat.say(GUEST_ID)  # the registration goes on
    await owner_chat.say("取消")
    assert "请描述您看到的情况" in await owner_chat.say("/举报")
    # A form just opened, with nothing typed into it yet, is simply replaced.
    await owner_chat.say("取消")
    await owner_chat.say("登记")
    assert "请描述您看到的情况" in await owner_chat.say("/举报")


async def test_a_question_typed_at_a_step_is_answered_aside(owner_chat: Chat) -> None:
    """不登记会怎么样 at the phone got only 手机号只能包含数字, and 派出所几点下班 请输入手机号码
    （数字）: a question is answered as with no form open, and the phone asked again."""
    await owner_chat.say_all(*START, GUEST_ID)
    for question in ("不登记会怎么样", "派出所几点下班"):
        reply = await owner_chat.say(question)
        assert "数字" not in reply and "已填内容都保留着" in reply, reply
        assert reply.endswith("请输入手机号码（没有可回复「跳过」）：")
    assert "办公时间" in reply
    assert "请输入房间号" in await owner_chat.say("13812345678")


async def test_an_optional_question_with_examples_says_skip_inside_its_bracket(
    landlord_chat: Chat,
) -> None:
    """请输入租约到期日期（如 …）（没有可回复「跳过」）: two brackets side by side, as no one
    writes Chinese."""
    tenant = ("登记", "李四", "身份证", GUEST_ID, "跳过", "快递员", "跳过", "2026-11-01")
    asked = await landlord_chat.say_all(*tenant)
    assert asked.endswith("即到 2027年10月31日；没有可回复「跳过」）："), asked
    assert "）（" not in asked


async def test_a_number_typed_where_its_kind_is_asked_answers_both(owner_chat: Chat) -> None:
    """An ID number typed at 证件类型 got 看不懂这个证件类型; 修改 证件类型 answered with one
    asks for what depends on it again."""
    await owner_chat.say_all("登记", "王小明")
    assert "请输入手机号码" in await owner_chat.say(GUEST_ID)
    summary = await owner_chat.say_all("跳过", "302", "现在", "跳过")
    assert "证件类型：居民身份证" in summary and "性别：男" in summary
    await owner_chat.say("修改 证件类型")
    changed = await owner_chat.say(build_resident_id("110105", date(1992, 6, 1), 521))
    assert "出生日期：1992年6月1日" in changed and "性别：男" in changed


@pytest.mark.parametrize("said", ["她没手机", "没有手机号", "不用", "手机号没有", "暂无"])
async def test_saying_there_is_none_skips_an_optional_question(owner_chat: Chat, said: str) -> None:
    """她没手机 at the optional phone got 手机号只能包含数字."""
    await owner_chat.say_all(*START, GUEST_ID)
    assert "请输入房间号" in await owner_chat.say(said)
    summary = await owner_chat.say_all("302", "现在", "跳过")
    assert "联系电话：（无）" in summary


async def test_saying_there_is_none_does_not_skip_a_required_question(owner_chat: Chat) -> None:
    await owner_chat.say_all(*START, GUEST_ID, "跳过")
    reply = await owner_chat.say("没有房间号")
    assert reply.endswith("请输入房间号：") and "入住时间" not in reply


@pytest.mark.parametrize("said", ["没问题 提交吧", "可以，提交", "对的 确认", "好的，确认提交吧"])
async def test_a_short_confirming_sentence_submits(owner_chat: Chat, said: str) -> None:
    """没问题 提交吧 at the summary got 请回复「确认」提交 and the whole summary again."""
    await owner_chat.say_all(*START, GUEST_ID, "跳过", "302", "现在", "跳过")
    assert "旅客登记成功" in await owner_chat.say(said)


# 不对 alone asks which item to change (tests/bot/forms/test_words.py).
@pytest.mark.parametrize("said", ["别提交", "等一下", "好的等一下", "没问题吗", "对不对"])
async def test_a_sentence_that_holds_back_never_submits(
    owner_chat: Chat, services: Services, said: str
) -> None:
    await owner_chat.say_all(*START, GUEST_ID, "跳过", "302", "现在", "跳过")
    assert "请回复「确认提交」" in await owner_chat.say(said)
    async with services.sessions() as session:
        assert (await session.exec(select(GuestStay))).first() is None


async def test_a_yes_at_a_question_says_what_is_still_missing(owner_chat: Chat) -> None:
    """确认 at the expected check-out got 看不懂这个日期: the summary was one answer away."""
    await owner_chat.say_all(*START, GUEST_ID, "跳过", "302", "现在")
    missing = await owner_chat.say("确认")
    assert missing.startswith("还差这一项：预计退房，不填可回复「跳过」。")
    assert "看不懂" not in missing
    assert missing.endswith("还不确定请回复「不确定」跳过）：")
    assert "请核对旅客登记信息" in await owner_chat.say("跳过")


async def test_a_yes_at_a_required_question_asks_for_it(owner_chat: Chat) -> None:
    await owner_chat.say_all(*START)
    missing = await owner_chat.say("好的")
    assert missing.startswith("还差这一项：证件号码，请先填写。") and "跳过" not in missing
    assert missing.endswith("请输入证件号码：")


@pytest.mark.parametrize("said", ["帮助 全部", "帮助 登记", "help all"])
async def test_help_with_a_help_word_in_a_form_is_help_not_the_answer(
    owner_chat: Chat, said: str
) -> None:
    """帮助 全部 typed at the name question was kept as the guest's name."""
    await owner_chat.say("登记")
    reply = await owner_chat.say(said)
    assert "您正在填写旅客登记" in reply and f"「/{said.replace('help', '帮助', 1)}」" in reply
    assert reply.endswith("请输入旅客姓名（与证件一致）：")
    summary = await owner_chat.say_all("王小明", "身份证", GUEST_ID, "跳过", "302", "现在", "跳过")
    assert "姓名：王小明" in summary


async def test_a_yes_after_picking_a_field_to_change_goes_back_to_the_summary(
    owner_chat: Chat, services: Services
) -> None:
    """修改 房间号 at the summary, then 确认 (a change of mind) got 还差这一项：房间号."""
    await owner_chat.say_all(*START, GUEST_ID, "跳过", "302", "现在", "跳过")
    assert "请输入房间号" in await owner_chat.say("修改 房间号")
    back = await owner_chat.say("确认")
    assert "还差这一项" not in back and back.startswith("「房间号」未作修改。")
    assert "请核对旅客登记信息" in back and "房间号：302" in back
    # Picked from the list the same way, and said in other words.
    await owner_chat.say_all("修改", "入住时间")
    assert "请核对旅客登记信息" in await owner_chat.say("没问题")
    assert "旅客登记成功" in await owner_chat.say("确认")
    async with services.sessions() as session:
        [stay] = (await session.exec(select(GuestStay))).all()
    assert stay.room == "302"


async def test_a_yes_after_changing_an_answer_mid_form_asks_what_is_still_open(
    owner_chat: Chat,
) -> None:
    """修改 姓名 before the form is done, then 确认: the form goes on where it was."""
    await owner_chat.say_all(*START, GUEST_ID)
    assert "请输入旅客姓名" in await owner_chat.say("修改 姓名")
    goes_on = await owner_chat.say("确认")
    assert goes_on.startswith("「姓名」未作修改。")
    assert goes_on.endswith("请输入手机号码（没有可回复「跳过」）：")


async def test_back_while_changing_an_answer_mid_form_goes_on_with_the_form(
    owner_chat: Chat, services: Services
) -> None:
    """修改 姓名 before the form was done, then 上一步, showed the summary with questions
    still open, and 确认 there submitted the registration without a room."""
    await owner_chat.say_all(*START, GUEST_ID)
    assert "请输入旅客姓名" in await owner_chat.say("修改 姓名")
    back = await owner_chat.say("上一步")
    assert "请核对" not in back and back.endswith("请输入手机号码（没有可回复「跳过」）：")
    summary = await owner_chat.say_all("跳过", "302", "现在", "跳过")
    assert "姓名：王小明" in summary and "房间号：302" in summary


async def test_a_summary_with_a_required_answer_missing_is_never_submitted(
    owner_chat: Chat, services: Services
) -> None:
    """However the summary was reached, 确认 with the room missing asks for it instead of
    storing a registration without one."""
    await owner_chat.say_all(*START, GUEST_ID, "跳过", "302", "现在", "跳过")
    store = FormStore(services.cipher, timedelta(minutes=services.settings.forms.expire_minutes))
    async with services.sessions() as session:
        row = (await session.exec(select(FormState))).one()
        stored = await store.load(session, row.key)
        assert stored is not None
        stored.progress.forget("room")
        await store.save(
            session, row.key, stored.progress, stored,
            now=services.clock(), channel=row.channel, chat_id=row.chat_id,
        )  # fmt: skip
        await session.commit()
    asked = await owner_chat.say("确认")
    assert "旅客登记成功" not in asked and asked.endswith("请输入房间号：")
    assert "还差「房间号」" in asked
    async with services.sessions() as session:
        assert (await session.exec(select(GuestStay))).first() is None
    summary = await owner_chat.say("305")
    assert "房间号：305" in summary
    assert "旅客登记成功" in await owner_chat.say("确认")


async def test_the_same_form_for_another_record_is_not_resumed_in_its_place(
    owner_chat: Chat,
) -> None:
    """/同住 for room 305 while a companion of 302 was half typed had resumed 302's (under
    「登记 305 房间的同住人员：」) and the guest went into the wrong room without a word."""
    first = await owner_chat.say_all(*START, GUEST_ID, "跳过", "302", "现在", "跳过", "确认")
    other = build_resident_id("110105", date(1990, 1, 2), 318)
    second = await owner_chat.say_all(
        "登记", "李娜", "身份证", other, "跳过", "305", "现在", "跳过", "确认"
    )
    room_302, room_305 = (r.split("回执号：")[1].split()[0] for r in (first, second))
    await owner_chat.say_all(f"/同住 {room_302}", "Anna Smith")
    refused = await owner_chat.say(f"/同住 {room_305}")
    assert "还有一份未完成的旅客登记（302 房间的同住人员，已填 1 项）" in refused
    assert "暂不开始旅客登记（305 房间的同住人员）" in refused and "「取消」" in refused
    assert refused.endswith("请选择证件类型：") and "登记 305" not in refused
    # Its own record again is a coming back: resumed, with the name typed kept.
    assert "接着上次继续" in await owner_chat.say(f"/同住 {room_302}")
    await owner_chat.say("取消")
    # Nothing typed yet: the start for the other record simply takes its place.
    await owner_chat.say(f"/同住 {room_302}")
    assert "305 房间的同住人员" in await owner_chat.say(f"/同住 {room_305}")


async def test_help_in_a_form_shows_how_to_change_an_answer_by_example(owner_chat: Chat) -> None:
    """怎么填 in a form said 「修改 字段名」, jargon for owners."""
    await owner_chat.say_all("登记", "王小明")
    reply = await owner_chat.say("怎么填")
    assert "「修改 姓名」这样改已填的一项" in reply and "字段名" not in reply


async def test_a_command_without_its_slash_at_a_choice_is_used_and_the_form_kept(
    owner_chat: Chat,
) -> None:
    """日报, 任务 at an alert's 什么时候发 got 请选择「现在发送」…: only the slash got out."""
    await owner_chat.say_all("登记", "王小明")
    used = await owner_chat.say("在住旅客")
    assert "请选择证件类型" not in used and "旅客登记还没填完" in used
    assert "请选择证件类型" in await owner_chat.say("继续")
    assert "请输入证件号码" in await owner_chat.say("身份证")  # nothing was lost
    await owner_chat.say("上一步")
    assert "已取消旅客登记" in await owner_chat.say("取消")  # the form's own word still


@pytest.mark.parametrize("said", ["算了", "不要了", "不发了"])
async def test_giving_up_where_nothing_would_be_lost_cancels(owner_chat: Chat, said: str) -> None:
    """A form opened by mistake: 算了 only asked for 取消."""
    await owner_chat.say("登记")
    assert "已取消旅客登记" in await owner_chat.say(said)


async def test_giving_up_where_the_form_offers_cancelling_cancels(owner_chat: Chat) -> None:
    await owner_chat.say_all(*START)
    assert "要放弃本次旅客登记吗" in await owner_chat.say("算了")
    assert "已取消旅客登记" in await owner_chat.say("算了")  # said again to 要放弃吗
    await owner_chat.say_all(*START, GUEST_ID, "跳过", "302", "现在", "跳过")  # the summary
    assert "已取消旅客登记" in await owner_chat.say("不要了")


SUMMARY = (*START, GUEST_ID, "跳过", "302", "现在", "跳过")


@pytest.mark.parametrize("asked", ["对了 客人没带身份证能住吗", "没带身份证能住吗？"])
async def test_a_question_at_the_summary_is_pointed_to_the_law_and_the_form_kept(
    owner_chat: Chat, asked: str
) -> None:
    """A question at the summary got 没看懂这句: at a question it is pointed to /咨询."""
    await owner_chat.say_all(*SUMMARY)
    reply = await owner_chat.say(asked)
    assert f"请发送「/咨询 {asked}」" in reply and "没看懂" not in reply
    assert "还没提交" in reply and owner_chat.buttons() == ["确认", "修改", "取消"]
    assert "旅客登记成功" in await owner_chat.say("确认")


async def test_a_feature_word_with_no_command_says_what_to_send_instead_of_looping(
    owner_chat: Chat,
) -> None:
    """登记完成 in a guest form got 「要先用这项功能，请发送「登记完成」」, again and again;
    at the summary it said 本次登记已完成 with nothing submitted."""
    await owner_chat.say_all(*START)
    for _ in range(2):
        reply = await owner_chat.say("登记完成")
        assert "请发送「登记完成」" not in reply and "还没填完" in reply
        assert reply.endswith("请输入证件号码：")
    await owner_chat.say_all(GUEST_ID, "跳过", "302", "现在", "跳过")
    at_summary = await owner_chat.say("登记完成")
    assert (
        "已完成" not in at_summary and "还没有提交" in at_summary and "「确认提交」" in at_summary
    )
    assert "旅客登记成功" in await owner_chat.say("确认")


async def test_the_forms_own_command_typed_in_it_says_one_thing(officer_chat: Chat) -> None:
    """通报 typed with the alert form open resumed it (您有一份未完成的通报，接着上次继续：
    and its summary) and then said it was set aside: 回复「继续」接着填写."""
    await officer_chat.say_all("通报", "今晚有寒潮，请注意取暖安全")
    at_choice = await officer_chat.say("通报")
    assert "您正在填写通报，接着填写即可" in at_choice and "什么时候发" in at_choice
    assert "「继续」" not in at_choice and "接着上次继续" not in at_choice
    await officer_chat.say_all("现在发送", "跳过", "消防", "一般", "旅馆")
    at_summary = await officer_chat.say("通报")
    assert "本次通报还没有提交" in at_summary and "「确认提交」" in at_summary
    assert "「继续」" not in at_summary and "接着上次继续" not in at_summary
    assert "（发送中）" in await officer_chat.say("确认")


async def test_a_features_name_at_a_photo_question_names_the_form_it_waits_for(
    dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """订阅 at a tip's photos got 请直接发送照片；发完请回复「完成」, with no word of the tip
    in progress nor of how to reach 订阅."""
    resident = Chat(dispatcher, "resident-1")
    await resident.say_all("举报", "路灯坏了一个月 晚上很黑有人摔倒", "其他")
    reply = await resident.say("订阅")
    assert reply.startswith("「订阅」是另一项功能。先用它请发送「/订阅」，举报已填的内容会保留")
    assert "如有照片可以直接发送" in reply
    # 晚上 is the time: the photo and the place are skipped.
    assert "照片：（无）" in await resident.say_all("跳过", "跳过", "匿名提交")


async def test_a_photo_at_the_summary_says_where_photos_go(
    dispatcher: Dispatcher, seeded: Seeded, settings: Settings
) -> None:
    """A photo at a tip's summary got 没看懂这句 (a photo called a sentence)."""
    resident = RichChat(dispatcher, "resident-1")
    await resident.say_all("举报", "路灯坏了一个月 晚上很黑有人摔倒", "其他", "跳过", "跳过")
    await resident.say_all("跳过", "匿名提交")
    reply = await resident.photo(stored_photo(settings))
    assert "没看懂" not in reply and "请回复「修改 照片」" in reply and "「确认提交」" in reply
    assert "如有照片可以直接发送" in await resident.say("修改 照片")
    await resident.photo(stored_photo(settings))
    assert "照片：1张" in await resident.say("完成")


async def test_a_second_confirm_after_submitting_says_it_went_in(owner_chat: Chat) -> None:
    """确认 tapped again on a submitted form's summary got 抱歉，我没有理解您的意思."""
    await owner_chat.say_all(*START, GUEST_ID, "跳过", "302", "现在", "跳过")
    assert "旅客登记成功" in await owner_chat.say("确认")
    assert (await owner_chat.say("确认")).startswith("这份旅客登记已经提交过了")
    await owner_chat.say_all("登记", "取消")
    assert "已经提交过了" not in await owner_chat.say("确认")  # a form begun since


SUMMARY = (*START, GUEST_ID, "跳过", "302", "现在", "跳过")


def numbered_as(chat: Chat, label: str) -> str:
    """The number a channel without buttons (WeChat, WeCom) shows before `label`."""
    shown = {button.label: number for number, button in options(chat.last or [])}
    return str(shown[label])


@pytest.mark.parametrize(
    ("label", "reply"),
    [("确认提交", "旅客登记成功"), ("修改", "请选择要修改的项目"), ("取消", "已取消旅客登记")],
)
async def test_each_summary_button_answers_to_its_number(
    owner_chat: Chat, label: str, reply: str
) -> None:
    """On WeChat the summary ends 「1. 确认提交 / 2. 修改 / 3. 取消」: 2 and 3 had got
    没看懂这句, only 1 was read."""
    await owner_chat.say_all(*SUMMARY)
    shown, _rest = split_passive(owner_chat.last or [])
    assert f"{numbered_as(owner_chat, label)}. {label}" in shown.text  # type: ignore[union-attr]
    said = await owner_chat.say(numbered_as(owner_chat, label))
    assert reply in said and "没看懂" not in said


async def test_the_summary_numbers_still_answer_after_a_reply_not_understood(
    owner_chat: Chat,
) -> None:
    await owner_chat.say_all(*SUMMARY)
    assert "没看懂这句" in await owner_chat.say("蓝色")
    assert "已取消旅客登记" in await owner_chat.say(numbered_as(owner_chat, "取消"))


@pytest.mark.parametrize(
    ("label", "reply"),
    [("确认提交", "旅客登记成功"), ("修改", "请选择要修改的项目"), ("取消", "已取消旅客登记")],
)
async def test_each_summary_button_pressed_in_the_web_chat(
    owner_chat: Chat, label: str, reply: str
) -> None:
    """The web chat sends the button's value, not its number."""
    await owner_chat.say_all(*SUMMARY)
    pressed = {
        b.label: b.value for r in owner_chat.last or [] if isinstance(r, Choices) for b in r.buttons
    }
    assert reply in await owner_chat.say(pressed[label])


async def test_a_tips_summary_is_changed_by_its_number(resident_chat: Chat) -> None:
    # 每晚 is how often, not when: the time is asked (and skipped) too.
    await resident_chat.say_all(
        "举报", "楼下棋牌室每晚有人打牌下注", "涉赌", "跳过", "跳过", "跳过"
    )
    assert "请核对" in await resident_chat.say("匿名提交")
    assert "请选择要修改的项目" in await resident_chat.say(numbered_as(resident_chat, "修改"))


async def test_a_long_description_keeps_its_first_part(
    resident_chat: Chat, services: Services
) -> None:
    """A 1,260-character description had got 内容过长，请精简后重新输入, and was lost."""
    told = "".join(f"第{night:02d}晚楼下棋牌室有人打牌下注，输赢很大。" for night in range(60))
    assert len(told) == 1260
    await resident_chat.say("举报")
    reply = await resident_chat.say(told)
    # Cut after the last whole sentence within 500 characters (the 23rd, 21 characters each).
    # 「如需补充，请发送「修改 情况描述」」 had been said: 修改 replaces the answer under the
    # same cap, so the rest could never be added that way.
    assert reply.startswith(
        "内容较长，已保留前483字，末尾是「…有人打牌下注，输赢很大。」，后面777字未保存。"
        "提交后发送「补充」，再把后面的内容发来，会转给处理的民警。"
    )
    assert "修改 情况描述" not in reply
    assert reply.endswith("请选择举报类别（不确定可回复「跳过」，按「其他」处理）：")
    await resident_chat.say_all("涉赌", "跳过", "跳过", "跳过", "匿名提交", "确认")
    async with services.sessions() as session:
        tip = (await session.exec(select(Tip))).one()
    assert services.cipher.decrypt(tip.text_enc, "tip.text") == told[:483]


async def test_a_long_answer_with_no_later_way_says_how_to_shorten_it(
    resident_chat: Chat, dispatcher: Dispatcher
) -> None:
    """A form with no way to add to its record once submitted offers 修改 to replace the
    answer with a shorter one, and says that it is a replacement under the same cap."""
    tips = dispatcher.forms.form("tip")
    dispatcher.forms._forms["tip"] = replace(tips, added_later="")
    told = "".join(f"第{night:02d}晚楼下棋牌室有人打牌下注，输赢很大。" for night in range(60))
    await resident_chat.say("举报")
    reply = await resident_chat.say(told)
    assert reply.startswith(
        "内容较长，已保留前483字，末尾是「…有人打牌下注，输赢很大。」，后面777字未保存。"
        "要换成精简后的内容，请发送「修改 情况描述」（最多500字）。\n"
    )


async def test_a_form_left_for_hours_is_there_to_resume(owner_chat: Chat, clock: FakeClock) -> None:
    """Left 30 minutes to fetch a document, a form had been deleted (超过30分钟未操作，
    已自动取消): kept a day, 继续 picks it up, saying which form and when it was left."""
    clock.advance(hours=8)  # 18:00 station time
    await owner_chat.say_all(*START)
    clock.advance(hours=15)  # the next morning
    reply = await owner_chat.say("继续")
    assert (
        reply == "接着您昨天 18:00 未填完的旅客登记，已填的内容都在，接着填写：\n请输入证件号码："
    )
    assert "请输入手机号码" in await owner_chat.say(GUEST_ID)


async def test_an_answer_after_a_pause_says_which_form_it_went_to(
    owner_chat: Chat, clock: FakeClock
) -> None:
    await owner_chat.say_all(*START)
    clock.advance(minutes=29)
    assert not (await owner_chat.say(GUEST_ID)).startswith("（")
    clock.advance(hours=2)
    reply = await owner_chat.say("13812345678")
    assert reply.startswith("（接着您今天 ")
    assert "未填完的旅客登记；不要了请回复「取消」）" in reply and "请输入房间号" in reply


@pytest.mark.parametrize("by_number", [False, True])
async def test_confirm_at_a_summary_left_for_hours_shows_it_again(
    owner_chat: Chat, clock: FakeClock, services: Services, by_number: bool
) -> None:
    """确认 (or its button's number) the next morning had submitted a registration last
    seen the evening before (yesterday's room): the summary again, named and dated, and
    the next 确认 submits."""
    clock.advance(hours=8)  # 18:00 station time
    shown = await owner_chat.say_all(*SUMMARY)
    clock.advance(hours=15)  # the next morning
    said = numbered_as(owner_chat, "确认提交") if by_number else "确认"
    again = await owner_chat.say(said)
    # Its check-in, 今天 18:00 the evening before, is yesterday's by then.
    assert "· 入住时间：今天 18:00" in shown
    now_shown = shown.replace("· 入住时间：今天 18:00", "· 入住时间：昨天 18:00")
    assert again == f"接着您昨天 18:00 未填完的旅客登记，还没有提交。请再核对一遍：\n{now_shown}"
    async with services.sessions() as session:
        assert (await session.exec(select(GuestStay))).first() is None
    said = numbered_as(owner_chat, "确认提交") if by_number else "确认"
    assert "旅客登记成功" in await owner_chat.say(said)


async def test_other_answers_at_a_summary_left_for_hours_behave_as_before(
    owner_chat: Chat, clock: FakeClock
) -> None:
    await owner_chat.say_all(*SUMMARY)
    clock.advance(hours=2)
    changed = await owner_chat.say("房间改成305")
    assert changed.startswith("（接着您今天 10:00 未填完的旅客登记；不要了请回复「取消」）")
    assert "房间号：305" in changed
    # Just answered: no longer after a pause, 确认 submits at once.
    assert "旅客登记成功" in await owner_chat.say("确认")


async def test_continue_then_confirm_after_a_pause_submits(
    owner_chat: Chat, clock: FakeClock
) -> None:
    """继续 shows the summary with when it was left, as 确认 does: either way, seen again."""
    shown = await owner_chat.say_all(*SUMMARY)
    clock.advance(hours=3)
    resumed = await owner_chat.say("继续")
    assert resumed == f"接着您今天 10:00 未填完的旅客登记，已填的内容都在，接着填写：\n{shown}"
    assert "旅客登记成功" in await owner_chat.say("确认")


@pytest.mark.parametrize("minutes", [2 * 24 * 60, 16 * 60])
async def test_a_new_form_lifetime_does_not_misdate_a_form_left_under_the_old(
    services: Services, seeded: Seeded, clock: FakeClock, minutes: int
) -> None:
    """The time a form was left had been worked out as its expiry less the lifetime: after
    `[forms] expire_minutes` changed, every kept form read as left at another time."""
    clock.advance(hours=8)  # 18:00 station time
    await Chat(build_dispatcher(services), "owner").say_all(*START)
    forms = services.settings.forms.model_copy(update={"expire_minutes": minutes})
    settings = services.settings.model_copy(update={"forms": forms})
    restarted = Chat(build_dispatcher(replace(services, settings=settings)), "owner")
    clock.advance(hours=15)  # the next morning
    assert (await restarted.say("继续")).startswith("接着您昨天 18:00 未填完的旅客登记")


async def test_a_form_with_nothing_typed_gives_way_to_another_feature(
    resident_chat: Chat,
) -> None:
    """订阅 at the 举报 form's first question had been refused as another feature, "已填的
    内容会保留", with nothing filled."""
    await resident_chat.say("举报")
    switched = await resident_chat.say("订阅")
    assert "请发送您的位置" in switched and "保留" not in switched and "举报" not in switched
    await resident_chat.say("/举报")
    helped = await resident_chat.say("/帮助")
    assert "还没填完" not in helped
    # The empty form gave way: 取消 finds nothing to cancel.
    assert "没有进行中的填写" in await resident_chat.say("取消")


async def test_a_form_holding_only_its_prefill_waits_through_a_command(
    owner_chat: Chat,
) -> None:
    """/今日登记 at the first question of a self-inspection, its venue filled in for the
    owner, had dropped it without a word, and 继续 then got 没有理解. It waits, as a form
    with answers does, and nothing says answers were kept."""
    assert "【安全出口】" in await owner_chat.say("/自查")
    aside = await owner_chat.say("/今日登记")
    assert aside.endswith("您的消防安全自查还没填完：回复「继续」接着填写，不要了回复「取消」。")
    assert "已填" not in aside and "保留" not in aside
    assert "【安全出口】" in await owner_chat.say("继续")


async def test_a_form_with_an_answer_still_waits_for_it(resident_chat: Chat) -> None:
    await resident_chat.say_all("举报", "楼下有人聚众赌博")
    refused = await resident_chat.say("订阅")
    assert "是另一项功能" in refused and "已填的内容会保留" in refused


async def test_the_summary_names_its_yes_as_its_button_does(owner_chat: Chat) -> None:
    """The summary said 无误请回复「确认」 above a button reading 确认提交: the words and
    the button now say the same, and what they name works typed."""
    await owner_chat.say_all(*SUMMARY)
    summary = owner_chat.last or []
    shown = [r for r in summary if isinstance(r, Choices)][-1]
    label = shown.buttons[0].label
    assert f"无误请回复「{label}」" in shown.text and "回复「确认」" not in shown.text
    assert "旅客登记成功" in await owner_chat.say(label)


async def test_a_free_text_step_takes_no_question_about_itself_but_a_told_question(
    resident_chat: Chat,
) -> None:
    """这个要填什么？ had been kept as a tip's description. A description told as a question
    (a field that takes questions) is still the description."""
    await resident_chat.say("举报")
    asked = await resident_chat.say("这个要填什么？")
    assert "这一步请直接填写「情况描述」" in asked and "如有照片" not in asked
    assert "如有照片" in await resident_chat.say("楼下天天晚上有人聚众赌博怎么办？")


async def test_a_legal_question_at_a_free_text_step_is_answered_and_the_step_asked_again(
    law_dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """吸毒会被拘留吗？ typed where the tip's description is asked had been kept as the
    description: a legal question is answered, as with no form open, and the step asked
    again; a tip told as a question is still the tip (see above)."""
    resident_chat = Chat(law_dispatcher, "resident-1")
    await resident_chat.say("举报")
    asked = await resident_chat.say("赌博会被拘留吗？")
    assert "《" in asked and "没有理解" not in asked, asked
    assert asked.endswith("请描述您看到的情况：什么人、在做什么、有什么特征，越具体越好："), asked
    assert "请选择举报类别" not in asked
    assert "如有照片" in await resident_chat.say("楼下有人聚众赌博")
