"""The officer digest's part about alerts: important and urgent ones of the last days that
some recipients have not acknowledged, with who (see `handlers.services.digest.assemble`)."""

from __future__ import annotations

from datetime import timedelta

from handlers.broadcast.figures import unacked_lines, unacknowledged
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
        lines.append(f"  #{number} {item.broadcast.title}（/催读 {number}）：")
        lines.extend(f"    {line}" for line in unacked_lines(number, item.missing, NAMES))
    return lines
