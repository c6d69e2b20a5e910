"""An alert's title is cut from its text; the draft shows the text once."""

from __future__ import annotations

import pytest

from handlers.broadcast.form import split_text


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
