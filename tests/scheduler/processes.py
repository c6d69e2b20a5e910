"""Real `jingmin serve` processes against fake platforms: start, kill, restart.

A server process is the unit that crashes in production, so the crash and replica tests use
real ones: SIGKILL leaves no chance to clean up, exactly as a power cut or the OOM killer.
"""

from __future__ import annotations

import asyncio
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

from tests.bot.channels.telegram.support import SECRET, TOKEN

REPO = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _toml(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return '"' + str(value).replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_config(path: Path, sections: Mapping[str, Mapping[str, object]]) -> Path:
    lines = []
    for name, values in sections.items():
        lines.append(f"[{name}]")
        lines.extend(f"{key} = {_toml(value)}" for key, value in values.items())
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def server_config(
    tmp_path: Path,
    db_url: str,
    *,
    telegram_api: str = "",
    robots_api: str = "",
    scheduler: Mapping[str, object] | None = None,
    broadcast: Mapping[str, object] | None = None,
) -> dict[str, dict[str, object]]:
    from tests.support.keys import INDEX_KEY, TEST_KEYS

    sections: dict[str, dict[str, object]] = {
        "database": {"url": db_url},
        "storage": {"media_dir": str(tmp_path / "media")},
        "scheduler": {
            "enabled": False,
            "delivery_lease_seconds": 10.0,  # the shortest allowed
            "delivery_poll_seconds": 0.1,
            **(scheduler or {}),
        },
    }
    if broadcast:
        sections["broadcast"] = dict(broadcast)
    if telegram_api:
        sections["telegram"] = {
            "bot_token": TOKEN,
            "webhook_secret": SECRET,
            "api_base": telegram_api,
        }
    if robots_api:
        sections["wecom_robot"] = {"enabled": True, "api_base": robots_api}
    # Keys as environment variables (a table in TOML would do too).
    import json

    sections["_env"] = {
        "JINGMIN_SECURITY__DATA_KEYS": json.dumps(TEST_KEYS),
        "JINGMIN_SECURITY__CURRENT_KEY_ID": "t1",
        "JINGMIN_SECURITY__INDEX_KEY": INDEX_KEY,
    }
    return sections


@dataclass
class Server:
    config: Path
    env: dict[str, str]
    log_path: Path
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    def start(self) -> Server:
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve", "--port", str(self.port)],
            cwd=self.config.parent,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        return self

    async def wait_healthy(self, timeout: float = 180.0) -> None:
        """Poll /healthz without blocking the loop: the fakes the server talks to while
        starting run on this loop. The timeout is only a ceiling: on a machine loaded by
        other work, a replica that had printed its address missed 20 s, and a start that
        spent 38 s importing came close to the 60 s allowed after."""
        deadline = time.monotonic() + timeout
        url = f"http://127.0.0.1:{self.port}/healthz"
        async with aiohttp.ClientSession() as http:
            while time.monotonic() < deadline:
                assert self.process is not None
                if self.process.poll() is not None:
                    raise AssertionError(f"server exited:\n{self.output()}")
                try:
                    async with http.get(url, timeout=aiohttp.ClientTimeout(total=1)) as response:
                        if response.status == 200:
                            return
                except (aiohttp.ClientError, TimeoutError):
                    pass
                await asyncio.sleep(0.05)
        raise AssertionError(f"server did not come up:\n{self.output()}")

    def kill(self) -> None:
        """SIGKILL: no shutdown, no lease handed back, requests cut mid-flight."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)

    async def stop(self, timeout: float = 30.0) -> None:
        """SIGTERM, then SIGKILL after `timeout`. Waited for without blocking the loop: a
        stopping server finishes its sends in flight, and the fakes that answer them run
        on this loop (a blocking wait had held them, and the stop, for its whole 15 s)."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        deadline = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
        self.kill()

    def output(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")


def make_server(tmp_path: Path, name: str, sections: dict[str, dict[str, object]]) -> Server:
    env_values = {k: str(v) for k, v in sections.get("_env", {}).items()}
    config = write_config(
        tmp_path / f"{name}.toml", {k: v for k, v in sections.items() if k != "_env"}
    )
    env = {
        **os.environ,
        **env_values,
        "JINGMIN_CONFIG": str(config),
        "PYTHONPATH": str(REPO),
        "PTB_TIMEDELTA": "true",
    }
    env.pop("JINGMIN_TEST_DATABASE_URL", None)
    return Server(config, env, tmp_path / f"{name}.log")
