"""Web chat over HTTP.

- `POST /webhooks/rest/session` gives the caller a web chat identity (`identity.py`): an
  HttpOnly cookie for the page, or `{"token"}` when the body asks `{"bearer": true}`. The
  caller's own token (cookie, or `Authorization: Bearer`) is renewed: same identity, new age.
  `{"claim": "<old sender>"}` carries over a conversation of the page's earlier versions
  (`carry.py`).
- `POST /webhooks/rest/webhook` `{"message": "..."}` answers a JSON list of replies (Rasa's
  REST channel contract; `sender` may carry the token, as Rasa clients send it).
  `metadata.location` may carry a shared location, and `image` a photo as a base64 data URL
  (the page shrinks photos before sending them).
- `GET /webhooks/rest/inbox?after=N` returns messages sent to the user later (a wanted-list
  alert, a broadcast): the page polls it, since plain HTTP cannot push.
- `GET /` serves the chat page, `GET /static/{name}` its script and style sheet.

A request refused is answered `{"error": "<a Chinese sentence saying what to do>", "code":
"<for programs>"}` with its HTTP status (`errors.py`): the page shows the sentence as it is.

A name the client chooses as `sender` (in the body, or `?sender=` on the inbox and /me) is
taken on a demo server only (`[server] demo_roles`), where the role switcher names its
roles so; elsewhere it is refused, and so are tokens in a URL.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import json
import logging
import math
from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from importlib import resources
from typing import Any
from zoneinfo import ZoneInfo

from aiohttp import web
from sqlalchemy import delete
from sqlmodel import col, func, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot import codec
from bot.channels.base import Dispatch, Progress
from bot.channels.missing_pictures import without_missing
from bot.channels.rest import errors
from bot.channels.rest.addresses import Addresses
from bot.channels.rest.carry import Carry, carry_over
from bot.channels.rest.errors import Refused
from bot.channels.rest.identity import (
    COOKIE,
    ISSUED_SID,
    TOKEN_MAX_AGE,
    Reading,
    Tokens,
    bearer,
    set_cookie,
)
from bot.channels.rest.render import render
from bot.client_address import Network
from bot.context import ChannelFacts, Reach
from bot.media import MediaError, MediaStore
from bot.messages import (
    ChatType,
    Image,
    Inbound,
    Location,
    Photo,
    Reply,
    Text,
    split_recalls,
)
from bot.middleware.rate_limit import RateLimiter
from storage.db import SessionFactory
from storage.models import Account, Person, Role, WebInboxMessage
from storage.models.base import as_utc, utcnow
from storage.sealed import seal, unseal

log = logging.getLogger(__name__)

NAME = "web"
MAX_MESSAGE_CHARS = 2000
MAX_SENDER_CHARS = 128
INBOX_PAGE = 50
#: What an inbox row's payload is sealed for (storage.sealed).
INBOX_PAYLOAD = "web_inbox.payload"
# The limits below are counted in each server process (`bot.middleware.rate_limit`): with
# `[server] workers` = N a client whose requests reach several workers gets up to N times
# each, as config.example.toml says. Kept so: they slow a flood or a guesser (guessing a
# token or an old id is hopeless at any rate), and counting in the database would add a
# write to every picture and every refused request for no user's benefit.
#: Pictures a sender may upload: a self-inspection takes three or four.
UPLOADS_PER_MINUTE, UPLOADS_BURST = 12, 8
#: Pictures an address may upload: only against someone cycling through made-up senders.
#: Kept well above a sender's: a village's phones share one address behind a carrier's NAT,
#: and one resident's photos must not block everyone else's.
ADDRESS_UPLOADS_PER_MINUTE, ADDRESS_UPLOADS_BURST = 120, 60
#: Refused identities (tokens the server did not issue, chosen names, old senders that are
#: not there) an address may try: a page with a stale cookie needs one, a guesser thousands.
ADDRESS_GUESSES_PER_MINUTE, ADDRESS_GUESSES_BURST = 10, 10
#: Old senders an address may name to carry over (each counted before it is looked up: one
#: that exists must not be found by the attempt past the limit). A browser names its one
#: once; kept above that for the phones of a village behind one carrier address.
ADDRESS_CLAIMS_PER_MINUTE, ADDRESS_CLAIMS_BURST = 30, 30
#: What an expired token's holder reads (the page shows it as it is): a person, not a
#: program, is the one who has to act.
EXPIRED = (
    f"您的网页版身份已超过 {TOKEN_MAX_AGE.days} 天未使用，已经失效。"
    "请刷新页面，将为您开始新的对话（场所负责人、民警需重新绑定身份）。"
)
#: The page shows chips and a welcome that fit the sender's role.
ROLE_KINDS = {
    Role.RESIDENT: "resident",
    Role.OWNER: "owner",
    Role.OFFICER: "officer",
    Role.ADMIN: "admin",
}
#: Above any row id, and below SQLite's and PostgreSQL's 64-bit integer limit.
MAX_INBOX_ID = 2**63 - 1
#: The station's zone when none is given (the configuration's default).
STATION_ZONE = ZoneInfo("Asia/Shanghai")
#: What an owner's places have them do (`handlers.help_menu.owner_profile`), added to GET
#: /me: the channel knows nothing of venues, so the app hands it in.
OwnerProfile = Callable[[AsyncSession, int], Awaitable[dict[str, object]]]
#: The page's own files: nothing else under static/ is served.
STATIC_FILES = {"chat.js": "text/javascript", "chat.css": "text/css"}
#: The page loads only its own script and style; server text is never parsed as HTML, and
#: this keeps it so should that ever change. Images may come from links the bot sends.
PAGE_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; img-src * data: blob:; object-src 'none'; "
        "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-cache",
}


def _too_many(code: str, what: str, per_minute: int) -> web.Response:
    """A 429 with when to come back: the time one more attempt takes to refill."""
    retry_after = math.ceil(60 / per_minute)
    refused = errors.too_many(code, what, retry_after)
    return refused.response(headers={"Retry-After": str(retry_after)})


async def _json_body(request: web.Request, example: str) -> object:
    """The request's JSON; refused as not JSON, or as past `[server] max_body_bytes` (413)."""
    try:
        return await request.json(loads=json.loads)
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise errors.not_json(example) from None
    except web.HTTPRequestEntityTooLarge:
        raise errors.too_large(request.client_max_size) from None


