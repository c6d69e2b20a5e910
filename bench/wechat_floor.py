"""What a WeChat callback cannot cost less than, beside what issue 3's 40 % target allows.

    .venv/bin/python bench/wechat_floor.py [--seconds 5] [--rounds 3000]

`wechat_callbacks.py` measures the whole server. This script measures, on the same machine
and in the same run, the parts no handler code can remove:
- the bare aiohttp server's CPU per request (the same server `wechat_callbacks.py` uses:
  HTTP parsing and the socket work every server pays);
- wechatpy's work on one safe-mode text callback: check and decrypt, parse, build the passive
  reply, encrypt it (the crypto our server uses, in this process);
- one claim of a callback in the database, alone in its transaction (`Claiming.alone`, as the
  server runs it on SQLite: the dedupe across processes that a retried or replayed callback
  needs before anything is answered).
Their sum is the floor of one callback before identity, routing or any handler runs. A
server that serves 40 % of the bare rate has 2.5 times the bare server's CPU per request to
spend; the last line says how much of that the floor leaves.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from wechatpy import create_reply, parse_message
from wechatpy.crypto import WeChatCrypto

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.wechat_callbacks import AES_KEY, APP_ID, TEXTS, TOKEN, _sign, run_against

TARGET = 0.40


def _per_call_us(work: Any, rounds: int) -> float:
    """CPU time of `work()` in microseconds, the median of three runs of `rounds` calls."""
    runs = []
    for _ in range(3):
        started = time.process_time()
        for i in range(rounds):
            work(i)
        runs.append((time.process_time() - started) / rounds * 1e6)
    return sorted(runs)[1]


def crypto_us(rounds: int) -> float:
    """wechatpy's share of one callback: open (verify, decrypt, parse) and seal the reply."""
    crypto = WeChatCrypto(TOKEN, AES_KEY, APP_ID)
    stamp, nonce = str(int(time.time())), "benchnonce"
    inner = (
        "<xml><ToUserName><![CDATA[gh_bench]]></ToUserName>"
        "<FromUserName><![CDATA[user1]]></FromUserName>"
        f"<CreateTime>{stamp}</CreateTime><MsgType><![CDATA[text]]></MsgType>"
        f"<Content><![CDATA[{TEXTS[0]}]]></Content><MsgId>7000000000000000001</MsgId></xml>"
    )
    sealed = crypto.encrypt_message(inner, nonce, stamp)
    encrypt = sealed.split("<Encrypt><![CDATA[", 1)[1].split("]]>", 1)[0]
    signature = _sign(TOKEN, stamp, nonce, encrypt)
    answer = "您好，这里是示范派出所警民通。" * 4

    def one(_: int) -> None:
        message = parse_message(crypto.decrypt_message(sealed, signature, stamp, nonce))
        crypto.encrypt_message(create_reply(answer, message).render(), nonce, stamp)

    return _per_call_us(one, rounds)


async def claim_us(rounds: int, workdir: str) -> float:
    """One callback's claim in a transaction of its own, on a fresh SQLite database."""
    from sqlalchemy.ext.asyncio import async_sessionmaker
    from sqlmodel.ext.asyncio.session import AsyncSession

    from bot.channels.weixin.claims import Claiming
    from bot.config import DatabaseSettings
    from storage.db import create_all, make_engine

    engine = make_engine(DatabaseSettings(url=f"sqlite+aiosqlite:///{workdir}/floor.db"))
    await create_all(engine)
    sessions = async_sessionmaker(engine, class_=AsyncSession)
    now = datetime.now(UTC)
    runs = []
    try:
        for run in range(4):  # the first warms the pool and SQLAlchemy's caches
            started = time.process_time()
            for i in range(rounds):
                key = f"{run}-{i}"
                await Claiming(f"wechat_mp:request:{key}", f"wechat_mp:{key}", now).alone(sessions)
            runs.append((time.process_time() - started) / rounds * 1e6)
    finally:
        await engine.dispose()
    return sorted(runs[1:])[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="the bare server's run")
    parser.add_argument("--rounds", type=int, default=3000, help="calls per in-process run")
    args = parser.parse_args()
    server_args = argparse.Namespace(seconds=args.seconds, rate=300.0, concurrency=32, users=200)
    with tempfile.TemporaryDirectory() as workdir:
        url = f"sqlite+aiosqlite:///{workdir}/bare.db"
        bare = asyncio.run(run_against("bare", server_args, workdir, url)).cpu_ms * 1000
        crypto = crypto_us(args.rounds)
        claim = asyncio.run(claim_us(args.rounds, workdir))
    floor = bare + crypto + claim
    allowed = bare / TARGET
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"machine: {os.cpu_count()} CPUs, load: {load}; CPU per callback, µs")
    for name, value in (
        ("bare aiohttp server", bare),
        ("wechatpy open + seal", crypto),
        ("claim in its own transaction (SQLite)", claim),
        ("floor: the three together", floor),
        (f"allowed at {TARGET:.0%} of the bare rate", allowed),
    ):
        print(f"{name:42}{value:10.0f}")
    print(
        f"the floor alone serves {bare / floor:.0%} of the bare rate; it leaves "
        f"{allowed - floor:.0f} µs for identity, routing, handlers and the reply's commit"
    )


if __name__ == "__main__":
    main()
