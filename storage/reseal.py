"""Re-encrypt sealed values with the current data key, so that an old key can be retired.

A rotation (a new key made current) seals new rows with the new key and leaves old rows
sealed with the old one, which must therefore stay configured. `reseal` rewrites the old
rows, batch by batch, until no value needs the old key; `key_usage` tells which keys the
database still needs.

It may run while servers run, provided they already use the new current key: each row is
rewritten only if it still holds the value read (compare and swap), so a row a server
changed in between is left as the server wrote it, sealed with the current key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, Table, and_, bindparam, func, not_, update
from sqlalchemy import select as sa_select
from sqlmodel import SQLModel, select
from sqlmodel.ext.asyncio.session import AsyncSession

import storage.models  # noqa: F401  (registers the tables)
from storage.crypto import CryptoError, FieldCipher
from storage.wanted_sealing import DETAIL_COLUMN, PLAIN_MARK

#: Sealed columns whose names do not end in `_enc`, with the context their tokens are
#: bound to (the constants live with the code that writes them: storage.outbox,
#: bot.channels.rest, storage.models.memo and .telegram, bot.keys, storage.wanted_sealing).
_OTHER_SEALED = {
    ("outbox", "payload"): "outbox.payload",
    ("web_inbox", "payload"): "web_inbox.payload",
    ("user_memo", "value"): "user_memo.value",
    ("telegram_callback", "value"): "telegram_callback.value",
    ("key_check", "sealed"): "key_check.sealed",
    ("wanted_change", "detail"): DETAIL_COLUMN,
}
#: `_enc` columns bound to something other than "table.column" (bot.forms.store).
_CONTEXTS = {("form_state", "data_enc"): "form_state"}


@dataclass(frozen=True)
class SealedColumn:
    table: Table
    column: str
    #: What the tokens are bound to (`FieldCipher.encrypt`'s context).
    context: str

    @property
    def name(self) -> str:
        return f"{self.table.name}.{self.column}"


def sealed_columns() -> list[SealedColumn]:
    """Every column that holds `FieldCipher` tokens: each `*_enc` column (bound to
    "table.column" without the suffix, by convention) and the message-text columns."""
    found = []
    for table in SQLModel.metadata.sorted_tables:
        for column in table.columns:
            key = (table.name, column.name)
            if column.name.endswith("_enc"):
                context = _CONTEXTS.get(key, f"{table.name}.{column.name.removesuffix('_enc')}")
            elif key in _OTHER_SEALED:
                context = _OTHER_SEALED[key]
            else:
                continue
            found.append(SealedColumn(table, column.name, context))
    return found


class ResealError(Exception):
    """A value cannot be read with the configured keys; the message names where it is."""


def _sealed(column: SealedColumn) -> ColumnElement[bool]:
    """Rows whose value is a token: not empty, and not the plain JSON that outbox, inbox and
    memo rows written before sealing hold (see storage.sealed)."""
    value = column.table.c[column.column]
    return and_(
        value.is_not(None),
        value != "",
        not_(value.startswith("[")),
        not_(value.startswith("{")),
    )


def _with_key(column: SealedColumn, key_id: str) -> ColumnElement[bool]:
    return column.table.c[column.column].startswith(f"{key_id}:", autoescape=True)


@dataclass
class KeyUsage:
    """How many sealed values each configured key holds, and how many no configured key can
    read (sealed with a key that was removed)."""

    by_key: dict[str, dict[str, int]] = field(default_factory=dict)
    unreadable: dict[str, int] = field(default_factory=dict)
    #: Values not sealed yet (left plain by a migration that had no key).
    plaintext: dict[str, int] = field(default_factory=dict)

    def total(self, key_id: str) -> int:
        return sum(self.by_key.get(key_id, {}).values())


async def key_usage(session: AsyncSession, cipher: FieldCipher) -> KeyUsage:
    usage = KeyUsage({key_id: {} for key_id in cipher.keys})
    for column in sealed_columns():
        sealed = _sealed(column)
        counted = 0
        for key_id in cipher.keys:
            query = select(func.count()).select_from(column.table)
            count = (await session.exec(query.where(sealed, _with_key(column, key_id)))).one()
            if count:
                usage.by_key[key_id][column.name] = count
                counted += count
        plain = column.table.c[column.column].startswith(PLAIN_MARK, autoescape=True)
        query = select(func.count()).select_from(column.table)
        if left := (await session.exec(query.where(plain))).one():
            usage.plaintext[column.name] = left
            counted += left
        everything = (await session.exec(query.where(sealed))).one()
        if everything > counted:
            usage.unreadable[column.name] = everything - counted
    return usage


def _stale(column: SealedColumn, cipher: FieldCipher) -> ColumnElement[bool]:
    return and_(_sealed(column), not_(_with_key(column, cipher.current_key_id)))


async def count_stale(session: AsyncSession, cipher: FieldCipher) -> int:
    """How many values are sealed with a key other than the current one."""
    total = 0
    for column in sealed_columns():
        query = select(func.count()).select_from(column.table)
        total += (await session.exec(query.where(_stale(column, cipher)))).one()
    return total


async def reseal(
    session: AsyncSession,
    cipher: FieldCipher,
    batch: int = 500,
    advance: Callable[[int], None] = lambda _n: None,
) -> dict[str, int]:
    """Rewrite every value not sealed with the current key; commit after each batch.
    Returns how many values of each column were rewritten. Raises `ResealError` for a
    value the configured keys cannot read (it names the column and the key id)."""
    done: dict[str, int] = {}
    for column in sealed_columns():
        table, value = column.table, column.table.c[column.column]
        keys = [c.name for c in table.primary_key.columns]
        query = sa_select(*(table.c[k] for k in keys), value).where(_stale(column, cipher))
        swap = (
            update(table)
            .where(*(table.c[k] == bindparam(f"key_{k}") for k in keys))
            .where(value == bindparam("old"))
            .values({column.column: bindparam("new")})
        )
        while rows := (await (await session.connection()).execute(query.limit(batch))).all():
            changed = 0
            for row in rows:
                old = row[-1]
                try:
                    # What the migration that sealed wanted persons' names left marked plain.
                    plain = old.removeprefix(PLAIN_MARK)
                    if plain == old:
                        plain = cipher.decrypt(old, column.context)
                except (CryptoError, ValueError):
                    key_id = old.partition(":")[0]
                    raise ResealError(
                        f"{column.name} holds a value that key {key_id!r} should read and "
                        "cannot: list every key the database was written with in data_keys"
                    ) from None
                where = {f"key_{k}": v for k, v in zip(keys, row[:-1], strict=True)}
                new = cipher.encrypt(plain, column.context)
                # One statement a row: executemany's row count is not reliable on every
                # driver, and the count is how a lost race is noticed.
                result = await session.exec(swap, params={**where, "old": old, "new": new})
                changed += result.rowcount
            await session.commit()
            done[column.name] = done.get(column.name, 0) + changed
            advance(len(rows))
            if changed == 0:
                # Every row of the batch was rewritten by someone else between our read and
                # our write, with a key that is still not current: a server still runs with
                # the old current_key_id. Going on would chase it forever.
                raise ResealError(
                    f"{column.name} keeps being written with an old key: restart every "
                    f"server with current_key_id = {cipher.current_key_id!r}, then run again"
                )
    return {name: n for name, n in done.items() if n}
