"""`jingmin serve` starts, answers, and stops cleanly on SIGTERM (as systemd stops it)."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli.main import cli
from storage import migrate
from storage.crypto import new_key

REPO = Path(__file__).resolve().parents[3]
PUBLIC = "https://jingmin.example.cn"


#: A ceiling only: a server that exits ends the wait at once. On a 2-core machine loaded by
#: two other processes and a parallel test run, a start that fails on a port in use took
#: 49 s, 38 s of it imports, close to the 60 s these waits had allowed.
START_CEILING = 180


def _free_port(host: str = "127.0.0.1") -> int:
    """A port free on `host`'s own family: one free on 127.0.0.1 may be taken on ::1."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def _printed(tmp_path: Path) -> str:
    """What the server printed so far (to a file: a pipe nobody read could fill and block
    it, and a file can be read while it runs)."""
    return (tmp_path / "serve.log").read_text(encoding="utf-8", errors="replace")


def _start(
    tmp_path: Path, more_config: str = "", host: str = "127.0.0.1"
) -> tuple[subprocess.Popen[bytes], int]:
    """`jingmin serve` on a fresh SQLite database, and its port once /healthz answers."""
    url = f"sqlite+aiosqlite:///{tmp_path}/serve.db"
    migrate.upgrade(url)
    config = tmp_path / "c.toml"
    config.write_text(
        f'[database]\nurl = "{url}"\n[security]\ndev_key_file = "{tmp_path}/k.toml"\n'
        + more_config,
        encoding="utf-8",
    )
    port = _free_port(host)
    env = {**os.environ, "JINGMIN_CONFIG": str(config), "PYTHONPATH": str(REPO)}
    with (tmp_path / "serve.log").open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "bot", "serve", "--host", host, "--port", str(port)],
            cwd=tmp_path,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + START_CEILING
    while time.monotonic() < deadline and server.poll() is None:
        try:
            healthz = f"http://{f'[{host}]' if ':' in host else host}:{port}/healthz"
            with urllib.request.urlopen(healthz, timeout=1) as r:
                assert json.load(r)["status"] == "ok"
            return server, port
        except OSError:
            time.sleep(0.1)
    server.kill()
    server.wait()
    raise AssertionError(f"server did not come up:\n{_printed(tmp_path)}")


def _stop(server: subprocess.Popen[bytes], tmp_path: Path) -> tuple[int, str]:
    """SIGTERM, as systemd stops it: (exit code, everything it printed)."""
    try:
        server.send_signal(signal.SIGTERM)
        code = server.wait(timeout=60)  # a ceiling: the stop itself waits up to 10 s
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    return code, _printed(tmp_path)


