"""Platform error codes, as the outbox worker should treat them."""

from __future__ import annotations

from bot.channels.base import DeliveryError, Progress, raised_at
from bot.channels.weixin.client import BUSY, TOKEN_EXPIRED, ApiError, TokenError

#: API call frequency limit (45009), "too many concurrent calls" (45033): wait a minute.
RATE_LIMITED = frozenset({45009, 45033})
#: Worth trying again after the usual backoff: the platform was busy or unreachable, or a
#: token kept being refused (another process may be refreshing it right now).
TRANSIENT = frozenset({BUSY, *TOKEN_EXPIRED})


def delivery_error(exc: ApiError) -> DeliveryError:
    """Anything else (an unknown or blocked user, a payload the platform rejects) cannot get
    better by retrying the same message."""
    if isinstance(exc, TokenError):
        # A wrong secret or a missing allow-list entry: the message is fine, and is sent
        # once IT has fixed the configuration (within the outbox's attempts).
        return DeliveryError(str(exc))
    if exc.code in RATE_LIMITED:
        return DeliveryError(str(exc), retry_after=60)
    if exc.code in TRANSIENT:
        return DeliveryError(str(exc))
    return DeliveryError(str(exc), permanent=True)


def partly(failure: DeliveryError, progress: Progress) -> DeliveryError:
    """`failure`, knowing what `progress` says went out: a retry sends the rest."""
    failure.unsent = progress.unsent
    return failure


def unexpected(exc: BaseException) -> ApiError:
    """`exc` if it is the platform's answer; any other exception from the middle of a send
    (one the client does not translate yet, a bug, or the send being cancelled) as the
    platform being busy, so that the channel's bookkeeping runs and the outbox retries what
    was not sent, with backoff. Its message says where it was raised, not its text (which
    may quote a message or the platform's garbled answer): it lands in the log and the
    outbox row."""
    if isinstance(exc, ApiError):
        return exc
    return ApiError(BUSY, f"unexpected {raised_at(exc)}")
