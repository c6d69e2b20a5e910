"""Resolve the sender to an account and person; newcomers become residents.

The same statement reads the sender's form row (`bot.forms.store.FormRead`): the form
middleware, or a command's line about the form left open, needs it on every message, and
a statement of its own had cost as much again.
"""

from __future__ import annotations

from sqlalchemy import Table, bindparam, select
from sqlalchemy.orm import Session

from bot.context import Context, Handler
from bot.forms.store import COLUMNS as FORM_COLUMNS
from bot.forms.store import FormRead
from bot.messages import Reply
from storage.models import Account, FormState, Person, Role
from storage.write_marks import WriteMark

_FORM: Table = FormState.__table__  # type: ignore[attr-defined]

# Built once: this runs for every message, and building a statement costs more than running it.
_LOOKUP = (
    select(Account, Person, *FORM_COLUMNS)
    .join(Person, Account.person_id == Person.id)  # type: ignore[arg-type]
    .outerjoin(_FORM, _FORM.c.key == bindparam("form_key"))
    .where(Account.channel == bindparam("channel"))  # type: ignore[arg-type]
    .where(Account.channel_user_id == bindparam("user"))  # type: ignore[arg-type]
)


def _look_up(session: Session, ctx: Context) -> tuple[Account, Person] | None:
    msg = ctx.inbound
    params = {"channel": msg.channel, "user": msg.sender_id, "form_key": ctx.user_key}
    row = session.execute(_LOOKUP, params).first()
    if row is None:
        return None
    account, person, *form = row
    ctx.form_read = FormRead(
        ctx.user_key, None if form[0] is None else tuple(form), WriteMark.now(session.connection())
    )
    return account, person


async def identity(next_handler: Handler, ctx: Context) -> list[Reply]:
    msg = ctx.inbound
    # One trip into SQLAlchemy's sync layer: the statement, and the objects made from it.
    found = await ctx.session.run_sync(_look_up, ctx)
    if found is None:
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
        account, person = found
    ctx.account, ctx.person = account, person
    return await next_handler(ctx)