def test_serve_answers_then_stops_cleanly(tmp_path: Path) -> None:
    server, port = _start(tmp_path)
    try:
        # A station's web chat takes only identities it issued (no demo roles here).
        session = urllib.request.Request(
            f"http://127.0.0.1:{port}/webhooks/rest/session",
            data=json.dumps({"bearer": True}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(session, timeout=5) as r:
            token = json.load(r)["token"]
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/webhooks/rest/webhook",
            data=json.dumps({"sender": token, "message": "帮助"}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=5) as r:
            assert "警民通" in json.load(r)[0]["text"]
    finally:
        code, output = _stop(server, tmp_path)
    assert code == 0, output
    assert f"jingmin serving 示范派出所 on http://127.0.0.1:{port}/" in output
    assert "Traceback" not in output


def test_a_demo_server_has_the_demo_stations_contacts_and_starts_without_warnings(
    tmp_path: Path,
) -> None:
    """`make run` warned at every start that [station] phone, address and hours were not
    set, and a resident asking 派出所电话多少 was told the bot did not know."""
    server, port = _start(tmp_path, "[server]\ndemo_roles = true\n")
    try:
        request = urllib.request.Request(
            f"http://127.0.0.1:{port}/webhooks/rest/webhook",
            data=json.dumps({"sender": "x", "message": "派出所电话多少"}).encode(),
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=5) as r:
            answer = "\n".join(m["text"] for m in json.load(r))
    finally:
        code, output = _stop(server, tmp_path)
    assert code == 0, output
    assert "电话：0000-1234567（演示号码）" in answer
    assert "地址：城东路 1 号（演示地址）" in answer
    assert "warning:" not in output, output


def _ipv6_loopback() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as s:
            s.bind(("::1", 0))
    except OSError:
        return False
    return True


@pytest.mark.skipif(not _ipv6_loopback(), reason="no IPv6 loopback on this machine")
def test_serve_on_an_ipv6_address_says_where_in_brackets(tmp_path: Path) -> None:
    # http://::1:8080/ is no address a browser takes: its colons read as the port's.
    server, port = _start(tmp_path, host="::1")
    code, output = _stop(server, tmp_path)
    assert code == 0, output
    assert f"jingmin serving 示范派出所 on http://[::1]:{port}/" in output, output


@pytest.mark.skipif(not _ipv6_loopback(), reason="no IPv6 loopback on this machine")
def test_an_ipv6_host_may_be_given_in_brackets_as_in_a_url(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/serve.db"
    migrate.upgrade(url)
    config = tmp_path / "c.toml"
    config.write_text(
        f'[database]\nurl = "{url}"\n[security]\ndev_key_file = "{tmp_path}/k.toml"\n'
        '[server]\nhost = "[::1]"\n',
        encoding="utf-8",
    )
    env = {**os.environ, "JINGMIN_CONFIG": str(config), "PYTHONPATH": str(REPO)}
    with socket.socket(socket.AF_INET6) as taken:  # so that it stops once it has the address
        taken.bind(("::1", 0))
        taken.listen()
        port = int(taken.getsockname()[1])
        done = subprocess.run(
            [sys.executable, "-m", "bot", "serve", "--port", str(port)],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=START_CEILING,
        )
    # Not "[::1] is no known name": the address was understood, and its port is taken.
    assert f"cannot listen on [::1]:{port}: the port is in use" in done.stderr, done.stderr


def test_serve_says_how_each_channel_is_wired(tmp_path: Path) -> None:
    """At start: the address to enter on the console, then the platform's verdict (here:
    unreachable, as api.weixin.qq.com is from a server without internet), each in one line."""
    server, _port = _start(
        tmp_path,
        '[server]\npublic_url = "https://jingmin.example.cn"\n'
        '[wechat_mp]\ntoken = "jingminStation01"\napp_id = "wx1234567890abcdef"\n'
        'app_secret = "0123456789abcdef0123456789abcdef"\napi_base = "http://127.0.0.1:9"\n',
    )
    # The check runs in the background once serving: wait for its verdict, not a second.
    deadline = time.monotonic() + START_CEILING
    while "wechat_mp: no access token" not in _printed(tmp_path) and time.monotonic() < deadline:
        time.sleep(0.1)
    _code, output = _stop(server, tmp_path)
    assert "wechat_mp: 服务器地址(URL) https://jingmin.example.cn/wechat/mp" in output
    assert "ERROR jingmin.channels: wechat_mp: no access token: errcode -1" in output, output
    assert "Traceback" not in output


def test_a_port_in_use_is_one_line_saying_what_to_change(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/serve.db"
    migrate.upgrade(url)
    config = tmp_path / "c.toml"
    config.write_text(
        f'[database]\nurl = "{url}"\n[security]\ndev_key_file = "{tmp_path}/k.toml"\n',
        encoding="utf-8",
    )
    env = {**os.environ, "JINGMIN_CONFIG": str(config), "PYTHONPATH": str(REPO)}
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = int(taken.getsockname()[1])
        done = subprocess.run(
            [sys.executable, "-m", "bot", "serve", "--port", str(port)],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=START_CEILING,
        )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert f"cannot listen on 127.0.0.1:{port}: the port is in use" in done.stderr
    assert "--port or [server] port" in done.stderr
    # Said nothing about serving, and started nothing (the scheduler) first.
    assert "serving" not in done.stdout, done.stdout
    assert "scheduler" not in done.stderr, done.stderr


def test_serve_warns_when_it_listens_beyond_this_machine() -> None:
    """README's `serve --host 0.0.0.0` put /metrics and plain-HTTP webhooks on the network."""
    from bot.cli.serve import _start_warnings
    from bot.config import ServerSettings, Settings, StationSettings

    station = StationSettings(phone="0571-1", address="和平路 1 号", hours="8:30-17:30")
    settings = Settings(station=station, server=ServerSettings(public_url=PUBLIC))
    with socket.socket() as inside, socket.socket() as outside:
        inside.bind(("127.0.0.1", 0))
        outside.bind(("0.0.0.0", 0))
        assert _start_warnings(settings, [inside]) == []
        [warning] = _start_warnings(settings, [outside])
    assert warning.startswith("listening on 0.0.0.0, not only this machine: /metrics and ")
    assert "plain-HTTP webhooks are open to the network" in warning


def test_serve_says_at_start_which_station_contacts_are_not_set() -> None:
    from bot.cli.serve import _start_warnings
    from bot.config import ServerSettings, Settings, StationSettings

    settings = Settings(
        station=StationSettings(phone="0571-1"), server=ServerSettings(public_url=PUBLIC)
    )
    with socket.socket() as inside:
        inside.bind(("127.0.0.1", 0))
        [warning] = _start_warnings(settings, [inside])
    assert warning.startswith("[station] address, hours not set: residents who ask")


def test_serve_warns_at_start_of_a_local_public_url_and_of_two_names_for_the_station() -> None:
    """Invites sent owners to http://127.0.0.1:8080/, and the bot called itself 示范派出所 in
    帮助 while the station added was 城关派出所."""
    from bot.cli.serve import _start_warnings
    from bot.config import ServerSettings, Settings, StationSettings

    station = StationSettings(phone="0571-1", address="和平路 1 号", hours="8:30-17:30")
    with socket.socket() as inside:
        inside.bind(("127.0.0.1", 0))
        [local] = _start_warnings(Settings(station=station), [inside], ["示范派出所"])
        public = Settings(station=station, server=ServerSettings(public_url=PUBLIC))
        [named] = _start_warnings(public, [inside], ["城关派出所"])
        assert _start_warnings(public, [inside], ["示范派出所"]) == []
        assert _start_warnings(public, [inside], ["城关派出所", "城东派出所"]) == []
        # The demo (make run) is opened on this machine: no warning of its own address.
        demo = Settings(station=station, server=ServerSettings(demo_roles=True))
        assert _start_warnings(demo, [inside], ["示范派出所"]) == []
    assert local.startswith("server.public_url is http://127.0.0.1:8080, this machine's own")
    assert "invites leave the web address out" in local
    assert "the bot calls itself 示范派出所 ([station] name" in named
    assert 'set [station] name = "城关派出所"' in named


def test_serve_warns_of_a_key_holding_config_and_a_database_others_can_read(
    tmp_path: Path,
) -> None:
    """Written under umask 022 (not systemd's UMask=0077), both were mode 644: any login on
    the machine read the keys and every sealed ID number with them."""
    from bot.cli.serve import _exposed
    from bot.config import load_settings

    database = tmp_path / "jingmin.db"
    database.write_bytes(b"")
    config = tmp_path / "config.toml"
    config.write_text(
        f'[database]\nurl = "sqlite+aiosqlite:///{database}"\n'
        f'[security]\ndata_keys = {{ k1 = "{new_key()}" }}\ncurrent_key_id = "k1"\n'
        f'index_key = "{new_key()}"\n',
        encoding="utf-8",
    )
    settings = load_settings(config, environ={})
    config.chmod(0o644)
    database.chmod(0o644)
    config_line, database_line = _exposed(settings, str(config))
    assert config_line == (
        f"{config} holds the data keys and other users of this machine can read it "
        f"(mode 644): chmod 600 {config} (docs/operations.md, What to keep safe)"
    )
    assert database_line.startswith(f"{database} is the database and other users")
    config.chmod(0o600)
    database.chmod(0o600)
    assert _exposed(settings, str(config)) == []
    # A config without keys (they come from the environment) holds nothing to warn of.
    config.write_text(f'[database]\nurl = "sqlite+aiosqlite:///{database}"\n', encoding="utf-8")
    config.chmod(0o644)
    assert _exposed(settings, str(config)) == []
    # A demo station (make run) holds no one's data.
    database.chmod(0o644)
    assert _exposed(settings, str(config)) != []
    demo = settings.model_copy(
        update={"server": settings.server.model_copy(update={"demo_roles": True})}
    )
    assert _exposed(demo, str(config)) == []


def test_a_stop_says_when_it_begins_what_it_waits_for_and_when_it_is_done(
    tmp_path: Path,
) -> None:
    """A stop was seconds of silence, then nothing: no line said it had begun or ended."""
    server, _port = _start(tmp_path)
    code, output = _stop(server, tmp_path)
    assert code == 0, output
    assert "bot.cli.serve: stopping: no new connections; requests in progress get up to 10 s" in (
        output
    )
    begun = output.index("stopping: no new connections")
    assert re.search(r"bot\.cli\.serve: stopped in \d+\.\d s", output[begun:]), output


def test_several_workers_refuse_telegram_long_polling(tmp_path: Path) -> None:
    """getUpdates answers one caller: two workers polling lose updates between them."""
    config = tmp_path / "config.toml"
    config.write_text(
        # Never reached: the refusal comes first.
        '[database]\nurl = "postgresql+asyncpg://jingmin@127.0.0.1:9/station"\n'
        f'[telegram]\nbot_token = "123456:{"A" * 35}"\nwebhook_secret = "s3cret"\n',
        encoding="utf-8",
    )
    args = ["--config", str(config), "serve", "--workers", "2", "--telegram-polling"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert "Telegram long polling runs in one process, not 2 workers" in result.output
    assert "--workers 1" in result.output


def test_several_workers_on_sqlite_are_refused_with_the_way_to_postgresql(
    tmp_path: Path,
) -> None:
    """A second SQLite writer's read-then-write transactions fail with "database is
    locked": several workers are a PostgreSQL station's."""
    config = tmp_path / "config.toml"
    config.write_text(f'[database]\nurl = "sqlite+aiosqlite:///{tmp_path}/x.db"\n', "utf-8")
    result = CliRunner().invoke(cli, ["--config", str(config), "serve", "--workers", "2"])
    assert result.exit_code == 1
    assert "2 workers need PostgreSQL" in result.output
    assert "jingmin db copy --to URL" in result.output
