"""Who a web chat user is: an identity the server issues, never a name the browser picks.

A web user is known by a *session id* (`sid`), the account's `channel_user_id` and the key of
their inbox. The browser never proves itself with the sid: it holds a *token*, `sid.mac`,
where `mac` is the station's keyed hash of the sid. Only the server can make one, so a sid
read from a log, a database row or a reply's `recipient_id` is of no use to a stranger, and
guessing a token means guessing a 160-bit keyed hash. Nothing needs storing: the token is
checked, not looked up.

The page gets its token in an HttpOnly, SameSite=Strict cookie (its script never sees it);
other clients ask for one and send it as `Authorization: Bearer …` or, as Rasa's REST
clients do, as the body's `sender`. A token is never taken from a URL: URLs end up in proxy
logs and browser history.
"""

from __future__ import annotations

import hmac
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web

#: `signer(value, purpose)`: the blind index's keyed hash of a value as it is.
Signer = Callable[[str, str], str]

#: What the keyed hash of a sid is made for: apart from every other use of the index key.
PURPOSE = "web-chat-session"
COOKIE = "jingmin_web"
#: A phone keeps its chat identity as long as it kept its browser-made one before: a year
#: after the last time the page renewed it.
COOKIE_MAX_AGE = 365 * 24 * 3600
#: A sid the server makes: "w" and 144 random bits, URL-safe and without a dot.
ISSUED_SID = re.compile(r"w[A-Za-z0-9_-]{24}")
#: Any sid a token may carry: tests and benches name theirs, earlier pages made UUIDs.
_SID = re.compile(r"[A-Za-z0-9_-]{1,80}")
_MAC = re.compile(r"[0-9a-f]{40}")


@dataclass(frozen=True)
class Tokens:
    """Makes and checks web chat tokens with the station's index key."""

    signer: Signer

    def issue(self, sid: str | None = None) -> str:
        """A token for `sid`, or for a new random one."""
        sid = sid or "w" + secrets.token_urlsafe(18)
        return f"{sid}.{self.signer(sid, PURPOSE)}"

    def read(self, token: str) -> str | None:
        """The sid a token was issued for; None for anything the server did not issue."""
        sid, dot, mac = token.strip().rpartition(".")
        if not dot or not _SID.fullmatch(sid) or not _MAC.fullmatch(mac):
            return None
        return sid if hmac.compare_digest(mac, self.signer(sid, PURPOSE)) else None


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
