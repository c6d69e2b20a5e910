"""`/催读 N` minutes after the alert went out, or after the last reminder: too soon to remind
anyone; and when it may, so that the 催读 button is offered only once it acts (`nudge_opens`).

A reminder sends the whole alert again. Tapped seconds after release (the status button is
right there), it reached every owner a second time before most had had the chance to open
the first, and taught them to ignore both. The officer is told instead how far the alert
has got: who has not received it yet (still being sent, which a reminder cannot help) and
who has received it and not acknowledged, and when a reminder makes sense.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.context import Context
from bot.messages import Button, Choices, Reply
from handlers.broadcast.figures import Figures
from handlers.registration.timefmt import short
from storage.models import Broadcast, Severity

#: Least time after release before a reminder: enough for an owner busy at the front desk
#: to see the alert and answer 收到.
NUDGE_EARLIEST = timedelta(minutes=10)

#: Least time between two reminders of one alert: two taps on 催读 sent the whole alert
#: twice to the same owners.
NUDGE_GAP = timedelta(minutes=30)

#: Alerts the reminder job reminds once by itself (`scheduler.jobs.broadcasts`).
_REMINDED = (Severity.IMPORTANT, Severity.URGENT)


def too_early(ctx: Context, broadcast: Broadcast, found: Figures) -> list[Reply] | None:
    """What to say instead of reminding, while the alert is fresh and someone has not
    received or acknowledged it; None when a reminder may go out."""
    released = broadcast.released_at
    if released is None or ctx.now - released >= NUDGE_EARLIEST:
        return None
    if not found.unacked and not found.waiting:
        return None  # nothing to remind: the usual answer says so
    zone = ctx.services.settings.zone
    lines = [f"通报#{broadcast.id}刚发出{_ago(ctx.now - released)}，{_progress(found)}。"]
    lines.append(
        f"对方可能还没来得及查看，请在 {short(released + NUDGE_EARLIEST, zone, ctx.now)} 之后再催读"
        f"{_automatic(ctx, broadcast, released)}；急事请直接电话联系。"
    )
    return [Choices("\n".join(lines), (Button("查看状态", f"/通报状态 {broadcast.id}"),))]


def nudge_opens(broadcast: Broadcast, found: Figures) -> datetime | None:
    """When `/催读` first reminds anyone of the alert: `NUDGE_EARLIEST` after its release
    and `NUDGE_GAP` after the last reminder; None for an alert not released. Before then a
    催读 button only told the officer it was too early."""
    if broadcast.released_at is None:
        return None
    opens = broadcast.released_at + NUDGE_EARLIEST
    if found.last_nudged is not None:
        opens = max(opens, found.last_nudged + NUDGE_GAP)
    return opens


def nudge_ready(ctx: Context, broadcast: Broadcast, found: Figures) -> bool:
    """Whether a 催读 button would remind someone now (who has it and has not said 收到)."""
    opens = nudge_opens(broadcast, found)
    return bool(found.unacked) and (opens is None or ctx.now >= opens)


def _ago(elapsed: timedelta) -> str:
    minutes = int(elapsed.total_seconds() // 60)
    return f"{minutes}分钟" if minutes >= 1 else "不到1分钟"


def _progress(found: Figures) -> str:
    """Who has not received it apart from who has and not acknowledged (a count of none
    left out: 已送达 0 个 read as a failure)."""
    parts = [f"已送达 {found.sent} 个"] if found.sent else []
    if found.waiting:
        parts.append(f"{found.waiting} 个还在发送中（尚未收到）")
    if found.unacked:
        parts.append(f"{len(found.unacked)} 个已收到、尚未确认")
    return "，".join(parts)


def _automatic(ctx: Context, broadcast: Broadcast, released: datetime) -> str:
    """When the reminder job will remind the alert's recipients itself, if it will."""
    minutes = ctx.services.settings.broadcast.remind_after_minutes
    if not minutes or broadcast.severity not in _REMINDED:
        return ""
    at = short(released + timedelta(minutes=minutes), ctx.services.settings.zone, ctx.now)
    return f"（系统也会在 {at} 自动提醒未确认的对象一次）"
