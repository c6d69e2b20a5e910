"""The wanted-person form read as officers type on a phone: ages as a witness gives them,
and "none" said in their own words."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.forms import FormEnv
from bot.validators import Invalid
from handlers.wanted.form import (
    FIELDS,
    age_range_text,
    parse_birth_or_age,
    parse_reward,
    reward_text,
    unit_and_phone,
)
from tests.handlers.wanted.support import NEW_ID
from tests.support.chat import Chat
from tests.support.seed import Seeded

ENV = FormEnv({}, date(2026, 11, 29), datetime(2026, 11, 29, 10))


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("三十多岁", "约30–39岁"),
        ("50几岁", "约50–59岁"),
        ("二十出头", "约20–23岁"),
        ("30来岁", "约30岁"),
        ("大概四十来岁", "约40岁"),
        ("四十岁上下", "约40岁"),
        ("约35岁", "约35岁"),  # as before
        ("30-40岁", "约30–40岁"),
    ],
)
def test_an_age_as_a_witness_says_it(typed: str, shown: str) -> None:
    """三十多岁 and 30来岁 had got 「请输入出生日期…或大致年龄」: the words officers write."""
    assert age_range_text(parse_birth_or_age(typed, ENV)) == shown


@pytest.mark.parametrize(
    ("typed", "said"), [("1990-05-01", "1990年5月1日"), ("30-40岁", "约30–40岁")]
)
def test_a_birth_or_age_reads_in_the_summary_as_the_bot_says_days(typed: str, said: str) -> None:
    """The summary had said 出生日期或年龄：1990-05-01, unlike every other day the bot says."""
    [field] = [f for f in FIELDS if f.name == "birth"]
    assert field.shown(parse_birth_or_age(typed, ENV), ENV.now) == said


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("悬赏2万", "2万元"),
        ("2万", "2万元"),
        ("20000", "2万元"),
        ("两万元", "2万元"),
        ("悬赏：人民币五万元", "5万元"),
        ("一万五千元", "1.5万元"),
        ("5000元", "5000元"),
        ("提供重要线索者酌情奖励", "提供重要线索者酌情奖励"),
    ],
)
def test_a_reward_is_stored_as_the_card_shows_it(typed: str, stored: str) -> None:
    """悬赏2万 had been stored as typed, and the card printed 悬赏 beside 悬赏2万."""
    assert parse_reward(typed, ENV) == stored


def test_a_reward_stored_with_its_label_is_shown_without_it() -> None:
    assert reward_text("悬赏2万") == "2万" and reward_text("2万元") == "2万元"


async def test_no_id_number_said_in_words_skips_the_question(
    officer_chat: Chat, seeded: Seeded
) -> None:
    """没有身份证号 had got 「证件号码只含数字和字母」 three times over."""
    await officer_chat.say_all("/通缉 新增", "跳过", "戊某某", "跳过")
    assert "请选择性别" in await officer_chat.say("没有身份证号")
    assert "请输入出生日期" in await officer_chat.say("男")
    assert "请输入身高" in await officer_chat.say("三十多岁")


async def test_the_visibility_question_says_a_public_card_is_seen_at_once(
    officer_chat: Chat, seeded: Seeded
) -> None:
    """公开 had read 「可以作为通缉令发布」, as if nothing showed before 发布; the card is in
    every resident's 协查通缉 as soon as it is saved."""
    await officer_chat.say_all("/通缉 新增", "跳过", "戊某某", "跳过", "跳过", "男", "跳过")
    await officer_chat.say_all("跳过", "跳过", "跳过", "跳过", "涉嫌盗窃", "跳过", "跳过")
    asked = await officer_chat.say("跳过")
    assert "请选择" in asked and "保存后群众和场所发送「协查通缉」即可看到" in asked


@pytest.mark.parametrize(
    ("typed", "shown"), [("35", "约35岁"), ("五十", "约50岁"), ("约40", "约40岁")]
)
def test_a_bare_age_is_read(typed: str, shown: str) -> None:
    """35 had got 「请输入出生日期…或大致年龄」: a spreadsheet's 年龄 column and officers
    alike write the number alone."""
    assert age_range_text(parse_birth_or_age(typed, ENV)) == shown


def test_a_single_digit_is_not_read_as_an_age() -> None:
    with pytest.raises(Invalid):
        parse_birth_or_age("3", ENV)


async def test_a_name_typed_at_the_photo_question_is_kept(
    officer_chat: Chat, seeded: Seeded
) -> None:
    """王五 at the photo question got 请直接发送照片… and was lost."""
    kept = await officer_chat.say_all("/通缉 新增", "王五")
    assert "已把这句记为「姓名」" in kept and "请发送在逃人员照片" in kept
    assert "有别名" in await officer_chat.say("跳过")  # the name is not asked again
    await officer_chat.say("取消")
    assert "请直接发送照片" in await officer_chat.say_all("/通缉 新增", "照片等会发")


