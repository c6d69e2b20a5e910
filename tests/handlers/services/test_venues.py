"""An owner's kinds of place: read once a message, and a binding made in it is seen."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import select

from bot.context import Context, Services
from bot.dispatch import Dispatcher
from bot.messages import Inbound
from handlers.services.invites import create_invite, redeem_invite
from handlers.services.people import revoke
from handlers.services.venues import owner_kinds
from storage.models import Account, Role, VenueKind
from tests.support.chat import Chat
from tests.support.seed import Seeded


@contextmanager
def bindings_read(engine: AsyncEngine) -> Iterator[list[str]]:
    """The statements sent inside that read the venue bindings."""
    sent: list[str] = []

    def note(_conn: Any, _cursor: Any, statement: str, *_rest: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT") and "venueowner" in statement:
            sent.append(statement)

    event.listen(engine.sync_engine, "before_cursor_execute", note)
    try:
        yield sent
    finally:
        event.remove(engine.sync_engine, "before_cursor_execute", note)


async def _engine(services: Services) -> AsyncEngine:
    async with services.sessions() as session:
        return (await session.connection()).engine  # type: ignore[return-value]


async def test_an_owners_message_reads_their_kinds_once(
    dispatcher: Dispatcher, services: Services, seeded: Seeded
) -> None:
    """Help, hints, legal answers and 没有理解 all ask what the owner has: a typo's hint
    asks twice (what to offer, and its help line), the database once."""
    chat = Chat(dispatcher, "owner")
    with bindings_read(await _engine(services)) as sent:
        reply = await chat.say("登集")
    assert "您是想用「登记」（登记旅客）吗？" in reply
    assert len(sent) == 1


async def test_a_binding_made_in_the_message_is_seen(services: Services, seeded: Seeded) -> None:
    """An invite code redeemed after the help was read: the new place is in the answer; a
    place taken away in the message is gone from it."""
    async with services.sessions() as session:
        account = (
            await session.exec(select(Account).where(Account.channel_user_id == "owner"))
        ).one()
        ctx = Context(
            Inbound(channel="test", chat_id="owner", sender_id="owner", text=""), session, services
        )
        ctx.account, ctx.person = account, seeded.owner
        assert await owner_kinds(ctx) == {VenueKind.HOTEL}
        assert await owner_kinds(ctx) == {VenueKind.HOTEL}
        code = await create_invite(
            session, role=Role.OWNER, now=ctx.now, ttl=timedelta(days=1), venue_id=seeded.rental.id
        )
        await redeem_invite(session, code, account, seeded.owner, ctx.now)
        assert await owner_kinds(ctx) == {VenueKind.HOTEL, VenueKind.RENTAL}
        assert seeded.owner.id is not None
        await revoke(session, seeded.owner.id, ctx.now, venue_id=seeded.hotel.id)
        assert await owner_kinds(ctx) == {VenueKind.RENTAL}
