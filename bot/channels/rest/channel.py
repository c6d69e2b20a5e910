"""Web chat over HTTP.

- `POST /webhooks/rest/webhook` `{"sender": "...", "message": "..."}` answers a JSON list of
  replies (Rasa's REST channel contract). `metadata.location` may carry a shared location.
- `GET /webhooks/rest/inbox?sender=...&after=N` returns messages sent to the user later
  (a wanted-list alert, a broadcast): the page polls it, since plain HTTP cannot push.
- `GET /` serves the chat page.

The `sender` string is the web user's identity: the page makes a random one and keeps it in
the browser, so it works like a bearer token.
"""

from __future__ import annotations

import json
import logging
from importlib import resources
from typing import Any

from aiohttp import web
from sqlmodel import col, select

from bot import codec
from bot.channels.base import Dispatch
from bot.channels.rest.render import render
from bot.messages import ChatType, Inbound, Location, Reply
from storage.db import SessionFactory
from storage.models import WebInboxMessage

log = logging.getLogger(__name__)

NAME = "web"
MAX_MESSAGE_CHARS = 2000
MAX_SENDER_CHARS = 128
INBOX_PAGE = 50


class BadRequest(Exception):
    pass


def _bad(reason: str) -> web.Response:
    return web.json_response({"error": reason}, status=400)


def _text_field(body: dict[str, Any], key: str, limit: int, *, required: bool) -> str:
    value = body.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise BadRequest(f"'{key}' must be a string")
    if required and not value.strip():
        raise BadRequest(f"'{key}' must not be empty")
    if len(value) > limit:
        raise BadRequest(f"'{key}' is longer than {limit} characters")
    return value


def _location(body: dict[str, Any]) -> Location | None:
    metadata = body.get("metadata")
    if not isinstance(metadata, dict) or not isinstance(metadata.get("location"), dict):
        return None
    loc = metadata["location"]
    lat, lon = loc.get("latitude"), loc.get("longitude")
    if not isinstance(lat, int | float) or not isinstance(lon, int | float):
        raise BadRequest("'metadata.location' needs numeric latitude and longitude")
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise BadRequest("'metadata.location' is outside the globe")
    return Location(float(lat), float(lon), str(loc.get("label", ""))[:100])


class RestChannel:
    name = NAME

    def __init__(
        self,
        sessions: SessionFactory,
        media_url: str = "/media",
        demo_roles: dict[str, str] | None = None,
    ) -> None:
        self._sessions = sessions
        self._media_url = media_url
        self._demo_roles = demo_roles or {}
        self._dispatch: Dispatch | None = None

    def register_routes(self, app: web.Application, dispatch: Dispatch) -> None:
        self._dispatch = dispatch
        app.router.add_get("/", self._page)
        app.router.add_get("/webhooks/rest", self._status)
        app.router.add_get("/webhooks/rest/", self._status)
        app.router.add_post("/webhooks/rest/webhook", self._webhook)
        app.router.add_get("/webhooks/rest/inbox", self._inbox)
        app.router.add_get("/webhooks/rest/demo", self._demo)

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def send(self, chat_id: str, replies: list[Reply]) -> None:
        async with self._sessions() as session:
            session.add(WebInboxMessage(sender=chat_id, payload=codec.dumps(replies)))
            await session.commit()

    async def _page(self, _request: web.Request) -> web.Response:
        page = resources.files("bot.channels.rest").joinpath("static/index.html").read_text("utf-8")
        return web.Response(text=page, content_type="text/html", charset="utf-8")

    async def _status(self, _request: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    async def _demo(self, _request: web.Request) -> web.Response:
        """The demo role switcher's choices: `{"roles": [{"sender", "label"}]}`, empty if off."""
        roles = [{"sender": s, "label": label} for s, label in self._demo_roles.items()]
        return web.json_response({"roles": roles}, dumps=lambda o: json.dumps(o, ensure_ascii=False))

    async def _webhook(self, request: web.Request) -> web.Response:
        try:
            body = await request.json(loads=json.loads)
        except (json.JSONDecodeError, UnicodeDecodeError):
            return _bad('body must be JSON: {"sender": "...", "message": "..."}')
        if not isinstance(body, dict):
            return _bad("body must be a JSON object with 'sender' and 'message'")
        try:
            sender = _text_field(body, "sender", MAX_SENDER_CHARS, required=True).strip()
            message = _text_field(body, "message", MAX_MESSAGE_CHARS, required=False)
            location = _location(body)
        except BadRequest as exc:
            return _bad(str(exc))
        if not message.strip() and location is None:
            return _bad("'message' must not be empty")
        assert self._dispatch is not None
        inbound = Inbound(
            channel=NAME,
            chat_id=sender,
            sender_id=sender,
            text=message,
            chat_type=ChatType.PRIVATE,
            location=location,
        )
        replies = await self._dispatch(inbound)
        return web.json_response(
            [render(sender, r, self._media_url) for r in replies],
            dumps=lambda obj: json.dumps(obj, ensure_ascii=False),
        )

    async def _inbox(self, request: web.Request) -> web.Response:
        sender = request.query.get("sender", "")
        after_text = request.query.get("after", "0")
        if not sender or len(sender) > MAX_SENDER_CHARS:
            return _bad("query parameter 'sender' is required")
        if not after_text.isdigit():
            return _bad("query parameter 'after' must be a whole number")
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
        messages = [
            render(sender, reply, self._media_url) | {"id": row.id}
            for row in rows
            for reply in codec.loads(row.payload)
        ]
        last = rows[-1].id if rows else int(after_text)
        return web.json_response(
            {"messages": messages, "last_id": last},
            dumps=lambda obj: json.dumps(obj, ensure_ascii=False),
        )
