"""No plaintext ID number, name or phone of a guest reaches the database file or the logs."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient

from bot.app import DELIVERY, SERVICES, create_app
from tests.conftest import make_settings, reset_schema
from tests.support.clock import FakeClock
from tests.support.seed import WANTED_ID, seed_station
from tests.support.web_chat import web_token

NAME, PHONE = "欧阳明", "13912345678"


async def test_registration_and_hit_leave_no_plaintext(
    tmp_path: Path,
    aiohttp_client,
    caplog: pytest.LogCaptureFixture,  # type: ignore[no-untyped-def]
) -> None:
    db_file = tmp_path / "station.db"
    settings = make_settings(f"sqlite+aiosqlite:///{db_file}", tmp_path, database={"echo": True})
    await reset_schema(settings.database.url)
    app: web.Application = create_app(settings, clock=FakeClock(), run_background=False)
    await seed_station(app[SERVICES], channel="web")
    client: TestClient = await aiohttp_client(app)
    caplog.set_level(logging.DEBUG)
    steps = ["登记", NAME, "身份证", WANTED_ID, PHONE, "808", "现在", "跳过", "确认"]
    for text in steps:
        response = await client.post(
            "/webhooks/rest/webhook", json={"sender": web_token(app, "owner"), "message": text}
        )
        assert response.status == 200
    officer = await client.post(
        "/webhooks/rest/webhook", json={"sender": web_token(app, "officer"), "message": "/命中 1"}
    )
    assert WANTED_ID in await officer.text()  # the officer may see it (audited) …
    await app[DELIVERY].run_once()
    await client.close()
    # … but it is nowhere at rest and nowhere in the logs.
    stored = _stored(tmp_path)
    assert stored, "the database file should exist"
    for secret in (WANTED_ID, PHONE, NAME):
        assert secret.encode() not in stored, f"{secret} found in the database file"
        assert secret not in caplog.text, f"{secret} found in the logs"
    assert "INSERT INTO guest_stay" in caplog.text  # SQL was logged: parameters were not


def _stored(folder: Path) -> bytes:
    """The database file with its -wal and -shm, read whole. SQLite deletes those two as
    its last connection closes, which may be while they are read: then everything is read
    again, the -wal's pages having been copied into the file first."""
    for _ in range(10):
        try:
            return b"".join(p.read_bytes() for p in sorted(folder.glob("station.db*")))
        except FileNotFoundError:
            continue
    raise AssertionError("the database files kept changing while read")
