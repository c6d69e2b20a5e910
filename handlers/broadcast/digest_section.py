"""The officer digest's part about alerts: important and urgent ones of the last days that
some recipients have not acknowledged, with who (see `handlers.services.digest.assemble`)."""

from __future__ import annotations

from datetime import timedelta

from handlers.broadcast.early_nudge import nudge_opens
from handlers.broadcast.figures import Unacked, unacked_lines, unacknowledged
from handlers.registration.timefmt import short
from handlers.services.digest.day import OfficerDay

DAYS = 3
NAMES = 5


async def unacknowledged_alerts(d: OfficerDay) -> list[str]:
    assert d.officer.id is not None
    found = await unacknowledged(d.session, d.officer.id, d.now - timedelta(days=DAYS))
    if not found:
        return []
    # Only important and urgent alerts are counted: 【通报未确认】1 条 read as all of them
    # while ordinary ones (一般) not yet acknowledged were left out. /通报状态 shows every one.
    lines = [f"【重要通报未确认】{len(found)} 条"]
    for item in found:
        number = item.broadcast.id
        assert number is not None
        # One recipient a line, as /通报状态 shows them: a label holds a list of its own
        # (悦来旅馆、枫林民宿（负责人）), which ；between recipients on one line ran together.
        lines.append(f"  #{number} {item.broadcast.title}（{_nudge(d, item)}）：")
        lines.extend(f"    {line}" for line in unacked_lines(number, item.missing, NAMES))
    return lines


def _nudge(d: OfficerDay, item: Unacked) -> str:
    """/催读 N, or when it may be sent: /日报 right after an alert pointed to a /催读 that
    only said it was too early."""
    opens = nudge_opens(item.broadcast, item.found)
    if opens is not None and d.now < opens:
        return f"{short(opens, d.settings.zone, d.now)} 之后可催读"
    return f"/催读 {item.broadcast.id}"
