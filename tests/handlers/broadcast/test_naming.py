"""How many names an alert reply shows, and how it says the rest."""

from __future__ import annotations

from handlers.broadcast.figures import Figures, summary_lines
from handlers.broadcast.naming import first_named


def test_a_few_names_are_all_shown() -> None:
    assert first_named(["悦来旅馆", "枫林民宿"], 5) == ["悦来旅馆", "枫林民宿"]


def test_past_the_limit_the_last_shown_says_how_many_in_all() -> None:
    assert first_named([f"旅馆{i}" for i in range(1, 8)], 3) == ["旅馆1", "旅馆2", "旅馆3等7个"]


def test_the_status_says_the_rest_of_the_failures_as_the_other_lists_do() -> None:
    failures = [(f"旅馆{i}", "对方已屏蔽或退出") for i in range(1, 13)]
    lines = summary_lines(Figures(targets=12, failed=12, failures=failures))
    assert lines[-2:] == ["· 旅馆9（对方已屏蔽或退出）", "· 旅馆10（对方已屏蔽或退出）等12个"]
