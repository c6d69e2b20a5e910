"""Inbound WeChat safe-mode callbacks, end to end, beside a bare aiohttp handler.

    .venv/bin/python bench/wechat_callbacks.py [--seconds 10] [--rate 300] [--users 200]
        [--database-url postgresql+asyncpg://...] [--workers 1 2]

Each server runs in its own process on 127.0.0.1; this process is the "WeChat server": it
builds genuine encrypted, signed callbacks beforehand (wechatpy's own crypto), so encryption
on the sending side is not measured. Ours does everything a real callback costs: parse with
defusedxml, check signatures, decrypt, claim the request and the message in the database,
route through the middleware to a handler, encrypt the passive reply. The bare server reads
the body and answers "success".

Two figures per server:
- throughput: closed loop, `--concurrency` requests in flight, for `--seconds`;
- latency at `--rate` requests/s (open loop: requests leave on schedule whether or not earlier
  ones were answered, so a slow server shows as latency, not as a lower rate).

`--workers 1 2` measures each server with 1, then 2 processes on the port, as `jingmin serve
--workers N` runs them (the bare server too, for a fair ratio); several need PostgreSQL.
"""

from __future__ import annotations

import argparse
import asyncio
import base64
import hashlib
import itertools
import multiprocessing
import os
import secrets
import socket
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

import aiohttp
import xmltodict
from wechatpy.crypto import WeChatCrypto

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TOKEN = "benchtoken"
AES_KEY = base64.b64encode(b"jingmin-bench-aes-key-32-bytes!!").decode().rstrip("=")
APP_ID = "wxbench"
ROUTE = "/wechat/mp"
#: Keys of bench data only (made-up users), fixed: see `_serve`.
DATA_KEY = base64.b64encode(b"jingmin-bench-data-key-32-bytes!").decode()
INDEX_KEY = base64.b64encode(b"jingmin-bench-index-key-32bytes!").decode()
TEXTS = ("帮助", "你好", "我")  # help list, fallback, who-am-I: every message hits a handler


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(kind: str, port: int, database_url: str, workdir: str, workers: int) -> None:
    """Runs in the server process."""
    from aiohttp import web

    if kind == "bare":

        async def bare(request: web.Request) -> web.Response:
            await request.read()
            return web.Response(text="success")

        app = web.Application()
        app.router.add_post(ROUTE, bare)
        _run(app, port, workers)
        return

    from bot.app import create_app
    from bot.config import Settings
    from storage.db import create_all, make_engine

    settings = Settings.model_validate(
        {
            "database": {"url": database_url},
            # The same keys every run: rows an earlier run left in a PostgreSQL database
            # (late replies in the outbox) must stay readable, or the server spends the
            # next run failing to decrypt them.
            "security": {
                "data_keys": {"b1": DATA_KEY},
                "current_key_id": "b1",
                "index_key": INDEX_KEY,
            },
            "storage": {"media_dir": os.path.join(workdir, "media")},
            "rate_limit": {"per_user_per_minute": 100_000, "burst": 100_000},
            "scheduler": {"enabled": False},  # no timed jobs competing for the CPU
            "wechat_mp": {
                "token": TOKEN,
                "encoding_aes_key": AES_KEY,
                "app_id": APP_ID,
                "app_secret": "unused",
                "api_base": "http://127.0.0.1:9",  # never called: every answer is passive
            },
        }
    )

    async def schema() -> None:
        engine = make_engine(settings.database)
        await create_all(engine)
        await engine.dispose()

    asyncio.run(schema())
    # Started as `jingmin serve` starts it (delivery worker, and the start-up heap kept out of
    # garbage collection, N workers), less the timed jobs.
    settings = settings.model_copy(
        update={"server": settings.server.model_copy(update={"workers": workers})}
    )
    app = create_app(settings)
    _run(app, port, workers)


def _run(app: Any, port: int, workers: int) -> None:
    from aiohttp import web

    from bot import drawing
    from bot.cli.serve_workers import run_workers

    if workers == 1:
        try:
            web.run_app(app, host="127.0.0.1", port=port, print=None, access_log=None)
        finally:
            drawing.shutdown()  # as `jingmin serve`: else the exit waits for it forever
        return

    def serve(app: Any, sockets: list[socket.socket], loop: asyncio.AbstractEventLoop) -> None:
        try:
            web.run_app(
                app, sock=sockets, print=None, access_log=None, handle_signals=False, loop=loop
            )
        finally:
            drawing.shutdown()

    sock = socket.create_server(("127.0.0.1", port))
    raise SystemExit(run_workers(app, [sock], workers, 5.0, serve))


@dataclass
class Request:
    query: dict[str, str]
    body: bytes


