"""Resolve the sender to an account and person; newcomers become residents."""

from __future__ import annotations

from sqlalchemy import bindparam
from sqlmodel import col, select

from bot.context import Context, Handler
from bot.messages import Reply
from storage.models import Account, Person, Role

# Built once: this runs for every message, and building a statement costs more than running it.
_LOOKUP = (
    select(Account, Person)
    .join(Person, col(Account.person_id) == col(Person.id))
    .where(
        col(Account.channel) == bindparam("channel"),
        col(Account.channel_user_id) == bindparam("user"),
    )
)


async def identity(next_handler: Handler, ctx: Context) -> list[Reply]:
    msg = ctx.inbound
    found = await ctx.session.exec(_LOOKUP, params={"channel": msg.channel, "user": msg.sender_id})
    row = found.first()
    if row is None:
        # The messenger display name is not kept: residents may be tipsters, and the bot
        # has no need to know who they are.
        person = Person(role=Role.RESIDENT)
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
