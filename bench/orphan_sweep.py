"""The hourly sweep of pictures nothing names: what reading the database costs it.

    .venv/bin/python bench/orphan_sweep.py [--outbox 20000] [--memos 2000] [--candidates 20]

A fresh SQLite database holds `--outbox` sealed outbox rows (a fortnight of a busy
station's messages, one in ten with a picture), `--memos` sealed memos, and `--candidates`
pictures old enough to go, none of them named. Measured in the same run, on the same rows:

- before: every sealed value that may name a picture decrypted, as each sweep did;
- first: `photos_in_use` on a process that has swept nothing yet (after a restart);
- hourly: `photos_in_use` again, after 1% new rows (what an hour adds).

Prints each in seconds and as a ratio to `before`. Not part of the test run.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import secrets
import sys
import tempfile
import time
from collections.abc import Awaitable
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import select  # noqa: E402
from sqlmodel.ext.asyncio.session import AsyncSession  # noqa: E402

from bot.config import DatabaseSettings  # noqa: E402
from bot.messages import Image, Reply, Text  # noqa: E402
from handlers.services.photo_refs import photos_in_use  # noqa: E402
from storage import memos  # noqa: E402
from storage.crypto import FieldCipher, new_key  # noqa: E402
from storage.db import (  # noqa: E402
    SessionFactory,
    create_all,
    make_engine,
    make_session_factory,
)
from storage.outbox import enqueue  # noqa: E402
from storage.reseal import sealed_columns  # noqa: E402
from storage.sealed import unseal_with  # noqa: E402

_HASH = re.compile(r"[0-9a-f]{64}")
_SEALED = {"outbox.payload", "web_inbox.payload", "user_memo.value", "form_state.data_enc"}


async def _before(session: AsyncSession, cipher: FieldCipher) -> set[str]:
    """The sweep's database read as it was: every sealed value opened, every hour."""
    named: set[str] = set()
    for sealed in sealed_columns():
        if sealed.name not in _SEALED:
            continue
        stored = sealed.table.c[sealed.column]
        rows = await session.stream_scalars(
            select(stored).where(stored.is_not(None)).execution_options(yield_per=500)
        )
        async for token in rows:
            named.update(_HASH.findall(unseal_with(cipher, token, sealed.context)))
    return named


async def _add_rows(factory: SessionFactory, outbox: int, memo_count: int, start: int) -> None:
    now = datetime.now(UTC)
    async with factory() as session:
        for n in range(start, start + outbox):
            replies: list[Reply] = [
                Text(f"今晚辖区治安提示第{n}条：请关好门窗，注意防范电信诈骗。" * 3)
            ]
            if n % 10 == 0:
                replies.append(Image(secrets.token_hex(32), "图片", "image/jpeg"))
            enqueue(
                session,
                dedupe_key=f"bench:{n}",
                channel="web",
                chat_id=f"r{n % 500}",
                replies=replies,
                now=now,
            )
        for n in range(start, start + memo_count):
            await memos.remember(session, f"web:r{n}", "law_question", "房东不退押金怎么办", now)
        await session.commit()


async def _timed(coro: Awaitable[object]) -> float:
    began = time.perf_counter()
    await coro
    return time.perf_counter() - began


async def main(outbox: int, memo_count: int, candidates: int) -> None:
    cipher = FieldCipher.from_config({"k1": new_key()}, "k1")
    with tempfile.TemporaryDirectory() as folder:
        engine = make_engine(DatabaseSettings(url=f"sqlite+aiosqlite:///{folder}/bench.db"))
        await create_all(engine)
        factory = make_session_factory(engine, cipher)
        await _add_rows(factory, outbox, memo_count, 0)
        pictures = {secrets.token_hex(32) for _ in range(candidates)}
        async with factory() as session:
            before = await _timed(_before(session, cipher))
            first = await _timed(photos_in_use(session, pictures))
        await _add_rows(factory, outbox // 100, memo_count // 100, outbox + memo_count)
        async with factory() as session:
            again = await _timed(_before(session, cipher))
            hourly = await _timed(photos_in_use(session, pictures))
        await engine.dispose()
    print(f"rows: {outbox:,} outbox, {memo_count:,} memos; {candidates} candidates")
    print(f"before  {before:7.3f} s   (1.00)")
    print(f"first   {first:7.3f} s   ({first / before:.2f} of before)")
    print(f"before  {again:7.3f} s   (1.00, after an hour's new rows)")
    print(f"hourly  {hourly:7.3f} s   ({hourly / again:.2f} of before)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--outbox", type=int, default=20_000)
    parser.add_argument("--memos", type=int, default=2_000)
    parser.add_argument("--candidates", type=int, default=20)
    args = parser.parse_args()
    asyncio.run(main(args.outbox, args.memos, args.candidates))
