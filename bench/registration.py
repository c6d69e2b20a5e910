"""Registration throughput over the REST channel, beside a bare aiohttp handler.

    .venv/bin/python bench/registration.py [--users 200] [--seconds 20] [--watchlist 100000] [--rate 540]

Starts `jingmin serve` on a fresh SQLite database (one server process, as a station runs it)
seeded with one officer, one hotel owner per simulated user and a wanted list of the given
size, then drives every user through the whole guest check-in form (9 messages) again and
again; about 1 in 50 registrations uses a wanted ID number. Prints form messages/s,
registrations/s, p50/p99 latency, and the delay from the owner's 确认 to the officer's alert
arriving in the officer's web inbox. Then runs the same load against `bench/bare_server.py`;
the ratio of the two rates is the figure that survives a noisy machine.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.config import load_settings  # noqa: E402
from bot.validators.idcard import build_resident_id  # noqa: E402

#: Each bench user's web chat token, as the server would have issued it (prepare() makes
#: them with the station's key): a station takes no chosen sender names.
TOKENS: dict[str, str] = {}
HIT_EVERY = 50


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def resident_id(n: int) -> str:
    """A distinct valid ID number for each n below 12,000,000 (birth day, then sequence).

    Taking both from n's remainders (15,000 and 800 share a factor of 200) made only 60,000
    numbers: a "100,000-entry" list held 60,000, and every check-in's number was on it."""
    born = date(1960, 1, 1) + timedelta(days=n % 15000)
    return build_resident_id("330106", born, 100 + n // 15000 % 800)


def guest_name(user: int) -> str:
    """A name the form accepts (Chinese characters only; "旅客12" is refused)."""
    return "旅客" + "".join("〇一二三四五六七八九"[int(d)] for d in str(user))


async def prepare(config: Path, users: int, watchlist: int, workdir: Path) -> None:
    from sqlmodel import select

    from bot.channels.rest.identity import Tokens
    from bot.cli.runtime import open_services
    from handlers.services.watchlist_import import import_watchlist
    from storage import migrate
    from storage.models import Account, Beat, Person, Role, Station, Venue, VenueKind, VenueOwner

    settings = load_settings(config)
    await asyncio.to_thread(migrate.upgrade, settings.database.url)
    csv = workdir / "wanted.csv"
    with csv.open("w", encoding="utf-8") as out:
        out.write("姓名,证件号码,出生日期,案由\n")
        for n in range(watchlist):
            out.write(f"在逃{n},{resident_id(n)},,盗窃\n")
    # A throwaway station on development keys, as the demo's.
    async with open_services(settings, dev_keys=True) as services:
        async with services.sessions() as session:
            await import_watchlist(session, services, csv)
        async with services.sessions() as session:
            station = Station(name="压测派出所", code="bench")
            session.add(station)
            await session.flush()
            beat = Beat(station_id=station.id, name="压测警务区", code="bench")  # type: ignore[arg-type]
            session.add(beat)
            await session.flush()
            officer = Person(role=Role.OFFICER, station_id=station.id, beat_id=beat.id)
            session.add(officer)
            await session.flush()
            session.add(
                Account(channel="web", channel_user_id="bench-officer", person_id=officer.id)
            )  # type: ignore[arg-type]
            for i in range(users):
                hotel = Venue(kind=VenueKind.HOTEL, name=f"压测旅馆{i}", beat_id=beat.id)  # type: ignore[arg-type]
                owner = Person(role=Role.OWNER)
                session.add_all([hotel, owner])
                await session.flush()
                session.add(
                    Account(channel="web", channel_user_id=f"owner-{i}", person_id=owner.id)
                )  # type: ignore[arg-type]
                session.add(VenueOwner(person_id=owner.id, venue_id=hotel.id))  # type: ignore[arg-type]
            await session.commit()
            assert (await session.exec(select(Station))).first() is not None
        tokens = Tokens(services.blind_index.exact)
        for sender in ["bench-officer", *(f"owner-{i}" for i in range(users))]:
            TOKENS[sender] = tokens.issue(sender)


@dataclass
class Load:
    latencies: list[float] = field(default_factory=list)
    sent_at: list[float] = field(default_factory=list)
    registrations: int = 0
    errors: int = 0
    confirm_times: dict[str, float] = field(default_factory=dict)


def conversation(user: int, round_: int) -> tuple[list[str], str | None]:
    """The messages of one check-in, and the room number if this one should hit."""
    hit = (user * 7 + round_) % HIT_EVERY == 0
    room = f"{user}-{round_}"
    number = (
        resident_id(random.randrange(1000))
        if hit
        else resident_id(10_000_000 + user * 1000 + round_)
    )
    texts = [
        "登记",
        guest_name(user),
        "身份证",
        number,
        "13800001111",
        room,
        "现在",
        "跳过",
        "确认",
    ]
    return texts, room if hit else None


async def drive(
    url: str, users: int, seconds: float, bare: bool, rate: float | None
) -> tuple[Load, float]:
    """Every user goes through check-in after check-in. With `rate`, users pace themselves so
    that together they offer `rate` messages/s (a user still waits for each reply, as people
    do); without it, each sends its next message as soon as the reply arrives (saturation)."""
    load = Load()
    interval = users / rate if rate else 0.0
    # Paced users start at random points of one whole check-in, so that at any moment they
    # are at different steps, as people at different front desks are; starting together
    # would have all 200 send the same (costliest) step in the same instant, a burst no
    # station sees. What is sent while they are still starting is not counted.
    warmup = interval * len(conversation(0, 0)[0])
    started = time.perf_counter()
    counted_from = started + warmup
    deadline = counted_from + seconds
    connector = aiohttp.TCPConnector(limit=users)
    async with aiohttp.ClientSession(connector=connector) as http:

        async def post(sender: str, text: str) -> None:
            sent = time.perf_counter()
            try:
                async with http.post(
                    url, json={"sender": TOKENS.get(sender, sender), "message": text}
                ) as response:
                    await response.read()
                    if response.status != 200:
                        load.errors += 1
            except aiohttp.ClientError:
                load.errors += 1
            if sent >= counted_from:
                load.latencies.append(time.perf_counter() - sent)
                load.sent_at.append(sent - counted_from)

        async def user(i: int) -> None:
            due = started + random.uniform(0, warmup or interval)
            round_ = 0
            while time.perf_counter() < deadline:
                texts, hit_room = conversation(i, round_)
                if bare:
                    texts = texts[:-1]
                for text in texts:
                    if interval:
                        await asyncio.sleep(max(0.0, due - time.perf_counter()))
                        due += interval
                    if hit_room and text == "确认":
                        load.confirm_times[hit_room] = time.time()
                    await post(f"owner-{i}", text)
                if time.perf_counter() >= counted_from:
                    load.registrations += 1
                round_ += 1

        await asyncio.gather(*(user(i) for i in range(users)))
        elapsed = time.perf_counter() - counted_from
    return load, elapsed


async def watch_alerts(base: str, stop: asyncio.Event, arrivals: dict[str, float]) -> None:
    after = 0
    async with aiohttp.ClientSession() as http:
        while not stop.is_set():
            async with http.get(
                f"{base}/webhooks/rest/inbox",
                params={"after": str(after)},
                headers={"Authorization": f"Bearer {TOKENS['bench-officer']}"},
            ) as r:
                data = await r.json()
            now = time.time()
            for message in data["messages"]:
                text = message.get("text", "")
                if "房间 " in text:
                    arrivals.setdefault(text.split("房间 ")[1].split("）")[0], now)
            after = data["last_id"]
            await asyncio.sleep(0.05)


def wait_up(port: int, process: subprocess.Popen[bytes]) -> None:
    for _ in range(200):
        if process.poll() is not None:
            raise SystemExit("server exited during start-up")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.1):
                return
        except OSError:
            time.sleep(0.05)
    raise SystemExit("server did not start")


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p))] * 1000


