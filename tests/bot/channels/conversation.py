"""One conversation every chat channel must carry the same way, whatever its wire format.

`user` is a platform fake (`tests.fakes.wechat_server`) speaking for a bound hotel owner.
"""

from __future__ import annotations

import importlib.util
from typing import Protocol

import pytest
from sqlmodel import select

from bot.context import Services
from storage.models import GuestStay
from tests.support.seed import GUEST_ID


class User(Protocol):
    async def say(self, text: str) -> str: ...

    async def say_all(self, *texts: str) -> str: ...


async def guest_registration(user: User, services: Services) -> None:
    """A bound owner registers a guest; choices arrive as numbered lines and are answered
    with numbers, since these channels show no buttons."""
    assert "请输入旅客姓名" in await user.say("登记")
    doc_prompt = await user.say("王小明")
    assert "1. 居民身份证" in doc_prompt and "回复序号" in doc_prompt
    summary = await user.say_all("1", GUEST_ID, "13812345678", "302", "现在", "明天")
    assert "证件类型：居民身份证" in summary and "1. 确认提交" in summary
    receipt = await user.say("1")
    assert "旅客登记成功" in receipt and "回执号：G20261123-" in receipt
    assert GUEST_ID not in receipt  # masked: 1101**********245X
    async with services.sessions() as session:
        stay = (await session.exec(select(GuestStay))).one()
    assert stay.room == "302"


async def unknown_message(user: User) -> None:
    answer = await user.say("今天天气怎么样")
    assert "没有理解" in answer and "帮助" in answer


async def legal_question(user: User) -> None:
    pytest.importorskip("knowledge")
    if importlib.util.find_spec("handlers.law") is None:
        pytest.skip("the legal-question handler is not built yet")
    answer = await user.say("咨询 房东不退押金怎么办")
    assert answer.strip() and "没有理解" not in answer
