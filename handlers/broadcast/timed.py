"""What an alert scheduled for later offers under it: another time, or not sending it
(`reschedule` answers both). Apart from `reschedule`, which needs the draft's reply, so
that the draft's reply can offer them."""

from __future__ import annotations

from bot.messages import Button

#: /通报 3 改到 明天8点: the word the 改时间 button sends, the time typed after it.
MOVE_WORD = "改到"


def buttons(broadcast_id: int | None) -> tuple[Button, ...]:
    """改时间 and 取消发送 for alert `broadcast_id`."""
    return (
        Button("改时间", f"/通报 {broadcast_id} {MOVE_WORD}"),
        Button("取消发送", f"/撤回 {broadcast_id}"),
    )
