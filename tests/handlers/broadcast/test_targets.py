"""Who an alert reaches, looked up as a station's database grows."""

from __future__ import annotations

from sqlmodel import delete

from bot.channels.rest.channel import RestChannel
from bot.channels.wechat_mp.channel import WechatMpChannel
from bot.channels.wecom.channel import WecomChannel
from bot.context import Services
from handlers.broadcast.audience import Audience
from handlers.broadcast.targets import resolve
from storage.models import Account, Person, Role, Venue, VenueKind, VenueOwner
from tests.support.plans import plans, sqlite_only, statements
from tests.support.seed import Seeded


async def test_the_owners_of_many_venues_are_found_from_the_venues(
    services: Services, seeded: Seeded
) -> None:
    """With the owners of a whole station to find, SQLite walked every chat account (the
    residents' too: 20,000 at a district station) and looked each up among the owners: a
    third of a second for every alert, twice when it was sent."""
    sqlite_only(services)
    assert seeded.beat.id is not None and seeded.station.id is not None
    async with services.sessions() as session:
        shops = [
            Venue(kind=VenueKind.SHOP, name=f"小店{n}", beat_id=seeded.beat.id) for n in range(60)
        ]
        owners = [Person(role=Role.OWNER) for _ in shops]
        residents = [Person(role=Role.RESIDENT) for _ in range(100)]
        session.add_all([*shops, *owners, *residents])
        await session.flush()
        for shop, owner in zip(shops, owners, strict=True):
            assert shop.id is not None and owner.id is not None
            session.add(VenueOwner(person_id=owner.id, venue_id=shop.id))
        for person in [*owners, *residents]:
            assert person.id is not None
            session.add(
                Account(channel="wecom", channel_user_id=f"u{person.id}", person_id=person.id)
            )
        await session.commit()
    audience = Audience(beats=(seeded.beat.id,), label="本警务区")
    async with services.sessions() as session:
        async with statements(session) as sent:
            reached = await resolve(session, services.channels, audience, seeded.station.id)
        (plan,) = await plans(session, sent, "venueowner")
    assert len(reached) == 62  # the shops' owners, the hotel's and the landlord
    assert "SEARCH venueowner USING INDEX ix_venueowner_venue_id" in plan, plan
    assert "SCAN account" not in plan, plan


async def test_an_owner_with_several_accounts_hears_on_the_surest_one(
    services: Services, seeded: Seeded
) -> None:
    """The WeCom app pushes at any time, the web page holds an alert until opened, and the
    official account may send only within 48 hours of the owner's last message: an owner
    with all three hears on WeCom, then on the web page. An account on a channel the server
    does not run (the seeded one) is never chosen over these."""
    services.channels.update(
        {c.name: c.facts for c in (WechatMpChannel, RestChannel, WecomChannel)}
    )
    assert seeded.owner.id is not None and seeded.hotel.id is not None
    assert seeded.station.id is not None
    async with services.sessions() as session:
        for channel in ("wechat_mp", "web", "wecom"):
            session.add(
                Account(
                    channel=channel, channel_user_id=f"{channel}-owner", person_id=seeded.owner.id
                )
            )
        await session.commit()
    audience = Audience(venues=(seeded.hotel.id,), label="平安旅馆")

    async def heard_on() -> set[str]:
        async with services.sessions() as session:
            reached = await resolve(session, services.channels, audience, seeded.station.id)  # type: ignore[arg-type]
        return {t.chat_id for t in reached}

    assert await heard_on() == {"wecom-owner"}
    for gone, then in (("wecom", "web-owner"), ("web", "wechat_mp-owner")):
        async with services.sessions() as session:
            await session.exec(delete(Account).where(Account.channel == gone))  # type: ignore[arg-type]
            await session.commit()
        assert await heard_on() == {then}
