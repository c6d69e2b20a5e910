"""The application over HTTP: health, metrics, and a whole registration across a restart."""

from __future__ import annotations

import asyncio
import gc
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from aiohttp import web

from bot.app import MEDIA, SERVICES, WORKER, create_app
from bot.config import Settings
from storage.db import sqlite_path
from tests.conftest import reset_schema
from tests.support.clock import FakeClock
from tests.support.seed import GUEST_ID, seed_station
from tests.support.web_chat import web_token


async def _say(client, sender: str, text: str) -> str:  # type: ignore[no-untyped-def]
    response = await client.post(
        "/webhooks/rest/webhook", json={"sender": web_token(client.app, sender), "message": text}
    )
    assert response.status == 200
    return "\n".join(item.get("text", "") for item in await response.json())


async def test_health_and_metrics(app: web.Application, aiohttp_client) -> None:  # type: ignore[no-untyped-def]
    client = await aiohttp_client(app)
    health = await client.get("/healthz")
    assert health.status == 200 and (await health.json())["database"] == "ok"
    await _say(client, "someone", "你好")
    metrics = await (await client.get("/metrics")).text()
    assert 'jingmin_messages_total{channel="web",outcome="ok"}' in metrics
    assert "jingmin_message_seconds_bucket" in metrics


async def test_health_reports_unreachable_database(app: web.Application, aiohttp_client) -> None:  # type: ignore[no-untyped-def]
    client = await aiohttp_client(app)
    bad = create_app(
        app[SERVICES].settings.model_copy(
            update={
                "database": app[SERVICES].settings.database.model_copy(
                    update={"url": "postgresql+asyncpg://nobody@127.0.0.1:1/none"}
                )
            }
        ),
        run_background=False,
    )
    bad_client = await aiohttp_client(bad)
    response = await bad_client.get("/healthz")
    assert response.status == 503 and (await response.json())["database"] == "unreachable"
    assert (await client.get("/healthz")).status == 200


