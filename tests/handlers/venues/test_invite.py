"""`/邀请`: an officer makes a venue owner's invite code in the chat, as `jingmin invite
--role owner` does, for the venues of their own station only."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

from aiohttp import web
from aiohttp.test_utils import TestClient
from sqlmodel import col, select

from bot.app import SERVICES
from bot.context import Services
from bot.dispatch import Dispatcher
from bot.messages import ChatType
from handlers.services.invites import create_invite
from handlers.venues.invite import _forwarded
from storage.models import AuditEvent, Invite, Role, Venue, VenueKind, VenueOwner, WorkLog
from tests.conftest import make_settings
from tests.support.beat_data import store
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.people import add_stranger_officer
from tests.support.seed import Seeded
from tests.support.web_chat import web_token

Client = TestClient[web.Request, web.Application]
ClientFactory = Callable[[web.Application], Awaitable[Client]]
CODE = re.compile(r"\b[2-9A-Z]{4}-[2-9A-Z]{4}\b")


async def _say(client: Client, sender: str, message: str) -> list[str]:
    response = await client.post(
        "/webhooks/rest/webhook", json={"sender": web_token(client.app, sender), "message": message}
    )
    assert response.status == 200
    return [r.get("text", "") for r in await response.json()]


async def _invites(services: Services) -> list[Invite]:
    async with services.sessions() as session:
        return list((await session.exec(select(Invite))).all())


async def test_officer_invites_an_owner_who_binds_in_the_web_chat(
    aiohttp_client: ClientFactory, app: web.Application, app_seeded: Seeded
) -> None:
    client = await aiohttp_client(app)
    for_officer, forwarded = await _say(client, "officer", "/邀请 平安旅馆")
    code = CODE.findall(for_officer)[0]
    # Named as officers know it: the #id is the database's, no number they go by.
    assert for_officer.startswith("已为「平安旅馆」（一号警务区）生成负责人邀请码：")
    assert "#" not in for_officer
    assert "仅限一人使用一次，72小时内有效（至 " in for_officer
    assert "该场所已绑定负责人 1 人" in for_officer
    # The second message alone is what the owner reads: where, what to send, what for.
    # Named as the bot names itself ([station] name); public_url is left at 127.0.0.1 here.
    assert "您好！请在「示范派出所警民通」私聊发送：" in forwarded and "http" not in forwarded
    assert f"\n/绑定 {code}\n" in forwarded
    assert "即可成为「平安旅馆」的负责人，登记旅客、" in forwarded and "72小时内有效" in forwarded

    newcomer = "web-5c2e9a7b10"
    assert "该功能供已绑定的场所负责人使用" in "".join(await _say(client, newcomer, "登记"))
    bound = "".join(await _say(client, newcomer, f"/绑定 {code}"))
    assert "绑定成功！您已成为「平安旅馆」的负责人" in bound
    assert "请输入旅客姓名" in "".join(await _say(client, newcomer, "登记"))

    services = app[SERVICES]
    async with services.sessions() as session:
        owners = (
            await session.exec(select(VenueOwner).where(VenueOwner.venue_id == app_seeded.hotel.id))
        ).all()
        audited = (
            await session.exec(select(AuditEvent).where(AuditEvent.action == "invite:owner"))
        ).one()
        logged = (await session.exec(select(WorkLog).where(WorkLog.action == "venue.invite"))).one()
    assert len(owners) == 2
    assert audited.person_id == app_seeded.officer.id
    assert audited.subject_id == str(app_seeded.hotel.id)
    assert logged.summary == "平安旅馆：生成负责人邀请码" and code not in logged.summary


def test_the_forwarded_message_gives_the_web_address_only_when_owners_can_open_it(
    tmp_path: Path,
) -> None:
    """public_url left at 127.0.0.1:8080 sent owners to 网页 http://127.0.0.1:8080/, which
    opens nothing on their phones."""
    venue = Venue(kind=VenueKind.HOTEL, name="悦来旅馆", beat_id=1)
    for public_url, where in (
        ("http://127.0.0.1:8080", "「城关派出所警民通」私聊发送："),
        ("http://localhost:8202", "「城关派出所警民通」私聊发送："),
        (
            "https://jingmin.example.cn",
            "「城关派出所警民通」（网页 https://jingmin.example.cn/）私聊",
        ),
    ):
        settings = make_settings(
            "sqlite+aiosqlite://",
            tmp_path,
            server={"public_url": public_url},
            station={"name": "城关派出所"},
        )
        forwarded = _forwarded(settings, venue, "ABCD-EFGH", 72)
        assert where in forwarded, forwarded
        assert "127.0.0.1" not in forwarded and "localhost" not in forwarded


async def test_a_venue_is_found_by_plate_and_told_as_the_kind_it_is(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    said = await officer_chat.say("邀请码 200001")
    assert "已为「和平里5号（门牌200001）」（一号警务区）" in said
    assert "「/邀请 撤销 200001」" in said
    assert "即可成为「和平里5号」的负责人，登记租客、接收警情通报。" in said
    (invite,) = await _invites(services)
    assert invite.role is Role.OWNER and invite.venue_id == seeded.rental.id
    assert invite.used_at is None


async def test_unknown_and_other_stations_venues_and_non_officers_are_refused(
    officer_chat: Chat,
    owner_chat: Chat,
    resident_chat: Chat,
    dispatcher: Dispatcher,
    services: Services,
    seeded: Seeded,
) -> None:
    assert "请写明要为哪个场所的负责人生成邀请码" in await officer_chat.say("/邀请")
    missing = await officer_chat.say("/邀请 不存在的商店")
    assert "没有找到场所「不存在的商店」" in missing and "只能为本所辖区的场所" in missing
    await add_stranger_officer(services)
    stranger = await Chat(dispatcher, "stranger").say("/邀请 平安旅馆")
    assert "没有找到场所「平安旅馆」" in stranger and not CODE.search(stranger)
    for chat in (owner_chat, resident_chat):
        refused = await chat.say("/邀请 平安旅馆")
        assert "该功能仅限本所民警使用" in refused and not CODE.search(refused)
    assert await _invites(services) == []


async def test_an_officer_voids_codes_sent_to_the_wrong_person(
    officer_chat: Chat, dispatcher: Dispatcher, services: Services, seeded: Seeded
) -> None:
    code = CODE.findall(await officer_chat.say("/邀请 平安旅馆"))[0]
    # Named as the officer knows it, not by its #id.
    assert "「/邀请 撤销 平安旅馆」" in officer_chat.last[0].text  # type: ignore[index,union-attr]
    said = await officer_chat.say("/邀请 撤销 平安旅馆")
    assert said == "✅ 已作废「平安旅馆」未使用的负责人邀请码 1 个，已绑定的负责人不受影响。"
    assert "已过期" in await Chat(dispatcher, "web-late").say(f"/绑定 {code}")
    assert "没有未使用的负责人邀请码" in await officer_chat.say("/邀请 撤销 平安旅馆")
    async with services.sessions() as session:
        revoked = (
            await session.exec(select(AuditEvent).where(col(AuditEvent.action) == "invite:revoke"))
        ).one()
    assert revoked.detail == "1"


async def test_two_venues_of_a_name_are_told_apart_by_number_to_void(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """The name finds both: the hint to void gives the number, which finds the one."""
    twin = Venue(
        kind=VenueKind.HOTEL, name="和平里5号", address="和平路9号", beat_id=seeded.beat.id
    )
    await store(services, twin)
    said = await officer_chat.say(f"/邀请 #{twin.id}")
    assert said.startswith("已为「和平里5号」（一号警务区）生成负责人邀请码：")
    assert f"「/邀请 撤销 #{twin.id}」" in said
    voided = await officer_chat.say(f"/邀请 撤销 #{twin.id}")
    assert voided.startswith("✅ 已作废「和平里5号」未使用的负责人邀请码 1 个")


async def test_a_second_code_for_a_venue_says_the_first_still_binds(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    first = await officer_chat.say("/邀请 平安旅馆")
    assert "已有未使用的邀请码" not in first
    second = await officer_chat.say("/邀请 平安旅馆")
    assert "注意：该场所已有未使用的邀请码 1 个，仍然有效，每个码都能再绑定一位负责人" in second
    assert len(await _invites(services)) == 2


async def test_revoke_without_a_venue_asks_which_venue_to_void(officer_chat: Chat) -> None:
    """It answered 请写明要为哪个场所的负责人生成邀请码。, the wording for making one."""
    said = await officer_chat.say("/邀请 撤销")
    assert said.startswith("请写明要作废哪个场所未使用的邀请码。\n用法：")
    assert "生成邀请码。" not in said.splitlines()[0]


async def test_an_officer_lists_the_codes_made_and_what_became_of_them(
    officer_chat: Chat, dispatcher: Dispatcher, services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    """/邀请 made codes and /邀请 撤销 voided them, but nothing showed which were out."""
    hotel, rental = seeded.hotel.id, seeded.rental.id
    assert "近 7 天没有为本所场所生成负责人邀请码" in await officer_chat.say("/邀请 列表")
    used = CODE.findall(await officer_chat.say("/邀请 平安旅馆"))[0]  # 11-23 10:00
    clock.advance(hours=1)
    voided = CODE.findall(await officer_chat.say("/邀请 和平里5号"))[0]
    assert used not in voided and "已作废" in await officer_chat.say(f"/邀请 撤销 {rental}")
    clock.advance(hours=1)
    async with services.sessions() as session:  # `jingmin invite --role owner`
        await create_invite(
            session, role=Role.OWNER, now=clock.now, ttl=timedelta(hours=72), venue_id=hotel
        )
        await session.commit()
    clock.advance(hours=1)
    assert "绑定成功" in await Chat(dispatcher, "web-new-owner").say(f"/绑定 {used}")

    listed = await officer_chat.say("/邀请 列表")
    assert listed.splitlines() == [
        "本所场所的负责人邀请码（近 7 天及仍有效的）共 3 个，未使用 1 个：",
        "平安旅馆　今天 12:00 命令行生成　未使用，11-26 12:00 前有效",
        "和平里5号（门牌200001）　今天 11:00 一号民警生成　未使用，已失效（过期或作废，今天 11:00）",
        "平安旅馆　今天 10:00 一号民警生成　已使用（今天 13:00 绑定）",
        "发错了人的，发送「/邀请 撤销 场所」作废该场所未使用的邀请码。",
    ]
    assert used not in listed and voided not in listed  # a code binds whoever holds it
    one = await officer_chat.say(f"/邀请 列表 {rental}")
    assert one.startswith("「和平里5号」的负责人邀请码（近 7 天及仍有效的）共 1 个，未使用 0 个：")
    assert "平安旅馆" not in one
    clock.advance(days=2)  # another day than yesterday: the dates are back
    assert "平安旅馆　11-23 12:00 命令行生成" in await officer_chat.say("/邀请 列表")
    clock.advance(days=7)
    assert "近 7 天没有为「和平里5号」生成" in await officer_chat.say("/邀请 列表 和平里5号")
    group = replace(officer_chat, chat_type=ChatType.GROUP)
    refused = await group.say("/邀请 列表")
    assert "只在与本号的私聊中生成和查看" in refused and "平安旅馆" not in refused


async def test_a_list_for_a_name_of_several_venues_gets_a_button_per_venue(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """/邀请 列表 平安 listed the venues called so with no buttons, as /场所 had: the
    command had to be typed again with the number."""
    assert seeded.beat.id is not None
    async with services.sessions() as session:
        shop = Venue(kind=VenueKind.SHOP, name="平安超市", beat_id=seeded.beat.id)
        session.add(shop)
        await session.commit()
        shop_id = shop.id
    listed = await officer_chat.say("/邀请 列表 平安")
    assert "「平安」对应多个场所" in listed and "查看本所全部场所的邀请码" in listed
    buttons = officer_chat.buttons()
    assert f"/邀请 列表 #{shop_id}" in buttons and f"/邀请 列表 #{seeded.hotel.id}" in buttons


async def test_it_is_in_the_officers_binding_help(officer_chat: Chat, owner_chat: Chat) -> None:
    assert "/邀请 — 为本所场所的负责人生成绑定邀请码" in await officer_chat.say("帮助 绑定")
    assert "/邀请 列表 查看已生成的及是否已使用" in await officer_chat.say("帮助 绑定")
    assert "/邀请" not in await owner_chat.say("帮助 绑定")


async def test_no_code_is_made_in_a_group(officer_chat: Chat, services: Services) -> None:
    """/邀请 typed in a group of owners printed the code there: any member could bind with
    it first."""
    group = replace(officer_chat, chat_type=ChatType.GROUP)
    refused = await group.say("/邀请 平安旅馆")
    assert "只在与本号的私聊中生成" in refused and not re.search(
        r"[0-9A-Z]{4}-[0-9A-Z]{4}", refused
    )
    async with services.sessions() as session:
        assert not (await session.exec(select(Invite))).all()
