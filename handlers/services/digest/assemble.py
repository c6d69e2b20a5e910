"""Put an officer's digest together from its sections.

`SECTIONS` is the one list of what the digest says, in order. Another feature adds its part
by writing `async def section(day: OfficerDay) -> list[str]` and adding it here (the
broadcast feature's unacknowledged alerts go after the tips).
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Sequence
from typing import TypeVar

from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.broadcast.digest_section import unacknowledged_alerts
from handlers.services.digest import sections
from handlers.services.digest.day import ForStation, OfficerDay, Section

log = logging.getLogger(__name__)
L = TypeVar("L")

WEEKDAYS = "一二三四五六日"

SECTIONS: tuple[Section, ...] = (
    sections.tasks,
    sections.incident_levels,
    sections.registrations,
    sections.hits,
    sections.open_tips,
    sections.waiting_reviews,
    sections.rectifications,
    unacknowledged_alerts,
    sections.risky_venues,
    sections.risk_changes,
)


async def _no_officer(day: OfficerDay) -> list[str]:
    return ["（本警务区未分配民警：不含任务、通报未确认等民警个人事项）"]


#: A beat with no officer, as the station admin reads it: the beat's own figures only. The
#: officer's tasks, the alerts they sent and the questions to them have nobody to be about
#: (the admin's own had been shown in every beat's digest), and the note says they are left out.
BEAT_SECTIONS: tuple[Section, ...] = (
    _no_officer,
    *(
        sections.beat_waiting_reviews if s is sections.waiting_reviews else s
        for s in SECTIONS
        if s not in (sections.tasks, unacknowledged_alerts)
    ),
)


#: The way on from an officer's own digest. It had said 「/任务」查看待办: 待办 is the word the
#: digest gave up (beside 【来件待处理】 the two read as one), and tips are not under /任务.
FOOTER = "发送「/任务」查看和办结任务，「/风险」查看红橙场所，「/警情趋势」查看警情走势。"


async def build_digest(
    day: OfficerDay, parts: Sequence[Section] = SECTIONS, footer: str = FOOTER
) -> str:
    """The digest's text; `footer` "" for one of several (the station admin's)."""
    return (await build_digests([day], parts, footer))[0]


async def build_digests(
    days: Sequence[OfficerDay], parts: Sequence[Section] = SECTIONS, footer: str = FOOTER
) -> list[str]:
    """The digests of `days`, all of one moment (a station's, made together), in order:
    each `ForStation` section reads all their beats at once."""
    if not days:
        return []
    assert len({(d.day, d.now) for d in days}) == 1, "one moment for all"
    texts = [[_head(d)] for d in days]
    session = days[0].session
    for section in parts:
        if isinstance(section, ForStation):
            found = await _run(session, section, section.many(days))
            for lines, more in zip(texts, found or [], strict=False):
                lines.extend(more)
        else:  # one call a digest: one failing costs only that digest its lines
            for lines, d in zip(texts, days, strict=True):
                lines.extend(await _run(session, section, section(d)) or [])
    if footer:
        for lines in texts:
            lines.append(footer)
    return ["\n".join(lines) for lines in texts]


def _head(day: OfficerDay) -> str:
    return (
        f"📋 {day.beat.name} 警务日报　{day.day.month}月{day.day.day}日"
        f"（周{WEEKDAYS[day.day.weekday()]}）"
    )


async def _run(session: AsyncSession, section: object, lines: Awaitable[L]) -> L | None:
    """What `section` gives (`lines`); None when it fails. A failing section (another
    feature's, say) costs its lines, not the digest; the savepoint keeps PostgreSQL's
    transaction usable after the error."""
    try:
        async with session.begin_nested():
            return await lines
    except Exception:
        log.exception("digest section %s failed", getattr(section, "__name__", section))
        return None
