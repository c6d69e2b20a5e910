"""Misspellings corrected before a question is read."""

from __future__ import annotations

import pytest

from knowledge.typos import corrected


def test_a_mistyped_deposit_question_reads_as_meant() -> None:
    assert corrected("房冬扣我押经不给") == "房东扣我押金不给"


@pytest.mark.parametrize("said", ["房东扣我押金不给", "冬天房东不开暖气", "经理不给工资"])
def test_a_question_typed_right_is_left_as_it_is(said: str) -> None:
    assert corrected(said) == said
