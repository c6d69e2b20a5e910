"""Guests' and tenants' phones, found through a blind index (`/查人 13812345678`).

A phone is indexed as digits alone, so that 138 1234 5678, 138-1234-5678 and +86 138 1234
5678 are one number: the country code 86 (after +, 00 or nothing) is dropped, and a landline
written with it gets its trunk 0 back (+86 371 6512 3456 is 0371-65123456). A number from
abroad keeps its country code (+44 7700 900123 and 0044 7700 900123 are 447700900123).

The migration that added the index had no keys: rows written before it get theirs at the
first start of a jingmin process with the keys (`index_phones`), as wanted persons' names
were sealed (`storage.wanted_sealing`).
"""

from __future__ import annotations

import logging
import re
import unicodedata

from sqlalchemy import select, update
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.crypto import BlindIndex, CryptoError, FieldCipher
from storage.models.registration import GuestStay, Tenancy, phone_unindexed

log = logging.getLogger(__name__)

#: Blind-index purpose of guests' and tenants' phones. Not `venue_registry.PHONE`: a
#: guest's and a landlord's phone hashes must not be comparable in a stolen database.
PURPOSE = "person_phone"
#: Rows filled and committed at a time.
BATCH = 500

_MOBILE = re.compile(r"1[3-9]\d{9}")
#: Shortest mainland number after 86: a two-digit area code (no 0) and seven digits.
_SHORTEST_AFTER_86 = 9


def normalise_phone(phone: str) -> str:
    """The form a phone is indexed under: its digits, without the mainland country code."""
    digits = "".join(ch for ch in unicodedata.normalize("NFKC", phone) if "0" <= ch <= "9")
    # 00 is the international call prefix, as + is; no mainland number starts with it.
    digits = digits.removeprefix("00")
    # No mainland number written without the country code starts with 86 (mobiles start
    # with 1, landlines with 0), and no other country's code does.
    if digits.startswith("86") and len(digits) - 2 >= _SHORTEST_AFTER_86:
        digits = digits[2:]
        if not (_MOBILE.fullmatch(digits) or digits.startswith("0")):
            digits = "0" + digits
    return digits


def phone_index(index: BlindIndex, phone: str) -> str | None:
    """The blind index of a guest's or tenant's phone; None for no phone."""
    return index.exact(normalise_phone(phone), PURPOSE) if phone else None


async def index_phones(
    session: AsyncSession, cipher: FieldCipher, index: BlindIndex, batch: int = BATCH
) -> int:
    """Fill the phone index of rows that have a phone and no index; returns how many.
    A phone the configured keys cannot read is left unindexed, with a warning."""
    connection = await session.connection()
    filled = 0
    for table in (GuestStay.__table__, Tenancy.__table__):  # type: ignore[attr-defined]
        context = f"{table.name}.phone"
        unreadable, after = 0, 0
        while True:
            # The partial index's own clause, so that it is used; in id order from where the
            # last batch ended, past rows that cannot be read.
            query = (
                select(table.c.id, table.c.phone_enc)
                .where(phone_unindexed(table), table.c.id > after)
                .order_by(table.c.id)
                .limit(batch)
            )
            rows = (await connection.execute(query)).all()
            if not rows:
                break
            for row_id, sealed in rows:
                after = row_id
                try:
                    phone = cipher.decrypt(sealed, context)
                except (CryptoError, ValueError):
                    unreadable += 1
                    continue
                # Only if the row still holds what was read: a server may have rewritten it.
                swap = update(table).where(
                    table.c.id == row_id,
                    table.c.phone_enc == sealed,
                    table.c.phone_idx.is_(None),
                )
                await connection.execute(swap.values(phone_idx=phone_index(index, phone)))
                filled += 1
            await session.commit()
            connection = await session.connection()
        if unreadable:
            log.warning(
                "%d phones in %s cannot be read with the configured data_keys and stay "
                "unsearchable by phone: list every key the database was written with",
                unreadable,
                table.name,
            )
    return filled