async def test_a_blank_issuing_unit_shows_the_station(officer_chat: Chat, seeded: Seeded) -> None:
    """发布单位：（无） showed in the summary, though the prompt says the station's name is
    used when it is left blank."""
    await officer_chat.say_all("/通缉 新增", "跳过", "戊某某", "跳过", "跳过", "男", "跳过")
    await officer_chat.say_all("跳过", "跳过", "跳过", "跳过", "涉嫌盗窃", "跳过", "跳过", "跳过")
    summary = await officer_chat.say("内部")
    assert f"· 发布单位：{seeded.station.name}（未填，用本所名称）" in summary
    assert "（无）" not in summary.split("发布单位")[1].split("\n")[0]
    assert "· 发布单位：某分局" in await officer_chat.say_all("修改 发布单位", "某分局")


#: 李四, her resident ID number (a woman born 1990-01-01), as a case file gives it.
LI_SI_ID = "44030319900101004X"


async def test_details_said_after_no_photo_are_each_kept(
    officer_chat: Chat, seeded: Seeded
) -> None:
    """「没照片 只有个身份证号 李四 4403…004X 涉嫌抢劫 网上追逃的 别公开」 at the photo step
    kept nothing (请直接发送照片…) and had to be typed again, one answer at a time."""
    await officer_chat.say("/通缉 新增")
    said = f"没照片 只有个身份证号 李四 {LI_SI_ID} 涉嫌抢劫 网上追逃的 别公开"
    kept = await officer_chat.say(said)
    assert "已记下：照片（无）、姓名、证件号码、案由、可见范围。" in kept
    assert "没有用上" not in kept and "有别名" in kept  # the next question not yet answered
    summary = await officer_chat.say_all(*["跳过"] * 8)
    for line in (
        "· 照片：（无）",
        "· 姓名：李四",
        f"· 证件号码：{LI_SI_ID}",
        "· 性别：女",
        "· 案由：涉嫌抢劫，网上追逃",
        "· 可见范围：内部（仅民警可见）",
    ):
        assert line in summary, line


async def test_details_said_at_the_name_are_each_kept(officer_chat: Chat, seeded: Seeded) -> None:
    """At the name, only the name had been kept: 没有用上：身份证号、「涉嫌抢劫」…"""
    await officer_chat.say_all("/通缉 新增", "没有照片")
    kept = await officer_chat.say(f"李四 {LI_SI_ID} 抢劫案 公开")
    assert "已记下：姓名、证件号码、案由、可见范围。" in kept and "没有用上" not in kept
    summary = await officer_chat.say_all(*["跳过"] * 8)
    assert "· 案由：抢劫案" in summary and "· 可见范围：公开（可发布通缉令）" in summary


async def test_a_document_name_is_not_taken_for_an_alias(
    officer_chat: Chat, seeded: Seeded
) -> None:
    """身份证 typed at 别名 (the officer on to the number) had been kept as an alias, and
    printed on the card."""
    await officer_chat.say_all("/通缉 新增", "跳过", "戊某某")
    for typed in ("身份证", "身份证号", "护照"):
        refused = await officer_chat.say(typed)
        assert f"「{typed}」是证件名称，不是别名" in refused and "回复「跳过」" in refused, typed
        assert "请输入证件号码" not in refused, typed
    assert "请输入证件号码" in await officer_chat.say("跳过")  # the skip still skips
    await officer_chat.say("上一步")
    assert "请输入证件号码" in await officer_chat.say("阿戊、小戊")


async def test_a_phone_number_is_not_taken_for_the_issuing_unit(
    officer_chat: Chat, seeded: Seeded
) -> None:
    """110 typed at 发布单位 had been kept as the unit: the card read 发布单位：110."""
    await officer_chat.say_all("/通缉 新增", "跳过", "戊某某", "跳过", "跳过", "男", "跳过")
    await officer_chat.say_all("跳过", "跳过", "跳过", "跳过", "涉嫌盗窃")
    for typed in ("110", "0571-87654321", "电话：13900001111"):
        refused = await officer_chat.say(typed)
        assert "是号码，不是单位名称" in refused and "回复「跳过」" in refused, typed
        assert "请输入悬赏金额" not in refused, typed
    assert "请输入悬赏金额" in await officer_chat.say("某市公安局第3分局")
    await officer_chat.say_all("跳过", "跳过")
    summary = await officer_chat.say("内部")
    assert "· 发布单位：某市公安局第3分局" in summary
    assert "110" not in summary.split("发布单位")[1].split("\n")[0]
    # Skipped, the station's name stands for it, as before.
    await officer_chat.say("修改 发布单位")
    skipped = await officer_chat.say("跳过")
    assert f"· 发布单位：{seeded.station.name}（未填，用本所名称）" in skipped


