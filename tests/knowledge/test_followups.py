"""Messages that continue the last legal answer: 更多 and 全文 N."""

from __future__ import annotations

from knowledge.followups import is_followup


def test_followups() -> None:
    assert is_followup("更多") and is_followup(" 全文 3 ") and is_followup("全文2")
    assert is_followup("全文 一") and is_followup("全文 第十二条")  # as people write it
    assert not is_followup("刑法全文")
    assert is_followup("全文")  # the first listed: what the offer 您是想用「全文」 sends
