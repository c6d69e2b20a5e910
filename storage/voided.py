"""Voided guest registrations (作废登记) are hidden from every ORM query of `GuestStay`.

A voided stay keeps its row for the audit, yet no list or count may say the guest stayed:
在住旅客, 今日登记, overdue, the officer's venue views, digests, risk rules and wanted
matching all read `GuestStay`. One criterion added to every ORM select here, rather than a
filter copied into each of those queries, also covers the queries written after this one.
What must see a voided stay (the void itself, its undo, the stay's own record) asks with
`.execution_options(include_voided=True)`. Core statements on the table (retention,
resealing, phone indexing) are not ORM queries and see every row, as they should.
"""

from __future__ import annotations

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria
from sqlmodel import col

from storage.models.registration import GuestStay

#: The execution option that lets a query see voided stays.
INCLUDE_VOIDED = "include_voided"


def voided_label(stay: GuestStay) -> str:
    """已作废（客人未入住）: how an officer sees a voided stay in its own record."""
    return f"已作废（{stay.void_reason or '未说明'}）"


@event.listens_for(Session, "do_orm_execute")
def _hide_voided(state: ORMExecuteState) -> None:
    # Column and relationship loads are of rows already found: a voided stay in hand
    # (being voided, or undone) must still refresh.
    if (
        not state.is_select
        or state.is_column_load
        or state.is_relationship_load
        or state.execution_options.get(INCLUDE_VOIDED, False)
    ):
        return
    state.statement = state.statement.options(
        with_loader_criteria(
            GuestStay, lambda cls: col(cls.voided_at).is_(None), include_aliases=True
        )
    )
