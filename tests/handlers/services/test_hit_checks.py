"""How a hit check's result is read: whether it says who the person was, and whether that
rules the hit out."""

from __future__ import annotations

import pytest

from handlers.services.hit_checks import CAPTURE_VERBS, rules_out, says_verdict
from handlers.wanted.caught_said import says_caught


@pytest.mark.parametrize(
    "note",
    [
        # What was not done says nothing of who the person was.
        "人未抓获",
        "尚未归案，继续追查",
        "未到案",
        "没有抓获",
        "人已离开，控制不了",
        # Unsure words outweigh the verdict they hedge.
        "无法确认是否为本人",
        "疑似非本人",
    ],
)
def test_a_result_that_says_nothing_of_who_it_was_is_no_verdict(note: str) -> None:
    assert says_verdict(note) is False
    assert rules_out(note) is False


@pytest.mark.parametrize(
    ("note", "ruled_out"),
    [
        ("已抓获", False),
        ("人已带回，移交刑警队", False),
        ("不是不同人，系本人", False),
        ("系同号不同人", True),
        ("已核实，非本人", True),
        # A tapped verdict is read apart from the words the officer had typed after it.
        ("已核实，非本人；去过了，人不在，无法联系", True),
        ("已抓获；去过了，可能跑了", False),
    ],
)
def test_a_verdict_says_which_it_was(note: str, ruled_out: bool) -> None:
    assert says_verdict(note) is True
    assert rules_out(note) is ruled_out


@pytest.mark.parametrize("verb", CAPTURE_VERBS)
def test_each_capture_verb_is_a_real_hit_and_a_capture_said(verb: str) -> None:
    """The capture verbs are one list: a check closed with 已落网 is a real hit, and an
    officer saying 人已落网 is offered the card's 抓获; each had kept a copy of its own."""
    assert says_verdict(f"人已{verb}") is True and rules_out(f"人已{verb}") is False
    assert says_caught(f"人已{verb}") is True
    assert says_caught(f"人未{verb}") is False and says_caught(f"{verb}了吗") is False


def test_only_a_check_counts_a_hand_over_as_a_capture() -> None:
    """移交 says the hit was a real one, not that the card's person is caught now."""
    assert says_verdict("已移交刑警队") is True
    assert says_caught("已移交刑警队") is False