def _text_field(body: dict[str, Any], key: str, limit: int) -> str:
    value = body.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise errors.not_text(key)
    if len(value) > limit:
        raise errors.too_long(key, limit, len(value))
    # A lone surrogate (valid JSON, not valid UTF-8) or a NUL cannot be stored: refuse here
    # rather than fail in the database.
    if "\x00" in value or _has_surrogate(value):
        raise errors.bad_characters(key)
    return value


def _has_surrogate(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _location(body: dict[str, Any]) -> Location | None:
    metadata = body.get("metadata")
    if not isinstance(metadata, dict) or not isinstance(metadata.get("location"), dict):
        return None
    loc = metadata["location"]
    lat, lon = loc.get("latitude"), loc.get("longitude")
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in (lat, lon)):
        raise errors.bad_location()
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise errors.bad_location()
    return Location(float(lat), float(lon), str(loc.get("label", ""))[:100])


def _image_bytes(body: dict[str, Any]) -> bytes | None:
    """The photo of `image`: a data URL (data:image/jpeg;base64,...) or bare base64."""
    value = body.get("image")
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise errors.bad_image()
    _, comma, data = value.partition(",")
    try:
        return base64.b64decode(data if comma else value, validate=True)
    except (binascii.Error, ValueError):
        raise errors.bad_image() from None


