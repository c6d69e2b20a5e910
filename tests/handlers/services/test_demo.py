"""The demo station: every role of the role switcher is bound and can be tried."""

from __future__ import annotations

from sqlmodel import select

from bot.assembly import build_dispatcher
from bot.context import Services
from handlers.services.demo import DEMO_ROLES, seed_demo
from storage.models import Account, Person, Role, Venue, VenueKind, VenueOwner
from tests.support.chat import Chat


async def _netcafe_owners(services: Services) -> list[tuple[Role, str]]:
    async with services.sessions() as session:
        rows = await session.exec(
            select(Person.role, Venue.name)
            .join(Account, Account.person_id == Person.id)  # type: ignore[arg-type]
            .join(VenueOwner, VenueOwner.person_id == Person.id)  # type: ignore[arg-type]
            .join(Venue, Venue.id == VenueOwner.venue_id)  # type: ignore[arg-type]
            .where(Account.channel == "web", Account.channel_user_id == "demo-netcafe")
        )
        return [(Role(role), name) for role, name in rows.all()]


async def test_a_nine_small_owner_is_seeded_bound_to_the_net_cafe(services: Services) -> None:
    """Only a hotel owner and a landlord were bound: 极速网吧 had no owner to try."""
    async with services.sessions() as session:
        result = await seed_demo(session, services)
    assert DEMO_ROLES["demo-netcafe"] == "网吧老板（极速网吧）"
    assert await _netcafe_owners(services) == [(Role.OWNER, "极速网吧")]
    assert "网吧老板（极速网吧）" in result.invites
    async with services.sessions() as session:
        cafe = (await session.exec(select(Venue).where(Venue.name == "极速网吧"))).one()
    assert cafe.kind is VenueKind.INTERNET_CAFE
    # The owner's help is a net café's: fire-safety self-inspection, no guests to register.
    shown = await Chat(build_dispatcher(services), "demo-netcafe", channel="web").say("帮助")
    assert "/自查" in shown and "登记旅客" not in shown


async def test_a_demo_seeded_before_the_role_existed_gets_it_once(services: Services) -> None:
    async with services.sessions() as session:
        await seed_demo(session, services)
    async with services.sessions() as session:
        # As `make run` left var/demo.db before the net café's owner was added.
        account = (
            await session.exec(select(Account).where(Account.channel_user_id == "demo-netcafe"))
        ).one()
        link = (
            await session.exec(select(VenueOwner).where(VenueOwner.person_id == account.person_id))
        ).one()
        await session.delete(link)
        await session.delete(account)
        await session.commit()
    assert await _netcafe_owners(services) == []
    for _ in range(2):
        async with services.sessions() as session:
            await seed_demo(session, services)
    assert await _netcafe_owners(services) == [(Role.OWNER, "极速网吧")]


async def test_the_demo_has_a_station_head_who_reads_the_audit_log(services: Services) -> None:
    """`/审计` is the admin's: a demo without one had no way to try it."""
    async with services.sessions() as session:
        await seed_demo(session, services)
    dispatcher = build_dispatcher(services)
    officer = Chat(dispatcher, "demo-officer", channel="web")
    await officer.say("/查人 演示在逃人员")
    head = Chat(dispatcher, "demo-admin", channel="web")
    assert "以下是常用功能：\n/审计 — 审计日志" in await head.say("帮助")
    shown = await head.say("/审计")
    assert "城东社区民警" in shown
    assert "只有管理员" in await officer.say("/审计")
    # Seeding again (every `make run`) adds no second head.
    async with services.sessions() as session:
        await seed_demo(session, services)
    async with services.sessions() as session:
        heads = (await session.exec(select(Person).where(Person.role == Role.ADMIN))).all()
    assert len(heads) == 1
