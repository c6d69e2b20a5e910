"""Resolve the sender to an account and person; newcomers become residents."""

from __future__ import annotations

from sqlmodel import select

from bot.context import Context, Handler
from bot.messages import Reply
from storage.models import Account, Person, Role


async def identity(next_handler: Handler, ctx: Context) -> list[Reply]:
    msg = ctx.inbound
    row = (
        await ctx.session.exec(
            select(Account, Person)
            .join(Person, Account.person_id == Person.id)  # type: ignore[arg-type]
            .where(Account.channel == msg.channel, Account.channel_user_id == msg.sender_id)
        )
    ).first()
    if row is None:
        person = Person(role=Role.RESIDENT, display_name=msg.sender_name[:100])
        ctx.session.add(person)
        await ctx.session.flush()
        assert person.id is not None
        account = Account(channel=msg.channel, channel_user_id=msg.sender_id, person_id=person.id)
        ctx.session.add(account)
        await ctx.session.flush()
    else:
        account, person = row
    ctx.account, ctx.person = account, person
    return await next_handler(ctx)
