"""What a failed send means for its outbox row: wait, retry with backoff, or give up.

- `OverBudget` (our own limit): nothing was sent or refused; wait as told, no attempt used.
- The platform said "too fast" (429, WeChat 45009: a `retry_after` on the error): wait as
  long as it asks, however often; only a row refused for `THROTTLED_FOR` gives up, so a big
  broadcast is slowed by the platform, never failed by it.
- Anything else that may pass (5xx, timeouts, the network): back off 5 s, 10 s, 20 s … and
  give up after `MAX_ATTEMPTS` such failures (about ten minutes).
- Permanent (blocked by the user, the chat is gone): give up at once.

`last_error` is led by the failure's `Cause` (`stored_error`): what an officer told of a
given-up alert reads, decided by the channel from the platform's codes, not from these words.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from bot.channels.base import Cause, DeliveryError, OverBudget, stored_error
from storage.models import OutboxMessage, OutboxStatus

MAX_ATTEMPTS = 8
THROTTLED_FOR = timedelta(hours=6)


def backoff(failures: int) -> timedelta:
    """5 s, 10 s, 20 s … capped at 10 minutes."""
    return timedelta(seconds=min(5 * 2 ** max(failures - 1, 0), 600))


def after_failure(row: OutboxMessage, exc: DeliveryError, now: datetime) -> dict[str, object]:
    """The columns to write for a row whose send raised `exc`."""
    if isinstance(exc, OverBudget):
        return {"next_attempt_at": now + timedelta(seconds=exc.retry_after or 1)}
    attempts = row.attempts + 1
    error = stored_error(exc.cause, str(exc))[:500]
    if exc.permanent:
        return {"status": OutboxStatus.FAILED, "attempts": attempts, "last_error": error}
    if exc.retry_after:
        if now - row.created_at > THROTTLED_FOR:
            hours = THROTTLED_FOR.total_seconds() / 3600
            return {
                "status": OutboxStatus.FAILED,
                "attempts": attempts,
                "last_error": stored_error(
                    Cause.THROTTLED, f"platform still refusing as too fast after {hours:g} h: {exc}"
                )[:500],
            }
        return {
            "attempts": attempts,
            "throttled": row.throttled + 1,
            "next_attempt_at": now + timedelta(seconds=exc.retry_after),
            "last_error": error,
        }
    failures = attempts - row.throttled
    if failures >= MAX_ATTEMPTS:
        return {"status": OutboxStatus.FAILED, "attempts": attempts, "last_error": error}
    return {"attempts": attempts, "next_attempt_at": now + backoff(failures), "last_error": error}
