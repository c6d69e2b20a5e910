"""A wanted person's name and aliases at rest: sealed, as guests' names are.

The code reads and writes `WantedPerson.name` and `.aliases` in plain text; the columns under
them (`name_enc`, `aliases_enc`) hold `FieldCipher` tokens. A flush seals what changed and a
load unseals, with the cipher the session factory put in the session (`storage.sealed`).
Bulk statements skip these events: they seal their values with `sealed_values`.

The migration that brought sealing had no key: it marked the names it found with
`PLAIN_MARK`, and the first `jingmin` process to start with the keys seals them, and the
history rows written before (plain JSON) too (`seal_plaintext`); until then they read as
they were. Every start looks, through partial indexes that hold only such rows: once all
is sealed the look reads two empty indexes, and a database upgraded later (a backup from
before sealing, restored) is still sealed at its first start.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import event, select, update
from sqlalchemy.orm import Mapper, QueryContext, Session, attributes, object_session
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.crypto import FieldCipher
from storage.models.watchlist import (
    LEGACY_DETAIL,
    PLAIN_MARK,
    PLAIN_WANTED,
    WantedChange,
    WantedPerson,
)
from storage.sealed import CIPHER

#: Attribute -> the context its tokens are bound to ("table.column" without `_enc`).
SEALED = {"name": "wanted_person.name", "aliases": "wanted_person.aliases"}
#: What a wanted person's history row (`WantedChange.detail`: the name changed, from what)
#: is sealed to; handlers.wanted.history seals and reads it.
DETAIL_COLUMN = "wanted_change.detail"
#: The session's objects sealed for a flush that has not finished (`_seal`, `_restore`).
_IN_FLIGHT = "wanted_sealing.in_flight"


def seal_value(cipher: FieldCipher, text: str, context: str) -> str:
    return cipher.encrypt(text, context) if text else ""


def unseal_value(cipher: FieldCipher, stored: str, context: str) -> str:
    if not stored:
        return ""
    if stored.startswith(PLAIN_MARK):
        return stored.removeprefix(PLAIN_MARK)
    return cipher.decrypt(stored, context)


def sealed_values(cipher: FieldCipher, values: Mapping[str, Any]) -> dict[str, Any]:
    """`values` (attribute -> value, for a bulk INSERT or UPDATE) with name and aliases sealed."""
    return {
        key: seal_value(cipher, value, SEALED[key]) if key in SEALED else value
        for key, value in values.items()
    }


def _cipher(session: Session | None) -> FieldCipher:
    cipher = session.info.get(CIPHER) if session is not None else None
    if not isinstance(cipher, FieldCipher):
        raise RuntimeError("this session was not made by make_session_factory(engine, cipher)")
    return cipher


def _seal(target: WantedPerson, only_changed: bool) -> None:
    session = object_session(target)
    cipher = _cipher(session)
    state = attributes.instance_state(target)
    for key, context in SEALED.items():
        if only_changed and not state.attrs[key].history.has_changes():
            continue
        plain = getattr(target, key) or ""
        state.info[key] = plain
        setattr(target, key, seal_value(cipher, plain, context))
    if session is not None:
        # Until the row is written: a flush that fails must not leave the token behind.
        session.info.setdefault(_IN_FLIGHT, set()).add(state)


def _restore(target: WantedPerson) -> None:
    """After the row is written, or its flush failed, the object holds the plain values
    again, unchanged."""
    state = attributes.instance_state(target)
    if (session := object_session(target)) is not None:
        session.info.get(_IN_FLIGHT, set()).discard(state)
    for key in SEALED:
        if key in state.info:
            attributes.set_committed_value(target, key, state.info.pop(key))


def _unseal(target: WantedPerson, session: Session | None, keys: Iterable[str] = SEALED) -> None:
    cipher = _cipher(session)
    loaded = attributes.instance_state(target).dict
    for key in keys:
        if key in loaded:
            value = unseal_value(cipher, loaded[key], SEALED[key])
            attributes.set_committed_value(target, key, value)


@event.listens_for(WantedPerson, "before_insert")
def _before_insert(_mapper: Mapper[Any], _connection: Any, target: WantedPerson) -> None:
    _seal(target, only_changed=False)


@event.listens_for(WantedPerson, "before_update")
def _before_update(_mapper: Mapper[Any], _connection: Any, target: WantedPerson) -> None:
    _seal(target, only_changed=True)


@event.listens_for(WantedPerson, "after_insert")
@event.listens_for(WantedPerson, "after_update")
def _after_write(_mapper: Mapper[Any], _connection: Any, target: WantedPerson) -> None:
    _restore(target)


@event.listens_for(WantedPerson, "load")
def _on_load(target: WantedPerson, context: QueryContext) -> None:
    _unseal(target, context.session)


@event.listens_for(WantedPerson, "refresh")
def _on_refresh(target: WantedPerson, context: QueryContext, attrs: Iterable[str] | None) -> None:
    # Only what was reloaded: the other attributes already hold plain text.
    _unseal(target, context.session, SEALED if attrs is None else SEALED.keys() & set(attrs))


@event.listens_for(Session, "after_soft_rollback")
def _after_rollback(session: Session, _previous: Any) -> None:
    for state in session.info.pop(_IN_FLIGHT, set()):
        if (target := state.obj()) is not None:
            _restore(target)


async def seal_plaintext(session: AsyncSession, cipher: FieldCipher) -> int:
    """Seal the names and aliases the migration left marked plain, and the history rows
    written before sealing; returns how many rows."""
    connection = await session.connection()
    table = WantedPerson.__table__  # type: ignore[attr-defined]
    # The partial indexes' own clauses (storage.models.watchlist), so that they are used.
    query = select(table.c.id, table.c.name_enc, table.c.aliases_enc).where(PLAIN_WANTED)
    rows = (await connection.execute(query)).all()
    for row_id, name, aliases in rows:
        values = {}
        for column, stored, context in (
            ("name_enc", name, SEALED["name"]),
            ("aliases_enc", aliases, SEALED["aliases"]),
        ):
            if stored.startswith(PLAIN_MARK):
                values[column] = seal_value(cipher, stored.removeprefix(PLAIN_MARK), context)
        # Only if the row still holds what was read: a server may have rewritten it.
        swap = update(table).where(
            table.c.id == row_id, table.c.name_enc == name, table.c.aliases_enc == aliases
        )
        await connection.execute(swap.values(values))
    history = WantedChange.__table__  # type: ignore[attr-defined]
    query = select(history.c.id, history.c.detail).where(LEGACY_DETAIL)
    changes = (await connection.execute(query)).all()
    for row_id, detail in changes:
        swap = update(history).where(history.c.id == row_id, history.c.detail == detail)
        await connection.execute(swap.values(detail=cipher.encrypt(detail, DETAIL_COLUMN)))
    await session.commit()
    return len(rows) + len(changes)
