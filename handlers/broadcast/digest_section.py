"""The officer digest's part about alerts: important and urgent ones of the last days that
some recipients have not acknowledged, with who (see `handlers.services.digest.assemble`)."""

from __future__ import annotations

from datetime import timedelta

from handlers.broadcast.figures import names_text, unacknowledged
from handlers.services.digest.day import OfficerDay

DAYS = 3
NAMES = 5


async def unacknowledged_alerts(d: OfficerDay) -> list[str]:
    assert d.officer.id is not None
    found = await unacknowledged(d.session, d.officer.id, d.now - timedelta(days=DAYS))
    if not found:
        return []
    lines = [f"【通报未确认】{len(found)} 条"]
    for item in found:
        names = names_text(item.missing, NAMES)
        lines.append(
            f"  #{item.broadcast.id} {item.broadcast.title}：{names}（/催读 {item.broadcast.id}）"
        )
    return lines
