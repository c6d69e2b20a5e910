"""Several cards with an option each, as WeCom app messages in markdown: one sequence of
numbers over the reply, and the number typed back is the option shown with it."""

from __future__ import annotations

from typing import Any

import pytest
from aiohttp import web

from bot.app import SERVICES
from tests.bot.channels.wecom.support import SEND, settled
from tests.fakes.wechat_api import FakeWeixinApi
from tests.fakes.wechat_server import WecomServer
from tests.support.seed import Seeded
from tests.support.wanted import SIGHTING, public_cards, sighted


@pytest.fixture
def wecom_section(wecom_section: dict[str, Any]) -> dict[str, Any]:
    return wecom_section | {"markdown": True}


HINT = '<font color="comment">回复序号或文字即可</font>'


async def markdowns(app: web.Application, fake_api: FakeWeixinApi) -> list[str]:
    """The options shown in markdown, once the answer's late messages have all gone out."""
    await settled(app)
    return [m["markdown"]["content"] for m in fake_api.sent(SEND) if m["msgtype"] == "markdown"]


async def test_each_cards_option_has_its_own_number(
    app: web.Application, wecom: WecomServer, seeded_wecom: Seeded, fake_api: FakeWeixinApi
) -> None:
    """The passive reply holds the lead; each card's picture and options follow, numbered
    1 to 3 (each read 「1. **我见过此人**」), and 「2」 is the second card's. How to answer
    is said under the last card's options only (it was under each)."""
    services = app[SERVICES]
    shown = await public_cards(services, seeded_wecom)
    assert "目前有 3 份公开的协查通缉" in await wecom.say("协查通缉")
    options = await markdowns(app, fake_api)
    assert len(options) == 3, options
    assert options[0] == "丙某某：诈骗案\n\n1. **我见过此人**"
    assert options[1] == "乙某某：诈骗案\n\n2. **我见过此人**"
    assert options[2].endswith("：盗窃案\n\n3. **我见过此人**\n" + HINT)
    assert "感谢您提供协查通缉" in await wecom.say("2")
    await wecom.say_all(*SIGHTING)
    assert await sighted(services) == shown[1]
