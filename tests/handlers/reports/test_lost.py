"""A loss said without a word of theft is asked about, not filed as a theft."""

from __future__ import annotations

import pytest

from bot.dispatch import Dispatcher
from handlers.reports.lost import says_lost, stolen_or_lost
from handlers.reports.templates import LOST_DOCUMENT, PICKPOCKET, THEFT
from tests.support.chat import Chat
from tests.support.seed import Seeded


@pytest.fixture
def resident(seeded: Seeded, dispatcher: Dispatcher) -> Chat:
    return Chat(dispatcher, "resident-1")


@pytest.mark.parametrize(
    ("said", "template", "lost"),
    [
        ("钱包丢了", PICKPOCKET, True),
        ("钱包找不到了", PICKPOCKET, True),
        ("钱包被偷了", PICKPOCKET, False),
        ("钱包丢了，应该是被扒了", PICKPOCKET, False),
        ("店里失窃", THEFT, False),
        ("身份证丢了", LOST_DOCUMENT, False),  # the loss report is the right place
        ("有人入室，家里的金项链不见了", THEFT, False),
        ("家里进了贼，金项链找不到了", THEFT, False),
        ("有人翻窗进来，电脑不见了", THEFT, False),
    ],
)
def test_a_loss_is_told_from_a_theft(said: str, template: object, lost: bool) -> None:
    assert says_lost(said, template) is lost  # type: ignore[arg-type]


async def test_a_lost_wallet_typed_at_the_menu_is_asked_about_not_filed_as_a_theft(
    resident: Chat,
) -> None:
    """报案, then 钱包丢了 had started 扒窃 with 被盗物品及价值 钱包."""
    await resident.say("报案")
    asked = await resident.say("钱包丢了")
    assert asked.startswith("是被偷了，还是自己丢失的？")
    assert "开始扒窃报案" not in asked and "被盗物品" not in asked
    assert "银行卡" in asked and "挂失" in asked  # what to do about a lost wallet
    assert resident.buttons() == ["/报案 盗窃 钱包丢了", "/报案 证件/车牌遗失"]
    assert "开始扒窃报案" in await resident.say("/报案 扒窃")


async def test_a_lost_wallet_is_told_about_cards_and_id_card_not_phones_or_to_report_again(
    resident: Chat,
) -> None:
    """The answer had been the FAQ's paragraph on phones, ending 「怀疑是被人偷走（扒窃）的，
    请拨打110或在这里发送「报案」登记」, said in 报案 above the theft button."""
    await resident.say("报案")
    asked = await resident.say("钱包丢了")
    assert "银行卡" in asked and "身份证" in asked and "「证件/车牌遗失」" in asked
    assert "手机卡" not in asked and "“查找”" not in asked
    assert "发送「报案」" not in asked


async def test_a_lost_phone_is_told_about_the_phone(resident: Chat) -> None:
    asked = await resident.say("/报案 手机和钱包都丢了")
    assert asked.startswith("是被偷了，还是自己丢失的？")
    assert "手机卡" in asked and "“查找”" in asked and "身份证" in asked
    assert "发送「报案」" not in asked


async def test_the_theft_button_files_the_kind_picked_with_the_story_kept(
    resident: Chat,
) -> None:
    """The button had always sent 「/报案 扒窃」, what was typed dropped."""
    await resident.say("报案")
    asked = await resident.say("钱包丢了，里面有两千块钱")
    assert asked.startswith("是被偷了，还是自己丢失的？")
    started = await resident.say(resident.buttons()[0])
    assert "开始盗窃报案" in started  # nothing says it was taken from the person
    assert "已记下您刚才说的：被盗财物及价值 钱包" in started  # the story kept
    assert "是被偷了，还是自己丢失的？" not in started


async def test_a_break_in_is_filed_as_a_theft_not_asked_about(resident: Chat) -> None:
    await resident.say("报案")
    started = await resident.say("有人入室，家里的金项链不见了")
    assert "是被偷了，还是自己丢失的？" not in started
    assert "开始盗窃报案" in started
    assert "被盗财物及价值 金项链" in started  # had been 项链, the 金 dropped


@pytest.mark.parametrize(
    ("story", "button"),
    [
        ("钱包丢了", "/报案 盗窃 钱包丢了"),  # from a car, a home or a shop as well
        ("钱包里的钱不见了", "/报案 盗窃 钱包里的钱不见了"),
        ("口袋里的钱包不见了", "/报案 扒窃 口袋里的钱包不见了"),
        ("挤公交时钱包不见了", "/报案 扒窃 挤公交时钱包不见了"),
        ("身上的手机找不到了", "/报案 扒窃 身上的手机找不到了"),
    ],
)
def test_the_theft_button_is_a_pickpocketing_only_when_taken_from_the_person(
    story: str, button: str
) -> None:
    """钱包丢了 then 被偷了，报案 had started 扒窃, though a wallet is stolen from cars too."""
    assert stolen_or_lost(PICKPOCKET, story).buttons[0].value == button


async def test_a_loss_named_with_the_command_is_asked_about_and_a_theft_is_filed(
    resident: Chat,
) -> None:
    assert "是被偷了，还是自己丢失的？" in await resident.say("/报案 钱包丢了")
    assert "开始扒窃报案" in await resident.say("/报案 钱包被偷了")


def test_the_theft_button_is_of_the_kind_the_story_picked() -> None:
    """Not 扒窃 whatever was picked: a home's theft is 盗窃."""
    asked = stolen_or_lost(THEFT, "家里的金项链不见了")
    assert asked.buttons[0].value == "/报案 盗窃 家里的金项链不见了"


@pytest.mark.parametrize("said", ["/报案 手机丢了", "/报案 手机丢失了", "/报案 我的钥匙找不到了"])
async def test_a_lost_thing_named_with_the_command_is_asked_about(
    resident: Chat, said: str
) -> None:
    """/报案 手机丢了 had got 暂不支持「手机丢了」的自助报案, and /报案 手机丢失了 started the
    证件/车牌遗失 report (丢失 is one of its words): a phone goes the way a wallet goes."""
    asked = await resident.say(said)
    assert asked.startswith("是被偷了，还是自己丢失的？"), asked
    assert "暂不支持" not in asked and "遗失的是什么" not in asked
    assert resident.buttons()[0] == f"/报案 盗窃 {said.removeprefix('/报案 ')}"


async def test_a_lost_phone_typed_at_the_menu_is_asked_about(resident: Chat) -> None:
    """报案, then 手机丢了 had got the FAQ answer, which says to send 报案 again."""
    await resident.say("报案")
    asked = await resident.say("手机丢了")
    assert asked.startswith("是被偷了，还是自己丢失的？")
    assert "手机卡" in asked and "发送「报案」" not in asked
    # Nothing said of documents: no 证件/车牌遗失 button, as if a phone were filed as one.
    assert resident.buttons() == ["/报案 盗窃 手机丢了"]


@pytest.mark.parametrize("said", ["/报案 身份证丢失了", "/报案 丢失", "/报案 车牌丢了"])
async def test_a_lost_document_still_starts_the_loss_report(resident: Chat, said: str) -> None:
    assert "开始证件/车牌遗失报案" in await resident.say(said)
