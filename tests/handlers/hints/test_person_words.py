"""An officer asking after a person in their own words (帮我查下王建国住哪): the person
lookup, as 查人 王建国 runs it."""

from __future__ import annotations

import pytest
from sqlmodel import select

from bot.context import Services
from storage.models import AuditEvent
from tests.support.chat import Chat
from tests.support.seed import GUEST_ID

GUEST = ("登记", "王建国", "身份证", GUEST_ID, "13800001111", "302", "现在", "跳过", "确认")


async def _lookups(services: Services) -> int:
    async with services.sessions() as session:
        query = select(AuditEvent).where(AuditEvent.action == "lookup:person")
        return len((await session.exec(query)).all())


@pytest.mark.parametrize(
    "said", ["帮我查下王建国住哪", "查一下王建国", "帮我查一下王建国这个人", "查查王建国住在哪里"]
)
async def test_asking_after_a_person_runs_the_lookup(
    officer_chat: Chat, owner_chat: Chat, services: Services, said: str
) -> None:
    """帮我查下张伟住哪 and 查一下张伟 had got 没有理解: only 查人 张伟 found them."""
    assert "登记成功" in await owner_chat.say_all(*GUEST)
    found = await officer_chat.say(said)
    assert "按姓名找到 1 条登记" in found, found
    assert found == await officer_chat.say("查人 王建国")
    assert await _lookups(services) == 2  # audited as 查人 is


@pytest.mark.parametrize("said", ["查一下任务", "帮我查下日报", "查一下比中", "查一下今天的情况"])
async def test_asking_to_look_up_a_feature_is_no_person_lookup(
    officer_chat: Chat, services: Services, said: str
) -> None:
    reply = await officer_chat.say(said)
    assert "按姓名" not in reply and "没有该姓名" not in reply, reply
    assert await _lookups(services) == 0
