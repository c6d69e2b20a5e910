"""CAP 1.2 export: valid against the OASIS schema as alert, update and cancel; who may fetch."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import xmlschema
from aiohttp import web
from aiohttp.test_utils import TestClient

from bot.app import MEDIA, SERVICES
from bot.context import Services
from handlers.broadcast.audience import Audience
from handlers.broadcast.cap import NAMESPACE, to_cap
from handlers.broadcast.geo import Circle, Polygon
from storage.models import Broadcast, BroadcastStatus, Category, Severity, Station
from tests.support.clock import FakeClock
from tests.support.seed import seed_station

SCHEMA = xmlschema.XMLSchema(Path(__file__).parents[2] / "fixtures" / "CAP-v1.2.xsd")
NS = {"cap": NAMESPACE}
PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def _broadcast(clock: FakeClock, **changes: object) -> Broadcast:
    values: dict[str, object] = {
        "id": 7,
        "station_id": 1,
        "title": "注意冒充公检法诈骗",
        "body": "凡要求转账到“安全账户”的一律是诈骗 & 请转告住客 <务必>。",
        "category": Category.FRAUD,
        "severity": Severity.URGENT,
        "status": BroadcastStatus.SENDING,
        "audience": Audience(
            circle=Circle(30.25, 120.15, 500), label="平安旅馆周边500米"
        ).to_json(),
        "released_at": clock.now,
        "created_at": clock.now,
        "updated_at": clock.now,
        "expires_at": clock.now.replace(hour=clock.now.hour + 2),
    }
    values.update(changes)
    return Broadcast(**values)  # type: ignore[arg-type]


def _cap(broadcast: Broadcast, image: bytes | None = None) -> ET.Element:
    station = Station(id=1, name="测试派出所", code="t1")
    body = to_cap(
        broadcast,
        station,
        zone=ZoneInfo("Asia/Shanghai"),
        sender="jingmin@t1",
        image_url=f"https://jmt.example.cn/media/{broadcast.image_sha256}?e=1&s=x"
        if broadcast.image_sha256
        else "",
        image=image,
    )
    assert body.startswith(b"<?xml")
    SCHEMA.validate(body)  # raises with the reason if not valid
    return ET.fromstring(body)


def _text(root: ET.Element, path: str) -> str:
    found = root.find(path, NS)
    assert found is not None and found.text is not None, path
    return found.text


def test_alert_with_circle_and_picture(clock: FakeClock) -> None:
    broadcast = _broadcast(clock, image_sha256="ab" * 32, image_mime="image/png", public=True)
    root = _cap(broadcast, PNG)
    assert _text(root, "cap:msgType") == "Alert"
    assert _text(root, "cap:scope") == "Public"
    assert _text(root, "cap:sent") == "2026-11-23T10:00:00+08:00"
    assert _text(root, "cap:info/cap:category") == "Security"
    assert _text(root, "cap:info/cap:urgency") == "Immediate"
    assert _text(root, "cap:info/cap:severity") == "Severe"
    assert "<务必>" in _text(root, "cap:info/cap:description")  # escaped, and back
    assert _text(root, "cap:info/cap:area/cap:circle") == "30.250000,120.150000 0.500"
    assert _text(root, "cap:info/cap:resource/cap:size") == str(len(PNG))
    assert "/media/" + "ab" * 32 + "?e=" in _text(root, "cap:info/cap:resource/cap:uri")
    assert re.fullmatch(r"[0-9a-f]{40}", _text(root, "cap:info/cap:resource/cap:digest"))
    assert root.find("cap:references", NS) is None


def test_update_with_polygon_references_the_original(clock: FakeClock) -> None:
    square = Polygon(((30.25, 120.15), (30.26, 120.15), (30.26, 120.16), (30.25, 120.16)))
    broadcast = _broadcast(
        clock, rev=2, audience=Audience(polygon=square, label="指定区域").to_json()
    )
    root = _cap(broadcast)
    assert _text(root, "cap:msgType") == "Update"
    assert _text(root, "cap:scope") == "Restricted" and root.find("cap:restriction", NS) is not None
    sender, identifier, sent = _text(root, "cap:references").split(",")
    assert (sender, identifier) == ("jingmin@t1", "jingmin.t1.broadcast.7.r1")
    assert sent == "2026-11-23T10:00:00+08:00"
    pairs = _text(root, "cap:info/cap:area/cap:polygon").split()
    assert len(pairs) == 5 and pairs[0] == pairs[-1]  # closed, as CAP requires


def test_cancel(clock: FakeClock) -> None:
    broadcast = _broadcast(
        clock, status=BroadcastStatus.CANCELLED, cancelled_at=clock.now, note="信息有误"
    )
    root = _cap(broadcast)
    assert _text(root, "cap:msgType") == "Cancel"
    assert _text(root, "cap:identifier") == "jingmin.t1.broadcast.7.cancel"
    assert "jingmin.t1.broadcast.7.r1" in _text(root, "cap:references")
    assert _text(root, "cap:info/cap:urgency") == "Past"


def test_a_beat_audience_has_only_a_description(clock: FakeClock) -> None:
    broadcast = _broadcast(clock, audience=Audience(beats=(1,), label="一号警务区旅馆").to_json())
    root = _cap(broadcast)
    assert _text(root, "cap:info/cap:area/cap:areaDesc") == "一号警务区旅馆"
    assert root.find("cap:info/cap:area/cap:circle", NS) is None


async def _stored(services: Services, clock: FakeClock, *, public: bool) -> int:
    seeded = await seed_station(services, channel="web")
    async with services.sessions() as session:
        broadcast = _broadcast(clock, id=None, public=public, station_id=seeded.station.id)
        session.add(broadcast)
        await session.commit()
        assert broadcast.id is not None
        return broadcast.id


@pytest.fixture
async def cap_client(app: web.Application, aiohttp_client: object) -> TestClient:  # type: ignore[type-arg]
    return await aiohttp_client(app)  # type: ignore[operator, no-any-return]


async def test_http_export_public_only_without_token(
    app: web.Application,
    cap_client: TestClient,
    clock: FakeClock,  # type: ignore[type-arg]
) -> None:
    services = app[SERVICES]
    public = await _stored(services, clock, public=True)
    async with services.sessions() as session:
        restricted = _broadcast(clock, id=None, public=False, station_id=1)
        session.add(restricted)
        await session.commit()
        restricted_id = restricted.id
    response = await cap_client.get(f"/api/broadcasts/{public}.cap.xml")
    assert response.status == 200 and response.content_type == "application/cap+xml"
    SCHEMA.validate(await response.read())
    assert (await cap_client.get(f"/api/broadcasts/{restricted_id}.cap.xml")).status == 404
    assert (await cap_client.get("/api/broadcasts/999.cap.xml")).status == 404


async def _exported_picture_path(
    app: web.Application,
    cap_client: TestClient,  # type: ignore[type-arg]
    clock: FakeClock,
    sha: str,
) -> str:
    """The media path a CAP reader is given for a public alert with the picture `sha`."""
    services = app[SERVICES]
    seeded = await seed_station(services, channel="web")
    async with services.sessions() as session:
        broadcast = _broadcast(
            clock, id=None, public=True, station_id=seeded.station.id,
            image_sha256=sha, image_mime="image/png",
        )  # fmt: skip
        session.add(broadcast)
        await session.commit()
        number = broadcast.id
    body = await (await cap_client.get(f"/api/broadcasts/{number}.cap.xml")).read()
    uri = _text(ET.fromstring(body), "cap:info/cap:resource/cap:uri")
    return uri[uri.index("/media/") :]


async def test_the_exported_picture_link_is_signed_and_served(
    app: web.Application,
    cap_client: TestClient,  # type: ignore[type-arg]
    clock: FakeClock,
) -> None:
    path = await _exported_picture_path(app, cap_client, clock, app[MEDIA].put(PNG))
    assert "?e=" in path and (await cap_client.get(path)).status == 200
    assert (await cap_client.get("/api/broadcasts/99999999999999.cap.xml")).status == 404


async def test_an_exported_picture_also_sealed_as_a_wanted_photo_is_served_for_the_month(
    app: web.Application,
    cap_client: TestClient,  # type: ignore[type-arg]
    clock: FakeClock,
) -> None:
    """The same bytes sealed for a wanted card had cut the CAP reader's month-long link to
    half an hour."""
    path = await _exported_picture_path(app, cap_client, clock, app[MEDIA].put_sealed(PNG))
    clock.advance(days=29)
    shown = await cap_client.get(path)
    assert shown.status == 200 and await shown.read() == PNG


async def test_http_export_with_station_token(
    settings_with_token: web.Application, aiohttp_client: object, clock: FakeClock
) -> None:
    app = settings_with_token
    client = await aiohttp_client(app)  # type: ignore[operator]
    restricted = await _stored(app[SERVICES], clock, public=False)
    url = f"/api/broadcasts/{restricted}.cap.xml"
    assert (await client.get(url)).status == 404
    assert (await client.get(url, headers={"Authorization": "Bearer wrong"})).status == 404
    ok = await client.get(url, headers={"Authorization": "Bearer s3cret-token"})
    assert ok.status == 200
    assert (await client.get(url + "?token=s3cret-token")).status == 200


@pytest.fixture
async def settings_with_token(db_url: str, tmp_path: Path, clock: FakeClock) -> web.Application:
    from bot.app import create_app
    from tests.conftest import make_settings, reset_schema

    settings = make_settings(db_url, tmp_path, broadcast={"cap_token": "s3cret-token"})
    await reset_schema(settings.database.url)
    return create_app(settings, clock=clock, run_background=False)
