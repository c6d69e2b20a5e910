"""Platform error codes, as the outbox worker should treat them."""

from __future__ import annotations

from bot.channels.base import Cause, DeliveryError, Progress, raised_at
from bot.channels.weixin.client import BUSY, TOKEN_EXPIRED, ApiError, TokenError

#: API call frequency limit (45009), "too many concurrent calls" (45033): wait a minute.
RATE_LIMITED = frozenset({45009, 45033})
#: Worth trying again after the usual backoff: the platform was busy or unreachable, or a
#: token kept being refused (another process may be refreshing it right now).
TRANSIENT = frozenset({BUSY, *TOKEN_EXPIRED})
#: What an officer is told of codes that say why a recipient cannot be reached.
CAUSES: dict[int, Cause] = {
    93000: Cause.ROBOT_KEY,  # a group robot's webhook key is wrong, or the robot was removed
    43004: Cause.UNFOLLOWED,  # the user unfollowed the official account
    81013: Cause.BLOCKED,  # not a member the WeCom app can reach (left the company)
    **dict.fromkeys(RATE_LIMITED, Cause.THROTTLED),
}


def delivery_error(exc: ApiError) -> DeliveryError:
    """Anything else (an unknown or blocked user, a payload the platform rejects) cannot get
    better by retrying the same message."""
    cause = Cause.UNREACHABLE if exc.unreachable else CAUSES.get(exc.code, Cause.OTHER)
    if isinstance(exc, TokenError):
        # A wrong secret or a missing allow-list entry: the message is fine, and is sent
        # once IT has fixed the configuration (within the outbox's attempts).
        return DeliveryError(str(exc), cause=cause)
    if exc.code in RATE_LIMITED:
        return DeliveryError(str(exc), retry_after=60, cause=cause)
    if exc.code in TRANSIENT:
        return DeliveryError(str(exc), cause=cause)
    return DeliveryError(str(exc), permanent=True, cause=cause)


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
    return ApiError(BUSY, f"unexpected {raised_at(exc)}", unreachable=isinstance(exc, TimeoutError))