def report(name: str, load: Load, elapsed: float) -> float:
    rate = len(load.latencies) / elapsed
    print(
        f"{name:>8}: {rate:8.0f} msg/s  {load.registrations / elapsed:7.1f} forms/s  "
        f"p50 {pct(load.latencies, 0.5):6.1f} ms  p99 {pct(load.latencies, 0.99):6.1f} ms  "
        f"errors {load.errors}  ({len(load.latencies)} requests in {elapsed:.1f} s)"
    )
    return rate


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--watchlist", type=int, default=100_000)
    # Paced users wait for each reply before their next message is due, so about 6% of what
    # is offered is never sent (the bare server loses the same): 540 offered is 500 sent.
    parser.add_argument("--rate", type=float, default=540, help="offered msg/s for the latency run")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        config = workdir / "bench.toml"
        config.write_text(
            f'[database]\nurl = "sqlite+aiosqlite:///{workdir}/bench.db"\n'
            f'[security]\ndev_key_file = "{workdir}/keys.toml"\n'
            "[rate_limit]\nper_user_per_minute = 1000000\nburst = 1000000\n",
            encoding="utf-8",
        )
        print(f"preparing: {args.users} owners, {args.watchlist:,} wanted persons …", flush=True)
        started = time.perf_counter()
        await prepare(config, args.users, args.watchlist, workdir)
        print(f"prepared in {time.perf_counter() - started:.1f} s")

        port = free_port()
        env = {**os.environ, "JINGMIN_CONFIG": str(config), "PYTHONPATH": str(ROOT)}
        server = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve", "--port", str(port)],
            cwd=workdir,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            wait_up(port, server)
            base = f"http://127.0.0.1:{port}"
            url = f"{base}/webhooks/rest/webhook"
            stop, arrivals = asyncio.Event(), {}
            watcher = asyncio.create_task(watch_alerts(base, stop, arrivals))
            paced, paced_s = await drive(url, args.users, args.seconds, False, args.rate)
            await asyncio.sleep(1.5)
            stop.set()
            await watcher
            saturated, saturated_s = await drive(url, args.users, args.seconds, False, None)
        finally:
            server.terminate()
            server.wait()

        bare_port = free_port()
        bare = subprocess.Popen(
            [sys.executable, str(ROOT / "bench" / "bare_server.py"), str(bare_port)]
        )
        try:
            wait_up(bare_port, bare)
            bare_url = f"http://127.0.0.1:{bare_port}/webhooks/rest/webhook"
            bare_paced, bare_paced_s = await drive(
                bare_url, args.users, args.seconds, True, args.rate
            )
            bare_sat, bare_sat_s = await drive(bare_url, args.users, args.seconds, True, None)
        finally:
            bare.terminate()
            bare.wait()

    print(
        f"\n{args.users} concurrent users, SQLite, one server process, {args.watchlist:,}-entry watchlist"
    )
    print(f"offered {args.rate:.0f} msg/s (users pace themselves, each waits for every reply):")
    report("jingmin", paced, paced_s)
    report("bare", bare_paced, bare_paced_s)
    print("saturation (every user sends as soon as the reply arrives):")
    rate = report("jingmin", saturated, saturated_s)
    bare_rate = report("bare", bare_sat, bare_sat_s)
    print(f"   ratio: jingmin's saturation rate is {rate / bare_rate:.1%} of the bare aiohttp rate")
    delays = [
        arrivals[room] - sent for room, sent in paced.confirm_times.items() if room in arrivals
    ]
    missing = len(paced.confirm_times) - len(delays)
    if delays:
        print(
            f"hit alerts: {len(delays)} reached the officer's web inbox; delay from 确认 "
            f"p50 {statistics.median(delays) * 1000:.0f} ms, max {max(delays) * 1000:.0f} ms "
            f"(the inbox is polled every 50 ms); {missing} missing"
        )
    worst = sorted(zip(paced.latencies, paced.sent_at, strict=True), reverse=True)[:8]
    print(
        "slowest paced requests (latency ms @ seconds into the run):",
        ", ".join(f"{lat * 1000:.0f}@{at:.1f}" for lat, at in worst),
    )
    print("targets: ≥ 500 form messages/s, p99 ≤ 50 ms at 200 users, hit alert within 1 s")


if __name__ == "__main__":
    asyncio.run(main())
