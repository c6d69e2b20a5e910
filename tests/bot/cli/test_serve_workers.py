"""`jingmin serve --workers 2`: both workers answer WeChat callbacks on the one port, a
platform retry reaching the other worker is not answered twice, a stop ends both, and a
worker that dies ends the server."""

from __future__ import annotations

import asyncio
import os
import signal
import time
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
import pytest

from storage import migrate
from tests.conftest import reset_schema
from tests.fakes.wechat_server import AES_KEY, TOKEN, MpServer, mp_crypto
from tests.scheduler.processes import Server, make_server, server_config

# Real server processes, stopped and started: `make test` runs these alone.
pytestmark = pytest.mark.alone

APP_ID = "wxworkers"
ROUTE = "/wechat/mp"


async def _server(tmp_path: Path, url: str) -> Server:
    """Several workers need PostgreSQL: `serve` refuses them on SQLite."""
    await asyncio.to_thread(migrate.upgrade, url)
    await reset_schema(url)
    sections = server_config(tmp_path, url)
    sections["wechat_mp"] = {
        "token": TOKEN,
        "encoding_aes_key": AES_KEY,
        "app_id": APP_ID,
        "app_secret": "unused",
        "api_base": "http://127.0.0.1:9",  # every answer here is a passive reply
        "reply_seconds": 4.5,  # the most allowed: a loaded machine answers slowly
    }
    # On, with no group added: the wiring check finds a line to report.
    sections["wecom_robot"] = {"enabled": True, "api_base": "http://127.0.0.1:9"}
    sections["server"] = {"workers": 2}
    return make_server(tmp_path, "workers", sections)


#: What the wiring check at start reports of the robot channel.
NO_ROBOTS = "wecom_robot: no group robots yet"


def _workers(server: Server) -> list[int]:
    assert server.process is not None
    pid = server.process.pid
    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return [int(child) for child in children]


def _platform(http: aiohttp.ClientSession) -> MpServer:
    return MpServer(
        http,  # type: ignore[arg-type]  # a session on the server's base URL, as TestClient
        lambda: datetime.now(UTC),
        ROUTE,
        mp_crypto(APP_ID),
        receiver="gh_station",
        user="resident-1",
    )


async def test_both_workers_answer_and_a_retry_on_the_other_is_answered_once(
    tmp_path: Path, pg_url: str
) -> None:
    server = (await _server(tmp_path, pg_url)).start()
    try:
        await server.wait_healthy()
        deadline = time.monotonic() + 60  # a ceiling: the check ends a moment after start
        while NO_ROBOTS not in server.output() and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        first, second = _workers(server)
        # A new connection per request: a kept-alive one stays with the worker it reached.
        connector = aiohttp.TCPConnector(force_close=True)
        base = f"http://127.0.0.1:{server.port}"
        async with aiohttp.ClientSession(base, connector=connector) as http:
            mp = _platform(http)
            # With one worker stopped, only the other can take a connection off the queue.
            os.kill(second, signal.SIGSTOP)
            try:
                await mp.say("你好")  # first contact: the account is made
                asked = mp.text("帮助")
                by_first = await mp.send(asked)
            finally:
                os.kill(second, signal.SIGCONT)
            os.kill(first, signal.SIGSTOP)
            try:
                retried = await mp.send(asked)  # same MsgId: WeChat's retry after 5 s
                by_second = await mp.send(mp.text("帮助"))
            finally:
                os.kill(first, signal.SIGCONT)
        assert "法律问题直接发来即可" in by_first.text, by_first.raw
        assert "法律问题直接发来即可" in by_second.text, by_second.raw
        assert (retried.status, retried.raw) == (200, "success")
    finally:
        await server.stop()
    assert server.process is not None
    assert server.process.returncode == 0, server.output()
    output = server.output()
    assert "(2 workers)" in output
    # One check for the server: each worker had asked the platforms and said it again.
    assert output.count(NO_ROBOTS) == 1, output
    assert output.count("bot.cli.serve: stopped in") == 2, output
    assert "Traceback" not in output
    assert not any(Path(f"/proc/{pid}").exists() for pid in (first, second))


async def test_a_worker_that_dies_stops_the_server_with_exit_code_1(
    tmp_path: Path, pg_url: str
) -> None:
    server = (await _server(tmp_path, pg_url)).start()
    try:
        await server.wait_healthy()
        first, second = _workers(server)
        os.kill(first, signal.SIGKILL)
        assert server.process is not None
        deadline = time.monotonic() + 60  # a ceiling: the other stops in about a second
        while server.process.poll() is None and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        code = server.process.poll()
    finally:
        await server.stop()
    assert code == 1, server.output()
    assert f"jingmin-worker-1 (pid {first}) was killed by SIGKILL: stopping the others" in (
        server.output()
    )
    assert not Path(f"/proc/{second}").exists()