class Callbacks:
    """Pre-built callbacks: a new MsgId and nonce each, from a pool of users."""

    def __init__(self, users: int) -> None:
        self._crypto = WeChatCrypto(TOKEN, AES_KEY, APP_ID)
        self._users = users
        self._ids = itertools.count(7_000_000_000_000_000_000 + int(time.time()) * 1000)

    def make(self, count: int) -> list[Request]:
        return [self._one(i) for i in range(count)]

    def _one(self, i: int) -> Request:
        stamp, nonce = str(int(time.time())), secrets.token_hex(5)
        inner = (
            f"<xml><ToUserName><![CDATA[gh_bench]]></ToUserName>"
            f"<FromUserName><![CDATA[user{i % self._users}]]></FromUserName>"
            f"<CreateTime>{stamp}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
            f"<Content><![CDATA[{TEXTS[i % len(TEXTS)]}]]></Content>"
            f"<MsgId>{next(self._ids)}</MsgId></xml>"
        )
        sealed = xmltodict.parse(self._crypto.encrypt_message(inner, nonce, stamp))["xml"]
        encrypt = sealed["Encrypt"]
        body = f"<xml><ToUserName><![CDATA[gh_bench]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt></xml>"
        query = {
            "timestamp": stamp,
            "nonce": nonce,
            "signature": _sign(TOKEN, stamp, nonce),
            "encrypt_type": "aes",
            "msg_signature": _sign(TOKEN, stamp, nonce, encrypt),
        }
        return Request(query, body.encode())

    def check(self, answer: str) -> bool:
        """A passive reply that decrypts and carries text."""
        if not answer.startswith("<xml>"):
            return False  # "success": the answer was late and goes through the API instead
        envelope = xmltodict.parse(answer)["xml"]
        inner = self._crypto.decrypt_message(
            answer, envelope["MsgSignature"], envelope["TimeStamp"], envelope["Nonce"]
        )
        return bool(xmltodict.parse(inner)["xml"].get("Content"))


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process and its workers (Linux /proc), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return own + sum(_cpu_seconds(int(child)) for child in children)


def _sign(*parts: str) -> str:
    return hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()


async def _wait_ready(url: str, process: BaseProcess) -> None:
    # A ceiling only: loading the law index alone took half a minute on a loaded machine.
    deadline = time.monotonic() + 180
    async with aiohttp.ClientSession() as session:
        while time.monotonic() < deadline and process.is_alive():
            try:
                async with session.get(url) as resp:
                    await resp.read()
                    return
            except aiohttp.ClientError:
                await asyncio.sleep(0.1)
    raise SystemExit(f"server at {url} did not start (exit code {process.exitcode})")


async def _post(session: aiohttp.ClientSession, url: str, req: Request) -> tuple[int, str]:
    async with session.post(url, params=req.query, data=req.body) as resp:
        return resp.status, await resp.text()


async def throughput(
    url: str, requests: list[Request], seconds: float, concurrency: int
) -> tuple[float, int]:
    """(answered requests per second, how many were answered)."""
    done = 0
    feed = iter(requests)
    deadline = time.monotonic() + seconds
    connector = aiohttp.TCPConnector(limit=concurrency)
    async with aiohttp.ClientSession(connector=connector) as session:

        async def worker() -> None:
            nonlocal done
            for req in feed:
                if time.monotonic() > deadline:
                    return
                status, _ = await _post(session, url, req)
                if status == 200:
                    done += 1

        started = time.monotonic()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        return done / (time.monotonic() - started), done


@dataclass
class Latency:
    sent: int
    ok: int
    p50: float
    p99: float
    worst: float
    within_5s: float
    checked: int


async def open_loop(
    url: str, requests: list[Request], rate: float, callbacks: Callbacks | None
) -> Latency:
    latencies: list[float] = []
    ok = checked = 0
    connector = aiohttp.TCPConnector(limit=0)
    timeout = aiohttp.ClientTimeout(total=30)
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as session:

        async def one(req: Request, due: float) -> None:
            nonlocal ok, checked
            try:
                status, text = await _post(session, url, req)
            except (TimeoutError, aiohttp.ClientError):
                status, text = 0, ""  # unanswered: counted, with the time it was given up
            latencies.append(time.monotonic() - due)  # from when it should have left
            if status == 200:
                ok += 1
                if callbacks is not None and checked < 50 and callbacks.check(text):
                    checked += 1

        start = time.monotonic() + 0.2
        tasks = []
        for n, req in enumerate(requests):
            due = start + n / rate
            await asyncio.sleep(max(0.0, due - time.monotonic()))
            tasks.append(asyncio.create_task(one(req, due)))
        await asyncio.gather(*tasks)
    latencies.sort()
    return Latency(
        sent=len(requests),
        ok=ok,
        p50=statistics.median(latencies),
        p99=latencies[int(len(latencies) * 0.99) - 1],
        worst=latencies[-1],
        within_5s=sum(1 for x in latencies if x <= 5.0) / len(latencies),
        checked=checked,
    )


@dataclass
class Figures:
    rate: float
    #: Server CPU time per answered request: what the server costs, whatever else the
    #: machine is doing (wall-clock rates depend on the neighbours; this does not).
    cpu_ms: float
    latency: Latency


