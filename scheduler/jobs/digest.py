"""Each officer's morning digest, once a day from `[digest] time` (station time).

The job runs every few minutes; an officer whose digest for the day is already in the outbox
is skipped, so restarts, catch-up after downtime and several replicas each send it once (the
outbox key `digest:<day>:<person>` makes a second copy impossible).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from itertools import groupby

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from bot.messages import Reply, Text
from handlers.services.digest.assemble import SECTIONS, build_digests
from handlers.services.digest.day import OfficerDay, Section
from handlers.services.digest.officers import briefed_officers
from storage.outbox import enqueue_to_account, keys_with_prefix

#: Officers per transaction, and per digests made together (one station's at a time): a
#: failure loses at most this many, and they are retried.
BATCH = 50


def digest_key(day: date, person_id: int) -> str:
    return f"digest:{day.isoformat()}:{person_id}"


async def _briefed(session: AsyncSession, day: date) -> set[int]:
    """Officers whose digest for `day` is queued."""
    low = f"digest:{day.isoformat()}:"
    return {int(key[len(low) :].split("->", 1)[0]) for key in await keys_with_prefix(session, low)}


async def send_digests(
    services: Services, sections: Sequence[Section] = SECTIONS, *, any_time: bool = False
) -> int:
    """Queue today's digest for every officer who has not had it; returns how many.
    Not before [digest] time unless `any_time` (a run by hand)."""
    settings = services.settings
    now = services.clock()
    local = now.astimezone(settings.zone)
    if not settings.digest.enabled or (local.time() < settings.digest.at and not any_time):
        return 0
    day = local.date()
    sent = 0
    async with services.sessions() as session:
        briefed = await _briefed(session, day)
        due = [found for found in await briefed_officers(session) if found[0].id not in briefed]
        # A station's officers together: a section reads all their beats in one go.
        due.sort(key=lambda found: found[1].station_id)
        for _station, group in groupby(due, key=lambda found: found[1].station_id):
            officers = list(group)
            for start in range(0, len(officers), BATCH):
                chunk = officers[start : start + BATCH]
                days = [OfficerDay.at(session, settings, o, beat, now) for o, beat, _a in chunk]
                texts = await build_digests(days, sections)
                for (officer, _beat, accounts), text in zip(chunk, texts, strict=True):
                    assert officer.id is not None
                    replies: list[Reply] = [Text(text)]
                    key = digest_key(day, officer.id)
                    for account in accounts:
                        enqueue_to_account(
                            session, account, message_key=key, replies=replies, now=now
                        )
                sent += len(chunk)
                await session.commit()
    return sent
