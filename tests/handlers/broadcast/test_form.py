"""The alert form's own parsing (a title cut from the text, when to send) and how its
recipients are named."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from bot.forms import FormEnv
from bot.validators import Invalid
from handlers.broadcast.audience_text import parse_audience
from handlers.broadcast.figures import recipient_lines
from handlers.broadcast.form import FIELDS, split_text


@pytest.mark.parametrize(
    ("text", "title"),
    [
        ("明日降温\n请各旅馆检查取暖设备，注意用火安全。", "明日降温"),
        ("近期电信诈骗高发，请提醒旅客不要轻信陌生来电", "近期电信诈骗高发"),
        ("今晚有大风注意关好门窗", "今晚有大风注意关好门窗"),
        ("近" * 40, "近" * 29 + "…"),
    ],
)
def test_title_is_the_first_line_or_sentence(text: str, title: str) -> None:
    parsed = split_text(text)
    assert parsed["title"] == title
    assert parsed["body"] == (text.split("\n", 1)[1] if "\n" in text else text)


def test_a_time_already_past_is_refused_not_sent_at_once() -> None:
    when = next(f for f in FIELDS if f.name == "when")
    env = FormEnv({}, date(2026, 11, 23), datetime(2026, 11, 23, 18, 42))
    with pytest.raises(Invalid, match="15:00 已经过去了"):
        when.parse("今天下午3点", env)
    assert when.parse("今晚8点", env) == {"at": "2026-11-23T20:00"}
    assert when.parse("现在", env) == {"now": True}


def test_recipients_with_one_label_are_counted_not_repeated() -> None:
    lines = recipient_lines(["悦来旅馆", "悦来旅馆、枫林民宿（负责人）", "悦来旅馆", "枫林民宿"])
    assert lines == ["· 悦来旅馆（2个）", "· 悦来旅馆、枫林民宿（负责人）", "· 枫林民宿"]


@pytest.mark.parametrize(
    ("typed", "kinds"),
    [
        ("旅馆、民宿", ["hotel", "homestay"]),
        ("旅馆民宿", ["hotel", "homestay"]),  # the button's words typed without the 、
        ("出租屋 小网吧", ["rental", "internet_cafe"]),
        # The nine small kinds by their everyday names: 发给餐饮, 美发店和KTV.
        ("餐饮", ["restaurant"]),
        ("美发、KTV", ["beauty_bath", "entertainment"]),
        ("诊所", ["clinic"]),
    ],
)
def test_venue_kinds_in_the_scope(typed: str, kinds: list[str]) -> None:
    env = FormEnv({}, date(2026, 11, 23), datetime(2026, 11, 23, 9, 0))
    assert parse_audience(typed, env)["kinds"] == kinds
