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
    await channel.send(KEY, [Text("重要：今晚检查"), choices])
    first, second = fake_api.sent("/cgi-bin/webhook/send")
    assert first == {"msgtype": "markdown", "markdown": {"content": "重要：今晚检查"}}
    assert "1. **是**" in second["markdown"]["content"]


async def test_what_people_wrote_formats_nothing(channel: Any, fake_api: FakeWeixinApi) -> None:
    """An alert's text is the officer's; a tip quoted in it is anyone's. WeCom's markdown
    must not turn it into links, mentions, colours or bold."""
    alert = '🔴【紧急】**速看** [领补贴](http://evil.example) <@all> <font color="info">a_b</font>'
    alert += "\n# 标题\n> 引用 &lt;"
    await channel.send(KEY, [Text(alert)])
    [sent] = fake_api.sent("/cgi-bin/webhook/send")
    shown = sent["markdown"]["content"]
    assert not any(mark in shown for mark in "*[]<_&")
    assert "\n＃ 标题\n＞ 引用" in shown
    assert "速看" in shown and "领补贴" in shown and "http://evil.example" in shown


async def test_the_options_of_several_alerts_are_numbered_in_one_sequence(
    channel: Any, fake_api: FakeWeixinApi
) -> None:
    """Each alert's options began at 1: the group read 「1. **收到**」 twice."""
    first = Choices(
        "通报一：今晚大风", (Button("收到", "/收到 1"), Button("我见过此人", "/见过 1"))
    )
    second = Choices("通报二：明早停水", (Button("收到", "/收到 2"),))
    await channel.send(KEY, [first, second])
    one, two = (m["markdown"]["content"] for m in fake_api.sent("/cgi-bin/webhook/send"))
    assert "1. **收到**\n2. **我见过此人**" in one
    assert "3. **收到**" in two and "1." not in two
