"""Put an officer's digest together from its sections.

`SECTIONS` is the one list of what the digest says, in order. Another feature adds its part
by writing `async def section(day: OfficerDay) -> list[str]` and adding it here (the
broadcast feature's unacknowledged alerts go after the tips).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from handlers.broadcast.digest_section import unacknowledged_alerts
from handlers.services.digest import sections
from handlers.services.digest.day import OfficerDay, Section

log = logging.getLogger(__name__)

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
    head = (
        f"📋 {day.beat.name} 警务日报　{day.day.month}月{day.day.day}日"
        f"（周{WEEKDAYS[day.day.weekday()]}）"
    )
    lines = [head]
    for section in parts:
        # A failing section (another feature's, say) costs its lines, not the digest; the
        # savepoint keeps PostgreSQL's transaction usable after the error.
        try:
            async with day.session.begin_nested():
                lines.extend(await section(day))
        except Exception:
            log.exception("digest section %s failed", getattr(section, "__name__", section))
    if footer:
        lines.append(footer)
    return "\n".join(lines)
