"""Message text at rest: sealed with the field cipher that the session factory carries.

Outbox rows, web inbox rows, conversation memos and long Telegram button values hold what
people wrote: a tip, a question to an officer, the last legal question, a guest's name in a
button. Each is stored as a `FieldCipher` token bound to its column, so reading the database
(or a backup of it) shows no message text.
"""

from __future__ import annotations

from sqlmodel.ext.asyncio.session import AsyncSession

from storage.crypto import FieldCipher

#: Where `make_session_factory` puts the cipher in every session's `info`.
CIPHER = "cipher"


def cipher_of(session: AsyncSession) -> FieldCipher:
    cipher = session.info.get(CIPHER)
    if not isinstance(cipher, FieldCipher):
        raise RuntimeError("this session was not made by make_session_factory(engine, cipher)")
    return cipher


def seal(session: AsyncSession, text: str, column: str) -> str:
    return cipher_of(session).encrypt(text, column)


def unseal(session: AsyncSession, stored: str, column: str) -> str:
    return unseal_with(cipher_of(session), stored, column)


def unseal_with(cipher: FieldCipher, stored: str, column: str) -> str:
    # Outbox, inbox and memo rows written before sealing hold their JSON as it was; they
    # age out (outbox, inbox) or expire within a day (memos). Telegram button values were
    # plain text: the migration that brought sealing deleted them.
    if stored.startswith(("[", "{")):
        return stored
    return cipher.decrypt(stored, column)
