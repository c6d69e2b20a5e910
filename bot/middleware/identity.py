"""Resolve the sender to an account and person; newcomers become residents.

The same statement reads the sender's form row (`bot.forms.store.FormRead`): the form
middleware, or a command's line about the form left open, needs it on every message, and
a statement of its own had cost as much again.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy import Table, bindparam, inspect, select
from sqlalchemy.orm import Session, make_transient_to_detached
from sqlalchemy.orm.util import identity_key
from sqlmodel import SQLModel

from bot.context import Context, Handler
from bot.forms.store import COLUMNS as FORM_COLUMNS
from bot.forms.store import FormRead
from bot.messages import Reply
from storage.models import Account, FormState, Person, Role
from storage.write_marks import WriteMark

_FORM: Table = FormState.__table__  # type: ignore[attr-defined]
_ACCOUNT: Table = Account.__table__  # type: ignore[attr-defined]
_PERSON: Table = Person.__table__  # type: ignore[attr-defined]
# Each column's attribute name, which a sealed column's (`storage.sealed`) is not.
_ACCOUNT_KEYS = tuple(inspect(Account).get_property_by_column(c).key for c in _ACCOUNT.c)
_PERSON_KEYS = tuple(inspect(Person).get_property_by_column(c).key for c in _PERSON.c)
_PERSON_END = len(_ACCOUNT_KEYS) + len(_PERSON_KEYS)

# Built once: this runs for every message, and building a statement costs more than running it.
# Columns, not entities: the ORM's own load of the two objects (its compile step, its loading
# machinery) cost twice as much as the statement and the objects built here (`_attached`).
_LOOKUP = (
    select(*_ACCOUNT.c, *_PERSON.c, *FORM_COLUMNS)
    .join_from(_ACCOUNT, _PERSON, _ACCOUNT.c.person_id == _PERSON.c.id)
    .outerjoin(_FORM, _FORM.c.key == bindparam("form_key"))
    .where(_ACCOUNT.c.channel == bindparam("channel"))
    .where(_ACCOUNT.c.channel_user_id == bindparam("user"))
)

_Model = TypeVar("_Model", bound=SQLModel)


def _attached(
    session: Session, model: type[_Model], keys: Sequence[str], row: Sequence[Any]
) -> _Model:
    """The `model` object of `row` (its columns, `keys`, the primary key first) as the
    session's own, as if the ORM had loaded it: a change a handler makes is written when
    the session flushes. The one the session holds already, if it does."""
    held = session.identity_map.get(identity_key(model, row[0]))
    if held is not None:
        return held
    obj: _Model = inspect(model).class_manager.new_instance()
    obj.__dict__.update(zip(keys, row, strict=True))
    make_transient_to_detached(obj)  # loaded, unchanged
    session.add(obj)
    return obj


def _look_up(session: Session, ctx: Context) -> tuple[Account, Person] | None:
    msg = ctx.inbound
    params = {"channel": msg.channel, "user": msg.sender_id, "form_key": ctx.user_key}
    session.flush()  # what the session holds unwritten, as an ORM statement would
    conn = session.connection()
    row = conn.execute(_LOOKUP, params).first()
    if row is None:
        return None
    form = row[_PERSON_END:]
    ctx.form_read = FormRead(
        ctx.user_key, None if form[0] is None else tuple(form), WriteMark.now(conn)
    )
    account = _attached(session, Account, _ACCOUNT_KEYS, row[: len(_ACCOUNT_KEYS)])
    person = _attached(session, Person, _PERSON_KEYS, row[len(_ACCOUNT_KEYS) : _PERSON_END])
    return account, person


async def identity(next_handler: Handler, ctx: Context) -> list[Reply]:
    if hasattr(ctx, "person"):
        # A retold message (帮助，我被骗了 handled as 我被骗了) runs the middleware again in
        # the same transaction: the sender is the one found the first time.
        return await next_handler(ctx)
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
