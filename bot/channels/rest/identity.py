"""Who a web chat user is: an identity the server issues, never a name the browser picks.

A web user is known by a *session id* (`sid`), the account's `channel_user_id` and the key of
their inbox. The browser never proves itself with the sid: it holds a *token*,
`sid.issued.mac`, where `issued` is when the server made it (Unix seconds) and `mac` the
station's keyed hash of both. Only the server can make one, so a sid read from a log, a
database row or a reply's `recipient_id` is of no use to a stranger, and guessing a token
means guessing a 160-bit keyed hash. Nothing needs storing: the token is checked, not looked
up; its age is in what the hash covers.

A token not renewed for `TOKEN_MAX_AGE` is refused: one copied off a shared front-desk
computer or out of an API client's log stops working by itself. The page renews its token
whenever it opens and twice a day while open, so someone who uses it keeps their identity.
Tokens made before issue times (`sid.mac`) are taken until `[server] web_legacy_tokens_until`
and renewed to the new form, same sid, the first time the page opens: nobody loses their
conversation to the upgrade.

The page gets its token in an HttpOnly, SameSite=Strict cookie (its script never sees it);
other clients ask for one and send it as `Authorization: Bearer …` or, as Rasa's REST
clients do, as the body's `sender`. A token is never taken from a URL: URLs end up in proxy
logs and browser history.
"""

from __future__ import annotations

import hmac
import logging
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

from aiohttp import web

from storage.models.base import utcnow

log = logging.getLogger(__name__)

#: `signer(value, purpose)`: the blind index's keyed hash of a value as it is.
Signer = Callable[[str, str], str]

#: What the keyed hash of a sid is made for: apart from every other use of the index key.
PURPOSE = "web-chat-session"
COOKIE = "jingmin_web"
#: Longer than a token lives: a browser sends an expired token (and is told so) rather than
#: none at all (and is quietly given a new identity in the middle of a form).
COOKIE_MAX_AGE = 365 * 24 * 3600
#: A token the page has not renewed for this long is refused. A month: an owner who opens the
#: page for each guest renews it long before; a leaked token is worthless by then.
TOKEN_MAX_AGE = timedelta(days=30)
#: Tokens of the form before issue times (`sid.mac`, no age) are taken until this day (UTC)
#: unless `[server] web_legacy_tokens_until` says otherwise: the cookie's own lifetime after
#: the release that added issue times, so that a browser still holding one has not opened
#: the page for a year and would have dropped it by itself. What it really follows is the
#: day a station upgraded (the last day its server set such a cookie), which only the
#: station knows: hence a setting, and a warning when the day has passed and one is refused.
LEGACY_TOKENS_UNTIL = date(2027, 12, 1)
#: A sid the server makes: "w" and 144 random bits, URL-safe and without a dot.
ISSUED_SID = re.compile(r"w[A-Za-z0-9_-]{24}")
#: Any sid a token may carry: tests and benches name theirs, earlier pages made UUIDs.
_SID = re.compile(r"[A-Za-z0-9_-]{1,80}")
_MAC = re.compile(r"[0-9a-f]{40}")
_ISSUED = re.compile(r"[0-9]{1,12}")


class Standing(StrEnum):
    """How a genuine token stands."""

    CURRENT = "current"
    #: Made before issue times: taken, and renewed to the new form when the page opens.
    LEGACY = "legacy"
    #: Not renewed for too long: refused, and the holder told to reload the page.
    EXPIRED = "expired"


@dataclass(frozen=True)
class Reading:
    """What a token the server issued says."""

    sid: str
    standing: Standing

    @property
    def usable(self) -> bool:
        return self.standing is not Standing.EXPIRED


@dataclass(frozen=True)
class Tokens:
    """Makes and checks web chat tokens with the station's index key."""

    signer: Signer
    #: The app's clock (`create_app(clock=…)`), so that tests and the rest of the server
    #: agree on when a token was issued and when the legacy form stops being taken.
    clock: Callable[[], datetime] = utcnow
    max_age: timedelta = TOKEN_MAX_AGE
    #: The first day (UTC) tokens of the form before issue times are refused.
    legacy_until: date = LEGACY_TOKENS_UNTIL
    #: Whether a refused one has been logged: said once per process, not per request.
    _said: list[bool] = field(default_factory=list, init=False, compare=False, repr=False)

    def issue(self, sid: str | None = None) -> str:
        """A token for `sid` (renewed: the same sid, issued now), or for a new random one."""
        sid = sid or "w" + secrets.token_urlsafe(18)
        signed = f"{sid}.{int(self.clock().timestamp())}"
        return f"{signed}.{self.signer(signed, PURPOSE)}"

    def read(self, token: str) -> Reading | None:
        """What a token says; None for anything the server did not issue."""
        signed, dot, mac = token.strip().rpartition(".")
        if not dot or not _MAC.fullmatch(mac):
            return None
        # A sid has no dot, so "sid.issued" is never a sid: neither form passes for the other.
        sid, dot, issued = signed.partition(".")
        if not _SID.fullmatch(sid) or (dot and not _ISSUED.fullmatch(issued)):
            return None
        if not hmac.compare_digest(mac, self.signer(signed, PURPOSE)):
            return None
        now = self.clock()
        if not dot:
            if now.astimezone(UTC).date() < self.legacy_until:
                return Reading(sid, Standing.LEGACY)
            self._say_legacy_refused()
            return Reading(sid, Standing.EXPIRED)
        fresh = now.timestamp() - int(issued) <= self.max_age.total_seconds()
        return Reading(sid, Standing.CURRENT if fresh else Standing.EXPIRED)

    def _say_legacy_refused(self) -> None:
        if self._said:
            return
        self._said.append(True)
        log.warning(
            "a web chat token of the form before issue times was refused: [server] "
            "web_legacy_tokens_until (%s) has passed. Its holder is told to reload the page "
            "and starts a new conversation (owners and officers bind again). If this station "
            "upgraded to issue times less than a year ago, set web_legacy_tokens_until in "
            "config.toml to a year after that upgrade.",
            self.legacy_until.isoformat(),
        )


def bearer(request: web.Request) -> str | None:
    """The token of `Authorization: Bearer …`, if the request has one."""
    scheme, _, value = request.headers.get("Authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" and value.strip() else None


def set_cookie(response: web.StreamResponse, request: web.Request, token: str) -> None:
    """Give the page its token. Secure where the page was reached over HTTPS (directly or
    through the station's proxy): a browser then never sends it in the clear. A spoofed
    X-Forwarded-Proto only makes the spoofer's own browser drop the cookie."""
    secure = request.secure or request.headers.get("X-Forwarded-Proto", "").lower() == "https"
    response.set_cookie(
        COOKIE,
        token,
        max_age=COOKIE_MAX_AGE,
        httponly=True,
        samesite="Strict",
        secure=secure or None,
    )