async def test_a_phone_said_with_the_issuing_unit_is_its_contact(
    officer_chat: Chat, seeded: Seeded
) -> None:
    """「城关派出所 电话 139…」 said with the other details had been split up: the unit and
    the number said unused (没有用上：「城关派出所」、手机号), both to be typed again."""
    await officer_chat.say("/通缉 新增")
    kept = await officer_chat.say("没照片 李四 涉嫌盗窃 城关派出所 电话 13912345678")
    assert "已记下：照片（无）、姓名、案由、发布单位、联系方式。" in kept, kept
    assert "没有用上" not in kept
    # The contact is not asked: the reward's question is followed by the visibility's.
    summary = await officer_chat.say_all("跳过", "跳过", "男", *["跳过"] * 6, "内部")
    assert "· 发布单位：城关派出所\n" in summary and "· 联系方式：13912345678\n" in summary


@pytest.mark.parametrize(
    "typed",
    ["城关派出所 电话 13912345678", "城关派出所，电话：139 1234 5678", "城关派出所 13912345678"],
)
async def test_a_phone_typed_at_the_issuing_unit_goes_to_the_contact(
    officer_chat: Chat, seeded: Seeded, typed: str
) -> None:
    """At its own question the number went into the unit (发布单位：城关派出所 电话 139…),
    and the card's 联系方式 said only 110; a sentence means the same wherever it is typed."""
    await officer_chat.say_all("/通缉 新增", "跳过", "戊某某", "跳过", "跳过", "男", "跳过")
    await officer_chat.say_all("跳过", "跳过", "跳过", "跳过", "涉嫌盗窃")
    assert "请输入悬赏金额" in await officer_chat.say(typed)
    # The contact is answered: the next question after the reward is the visibility.
    assert "请选择" in await officer_chat.say("跳过")
    summary = await officer_chat.say("内部")
    assert "· 发布单位：城关派出所\n" in summary, summary
    assert "· 联系方式：139" in summary and "· 联系方式：（无）" not in summary


async def test_a_phone_with_the_unit_keeps_a_contact_already_given(
    officer_chat: Chat, seeded: Seeded
) -> None:
    """Changed at the summary, the unit takes its number along rather than overwrite the
    contact given at its own question."""
    await officer_chat.say_all("/通缉 新增", "跳过", "戊某某", "跳过", "跳过", "男", "跳过")
    await officer_chat.say_all("跳过", "跳过", "跳过", "跳过", "涉嫌盗窃", "跳过", "跳过")
    await officer_chat.say_all("0571-87654321", "内部")
    summary = await officer_chat.say_all("修改 发布单位", "城关派出所 电话 13912345678")
    assert "· 发布单位：城关派出所 电话 13912345678\n" in summary, summary
    assert "· 联系方式：0571-87654321\n" in summary


@pytest.mark.parametrize(
    ("typed", "split"),
    [
        ("城关派出所（值班电话：0571-87654321）", ("城关派出所", "0571-87654321")),
        ("某市公安局第110分局", None),  # a number in the name is no phone
        ("城关派出所 440303199001010045", None),  # nor is an ID number's 18 digits
    ],
)
def test_what_is_a_unit_s_phone(typed: str, split: tuple[str, str] | None) -> None:
    assert unit_and_phone(typed) == split


async def test_the_labels_of_a_name_and_an_alias_are_not_kept(
    officer_chat: Chat, seeded: Seeded
) -> None:
    """姓名王大力 (the case file's line, typed as one breath) had been saved as the name
    「姓名王大力」, and 外号大力 as the alias 「外号大力」, both printed on the card."""
    await officer_chat.say("/通缉 新增")
    await officer_chat.say(f"没照片 姓名王大力 男 身份证{NEW_ID} 涉嫌抢劫")
    await officer_chat.say("外号大力")
    summary = await officer_chat.say_all(*["跳过"] * 7, "内部")
    assert "· 姓名：王大力\n" in summary and "· 别名：大力\n" in summary, summary


@pytest.mark.parametrize("said", ["先内部吧", "就公开吧", "选内部"])
async def test_an_option_with_filler_words_is_that_option(
    officer_chat: Chat, seeded: Seeded, said: str
) -> None:
    """先内部吧 got 请选择「内部」或「公开」."""
    await officer_chat.say_all("/通缉 新增", "跳过", "戊某某", "跳过", "跳过", "男", "跳过")
    await officer_chat.say_all("跳过", "跳过", "跳过", "跳过", "涉嫌盗窃", "跳过", "跳过")
    assert "请选择" in await officer_chat.say("跳过")
    summary = await officer_chat.say(said)
    assert "请核对" in summary and "没有用上" not in summary, summary
    assert ("· 可见范围：内部" if "内部" in said else "· 可见范围：公开") in summary
