"""Once-only outbox keys: a message is queued once per target however long its key, and
keys stored by earlier versions keep matching."""

from __future__ import annotations

import uuid

from bot.channels.rest.carry import Carry, carry_over
from bot.context import Services
from bot.messages import Text
from storage.models import Account
from storage.outbox import enqueue, enqueue_once, keys_with_prefix
from tests.support.outbox import queued, texts_to
from tests.support.seed import Seeded

#: A message key of 250 characters (a form key or a reminder naming many things).
LONG = "stay-remind:" + "7" * 238


def _account(user_id: str, channel: str = "web") -> Account:
    return Account(channel=channel, channel_user_id=user_id, person_id=0)


async def _once(services: Services, accounts: list[Account], key: str, text: str) -> int:
    async with services.sessions() as session:
        queued_now = await enqueue_once(
            session, accounts, message_key=key, replies=[Text(text)], now=services.clock()
        )
        await session.commit()
    return queued_now


async def test_a_job_run_twice_queues_a_long_keyed_message_once(services: Services) -> None:
    assert len(LONG) == 250
    owner = _account("owner-1")
    assert await _once(services, [owner], LONG, "您有3位住客今天到期") == 1
    # Run again (a restart, another replica): no second copy, and no failed transaction.
    assert await _once(services, [owner], LONG, "您有3位住客今天到期") == 0
    assert await texts_to(services, "owner-1") == ["您有3位住客今天到期"]


async def test_long_keys_that_differ_only_at_their_end_are_two_messages(
    services: Services,
) -> None:
    first, second = LONG + ":a", LONG + ":b"
    async with services.sessions() as session:
        for key, text in ((first, "第一条"), (second, "第二条")):
            enqueue(
                session,
                dedupe_key=key,
                channel="web",
                chat_id="owner-1",
                replies=[Text(text)],
                now=services.clock(),
            )
        await session.commit()
    assert sorted(await texts_to(services, "owner-1")) == ["第一条", "第二条"]
    rows = await queued(services)
    assert all(len(row.dedupe_key) <= 200 for row in rows)
    # Still found by how they begin, as the jobs that send once a day look them up.
    async with services.sessions() as session:
        assert len(await keys_with_prefix(session, "stay-remind:")) == 2


async def test_a_short_key_is_stored_as_it_is(services: Services) -> None:
    key = "daily:1:2026-11-30"
    assert await _once(services, [_account("owner-1")], key, "今日提示") == 1
    [row] = await queued(services)
    assert row.dedupe_key == f"{key}->web:owner-1"


async def test_a_long_key_cut_by_an_earlier_version_is_not_queued_again(
    services: Services,
) -> None:
    full = f"{LONG}->web:owner-1"
    async with services.sessions() as session:
        enqueue(
            session,
            dedupe_key=full[:200],  # as the outbox stored it before
            channel="web",
            chat_id="owner-1",
            replies=[Text("您有3位住客今天到期")],
            now=services.clock(),
        )
        await session.commit()
    assert await _once(services, [_account("owner-1")], LONG, "您有3位住客今天到期") == 0


async def test_a_long_keyed_message_handed_on_reaches_each_officer_once(
    services: Services,
) -> None:
    # `people._hand_on`: the message key is the withdrawn row's key less its target.
    assert await _once(services, [_account("owner-1")], LONG, "命中提醒") == 1
    [row] = await queued(services)
    handed = row.dedupe_key.removesuffix(f"->{row.channel}:{row.chat_id}")
    officer = _account("officer-1", channel="wecom")
    assert await _once(services, [officer], handed, "命中提醒") == 1
    assert await _once(services, [officer], handed, "命中提醒") == 0
    # Queued to the officer by its full key as well (the hit itself): still one copy.
    assert await _once(services, [officer], LONG, "命中提醒") == 0
    assert await texts_to(services, "officer-1") == ["命中提醒"]


async def test_a_long_key_follows_a_web_user_carried_to_a_new_identity(
    services: Services, seeded: Seeded
) -> None:
    old, new = str(uuid.uuid4()), "sid-" + uuid.uuid4().hex
    assert seeded.owner.id is not None
    async with services.sessions() as session:
        session.add(Account(channel="web", channel_user_id=old, person_id=seeded.owner.id))
        await session.commit()
    assert await _once(services, [_account(old)], LONG, "您有3位住客今天到期") == 1
    async with services.sessions() as session:
        assert await carry_over(session, "web", old, new) == Carry.CARRIED
        await session.commit()
    assert await _once(services, [_account(new)], LONG, "您有3位住客今天到期") == 0
    assert await texts_to(services, new) == ["您有3位住客今天到期"]