class RestChannel:
    name = NAME
    facts = ChannelFacts("网页版", reads_groups=False, reach=Reach.HELD, highlights=True)

    def __init__(
        self,
        sessions: SessionFactory,
        tokens: Tokens,
        media_url: str = "/media",
        demo_roles: dict[str, str] | None = None,
        media: MediaStore | None = None,
        trusted_proxies: Sequence[Network] = (),
        zone: ZoneInfo = STATION_ZONE,
        owner_profile: OwnerProfile | None = None,
        clock: Callable[[], datetime] = utcnow,
    ) -> None:
        self._sessions = sessions
        #: The app's clock: an inbox row is dated by it, as the retention purge reads it.
        self._clock = clock
        self._owner_profile = owner_profile
        self._zone = zone
        self._addresses = Addresses(trusted_proxies)
        self._media_url = media_url
        self._demo_roles = demo_roles or {}
        #: Public for tests, which name their users where a server would issue them.
        self.tokens = tokens
        self._guesses = RateLimiter(ADDRESS_GUESSES_PER_MINUTE, ADDRESS_GUESSES_BURST)
        self._claims = RateLimiter(ADDRESS_CLAIMS_PER_MINUTE, ADDRESS_CLAIMS_BURST)
        self._media = media
        self._uploads = RateLimiter(UPLOADS_PER_MINUTE, UPLOADS_BURST)
        self._address_uploads = RateLimiter(ADDRESS_UPLOADS_PER_MINUTE, ADDRESS_UPLOADS_BURST)
        self._dispatch: Dispatch | None = None

    def register_routes(self, app: web.Application, dispatch: Dispatch) -> None:
        self._dispatch = dispatch
        app.router.add_get("/", self._page)
        app.router.add_get("/static/{name}", self._static)
        app.router.add_get("/webhooks/rest", self._status)
        app.router.add_get("/webhooks/rest/", self._status)
        app.router.add_post("/webhooks/rest/session", self._session)
        app.router.add_post("/webhooks/rest/webhook", self._webhook)
        app.router.add_get("/webhooks/rest/inbox", self._inbox)
        app.router.add_get("/webhooks/rest/demo", self._demo)
        app.router.add_get("/webhooks/rest/me", self._me)

    def _link(self, image: Image) -> str:
        """A picture's URL: signed and expiring where the channel has the media store."""
        if self._media is not None:
            return self._media.link(image.sha256, published=image.published)
        return f"{self._media_url}/{image.sha256}"

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def send(
        self, chat_id: str, replies: list[Reply], progress: Progress | None = None
    ) -> list[str]:
        """One inbox row, written whole or not at all: nothing for `progress` to follow."""
        refs, shown = split_recalls(replies)
        async with self._sessions() as session:
            if refs:
                # Gone from the inbox: a page opened later no longer shows them.
                ids = [int(ref) for ref in refs if ref.isascii() and ref.isdigit()]
                await session.exec(
                    delete(WebInboxMessage).where(
                        col(WebInboxMessage.sender) == chat_id, col(WebInboxMessage.id).in_(ids)
                    )
                )
            row = None
            if shown:
                row = WebInboxMessage(
                    sender=chat_id,
                    payload=seal(session, codec.dumps(shown), INBOX_PAYLOAD),
                    created_at=self._clock(),
                )
                session.add(row)
            await session.commit()
            return [str(row.id)] if row is not None else []

    def _refused(self, request: web.Request, refused: Refused) -> web.Response:
        """A refused identity, counted against the address it came from: past the limit the
        answer is 429 whatever was tried, so guessing is slow as well as hopeless."""
        if not self._guesses.allow(self._addresses.of(request)):
            return _too_many(
                "too_many_refused", "此网络地址的无效身份请求", ADDRESS_GUESSES_PER_MINUTE
            )
        return refused.response()

    def _holder(self, reading: Reading) -> str | web.Response:
        """A genuine token's sid, or the 401 telling its holder it has expired. Not counted
        as a guess: only the server made it."""
        if reading.usable:
            return reading.sid
        return errors.refusal(401, "expired", EXPIRED, expired=True)

    def _identify(self, request: web.Request, named: str) -> str | web.Response:
        """The sid of the web user making `request`, or the answer refusing it. `named` is
        the body's `sender`: a token, or on a demo server a name of the role switcher."""
        self._addresses.check(request)
        token = bearer(request)
        if token is None and named:
            reading = self.tokens.read(named)
            if reading is not None:
                return self._holder(reading)
            # A demo server takes made-up names (its role switcher's, a tester's), but not
            # the shape of an issued id: that one is a real page's, shown as recipient_id.
            if self._demo_roles and not ISSUED_SID.fullmatch(named):
                return named
            return self._refused(request, errors.sender_not_issued())
        token = token or request.cookies.get(COOKIE)
        if not token:
            return errors.no_identity().response()
        reading = self.tokens.read(token)
        if reading is None:
            return self._refused(request, errors.unknown_identity())
        return self._holder(reading)

    def _identify_query(self, request: web.Request) -> str | web.Response:
        """As `_identify` for a GET, whose `?sender=` names a demo role and nothing else."""
        named = request.query.get("sender", "").strip()
        if named and self.tokens.read(named) is not None:
            # Already in a URL, and so perhaps in a proxy's log: not taken, so that no
            # client gets used to sending it there.
            return errors.token_in_url().response()
        if named and len(named) > MAX_SENDER_CHARS:
            return errors.too_long("sender", MAX_SENDER_CHARS, len(named)).response()
        if named and not self._demo_roles:
            return self._refused(request, errors.sender_in_url())
        return self._identify(request, named)

    async def _session(self, request: web.Request) -> web.Response:
        """A web chat identity for the caller: their own (cookie or bearer token) renewed, or
        a new one, with `"expired": true` where theirs had expired (the page says so).
        `{"claim": "<old sender>"}` moves a conversation of the page's earlier versions to a
        new identity; `{"bearer": true}` answers the token instead of setting a cookie."""
        body: object = {}
        example = '{"bearer": true}'
        if request.can_read_body:
            try:
                body = await _json_body(request, example)
            except Refused as refused:
                return refused.response()
        if not isinstance(body, dict):
            return errors.not_json(example).response()
        claim = body.get("claim")
        if claim is not None and (not isinstance(claim, str) or len(claim) > MAX_SENDER_CHARS):
            return errors.bad_claim(MAX_SENDER_CHARS).response()
        self._addresses.check(request)
        reading = self.tokens.read(bearer(request) or request.cookies.get(COOKIE, ""))
        # Renewed, not kept: a token's age counts from the last time its holder came back.
        kept = reading.sid if reading is not None and reading.usable else None
        token, carried = self.tokens.issue(kept), Carry.NONE
        if claim:
            if not self._claims.allow(self._addresses.of(request)):
                return _too_many(
                    "too_many_claims", "此网络地址请求转移旧对话", ADDRESS_CLAIMS_PER_MINUTE
                )
            # A conversation moves to an identity of its own, never into one in use.
            new = self.tokens.issue()
            async with self._sessions() as session:
                carried = await carry_over(session, NAME, claim.strip(), new.partition(".")[0])
                await session.commit()
            if carried is Carry.CARRIED:
                token = new
        answer: dict[str, object] = {"carried": carried.value}
        if reading is not None and kept is None:
            answer["expired"] = True
        if body.get("bearer") is True:
            answer["token"] = token
            return web.json_response(answer)
        response = web.json_response(answer)
        set_cookie(response, request, token)
        return response

    async def _page(self, _request: web.Request) -> web.Response:
        page = resources.files("bot.channels.rest").joinpath("static/index.html").read_text("utf-8")
        return web.Response(
            text=page, content_type="text/html", charset="utf-8", headers=PAGE_HEADERS
        )

    async def _static(self, request: web.Request) -> web.Response:
        name = request.match_info["name"]
        if name not in STATIC_FILES:
            raise web.HTTPNotFound()
        body = resources.files("bot.channels.rest").joinpath(f"static/{name}").read_text("utf-8")
        return web.Response(
            text=body,
            content_type=STATIC_FILES[name],
            charset="utf-8",
            headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"},
        )

    async def _status(self, _request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    async def _demo(self, _request: web.Request) -> web.Response:
        """The demo role switcher's choices: `{"roles": [{"sender", "label"}]}`, empty if off."""
        roles = [{"sender": s, "label": label} for s, label in self._demo_roles.items()]
        return web.json_response(
            {"roles": roles}, dumps=lambda o: json.dumps(o, ensure_ascii=False)
        )

    async def _me(self, request: web.Request) -> web.Response:
        """`{"role": "resident" | "owner" | "officer" | "admin"}` for `sender`: which shortcuts the page
        offers. An owner's answer also says what their kinds of place have them do, as their
        帮助 does: `registers` (旅客, 租客: none for a net café) and `inspects` (fire-safety
        自查: not a landlord). Only the holder of the sender string asks, and an unknown one
        is a resident (nothing is created: the first message does that)."""
        sender = self._identify_query(request)
        if isinstance(sender, web.Response):
            return sender
        async with self._sessions() as session:
            person = (
                await session.exec(
                    select(Person.id, Person.role)
                    .join(Account, col(Account.person_id) == col(Person.id))
                    .where(col(Account.channel) == NAME, col(Account.channel_user_id) == sender)
                )
            ).first()
            role = Role(person[1]) if person is not None else Role.RESIDENT
            answer: dict[str, object] = {"role": ROLE_KINDS[role]}
            if person is not None and role is Role.OWNER and self._owner_profile is not None:
                person_id = person[0]
                assert person_id is not None  # a stored row's key
                answer |= await self._owner_profile(session, person_id)
        return web.json_response(answer, dumps=lambda o: json.dumps(o, ensure_ascii=False))

    async def _webhook(self, request: web.Request) -> web.Response:
        example = '{"message": "…"}'
        try:
            body = await _json_body(request, example)
            if not isinstance(body, dict):
                raise errors.not_json(example)
            named = _text_field(body, "sender", MAX_SENDER_CHARS).strip()
            message = _text_field(body, "message", MAX_MESSAGE_CHARS)
            location = _location(body)
            image = _image_bytes(body) if self._media is not None else None
        except Refused as refused:
            return refused.response()
        if not message.strip() and location is None and image is None:
            return errors.empty().response()
        sender = self._identify(request, named)
        if isinstance(sender, web.Response):
            return sender
        photos: tuple[Photo, ...] = ()
        if image is not None:
            assert self._media is not None
            # Pictures are written to disk before the dispatcher's per-user limit sees the
            # message; an anonymous page must not fill the disk.
            address = self._addresses.of(request)
            if not (self._address_uploads.allow(address) and self._uploads.allow(sender)):
                return self._answer(sender, [Text("这张照片没有收到，请稍等一分钟后重新发送。")])
            try:
                photos = (await asyncio.to_thread(self._media.accept_image, image),)
            except MediaError as exc:
                # The sender's mistake, told in the chat like any other answer.
                return self._answer(sender, [Text(str(exc))])
        assert self._dispatch is not None
        inbound = Inbound(
            channel=NAME,
            chat_id=sender,
            sender_id=sender,
            text=message,
            chat_type=ChatType.PRIVATE,
            location=location,
            photos=photos,
        )
        return self._answer(sender, await self._dispatch(inbound))

    def _shown(self, replies: list[Reply]) -> list[Reply]:
        """`replies` as the page can show them: a picture the store no longer has is its
        line of text (as on every channel), not a link to nothing."""
        return without_missing(replies, self._media) if self._media is not None else replies

    def _answer(self, sender: str, replies: list[Reply]) -> web.Response:
        return web.json_response(
            [render(sender, r, self._link) for r in self._shown(replies)],
            dumps=lambda obj: json.dumps(obj, ensure_ascii=False),
        )

    def _sent_at(self, row: WebInboxMessage) -> str:
        """When a pushed message was sent, in the station's time like the texts themselves
        (the browser's clock may be in another zone, and the page may open days later)."""
        local = as_utc(row.created_at).astimezone(self._zone)
        today = self._clock().astimezone(self._zone).date()
        return (
            f"{local:%H:%M}"
            if local.date() == today
            else f"{local.month}月{local.day}日 {local:%H:%M}"
        )

    async def _inbox(self, request: web.Request) -> web.Response:
        sender = self._identify_query(request)
        if isinstance(sender, web.Response):
            return sender
        after_text = request.query.get("after", "0")
        # isdigit() alone lets through "²" and other digits int() cannot read.
        if not (after_text.isascii() and after_text.isdigit()) or int(after_text) > MAX_INBOX_ID:
            return errors.bad_after().response()
        async with self._sessions() as session:
            rows = (
                await session.exec(
                    select(WebInboxMessage)
                    .where(
                        WebInboxMessage.sender == sender, col(WebInboxMessage.id) > int(after_text)
                    )
                    .order_by(col(WebInboxMessage.id))
                    .limit(INBOX_PAGE)
                )
            ).all()
            # The sender's own newest only: the newest of all would let anyone watch the
            # station's traffic (an owner seeing a count jump as a hit alert lands).
            newest = (
                await session.exec(
                    select(func.max(WebInboxMessage.id)).where(WebInboxMessage.sender == sender)
                )
            ).one() or 0
            messages = [
                render(sender, reply, self._link) | {"id": row.id, "at": self._sent_at(row)}
                for row in rows
                for reply in self._shown(codec.loads(unseal(session, row.payload, INBOX_PAYLOAD)))
            ]
        # A page that remembers a position past the newest message (the database was reset)
        # is moved back, or it would never see new messages.
        last = rows[-1].id if rows else min(int(after_text), newest)
        return web.json_response(
            {"messages": messages, "last_id": last},
            dumps=lambda obj: json.dumps(obj, ensure_ascii=False),
        )
