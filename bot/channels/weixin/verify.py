"""Checks every callback passes before its content is looked at.

Order matters: cheap checks that need no secret (parameters present, body small) come
first, then the signature, then the timestamp's freshness (the signature covers it: a forged
request is refused as forged, not as stale, which would send staff to check the clock), and
only a signed request may touch the database (the replay check), so unsigned junk costs us
nothing but a hash.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime

from aiohttp import web

from bot.channels.weixin.limits import TooLarge, read_limited

#: Seconds a callback's timestamp may differ from our clock (the platforms sign with theirs).
SKEW_SECONDS = 300
#: Callbacks are a few hundred bytes of XML; nothing legitimate comes near this.
MAX_BODY_BYTES = 64 * 1024
_MAX_PARAM = 128


class Rejected(Exception):
    """A callback we refuse, with the HTTP status to answer and a reason for the log."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason

    def response(self) -> web.Response:
        return web.Response(status=self.status, text=self.reason)


@dataclass(frozen=True)
class CallbackQuery:
    timestamp: str
    nonce: str
    #: Official account: sha1 of (token, timestamp, nonce), sent in both modes.
    signature: str = ""
    #: Safe mode and WeCom: sha1 of (token, timestamp, nonce, Encrypt).
    msg_signature: str = ""
    echostr: str = ""
    #: `encrypt_type=aes` (official account safe or compatible mode).
    encrypted: bool = False


def read_query(query: Mapping[str, str], required: tuple[str, ...]) -> CallbackQuery:
    values = {name: query.get(name, "") for name in ("signature", "msg_signature", "echostr")}
    for name in ("timestamp", "nonce", *required):
        if not query.get(name):
            raise Rejected(400, f"missing query parameter {name!r}")
    for name, value in query.items():
        if len(value) > _MAX_PARAM * (4 if name == "echostr" else 1):
            raise Rejected(400, f"query parameter {name!r} is too long")
    encrypt_type = query.get("encrypt_type", "raw")
    if encrypt_type not in ("raw", "aes"):
        raise Rejected(400, "unknown encrypt_type")
    return CallbackQuery(
        timestamp=query["timestamp"],
        nonce=query["nonce"],
        encrypted=encrypt_type == "aes",
        **values,
    )


def sign(*parts: str) -> str:
    """The platforms' signature: SHA-1 of the sorted parts, concatenated."""
    return hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()


def check_signature(expected: str, given: str) -> None:
    if not hmac.compare_digest(expected.encode(), given.lower().encode()):
        raise Rejected(403, "bad signature")


def check_fresh(timestamp: str, now: datetime, skew: int = SKEW_SECONDS) -> None:
    """A stale timestamp means a recorded request (or a badly wrong clock: log it)."""
    if not timestamp.isdigit() or len(timestamp) > 12:
        raise Rejected(400, "timestamp is not a Unix time")
    if abs(int(timestamp) - now.timestamp()) > skew:
        raise Rejected(403, "timestamp outside the allowed window")


async def read_body(request: web.Request, limit: int = MAX_BODY_BYTES) -> bytes:
    if request.content_length is not None and request.content_length > limit:
        raise Rejected(413, "body too large")
    try:
        body = await read_limited(request.content, limit)
    except TooLarge:
        raise Rejected(413, "body too large") from None
    if not body:
        raise Rejected(400, "empty body")
    return body
