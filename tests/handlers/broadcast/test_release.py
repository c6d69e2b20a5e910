"""Approval of an alert beyond its author's beat at a station with no leader's account: its
other officers are asked, or, with none, the author is told it cannot be approved."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.config import Settings
from bot.context import Services
from bot.dispatch import Dispatcher
from tests.conftest import make_settings
from tests.handlers.broadcast.conftest import Area, compose, outbox
from tests.support.chat import Chat
from tests.support.outbox import opened
from tests.support.people import add_second_beat_officer

TEXT = "注意防火\n天干物燥，请检查电气线路和灭火器，电动车不要进楼充电。"


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return make_settings(db_url, tmp_path, broadcast={"approval_beyond_beat": True})


async def _wide_draft(officer: Chat) -> str:
    reply = await compose(officer, TEXT, "现在发送", "跳过", "消防", "一般", "全所", "确认")
    found = re.search(r"通报#(\d+)", reply)
    assert found, reply
    return found.group(1)


async def test_with_no_leader_the_stations_other_officers_approve(
    officer_chat: Chat, area: Area, services: Services, dispatcher: Dispatcher
) -> None:
    """The request went to the station's admins, of whom there were none: it waited for
    ever, and the author was told 已提交所领导审批."""
    await add_second_beat_officer(services, area.seeded)
    number = await _wide_draft(officer_chat)
    said = await officer_chat.say(f"/通报发送 {number}")
    assert "本所还没有所领导的账号，已提交本所其他民警审批" in said, said
    [asked] = [r for r in await outbox(services) if r.chat_id == "officer-2"]
    assert f"/批准 {number}" in opened(asked) and "由本所其他民警审批" in opened(asked)
    assert "需由本所其他民警审批" in await officer_chat.say(f"/批准 {number}")
    colleague = Chat(dispatcher, "officer-2")
    assert "正在发送给" in await colleague.say(f"/批准 {number}")
    told = [opened(r) for r in await outbox(services) if r.chat_id == "officer"]
    assert "本所民警officer-2已批准" in told[-1]


async def test_with_nobody_to_approve_the_alert_stays_a_draft_and_the_author_is_told(
    officer_chat: Chat, area: Area, services: Services
) -> None:
    number = await _wide_draft(officer_chat)
    said = await officer_chat.say(f"/通报发送 {number}")
    assert "无人能审批，通报仍保存为草稿" in said and f"/通报范围 {number} 本警务区全部" in said
    assert "草稿" in await officer_chat.say(f"/通报状态 {number}")
    scoped = await officer_chat.say(f"/通报范围 {number} 本警务区全部")
    assert "一号警务区" in scoped, scoped
