"""A loss said without a word of theft is asked about, not filed as a theft."""

from __future__ import annotations

import pytest

from bot.dispatch import Dispatcher
from handlers.reports.lost import says_lost
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
    assert "挂失" in asked  # what to do about a loss, from the FAQ
    assert resident.buttons() == ["/报案 扒窃", "/报案 证件/车牌遗失"]
    assert "开始扒窃报案" in await resident.say("/报案 扒窃")


async def test_a_loss_named_with_the_command_is_asked_about_and_a_theft_is_filed(
    resident: Chat,
) -> None:
    assert "是被偷了，还是自己丢失的？" in await resident.say("/报案 钱包丢了")
    assert "开始扒窃报案" in await resident.say("/报案 钱包被偷了")
