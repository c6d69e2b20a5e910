"""Whether the sender has any rows at all of the kinds the fallback's checks look for.

A sentence no route claims (现在几点) passes checks that each ask the database about the
sender: an officer's answer to reply to, an alert received or acknowledged lately, a
report or tip waiting for its answer, a report closed lately. Most senders have none of
these, ever, and the checks' own statements (seven, a third of such a message's CPU) all
come back empty. One statement of existence flags, read once a message, tells a check
that cannot find anything to give up before it builds its query.

The flags stand while nothing has been written in the message's transaction since they
were read (`storage.write_marks`) and no ORM change waits to be flushed: a report filed,
or a form submitted, in the same message is seen.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Table, and_, bindparam, exists, or_, select
from sqlalchemy.orm import Session

from bot.context import Context
from handlers.tips.codes import source_index
from storage.models import BroadcastAck, BroadcastRecipient, Question, Report, TipSource
from storage.write_marks import WriteMark

_QUESTION: Table = Question.__table__  # type: ignore[attr-defined]
_REPORT: Table = Report.__table__  # type: ignore[attr-defined]
_TIP_SOURCE: Table = TipSource.__table__  # type: ignore[attr-defined]
_RECIPIENT: Table = BroadcastRecipient.__table__  # type: ignore[attr-defined]
_ACK: Table = BroadcastAck.__table__  # type: ignore[attr-defined]

# Built once, as `handlers.services.questions`, `handlers.questions`, `handlers.reports.
# pending` and `handlers.tips.pending` ask: each flag is the part of their condition that
# names the sender.
_READ = select(
    exists().where(_QUESTION.c.person_id == bindparam("person")),
    exists().where(_REPORT.c.reporter_person_id == bindparam("person")),
    exists().where(_TIP_SOURCE.c.source_idx == bindparam("source")),
    exists().where(
        or_(
            and_(
                _RECIPIENT.c.channel == bindparam("channel"),
                _RECIPIENT.c.chat_id == bindparam("chat"),
            ),
            _RECIPIENT.c.person_id == bindparam("person"),
        )
    ),
    exists().where(_ACK.c.person_id == bindparam("person")),
)
#: The last read, in `Session.info`.
_LAST_READ = "jingmin_footprint"


@dataclass(frozen=True)
class Footprint:
    #: Questions the sender asked an officer.
    questions: bool
    #: Reports the sender filed.
    reports: bool
    #: Tips the sender gave (by their source index: anonymous ones too).
    tips: bool
    #: Alerts that reached this chat, or the sender on any chat.
    alerts: bool
    #: Alerts the sender acknowledged.
    acks: bool


@dataclass(frozen=True)
class _Read:
    params: dict[str, Any]
    mark: WriteMark
    found: Footprint


def _read(session: Session, params: dict[str, Any]) -> Footprint:
    session.flush()  # an ORM change waiting (a report just added) is a row too
    last: _Read | None = session.info.get(_LAST_READ)
    if last is not None and last.params == params and last.mark.unwritten():
        return last.found
    conn = session.connection()
    row = conn.execute(_READ, params).one()
    found = Footprint(*(bool(flag) for flag in row))
    session.info[_LAST_READ] = _Read(params, WriteMark.now(conn), found)
    return found


async def footprint(ctx: Context) -> Footprint:
    """The sender's flags, as this transaction sees them now."""
    msg = ctx.inbound
    params = {
        "person": ctx.person.id,
        "source": source_index(ctx.services, ctx.person),
        "channel": msg.channel,
        "chat": msg.chat_id,
    }
    last: _Read | None = ctx.session.info.get(_LAST_READ)
    sync = ctx.session.sync_session
    if (
        last is not None
        and last.params == params
        and last.mark.unwritten()
        and not (sync.new or sync.dirty or sync.deleted)
    ):
        # The trip into SQLAlchemy's sync layer spared: several checks ask in a message.
        return last.found
    return await ctx.session.run_sync(_read, params)
