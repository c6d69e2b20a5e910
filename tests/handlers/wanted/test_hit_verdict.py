"""A hit's check that found the person caught offers to mark the card caught: the card had
stayed 在逃, and the same person registered again made a new hit."""

from __future__ import annotations

from sqlmodel import select

from bot.context import Services
from handlers.wanted.hit_verdict import says_caught
from storage.models import WantedStatus, WatchHit
from tests.handlers.test_hits import REGISTER_WANTED
from tests.handlers.wanted.support import wanted_named
from tests.support.chat import Chat
from tests.support.seed import WANTED_ID, Seeded

TENANT = (
    "登记",
    "甲某某",
    "身份证",
    WANTED_ID,
    "跳过",
    "跳过",
    "跳过",
    "2026-11-01",
    "跳过",
    "确认",
)


async def _hits(services: Services) -> int:
    async with services.sessions() as session:
        return len((await session.exec(select(WatchHit))).all())


async def test_a_check_found_caught_offers_the_card_closed_and_no_new_hit_follows(
    owner_chat: Chat, landlord_chat: Chat, officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    await owner_chat.say_all(*REGISTER_WANTED)
    number = f"TJ-{seeded.wanted.id:04d}"
    done = await officer_chat.say("完成 1 已核实是本人 已抓获")
    assert "✅ 任务 #1 已完成" in done
    assert f"是否将 {number} 标记为已抓获（不再比对）？" in done
    assert "民警停止查找（内部通缉未发给场所和群众）" in done  # an internal card
    mark, view = officer_chat.buttons()
    assert (
        mark.startswith(f"/通缉 抓获 {seeded.wanted.id} ") and view == f"/通缉 {seeded.wanted.id}"
    )
    assert f"{number} 甲某某 已标记为已抓获" in await officer_chat.say(mark)
    assert (await wanted_named(services, "甲某某")).status is WantedStatus.CAPTURED
    assert number not in await officer_chat.say("通缉")
    # Registered again (a relative's flat): no hit, no alert of someone in custody.
    assert "租客登记成功" in await landlord_chat.say_all(*TENANT)
    assert await _hits(services) == 1


async def test_a_check_found_the_person_controlled_offers_the_card_closed(
    owner_chat: Chat, officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """/完成 1 已到场，人已控制 was recorded as 已核查, and the card stayed 在逃 with nothing
    offered: 人已控制 and 已带回 are how officers at the door say it."""
    await owner_chat.say_all(*REGISTER_WANTED)
    number = f"TJ-{seeded.wanted.id:04d}"
    done = await officer_chat.say("/完成 1 已到场，人已控制")
    assert "✅ 任务 #1 已完成" in done
    assert f"是否将 {number} 标记为已抓获（不再比对）？" in done
    assert officer_chat.buttons()[0].startswith(f"/通缉 抓获 {seeded.wanted.id} ")
    # Asked, not done.
    assert (await wanted_named(services, "甲某某")).status is WantedStatus.ACTIVE


async def test_a_result_that_is_not_a_capture_asks_nothing(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    await owner_chat.say_all(*REGISTER_WANTED)
    done = await officer_chat.say("/完成 1 已核实系本人，人未抓获，已上报")
    assert "✅ 任务 #1 已完成" in done and "标记为已抓获" not in done


def test_the_words_that_say_caught() -> None:
    for said in (
        "已抓获",
        "抓到了",
        "已到案",
        "已核实是本人 已抓获",
        "已抓获；移交刑警队",
        "已到场，人已控制",
        "人已带回派出所",
        "抓住了",
        "昨晚落网",
    ):
        assert says_caught(said), said
    for said in (
        "人未抓获",
        "还没抓到",
        "尚未到案",
        "抓到了吗",
        "没能抓到",
        "抓获未果",
        "已核实，非本人",
        "系本人",
        "人未控制",
        "控制不住",
        "现场已控制，人跑了",
    ):
        assert not says_caught(said), said
