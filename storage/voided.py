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

from collections.abc import Iterator
from typing import Any

from sqlalchemy import Table, event, inspect
from sqlalchemy.orm import ORMExecuteState, Session, with_loader_criteria
from sqlalchemy.sql.annotation import Annotated
from sqlalchemy.sql.cache_key import HasCacheKey
from sqlmodel import col

from storage.models.registration import GuestStay

#: The execution option that lets a query see voided stays.
INCLUDE_VOIDED = "include_voided"


def voided_label(stay: GuestStay) -> str:
    """已作废（客人未入住）: how an officer sees a voided stay in its own record."""
    return f"已作废（{stay.void_reason or '未说明'}）"


_TABLE: Table = GuestStay.__table__  # type: ignore[attr-defined]
_MAPPER = inspect(GuestStay)
#: Built once: building the option (it analyses its lambda) cost as much as the rest.
_HIDE = with_loader_criteria(
    GuestStay, lambda cls: col(cls.voided_at).is_(None), include_aliases=True
)
#: Whether a statement's shape (its cache key) reads `GuestStay`, anywhere in it. The
#: shapes are the queries written in the code, a few hundred; the bound is a safety net.
_READS_STAYS: dict[Any, bool] = {}
_SHAPES_KEPT = 2000


def _flat(key: Any) -> Iterator[Any]:
    if isinstance(key, tuple):
        for part in key:
            yield from _flat(part)
    else:
        yield key


def _is_stays(part: Any) -> bool:
    if isinstance(part, Annotated):
        part = part._deannotate()  # a table as an ORM entity carries annotations
    return part is _TABLE or part is _MAPPER


def _reads_stays(state: ORMExecuteState) -> bool:
    """Whether the statement may read `GuestStay` (and so needs the criterion).

    Adding the option to every select made a new statement whose cache key SQLAlchemy then
    worked out anew, on each execution, even for a statement built once (the sender's
    identity, on every message): about 60 µs a select. The cache key names every table,
    entity and alias in the statement, subqueries included, and SQLAlchemy keeps it on the
    statement, where compiling it finds it again; a shape is looked through once. A query
    that selects stays first needs no key: the option makes a new statement, whose key
    would be worked out a second time."""
    if state.bind_mapper is _MAPPER:
        return True
    statement = state.statement
    key = statement._generate_cache_key() if isinstance(statement, HasCacheKey) else None
    if key is None:
        return True  # not cacheable: cannot tell, so hide them as before
    shape = key.key
    found = _READS_STAYS.get(shape)
    if found is None:
        if len(_READS_STAYS) >= _SHAPES_KEPT:
            _READS_STAYS.clear()
        found = _READS_STAYS[shape] = any(_is_stays(part) for part in _flat(shape))
    return found


@event.listens_for(Session, "do_orm_execute")
def _hide_voided(state: ORMExecuteState) -> None:
    # Column and relationship loads are of rows already found: a voided stay in hand
    # (being voided, or undone) must still refresh.
    if (
        not state.is_select
        or state.is_column_load
        or state.is_relationship_load
        or state.execution_options.get(INCLUDE_VOIDED, False)
        or not _reads_stays(state)
    ):
        return
    state.statement = state.statement.options(_HIDE)
