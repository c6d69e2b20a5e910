"""Submitting a tip the short way, and reading back what was stored."""

from __future__ import annotations

import re

from sqlmodel import col, select

from bot.context import Services
from storage.models import Tip
from tests.support.chat import Chat

CODE = re.compile(r"查询码：(\w{4}-\w{4}-\w{4})")


def code_in(receipt: str) -> str:
    match = CODE.search(receipt)
    assert match, receipt
    return match.group(1)


async def submit_tip(
    chat: Chat, text: str, *, category: str = "涉赌", place: str = "跳过", phone: str = ""
) -> str:
    """`举报 TEXT`, a category, no photo, a place, no time (unless TEXT tells it, and it is
    not asked), anonymous unless a `phone` is left; returns the receipt."""
    await chat.say(f"举报 {text}")
    if "大概是什么时候" in await chat.say_all(category, "跳过", place):
        await chat.say("跳过")
    if phone:
        return await chat.say_all("留下电话", phone, "确认")
    return await chat.say_all("匿名提交", "确认")


async def tips(services: Services) -> list[Tip]:
    async with services.sessions() as session:
        return list((await session.exec(select(Tip).order_by(col(Tip.id)))).all())
