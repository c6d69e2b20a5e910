"""The alert form's own parsing (a title cut from the text, when to send) and how its
recipients are named."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.forms import FormEnv
from bot.validators import Invalid
from handlers.broadcast.audience_text import parse_audience
from handlers.broadcast.figures import recipient_lines
from handlers.broadcast.form import FIELDS, split_text
from handlers.broadcast.notes import guess_category
from storage.models import Category
from tests.support.chat import Chat


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("明日降温\n请各旅馆检查取暖设备，注意用火安全。", "明日降温"),
        ("近期电信诈骗高发，请提醒旅客不要轻信陌生来电", "近期电信诈骗高发"),
        ("今晚有大风注意关好门窗", "今晚有大风注意关好门窗"),
        ("近" * 40, "近" * 29 + "…"),
    ],
)
def test_title_is_the_first_line_or_sentence(text: str, title: str) -> None:
    parsed = split_text(text)
    assert parsed["title"] == title
    assert parsed["body"] == (text.split("\n", 1)[1] if "\n" in text else text)


def test_a_time_already_past_is_refused_not_sent_at_once() -> None:
    when = next(f for f in FIELDS if f.name == "when")
    env = FormEnv({}, date(2026, 11, 23), datetime(2026, 11, 23, 18, 42))
    with pytest.raises(Invalid, match="15:00 已经过去了"):
        when.parse("今天下午3点", env)
    assert when.parse("今晚8点", env) == {"at": "2026-11-23T20:00"}
    assert when.parse("现在", env) == {"now": True}


def test_recipients_with_one_label_are_counted_not_repeated() -> None:
    lines = recipient_lines(["悦来旅馆", "悦来旅馆、枫林民宿（负责人）", "悦来旅馆", "枫林民宿"])
    assert lines == ["· 悦来旅馆（2个）", "· 悦来旅馆、枫林民宿（负责人）", "· 枫林民宿"]


@pytest.mark.parametrize(
    ("typed", "kinds"),
    [
        ("旅馆、民宿", ["hotel", "homestay"]),
        ("旅馆民宿", ["hotel", "homestay"]),  # the button's words typed without the 、
        ("出租屋 小网吧", ["rental", "internet_cafe"]),
        # The nine small kinds by their everyday names: 发给餐饮, 美发店和KTV.
        ("餐饮", ["restaurant"]),
        ("美发、KTV", ["beauty_bath", "entertainment"]),
        ("诊所", ["clinic"]),
    ],
)
def test_venue_kinds_in_the_scope(typed: str, kinds: list[str]) -> None:
    env = FormEnv({}, date(2026, 11, 23), datetime(2026, 11, 23, 9, 0))
    assert parse_audience(typed, env)["kinds"] == kinds


async def test_a_time_said_at_the_scope_is_about_when_to_send(officer_chat: Chat) -> None:
    """只发今晚 at 发给谁？ had been looked up as a beat (没有找到「今晚」): it says when, which
    the time question sets; the form keeps its place, and the time said there is taken."""
    await officer_chat.say_all("/通报 今晚严查酒驾 请各店提醒客人", "现在发送", "跳过", "交通")
    asked = await officer_chat.say("一般")
    assert "发给谁" in asked
    reply = await officer_chat.say("只发今晚")
    assert "没有找到" not in reply and "说的是什么时候发，不是发给谁" in reply, reply
    assert "确认后立即发出" in reply and "修改 时间 今晚8点" in reply and "发给谁" in reply
    # The time question itself asks the hour of 只发今晚, and takes 今晚8点再发.
    assert "「今晚」几点发" in await officer_chat.say("修改 时间 只发今晚")
    assert "发给谁" in await officer_chat.say("今晚8点再发")
    summary = await officer_chat.say("本警务区全部")
    assert "20:00 发送" in summary and "· 范围：本警务区全部" in summary, summary


def test_a_time_is_no_scope() -> None:
    env = FormEnv({}, date(2026, 11, 23), datetime(2026, 11, 23, 18, 42))
    for said in ("只发今晚", "今晚8点再发", "明天早上发", "今晚"):
        with pytest.raises(Invalid, match="说的是什么时候发"):
            parse_audience(said, env)
    assert parse_audience("只发旅馆", env)["kinds"] == ["hotel"]


@pytest.mark.parametrize(
    ("text", "category"),
    [
        ("冬季注意防火，电动车不要在楼道里充电", Category.FIRE),
        ("有人冒充客服发链接，索要验证码后要求转账", Category.FRAUD),
        ("近期有人冒充快递理赔，请勿点陌生链接", Category.FRAUD),
    ],
)
def test_the_category_is_guessed_from_the_words(text: str, category: Category) -> None:
    """防火 and 电动车充电 had been 其他, and an obvious 防诈 text no category at all."""
    assert guess_category(text) is category


async def test_the_guessed_category_is_offered_and_taken_with_yes(officer_chat: Chat) -> None:
    """An obvious 防诈 text was asked 请选择类别 as if nothing had been said."""
    await officer_chat.say("/通报 有人冒充客服发链接，索要验证码后要求转账，请勿相信")
    asked = await officer_chat.say_all("现在发送", "跳过")
    assert "按内容判断是「防诈」，是的话回复「是」" in asked, asked
    assert "防诈" in officer_chat.buttons(), asked
    assert "紧急程度" in await officer_chat.say("是")
    summary = await officer_chat.say_all("一般", "本警务区全部")
    assert "· 类别：防诈\n" in summary, summary


async def test_only_an_urgent_alert_skips_the_time_question(officer_chat: Chat) -> None:
    """紧急 is sent now; any other alert is asked when, 现在发送 its first button."""
    asked = await officer_chat.say("/通报 防诈 近期有人冒充快递理赔，请勿点陌生链接")
    assert "什么时候发" in asked and officer_chat.buttons()[0] == "现在发送", asked
    await officer_chat.say("取消")
    urgent = await officer_chat.say("/通报 紧急 近期有人冒充快递理赔，请勿点陌生链接")
    assert "什么时候发" not in urgent and "· 时间：现在发送\n" in urgent, urgent
    assert "· 类别：防诈\n" in urgent, urgent
