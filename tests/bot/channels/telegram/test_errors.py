"""What a Bot API failure tells the officer whose alert it stopped: decided by the
exception's type, never by Telegram's wording."""

from __future__ import annotations

import warnings
from datetime import UTC, datetime, timedelta

import pytest
from telegram.error import (
    BadRequest,
    Forbidden,
    InvalidToken,
    NetworkError,
    RetryAfter,
    TelegramError,
    TimedOut,
)
from telegram.warnings import PTBDeprecationWarning

from bot.channels.telegram.channel import TelegramChannel
from bot.channels.telegram.errors import delivery_error
from handlers.broadcast.failures import failure_reason
from scheduler.outcome import after_failure
from storage.models import OutboxMessage

NOW = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
with warnings.catch_warnings():  # PTB 22 warns of its retry_after's type changing
    warnings.simplefilter("ignore", PTBDeprecationWarning)
    FLOOD = RetryAfter(timedelta(seconds=30))


def told(exc: TelegramError) -> str:
    """What the alert's author reads once the outbox has written `exc` to its row."""
    row = OutboxMessage(channel="telegram", chat_id="1", payload="", created_at=NOW, attempts=0)
    last_error = after_failure(row, delivery_error(exc), NOW)["last_error"]
    assert isinstance(last_error, str)
    return failure_reason(last_error, TelegramChannel.facts)


@pytest.mark.parametrize(
    ("exc", "reason"),
    [
        # Telegram not answering in time had read as 多次重试未成功.
        (TimedOut(), "Telegram无法连接"),
        (NetworkError("httpx.ConnectError: All connection attempts failed"), "Telegram无法连接"),
        (Forbidden("Forbidden: bot was blocked by the user"), "对方已屏蔽或退出"),
        (FLOOD, "平台限流，多次重试未成功"),
        (BadRequest("Chat not found"), "多次重试未成功"),
        # Words that had decided the reason: a bad request is no network failure.
        (BadRequest("Bad Request: can't parse entities: network: timeout"), "多次重试未成功"),
        (InvalidToken("Not Found"), "多次重试未成功"),
    ],
)
def test_the_reason_follows_the_kind_of_failure(exc: TelegramError, reason: str) -> None:
    assert told(exc) == reason