async def test_registration_over_rest_survives_server_restart(
    settings: Settings,
    clock: FakeClock,
    aiohttp_client,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    from tests.conftest import reset_schema

    await reset_schema(settings.database.url)
    first = create_app(settings, clock=clock, run_background=False)
    await seed_station(first[SERVICES], channel="web")
    client = await aiohttp_client(first)
    for text in ("登记", "王小明", "身份证", GUEST_ID):
        await _say(client, "owner", text)
    await client.close()  # the process goes away mid-form

    second = create_app(settings, clock=clock, run_background=False)
    client = await aiohttp_client(second)
    reply = await _say(client, "owner", "13800001111")
    assert "房间号" in reply
    for text in ("302", "现在", "跳过"):
        reply = await _say(client, "owner", text)
    assert "姓名：王小明" in reply
    assert "旅客登记成功" in await _say(client, "owner", "确认")


async def test_unknown_path_is_404_not_500(app: web.Application, aiohttp_client) -> None:  # type: ignore[no-untyped-def]
    client = await aiohttp_client(app)
    assert (await client.get("/nope")).status == 404
    assert (await client.get("/media/not-a-hash")).status == 404


async def test_pictures_are_served_only_by_signed_unexpired_links(  # type: ignore[no-untyped-def]
    app: web.Application, aiohttp_client
) -> None:
    client = await aiohttp_client(app)
    media = app[MEDIA]
    sha = media.put(b"\x89PNG an internal wanted card")
    assert (await client.get(media.link(sha))).status == 200
    assert (await client.get(f"/media/{sha}")).status == 404  # a forwarded bare path
    expired = media.link(sha, ttl=timedelta(seconds=-1))
    assert (await client.get(expired)).status == 404
    forged = media.link(sha).rsplit("&s=", 1)[0] + "&s=" + "0" * 40
    assert (await client.get(forged)).status == 404
    for query in ("e=9999999999&s=%C3%A9", "e=" + "9" * 5000 + "&s=" + "0" * 40, "e=&s="):
        assert (await client.get(f"/media/{sha}?{query}")).status == 404  # not a 500


def test_a_missing_configured_card_font_is_said_at_start(
    settings: Settings,
    tmp_path: Path,
    caplog,  # type: ignore[no-untyped-def]
) -> None:
    from bot.fonts import cjk_font_path

    missing = str(tmp_path / "no-such-font.ttc")
    configured = settings.model_copy(
        update={"wanted": settings.wanted.model_copy(update={"font": missing})}
    )
    cjk_font_path.cache_clear()
    create_app(configured, clock=FakeClock(), run_background=False)
    assert any(missing in r.getMessage() for r in caplog.records if r.levelname == "WARNING")


async def test_the_server_keeps_its_start_up_heap_out_of_garbage_collection(
    settings: Settings,
    clock: FakeClock,
    aiohttp_client,  # type: ignore[no-untyped-def]
) -> None:
    # Each full collection over the start-up heap held up every chat in flight (~130 ms, seen
    # as p99 spikes in bench/registration.py); frozen, the collector no longer walks it.
    from tests.conftest import reset_schema

    await reset_schema(settings.database.url)
    serving = settings.model_copy(
        update={"scheduler": settings.scheduler.model_copy(update={"enabled": False})}
    )
    # What importing the commands froze (`bot.cli.main`), if a test module imported them.
    imported = gc.get_freeze_count()
    try:
        await aiohttp_client(create_app(serving, clock=clock, run_background=False))
        # Apps that tests drive by hand leave the heap alone.
        assert gc.get_freeze_count() == imported
        server = create_app(serving, clock=clock)
        client = await aiohttp_client(server)
        assert gc.get_freeze_count() > imported
        assert not any(o is server for o in gc.get_objects())  # built before: not walked
        assert (await client.get("/healthz")).status == 200
    finally:
        gc.unfreeze()


def test_a_missing_law_index_is_named_by_its_full_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.app import load_law
    from bot.config import LawSettings

    monkeypatch.delenv("JINGMIN_LAW_INDEX", raising=False)
    monkeypatch.chdir(tmp_path)
    assert load_law(Settings(law=LawSettings(index_dir="var/law-index"))) is None
    assert f"no law index at {tmp_path}/var/law-index:" in caplog.text


async def test_metrics_tell_the_station_state_from_the_database(
    app: web.Application,
    aiohttp_client,  # type: ignore[no-untyped-def]
) -> None:
    """/metrics had only this process's counters: IT could not alert on alerts not going
    out, sends given up, or a job (the retention purge) that stopped succeeding."""
    from storage.models import JobRun, OutboxMessage, OutboxStatus

    services = app[SERVICES]
    now = services.clock()
    async with services.sessions() as session:
        for status, age in ((OutboxStatus.PENDING, 90), (OutboxStatus.FAILED, 30)):
            session.add(
                OutboxMessage(
                    dedupe_key=f"metrics-{status}",
                    channel="web",
                    chat_id="someone",
                    payload="{}",
                    status=status,
                    created_at=now - timedelta(seconds=age),
                    next_attempt_at=now - timedelta(seconds=age),
                )
            )
        session.add(JobRun(name="purge", holder="x", started_at=now, finished_at=now, outcome="ok"))
        session.add(
            JobRun(name="digest", holder="x", started_at=now, finished_at=now, outcome="failed")
        )
        await session.commit()
    client = await aiohttp_client(app)
    metrics = await (await client.get("/metrics")).text()
    assert 'jingmin_outbox_pending{channel="web"} 1.0' in metrics
    assert 'jingmin_outbox_failed_24h{channel="web"} 1.0' in metrics
    figures = dict(line.rsplit(" ", 1) for line in metrics.splitlines() if line[:1] != "#")
    assert 89 <= float(figures["jingmin_outbox_oldest_due_seconds"]) <= 91
    last_success = figures['jingmin_job_last_success_timestamp_seconds{job="purge"}']
    assert float(last_success) == now.timestamp()
    assert 'jingmin_job_last_run_failed{job="digest"} 1.0' in metrics
    assert 'jingmin_job_last_run_failed{job="purge"} 0.0' in metrics


def test_the_server_loads_a_messenger_sdk_only_for_its_channel() -> None:
    """python-telegram-bot and wechatpy (with httpx and requests) were over a second of
    every server start; a station serving the web chat alone never uses them. A fresh
    interpreter, as `jingmin serve` starts (its commands, then the channels' facts): this
    one has loaded them for other tests."""
    start = (
        "import sys, bot.cli.main; from bot.app import channel_facts; "
        "from bot.config import Settings; "
        "assert list(channel_facts(Settings())) == ['web']; print(*sorted(sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", start],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    assert "bot.app" in loaded
    assert not {"telegram", "wechatpy"} & set(loaded)


async def test_one_worker_of_several_checkpoints_the_sqlite_file(
    app: web.Application,
    settings: Settings,
    clock: FakeClock,
    aiohttp_client,  # type: ignore[no-untyped-def]
) -> None:
    """Each worker of `serve --workers N` had run its own checkpoint of the one file."""
    if sqlite_path(settings.database.url) is None:
        pytest.skip("PostgreSQL has no WAL file of ours to checkpoint")
    app[WORKER] = 2
    await aiohttp_client(app)
    assert "wal-checkpoints" not in {task.get_name() for task in asyncio.all_tasks()}
    first = create_app(settings, clock=clock, run_background=False)
    first[WORKER] = 1
    await aiohttp_client(first)
    assert "wal-checkpoints" in {task.get_name() for task in asyncio.all_tasks()}


async def test_metrics_name_the_worker_whose_counters_they_are(  # type: ignore[no-untyped-def]
    settings: Settings, clock: FakeClock, aiohttp_client
) -> None:
    # With `serve --workers 3` a scrape reads one worker's counters: nothing said so, and a
    # graph of jingmin_messages_total jumped between three unrelated counts.
    await reset_schema(settings.database.url)
    server = settings.server.model_copy(update={"workers": 3})
    app = create_app(
        settings.model_copy(update={"server": server}), clock=clock, run_background=False
    )
    app[WORKER] = 2
    client = await aiohttp_client(app)
    metrics = await (await client.get("/metrics")).text()
    assert 'jingmin_worker{worker="2"} 3.0' in metrics
    assert "# HELP jingmin_messages_total Inbound messages handled by this worker" in metrics
    assert "jingmin_outbox_total Outbox delivery attempts by this worker" in metrics
