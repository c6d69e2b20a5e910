"""The webhook request: Telegram's secret header, a bounded body, an update we can read.

Everything here is checked before any database work, and every refusal is a 4xx: a forged
or broken request must never reach a handler, and never look like our failure (a 5xx makes
Telegram retry the same update).
"""

from __future__ import annotations

import hmac
import json
import logging
import time
from collections.abc import Callable
from typing import Any

from aiohttp import web
from telegram import Bot, Update

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
#: Telegram's updates are a few kilobytes; a text message is at most 4096 characters.
MAX_UPDATE_BYTES = 256 * 1024


class Rejected(Exception):
    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason

    def response(self) -> web.Response:
        return web.json_response({"ok": False, "description": self.reason}, status=self.status)


def check_secret(request: web.Request, secret: str) -> None:
    given = request.headers.get(SECRET_HEADER, "")
    # Constant time, so the secret cannot be guessed a character at a time. PTB only checks
    # the header in its own webhook server, not on a route of ours.
    if not secret or not hmac.compare_digest(given.encode(), secret.encode()):
        raise Rejected(403, "wrong or missing secret token")


class SecretRefusals:
    """Says in the log that webhook requests were refused for their secret, at most once per
    `every` seconds (a scanner must not flood the log). When Telegram itself is refused, the
    updates stop arriving and this line is all the station's staff have to go on."""

    def __init__(self, every: float = 60.0, clock: Callable[[], float] = time.monotonic) -> None:
        self._every = every
        self._clock = clock
        self._last: float | None = None
        self._unsaid = 0

    def refused(self, request: web.Request) -> None:
        self._unsaid += 1
        now = self._clock()
        if self._last is not None and now - self._last < self._every:
            return
        missing = SECRET_HEADER not in request.headers
        more = f"; {self._unsaid - 1} more since last said" if self._unsaid > 1 else ""
        log.warning(
            "telegram: webhook request refused (403): %s %s header (is setWebhook's "
            "secret_token the [telegram] webhook_secret?)%s",
            "no" if missing else "wrong",
            SECRET_HEADER,
            more,
        )
        self._last, self._unsaid = now, 0


async def read_body(request: web.Request) -> bytes:
    if request.content_length is not None and request.content_length > MAX_UPDATE_BYTES:
        raise Rejected(413, "update too large")
    try:
        # Bodies without a length are still capped by the app's client_max_size.
        body = await request.read()
    except web.HTTPRequestEntityTooLarge:
        raise Rejected(413, "update too large") from None
    if len(body) > MAX_UPDATE_BYTES:
        raise Rejected(413, "update too large")
    return body


def parse_update(body: bytes, bot: Bot) -> Update:
    try:
        data: Any = json.loads(body)
    except (ValueError, RecursionError):  # RecursionError: "[[[[…" nested past the stack
        raise Rejected(400, "body is not JSON") from None
    update_id = data.get("update_id") if isinstance(data, dict) else None
    if not isinstance(update_id, int) or isinstance(update_id, bool) or update_id < 0:
        raise Rejected(400, "not a Telegram update (no update_id)")
    try:
        return Update.de_json(data, bot)
    except Exception as exc:  # PTB raises KeyError/TypeError/ValueError on malformed parts
        log.info("telegram: unreadable update %s: %s", update_id, type(exc).__name__)
        raise Rejected(400, "malformed update") from None


async def read_update(request: web.Request, secret: str, bot: Bot) -> Update:
    check_secret(request, secret)
    return parse_update(await read_body(request), bot)
