"""`GET /api/broadcasts/{id}.cap.xml`: an alert as CAP 1.2, for other alerting systems.

Who may fetch it: anyone, for an alert that has gone out to the public (subscribed
residents heard it, so it is public already); anyone with the station's token
(`[broadcast] cap_token`, as `Authorization: Bearer …` or `?token=`), for any alert. Without
a token configured, only public alerts are served. Everything else answers 404, so the
endpoint does not tell which alert numbers exist.
"""

from __future__ import annotations

import hmac
from datetime import timedelta

from aiohttp import web

from bot.context import Services
from bot.media import MediaStore
from handlers.broadcast.cap import UNRELEASED, sender_of, to_cap
from handlers.services.numbers import record_number
from storage.models import Broadcast, Station

CAP_TYPE = "application/cap+xml"
#: A CAP reader may fetch the picture whenever it shows the alert: links last a month.
CAP_LINK_TTL = timedelta(days=30)


def _token(request: web.Request) -> str:
    header = request.headers.get("Authorization", "")
    if header.startswith("Bearer "):
        return header[len("Bearer ") :].strip()
    return request.query.get("token", "")


def may_fetch(broadcast: Broadcast, token: str, configured: str) -> bool:
    if configured and token and hmac.compare_digest(token.encode(), configured.encode()):
        return True
    return broadcast.public and broadcast.status not in UNRELEASED


async def export(services: Services, media: MediaStore, broadcast_id: int) -> bytes | None:
    """The CAP document of an alert, or None if there is no such alert."""
    settings = services.settings
    async with services.sessions() as session:
        broadcast = await session.get(Broadcast, broadcast_id)
        if broadcast is None:
            return None
        station = await session.get(Station, broadcast.station_id)
    assert station is not None
    image = media.get(broadcast.image_sha256) if broadcast.image_sha256 else None
    return to_cap(
        broadcast,
        station,
        zone=settings.zone,
        sender=sender_of(station, settings.broadcast.cap_sender),
        image_url=(
            media.link(
                broadcast.image_sha256, settings.server.public_url, CAP_LINK_TTL, published=True
            )
            if broadcast.image_sha256
            else ""
        ),
        image=image,
    )


def cap_routes(services: Services, media: MediaStore) -> list[web.RouteDef]:
    async def cap(request: web.Request) -> web.Response:
        broadcast_id = record_number(request.match_info["id"])
        if broadcast_id is None:  # beyond any key: a 404, not the database's error
            raise web.HTTPNotFound()
        async with services.sessions() as session:
            broadcast = await session.get(Broadcast, broadcast_id)
        configured = services.settings.broadcast.cap_token
        if broadcast is None or not may_fetch(broadcast, _token(request), configured):
            raise web.HTTPNotFound()
        body = await export(services, media, broadcast_id)
        if body is None:
            raise web.HTTPNotFound()
        return web.Response(
            body=body,
            content_type=CAP_TYPE,
            charset="utf-8",
            headers={"Cache-Control": "no-cache", "X-Content-Type-Options": "nosniff"},
        )

    return [web.get(r"/api/broadcasts/{id:\d{1,18}}.cap.xml", cap)]
