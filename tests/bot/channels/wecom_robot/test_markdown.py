"""`[wecom_robot] markdown = true`: texts and choices go as markdown."""

from __future__ import annotations

from typing import Any

import pytest

from bot.messages import Button, Choices, Text
from tests.bot.channels.wecom_robot.conftest import KEY
from tests.fakes.wechat_api import FakeWeixinApi


@pytest.fixture
def robot_section(robot_section: dict[str, Any]) -> dict[str, Any]:
    return robot_section | {"markdown": True}


async def test_markdown(channel: Any, fake_api: FakeWeixinApi) -> None:
    choices = Choices("今晚是否检查？", (Button("是", "是"), Button("否", "否")))
    await channel.send(KEY, [Text("**重要**：今晚检查"), choices])
    first, second = fake_api.sent("/cgi-bin/webhook/send")
    assert first == {"msgtype": "markdown", "markdown": {"content": "**重要**：今晚检查"}}
    assert "1. **是**" in second["markdown"]["content"]
