"""What a Bot API failure means for the outbox: retry later, or give up."""

from __future__ import annotations

import warnings
from datetime import timedelta

from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError
from telegram.warnings import PTBDeprecationWarning

from bot.channels.base import Cause, DeliveryError


def retry_seconds(exc: RetryAfter) -> float:
    """PTB 22 gives an int or a timedelta depending on PTB_TIMEDELTA (and warns about the
    int); accept both quietly."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PTBDeprecationWarning)
        value = exc.retry_after
    return value.total_seconds() if isinstance(value, timedelta) else float(value)


def delivery_error(exc: TelegramError) -> DeliveryError:
    # Order matters: BadRequest and TimedOut are both NetworkError subclasses in PTB.
    if isinstance(exc, RetryAfter):
        seconds = retry_seconds(exc)
        return DeliveryError(
            f"telegram flood control, retry in {seconds:g}s",
            retry_after=seconds,
            cause=Cause.THROTTLED,
        )
    if isinstance(exc, Forbidden):
        # Blocked by the user, or removed from the group: only they can change that.
        return DeliveryError(
            f"telegram refused: {exc.message}", permanent=True, cause=Cause.BLOCKED
        )
    if isinstance(exc, BadRequest):
        # Chat not found, or a request Telegram will never accept: the same bytes fail again.
        return DeliveryError(f"telegram bad request: {exc.message}", permanent=True)
    # TimedOut, NetworkError, Conflict, and InvalidToken (an operator can fix the token and
    # restart; the row should still be there): retry with backoff. Only the first two say
    # that Telegram could not be reached.
    cause = Cause.UNREACHABLE if isinstance(exc, NetworkError) else Cause.OTHER
    return DeliveryError(f"telegram {type(exc).__name__}: {exc.message}", cause=cause)
