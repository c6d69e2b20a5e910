"""How message text reaches the router: deep links bind, other bots' commands are not ours."""

from __future__ import annotations

import pytest

from bot.channels.telegram.inbound import command_text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("/start ABCD-EFGH", "/bind ABCD-EFGH"),
        ("/start@Jingmin_Bot ABCD-EFGH", "/bind ABCD-EFGH"),
        ("/start", "/start"),
        ("/help@jingmin_bot", "/help@jingmin_bot"),
        ("/help@other_bot", None),
        ("登记", "登记"),
        ("", ""),
    ],
)
def test_command_text(text: str, expected: str | None) -> None:
    assert command_text(text, "jingmin_bot") == expected


def test_without_a_known_username_every_command_is_ours() -> None:
    assert command_text("/help@other_bot", "") == "/help@other_bot"
