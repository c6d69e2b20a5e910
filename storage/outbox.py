"""Queue a message for delivery in the caller's transaction."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import ColumnElement, and_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot import codec
from bot.messages import Reply
from storage.models import Account, OutboxMessage
from storage.sealed import seal, unseal

#: The column an outbox payload is sealed for.
PAYLOAD = "outbox.payload"

QUEUED = "outbox_queued"

#: How the outbox keys of messages to a tipster begin (`handlers.tips.relay` writes them).
TO_TIPSTER = "to-tipster:"

#: The longest key the outbox stores as it is (`OutboxMessage.dedupe_key`).
KEY_MOST = 200
#: How a key names its target (`->channel:chat`, see `enqueue_to_account`).
_TO = "->"
#: Of a longer key's message part, the characters kept before its digest: more than any
#: prefix the jobs look their keys up by (`keys_with_prefix`).
_HEAD = 64
#: A digest's length in the key: `#` and 16 bytes in hex.
_DIGEST = 33


def stored_key(key: str) -> str:
    """`key` as the outbox stores it: as it is up to `KEY_MOST` characters (every key
    stored so far, so rows already queued still match). A longer one keeps its beginning
    and its target (`->channel:chat`, which `bot.channels.rest.carry` rewrites and
    `handlers.services.people` strips) readable, its message part cut to `_HEAD`
    characters and a digest of the whole part: two long keys that differ only at their
    end are two messages, and the same long key is always stored the same way."""
    if len(key) <= KEY_MOST:
        return key
    message, to, target = key.rpartition(_TO)
    short = _HEAD + _DIGEST
    if to and len(message) > short and short + len(to + target) <= KEY_MOST:
        # The cut depends on the message part alone: the same message to any target
        # begins the same way, whatever the length of each chat id.
        return _digested(message, short) + to + target
    return _digested(key, KEY_MOST)


def _digested(text: str, most: int) -> str:
    digest = hashlib.blake2b(text.encode(), digest_size=(_DIGEST - 1) // 2).hexdigest()
    return f"{text[: most - _DIGEST]}#{digest}"


def enqueue(
    session: AsyncSession,
    *,
    dedupe_key: str,
    channel: str,
    chat_id: str,
    replies: list[Reply],
    now: datetime,
    priority: int = 0,
) -> OutboxMessage:
    """Add an outbox row; the unique `dedupe_key` (stored as `stored_key` says) makes a
    second enqueue of the same (message, target) fail at commit instead of sending twice.
    Higher `priority` goes first."""
    row = OutboxMessage(
        dedupe_key=stored_key(dedupe_key),
        channel=channel,
        chat_id=chat_id,
        payload=seal(session, codec.dumps(replies), PAYLOAD),
        parts=len(replies),
        next_attempt_at=now,
        created_at=now,
        priority=priority,
    )
    session.add(row)
    # Tells whoever commits this session that there is something to deliver now.
    session.info[QUEUED] = True
    return row


def enqueue_to_account(
    session: AsyncSession,
    account: Account,
    *,
    message_key: str,
    replies: list[Reply],
    now: datetime,
    priority: int = 0,
) -> OutboxMessage:
    """Private chats: the chat id is the user id on every channel we support."""
    return enqueue(
        session,
        dedupe_key=_account_key(message_key, account),
        channel=account.channel,
        chat_id=account.channel_user_id,
        replies=replies,
        now=now,
        priority=priority,
    )


def enqueue_to_accounts(
    session: AsyncSession,
    accounts: Iterable[Account],
    *,
    message_key: str,
    replies: list[Reply],
    now: datetime,
    priority: int = 0,
) -> None:
    """The same message to each account's private chat (one row each)."""
    for account in accounts:
        enqueue_to_account(
            session, account, message_key=message_key, replies=replies, now=now, priority=priority
        )


def _account_key(message_key: str, account: Account) -> str:
    if forgets_chat_when_sent(message_key):
        # Already unique to its one recipient (a keyed hash), and the account beside it
        # would name the anonymous tipster in the key the row keeps until it is deleted.
        return message_key
    return f"{message_key}->{account.channel}:{account.channel_user_id}"


async def enqueue_once(
    session: AsyncSession,
    accounts: Iterable[Account],
    *,
    message_key: str,
    replies: list[Reply],
    now: datetime,
) -> int:
    """`enqueue_to_accounts` for the accounts `message_key` was not queued for yet: a job run
    again (or by another replica after a lease change) sends no one a second copy, and a
    duplicate key never fails the job's transaction. How many rows were queued."""
    targets = {_account_key(message_key, a): a for a in accounts}
    # Each key as stored, and as versions before `stored_key` cut a long one (its first
    # `KEY_MOST` characters) while rows they queued are still kept (a fortnight).
    stored = {key: {stored_key(key), key[:KEY_MOST]} for key in targets}
    queued = await session.exec(
        select(OutboxMessage.dedupe_key).where(
            col(OutboxMessage.dedupe_key).in_(set().union(*stored.values()))
        )
    )
    done = set(queued.all())
    fresh = [account for key, account in targets.items() if not stored[key] & done]
    enqueue_to_accounts(session, fresh, message_key=message_key, replies=replies, now=now)
    return len(fresh)


def key_range(prefix: str) -> ColumnElement[bool]:
    """Outbox keys starting with `prefix`, as a range the unique index can scan (LIKE
    cannot use it under PostgreSQL's usual collations). A long key is found by up to
    `_HEAD` characters of its beginning (`stored_key`)."""
    after = prefix[:-1] + chr(ord(prefix[-1]) + 1)
    return and_(col(OutboxMessage.dedupe_key) >= prefix, col(OutboxMessage.dedupe_key) < after)


def forgets_chat_when_sent(dedupe_key: str) -> bool:
    """Rows whose chat is blanked in the write that marks them sent, and which are deleted
    once done (`scheduler.jobs.tip_relays`): the tipster's chat beside the minute of the
    officer's message to the tip would tie an anonymous tip to its author."""
    return dedupe_key.startswith(TO_TIPSTER)


def forgetting_chat() -> ColumnElement[bool]:
    """`forgets_chat_when_sent` as a condition on the outbox table."""
    return key_range(TO_TIPSTER)


async def keys_with_prefix(session: AsyncSession, prefix: str) -> list[str]:
    """Dedupe keys starting with `prefix`: how jobs that send once per day and person find
    whom they already served."""
    keys = await session.exec(select(OutboxMessage.dedupe_key).where(key_range(prefix)))
    return list(keys.all())


def replies_of(session: AsyncSession, row: OutboxMessage) -> list[Reply]:
    """What an outbox row sends."""
    return codec.loads(unseal(session, row.payload, PAYLOAD))


def repack(session: AsyncSession, replies: list[Reply]) -> str:
    """A changed payload for an outbox row, sealed as `enqueue` seals it."""
    return seal(session, codec.dumps(replies), PAYLOAD)
