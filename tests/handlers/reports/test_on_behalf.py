"""Whom a report is for, when the reporter says it is made for someone else."""

from __future__ import annotations

import pytest

from handlers.reports.on_behalf import SOMEONE, victim_said


@pytest.mark.parametrize(
    ("said", "victim"),
    [
        ("是我妈被骗的，我帮她报", "母亲"),
        ("帮我爸报案", "父亲"),
        ("我老婆让人骗了", "妻子"),
        ("我替别人报的", SOMEONE),
        # The reporter's own: yes, and nobody else.
        ("是", None),
        ("是的，用上次的", None),
        ("是我本人被骗的", None),
        ("对，我自己", None),
    ],
)
def test_whom_a_report_is_for(said: str, victim: str | None) -> None:
    assert victim_said(said) == victim
