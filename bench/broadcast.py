"""Broadcast delivery rate against rate-limited fake platforms.

    .venv/bin/python bench/broadcast.py [--alerts 4] [--robots 500] [--telegram 2000]
                                        [--speed 2] [--db postgresql+asyncpg://…/db]

One beat with 500 WeCom robot groups and 2,000 venue owners on Telegram; `--alerts` urgent
alerts are released to all of them (4 x 2,500 = 10,000 deliveries). The fake Bot API and
robot webhook run in a child process and refuse, as the platforms do, what goes over 30
messages a second per bot, 1 a second per private chat and 20 a minute per robot.

Time runs `--speed` times faster than real time for everyone: the fakes' rate windows, the
channels' limits and the delivery worker all read the same scaled clock (CLOCK_MONOTONIC,
shared by the two processes), so the run takes minutes instead of a quarter of an hour and
the figures below are in scaled seconds. Speed it up only as far as the machine keeps up:
on two cores with PostgreSQL on the same machine, --speed 1.5 (beyond that the CPU, not the
limits, sets the pace); SQLite manages --speed 2 to 3.

Prints the time the limits allow (the busiest constraint: Telegram's 30 a second for all
its messages), the time taken, the achieved rate as a share of the allowed one (the target
is at least 95 %), messages lost and duplicated (both must be 0, from the fakes' own
records), refusals, and the peak memory of the delivering process.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import math
import multiprocessing
import resource
import sys
import tempfile
import time
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TOKEN = "123456789:AAH-bench_token_for_the_fake_api"
PER_BOT = 30.0  # Telegram: messages a second per bot
ROBOT_PER_MINUTE = 20


# -- the platforms, in a child process ------------------------------------------------------


def _fakes_main(t0: float, speed: float, urls: Any, stop: Any) -> None:
    asyncio.run(_serve_fakes(t0, speed, urls, stop))


async def _serve_fakes(t0: float, speed: float, urls: Any, stop: Any) -> None:
    from aiohttp import web

    from tests.fakes.limited import LimitedRobots, LimitedTelegram

    def clock() -> float:
        return (time.monotonic() - t0) * speed

    telegram = LimitedTelegram(TOKEN, clock=clock)
    robots = LimitedRobots(clock=clock)
    await robots.start()

    async def stats(_request: web.Request) -> web.Response:
        chats: dict[str, list[str]] = defaultdict(list)
        for call in telegram.calls:
            if call.ok and call.method == "sendMessage":
                chats[f"tg:{call.chat_id}"].append(call.text.split("\n", 1)[0])
        for call in robots.calls:
            if call.path == "/cgi-bin/webhook/send" and call.payload is not None:
                content = call.payload.get("text") or call.payload.get("markdown") or {}
                chats[f"robot:{call.query.get('key')}"].append(
                    str(content.get("content", "")).split("\n", 1)[0]
                )
        return web.json_response(
            {
                "chats": chats,
                "refused": {
                    "telegram": telegram.refused_for_rate,
                    "telegram_by_limit": dict(telegram.refusals),
                    "robots": robots.refused_for_rate,
                },
                "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            }
        )

    telegram.app.router.add_get("/stats", stats)
    runner = web.AppRunner(telegram.app, access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    urls.put({"telegram": f"http://127.0.0.1:{port}", "robots": robots.url})
    while not stop.is_set():
        await asyncio.sleep(0.2)
    await runner.cleanup()
    await robots.close()


# -- the station and the alerts -------------------------------------------------------------


async def _populate(services: Any, robots: int, telegram: int) -> int:
    from storage.models import (
        Account,
        Beat,
        ChatGroup,
        Person,
        Role,
        Station,
        Venue,
        VenueKind,
        VenueOwner,
    )

    async with services.sessions() as session:
        station = Station(name="基准派出所", code="bench")
        session.add(station)
        await session.flush()
        beat = Beat(station_id=station.id, name="一号警务区", code="b1")
        session.add(beat)
        await session.flush()
        session.add_all(
            ChatGroup(
                channel="wecom_robot", chat_id=f"robotkey-{i:05d}", name=f"群{i}", beat_id=beat.id
            )
            for i in range(robots)
        )
        people = [Person(role=Role.OWNER, display_name=f"店主{i}") for i in range(telegram)]
        venues = [
            Venue(kind=VenueKind.SHOP, name=f"小店{i}", beat_id=beat.id) for i in range(telegram)
        ]
        session.add_all([*people, *venues])
        await session.flush()
        for i, (person, venue) in enumerate(zip(people, venues, strict=True)):
            session.add(
                Account(channel="telegram", channel_user_id=str(700_000 + i), person_id=person.id)
            )
            session.add(VenueOwner(person_id=person.id, venue_id=venue.id))
        await session.commit()
        return int(beat.id)  # type: ignore[arg-type]


async def _release(services: Any, beat_id: int, alerts: int) -> int:
    from sqlmodel import select

    from handlers.broadcast.audience import Audience
    from handlers.broadcast.release import release
    from storage.models import Broadcast, BroadcastStatus, Category, Severity, Station

    queued = 0
    async with services.sessions() as session:
        station = (await session.exec(select(Station))).one()
        for n in range(alerts):
            now = services.clock()
            broadcast = Broadcast(
                station_id=station.id,
                title=f"基准通报{n}",
                body="近期夜间入室盗窃多发，请锁好门窗，发现可疑人员及时报警。",
                category=Category.PUBLIC_ORDER,
                severity=Severity.URGENT,
                status=BroadcastStatus.DRAFT,
                audience=Audience(beats=(beat_id,), label="一号警务区").to_json(),
                created_at=now,
                updated_at=now,
            )
            session.add(broadcast)
            await session.flush()
            queued += await release(session, services, broadcast)
        await session.commit()
    return queued


# -- the run --------------------------------------------------------------------------------


async def _pending(services: Any) -> int:
    from sqlmodel import func, select

    from storage.models import OutboxMessage, OutboxStatus

    async with services.sessions() as session:
        return int(
            (
                await session.exec(
                    select(func.count()).where(OutboxMessage.status == OutboxStatus.PENDING)
                )
            ).one()
        )


async def _last_sent(services: Any) -> datetime:
    from sqlmodel import func, select

    from storage.models import OutboxMessage

    async with services.sessions() as session:
        return (await session.exec(select(func.max(OutboxMessage.sent_at)))).one()  # type: ignore[no-any-return]


async def run(args: argparse.Namespace) -> None:
    from bot.channels.telegram.channel import TelegramChannel
    from bot.channels.telegram.limits import SendLimits
    from bot.channels.wecom_robot.channel import WecomRobotChannel
    from bot.config import Settings
    from bot.context import Services
    from bot.media import MediaStore
    from scheduler.delivery import DeliveryWorker
    from storage.crypto import BlindIndex, FieldCipher, new_key
    from storage.db import create_all, is_sqlite, make_engine, make_session_factory

    speed = args.speed
    t0 = time.monotonic()
    epoch = datetime.now(UTC)

    def clock() -> datetime:
        return epoch + timedelta(seconds=(time.monotonic() - t0) * speed)

    async def scaled_sleep(seconds: float) -> None:
        await asyncio.sleep(seconds / speed)

    context = multiprocessing.get_context("spawn")
    urls, stop = context.Queue(), context.Event()
    fakes = context.Process(target=_fakes_main, args=(t0, speed, urls, stop), daemon=True)
    fakes.start()
    where = urls.get(timeout=60)

    work = Path(tempfile.mkdtemp(prefix="jingmin-bench-"))
    url = args.db or f"sqlite+aiosqlite:///{work / 'bench.db'}"
    settings = Settings.model_validate(
        {
            "database": {"url": url},
            "security": {
                "data_keys": {"b": new_key()},
                "current_key_id": "b",
                "index_key": new_key(),
            },
            "storage": {"media_dir": str(work / "media")},
            "telegram": {
                "bot_token": TOKEN,
                "webhook_secret": "bench-secret",
                "api_base": f"{where['telegram']}/bot",
            },
            "wecom_robot": {"enabled": True, "api_base": where["robots"]},
        }
    )
    engine = make_engine(settings.database)
    if not is_sqlite(url):
        from sqlalchemy import text
        from sqlmodel import SQLModel

        async with engine.begin() as conn:
            await conn.run_sync(SQLModel.metadata.drop_all)
            await conn.execute(text("DROP TABLE IF EXISTS scheduler_jobs"))
    await create_all(engine)
    cipher = FieldCipher.from_config(dict(settings.security.data_keys), "b")
    services = Services(
        settings,
        make_session_factory(engine, cipher),
        cipher,
        BlindIndex.from_config(settings.security.index_key),
        clock,
    )
    beat_id = await _populate(services, args.robots, args.telegram)
    media = MediaStore(work / "media")
    telegram = TelegramChannel(
        settings.telegram,
        services.sessions,
        media,
        clock,
        index=services.blind_index,
        limits=SendLimits(clock=lambda: clock().timestamp(), sleep=scaled_sleep),
    )
    robots = WecomRobotChannel(settings.wecom_robot, services.sessions, media, "", clock)
    await telegram.start()
    await robots.start()
    worker = DeliveryWorker(
        services.sessions,
        {"telegram": telegram, "wecom_robot": robots},
        clock,
        skip_locked=not is_sqlite(url),
        poll_seconds=0.05,
        time_scale=speed,
    )

    total = await _release(services, beat_id, args.alerts)
    started = clock()
    await worker.start()
    while left := await _pending(services):
        if args.verbose:
            print(f"  {(clock() - started).total_seconds():7.1f} s: {left} waiting", flush=True)
        await asyncio.sleep(0.2 if not args.verbose else 2.0)
    took = (await _last_sent(services) - started).total_seconds()
    await worker.stop()
    await telegram.stop()
    await robots.stop()
    await engine.dispose()

    import aiohttp

    async with aiohttp.ClientSession() as http, http.get(f"{where['telegram']}/stats") as r:
        stats = json.loads(await r.text())
    stop.set()
    fakes.join(timeout=10)

    chats: dict[str, list[str]] = stats["chats"]
    expected = {f"tg:{700_000 + i}" for i in range(args.telegram)} | {
        f"robot:robotkey-{i:05d}" for i in range(args.robots)
    }
    titles = {f"基准通报{n}" for n in range(args.alerts)}
    lost = duplicated = 0
    for chat in expected:
        got = chats.get(chat, [])
        heads = [next((t for t in titles if t in head), head) for head in got]
        lost += len(titles - set(heads))
        duplicated += len(heads) - len(set(heads))
    telegram_messages = args.telegram * args.alerts
    robot_messages = args.robots * args.alerts
    # What the limits allow: Telegram's per-bot rate over all its messages; a robot's
    # 20 a minute only binds beyond 20 alerts; per-chat 1/s only beyond 30 s of alerts.
    allowed = max(
        telegram_messages / PER_BOT,
        (math.ceil(args.alerts / ROBOT_PER_MINUTE) - 1) * 60.0,
        float(args.alerts - 1),
    )
    delivered = telegram_messages + robot_messages
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"deliveries        {total} queued ({args.alerts} alerts x {args.robots} robot groups "
        f"+ {args.telegram} Telegram chats), database {'SQLite' if is_sqlite(url) else 'PostgreSQL'}"
    )
    print(f"time scale        x{speed:g} (figures in scaled seconds; wall {took / speed:.1f} s)")
    print(
        f"limits allow      {allowed:.1f} s  ({delivered / allowed:.1f} msg/s overall; "
        f"Telegram {PER_BOT:g}/s)"
    )
    print(
        f"took              {took:.1f} s  ({delivered / took:.1f} msg/s; Telegram "
        f"{telegram_messages / took:.2f}/s)"
    )
    print(f"achieved          {100 * allowed / took:.1f} % of the allowed rate")
    print(f"lost              {lost}")
    print(f"duplicated        {duplicated}")
    print(
        f"refused for rate  Telegram {stats['refused']['telegram']} "
        f"{stats['refused']['telegram_by_limit']}, robots {stats['refused']['robots']}"
    )
    print(
        f"peak memory       {peak_mib:.0f} MiB (delivering process), "
        f"{stats['peak_kib'] / 1024:.0f} MiB (fake platforms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--alerts", type=int, default=4)
    parser.add_argument("--robots", type=int, default=500)
    parser.add_argument("--telegram", type=int, default=2000)
    parser.add_argument("--speed", type=float, default=2.0)
    parser.add_argument("--db", default="", help="database URL (default: a new SQLite file)")
    parser.add_argument("-v", "--verbose", action="store_true", help="show progress")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