def _database(args: argparse.Namespace, workdir: str, kind: str, workers: int) -> Any:
    """A new database for one server's run. On PostgreSQL one of its own beside the given
    one, dropped afterwards: replies an earlier run answered late are still in a reused
    database's outbox, and its delivery worker retrying them had been counted in the next
    run's CPU per request."""
    if not args.database_url:
        return nullcontext(f"sqlite+aiosqlite:///{workdir}/bench-{kind}-{workers}.db")
    from sqlalchemy.engine import make_url

    from tests.support.databases import own_database

    name = f"{make_url(args.database_url).database}_bench{os.getpid()}_{kind}{workers}"
    return own_database(args.database_url, name)


async def run_against(
    kind: str, args: argparse.Namespace, workdir: str, database_url: str, workers: int = 1
) -> Figures:
    port = _free_port()
    # Not a daemon: a daemon process may not start the workers (or jingmin's drawing process).
    process = multiprocessing.get_context("spawn").Process(
        target=_serve, args=(kind, port, database_url, workdir, workers)
    )
    process.start()
    assert process.pid is not None
    url = f"http://127.0.0.1:{port}{ROUTE}"
    try:
        await _wait_ready(f"http://127.0.0.1:{port}/healthz", process)
        callbacks = Callbacks(args.users)
        warm = callbacks.make(args.users)  # first contact creates each user's account
        await throughput(url, warm, 60, args.concurrency)
        budget = int(args.seconds * 10_000)  # more than either server here can take
        batch = callbacks.make(min(budget, 200_000))
        cpu_before = _cpu_seconds(process.pid)
        rate, done = await throughput(url, batch, args.seconds, args.concurrency)
        cpu_ms = (_cpu_seconds(process.pid) - cpu_before) / max(done, 1) * 1000
        paced = callbacks.make(int(args.rate * args.seconds))
        latency = await open_loop(url, paced, args.rate, callbacks if kind == "ours" else None)
        return Figures(rate, cpu_ms, latency)
    finally:
        process.terminate()  # with workers: the parent stops them
        process.join(60)  # longer than it gives its workers (shutdown timeout + grace)
        if process.is_alive():
            process.kill()  # its workers stop when they see their parent gone
            process.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--rate", type=float, default=300.0, help="requests/s for the latency run")
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--users", type=int, default=200)
    parser.add_argument("--database-url", default="", help="default: a fresh SQLite file")
    parser.add_argument(
        "--workers",
        type=int,
        nargs="+",
        default=[1],
        help="server processes on the port, as `jingmin serve --workers N`; several: each",
    )
    args = parser.parse_args()
    if max(args.workers) > 1 and not (args.database_url or "").startswith("postgresql"):
        # As `jingmin serve` refuses them: a second SQLite writer fails "database is locked".
        parser.error("several workers need PostgreSQL: pass --database-url postgresql+asyncpg://…")
    # Other work on the machine skews both figures: the load average is printed with them.
    load_before = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    runs: list[tuple[int, Figures, Figures]] = []
    with tempfile.TemporaryDirectory() as workdir:
        for workers in args.workers:
            with _database(args, workdir, "bare", workers) as url:
                bare = asyncio.run(run_against("bare", args, workdir, url, workers))
            with _database(args, workdir, "ours", workers) as url:
                ours = asyncio.run(run_against("ours", args, workdir, url, workers))
            runs.append((workers, bare, ours))
    engine = "PostgreSQL" if args.database_url.startswith("postgresql") else "SQLite"
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {os.cpu_count()} CPUs, load before: {load_before}, after: {load}")
    print(f"database: {engine}; {args.users} users; {args.concurrency} in flight")
    print(f"{'':30}" + "".join(f"{f'bare x{n}':>14}{f'jingmin x{n}':>14}" for n, _, _ in runs))
    rows: list[tuple[str, Callable[[Figures], float]]] = [
        ("throughput (req/s)", lambda f: f.rate),
        ("server CPU per request (ms)", lambda f: f.cpu_ms),
        (f"p50 at {args.rate:.0f} req/s (ms)", lambda f: f.latency.p50 * 1000),
        (f"p99 at {args.rate:.0f} req/s (ms)", lambda f: f.latency.p99 * 1000),
        (f"worst at {args.rate:.0f} req/s (ms)", lambda f: f.latency.worst * 1000),
        ("answered within 5 s (%)", lambda f: f.latency.within_5s * 100),
        ("HTTP 200 (%)", lambda f: f.latency.ok / f.latency.sent * 100),
    ]
    for name, pick in rows:
        print(f"{name:30}" + "".join(f"{pick(b):14.1f}{pick(o):14.1f}" for _, b, o in runs))
    for workers, bare, ours in runs:
        print(
            f"x{workers}: jingmin / bare throughput {ours.rate / bare.rate:.0%} (target >= 40%); "
            f"CPU per request {bare.cpu_ms / ours.cpu_ms:.0%}; p99 at {args.rate:.0f} req/s "
            f"{ours.latency.p99 * 1000:.1f} ms (target <= 100 ms); "
            f"passive replies decrypted and checked: {ours.latency.checked}"
        )


if __name__ == "__main__":
    main()
