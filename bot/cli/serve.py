"""`jingmin serve`."""

from __future__ import annotations

import asyncio
import contextlib
import errno
import gc
import ipaddress
import logging
import socket
import stat
import time
import tomllib
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path

import click
from aiohttp import web
from sqlmodel import select

from bot import drawing
from bot.app import CHANNELS, SERVICES, SETTINGS, create_app, first_worker
from bot.cli import wiring
from bot.cli.runtime import open_services, run, settings_from
from bot.cli.serve_workers import run_workers, worker_count
from bot.config import ConfigError, Settings, config_file
from handlers.services.demo import with_demo_contacts
from storage.db import is_sqlite, sqlite_path
from storage.models import Station

log = logging.getLogger(__name__)


@click.command()
@click.option("--host", help="Address to listen on (default from [server] host, 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), help="Port (default [server] port, 8080).")
@click.option(
    "--telegram-polling",
    is_flag=True,
    help="Development: fetch Telegram updates by long polling. Deletes the bot's webhook.",
)
@click.option(
    "--workers",
    type=click.IntRange(0, 64),
    help="Server processes sharing the port (default [server] workers, 1; 0: one per CPU).",
)
@click.pass_context
def serve(
    ctx: click.Context,
    host: str | None,
    port: int | None,
    telegram_polling: bool,
    workers: int | None,
) -> None:
    """Serve the bot: web chat at /, channels' webhooks, /healthz and /metrics."""
    # A demo server answers 派出所电话多少 with the demo station's made-up contacts.
    settings = with_demo_contacts(settings_from(ctx))
    count = worker_count(settings.server.workers if workers is None else workers)
    settings = settings.model_copy(
        update={"server": settings.server.model_copy(update={"workers": count})}
    )
    if count > 1 and is_sqlite(settings.database.url):
        # SQLite lets one process write at a time: a worker's transaction that read before
        # another worker wrote fails at its first write ("database is locked"), whatever
        # the busy timeout. One process with one connection queues them instead.
        raise click.ClickException(
            f"{count} workers need PostgreSQL: on SQLite one process serves "
            "(--workers 1, or [server] workers = 1). To serve on several, move the station "
            "to PostgreSQL ([database] url; `jingmin db copy --to URL` copies the data)"
        )
    if telegram_polling or (count > 1 and settings.telegram.polling):
        if count > 1:
            # getUpdates answers one caller at a time: two workers polling knock each other
            # off with 409 Conflict and updates are lost between them.
            raise click.ClickException(
                f"Telegram long polling runs in one process, not {count} workers: serve "
                "with --workers 1 for development, or set the webhook ([telegram] "
                "webhook_secret, docs/channels-telegram.md) to serve on several"
            )
        settings = _with_telegram_polling(settings)
    # One clear line rather than a server that says "serving" and then logs a traceback
    # for every message and job (or writes what its keys cannot read back).
    stations = run(_usable, settings)
    try:
        app = _built(settings)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    # What each console needs now; whether each platform agrees once the channels are up.
    wiring.report(wiring.addresses(settings))
    app.cleanup_ctx.append(_check_wiring)
    server = settings.server
    where = (_bare(host or server.host), port or server.port)
    # The sockets first: a port that cannot be opened must end here, before the server says
    # "serving" and its startup takes the scheduler lease.
    try:
        sockets = _listen(*where)
    except OSError as exc:
        raise click.ClickException(_cannot_listen(*where, exc)) from None
    listening = f"http://{_in_url(where[0])}:{where[1]}/"
    processes = f" ({count} workers)" if count > 1 else ""
    click.echo(f"jingmin serving {settings.station.name} on {listening}{processes}")
    named = ctx.obj.get("config") if ctx.obj else None
    for line in [*_start_warnings(settings, sockets, stations), *_exposed(settings, named)]:
        click.echo(f"warning: {line}", err=True)
    stopping = _Stopping(server.shutdown_timeout)
    app.on_shutdown.append(stopping.begin)

    def run_app(
        app: web.Application,
        sockets: list[socket.socket],
        loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        try:
            web.run_app(
                app,
                sock=sockets,
                shutdown_timeout=server.shutdown_timeout,
                print=None,
                access_log=None,
                # A worker's loop has its own handlers (serve_workers).
                handle_signals=loop is None,
                loop=loop,
            )
        except ConfigError as exc:  # found while starting, e.g. a token Telegram rejects
            raise click.ClickException(str(exc)) from None
        except OSError as exc:
            raise click.ClickException(_cannot_listen(*where, exc)) from None
        finally:
            drawing.shutdown()
            stopping.done()

    if count == 1:
        run_app(app, sockets)
        return
    ctx.exit(run_workers(app, sockets, count, server.shutdown_timeout, _in_worker(run_app)))


def _built(settings: Settings) -> web.Application:
    """`create_app`, with what it made kept out of every garbage collection.

    The law index is some two million objects that live as long as the process and hold
    no cycles. Made with the collector paused, they were all walked at its first run after
    (and again when they reached the older generations), 0.1 s of the start's CPU before
    the first answer; frozen as they are made, never. The app's start freezes the rest
    (`bot.app`, after one collection).
    """
    collecting = gc.isenabled()
    gc.disable()
    try:
        return create_app(settings)
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


def _in_worker(
    run_app: Callable[[web.Application, list[socket.socket], asyncio.AbstractEventLoop], None],
) -> Callable[[web.Application, list[socket.socket], asyncio.AbstractEventLoop], None]:
    """`run_app` as a worker runs it: an error it would have said and exited on is said
    the same way, and the worker's exit code tells the parent."""

    def run(
        app: web.Application, sockets: list[socket.socket], loop: asyncio.AbstractEventLoop
    ) -> None:
        try:
            run_app(app, sockets, loop)
        except click.ClickException as exc:
            exc.show()
            raise SystemExit(exc.exit_code) from None

    return run


class _Stopping:
    """The two lines of a stop (SIGTERM, Ctrl-C): when it begins, with what it waits for,
    and when it is done. Without them a stop was some seconds of silence."""

    def __init__(self, timeout: float) -> None:
        self._timeout = timeout
        self._began: float | None = None

    async def begin(self, _app: web.Application) -> None:
        # aiohttp calls this once the sockets are closed, before it waits for requests.
        self._began = time.monotonic()
        log.info(
            "stopping: no new connections; requests in progress get up to %g s "
            "([server] shutdown_timeout), then sends in flight finish, the scheduler lease "
            "is released and the drawing process ends",
            self._timeout,
        )

    def done(self) -> None:
        if self._began is not None:
            log.info("stopped in %.1f s", time.monotonic() - self._began)


def _start_warnings(
    settings: Settings, sockets: list[socket.socket], stations: Sequence[str] = ()
) -> list[str]:
    """What a station should fix, said once at start rather than found out later.
    `stations`: the names in the stations table (`jingmin station add`)."""
    warnings = []
    server = settings.server
    if server.public_url_is_local and not server.demo_roles:  # a demo is opened here
        warnings.append(
            f"server.public_url is {server.public_url}, this machine's own address: invites "
            "leave the web address out and links in chats open nothing on a phone; set "
            "[server] public_url to the address people open (e.g. https://jingmin.example.cn)"
        )
    name = settings.station.name
    if len(stations) == 1 and stations[0] != name:  # several: no one name fits them all
        # 帮助 and invites say [station] name; owners would meet a bot named otherwise.
        warnings.append(
            f"the bot calls itself {name} ([station] name, in 帮助 and invites) but the "
            f"station added with `jingmin station add` is {stations[0]}: set "
            f'[station] name = "{stations[0]}" (config.example.toml, [station])'
        )
    outside = sorted(
        {
            sock.getsockname()[0]
            for sock in sockets
            if not ipaddress.ip_address(sock.getsockname()[0].split("%")[0]).is_loopback
        }
    )
    if outside:
        warnings.append(
            f"listening on {', '.join(outside)}, not only this machine: /metrics and "
            "plain-HTTP webhooks are open to the network; listen on 127.0.0.1 behind the "
            "reverse proxy (docs/operations.md, systemd and the reverse proxy)"
        )
    station = settings.station
    empty = [key for key in ("phone", "address", "hours") if not getattr(station, key).strip()]
    if empty:
        warnings.append(
            f"[station] {', '.join(empty)} not set: residents who ask 派出所电话多少 or "
            "派出所在哪 are told the bot does not know (config.example.toml, [station])"
        )
    return warnings


def _exposed(settings: Settings, named: str | None) -> list[str]:
    """Files other users of this machine can read that hold the keys or the data: created
    under the usual umask 022 (not systemd's UMask=0077), the config and the SQLite
    database are mode 644, and with them anyone with a login reads every ID number. A demo
    station (`make run`) holds no one's data: nothing to say."""
    if settings.server.demo_roles:
        return []
    config = config_file(named)
    files: list[tuple[Path, str]] = []
    if config is not None and config.is_file() and _holds_keys(config):
        files.append((config, "holds the data keys"))
    database = sqlite_path(settings.database.url)
    if database is not None:
        files.append((Path(database.split("?", 1)[0]), "is the database"))
    warnings = []
    for path, what in files:
        try:
            mode = path.stat().st_mode
        except OSError:
            continue
        if mode & (stat.S_IRGRP | stat.S_IROTH):
            warnings.append(
                f"{path} {what} and other users of this machine can read it (mode "
                f"{stat.S_IMODE(mode):o}): chmod 600 {path} (docs/operations.md, What to "
                "keep safe)"
            )
    return warnings


def _holds_keys(config: Path) -> bool:
    try:
        security = tomllib.loads(config.read_text(encoding="utf-8")).get("security", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False  # read once already: a file read then changed is not this check's
    return isinstance(security, dict) and bool(
        security.get("data_keys") or security.get("index_key")
    )


def _bare(host: str) -> str:
    """`host` as the sockets take it: [::1] (as in a URL) is ::1."""
    return host[1:-1] if host.startswith("[") and host.endswith("]") else host


def _in_url(host: str) -> str:
    """`host` as it is written in a URL and before a port: an IPv6 address in brackets
    (http://[::1]:8080/), or its colons read as the port's."""
    return f"[{host}]" if ":" in host else host


def _listen(host: str, port: int) -> list[socket.socket]:
    """Listening sockets on every address `host` resolves to, bound as asyncio's
    create_server binds them (address reuse; IPv6 sockets for IPv6 only)."""
    found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    sockets: list[socket.socket] = []
    try:
        for family, kind, proto, _name, address in dict.fromkeys(found):
            sock = socket.socket(family, kind, proto)
            sockets.append(sock)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            if family == socket.AF_INET6:
                sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 1)
            sock.bind(address)
            sock.listen(128)
    except OSError:
        for sock in sockets:
            sock.close()
        raise
    return sockets


def _cannot_listen(host: str, port: int, exc: OSError) -> str:
    """The line for a socket the server could not open, with what to change."""
    where = f"cannot listen on {_in_url(host)}:{port}"
    if exc.errno == errno.EADDRINUSE:
        return (
            f"{where}: the port is in use (another jingmin serve, or another program: "
            f"ss -ltnp 'sport = :{port}' shows which); stop it or choose another port "
            "with --port or [server] port"
        )
    if exc.errno == errno.EADDRNOTAVAIL:
        return (
            f"{where}: {host} is not an address of this machine; use one it has "
            "(ip addr), 0.0.0.0 for all, or 127.0.0.1 behind a reverse proxy "
            "(--host or [server] host)"
        )
    if exc.errno == errno.EACCES:
        return (
            f"{where}: ports below 1024 need root; use a port such as 8080 behind the "
            "reverse proxy (--port or [server] port)"
        )
    return f"{where}: {exc.strerror or exc} (--host, --port or [server] host, port)"


def _with_telegram_polling(settings: Settings) -> Settings:
    if not settings.telegram.enabled:
        raise click.ClickException("--telegram-polling needs [telegram] bot_token")
    click.echo(
        "warning: Telegram long polling deletes the bot's webhook (deleteWebhook); "
        "set it again with setWebhook before the production server takes over",
        err=True,
    )
    telegram = settings.telegram.model_copy(update={"polling": True})
    return settings.model_copy(update={"telegram": telegram})


async def _usable(settings: Settings) -> list[str]:
    """The names of the stations in the database, once it and the keys are found usable."""
    async with open_services(settings, dev_keys=True) as services, services.sessions() as session:
        return list((await session.exec(select(Station.name))).all())


async def _check_wiring(app: web.Application) -> AsyncIterator[None]:
    """Ask the platforms in the background (after the channels have started): an unreachable
    one must not hold up serving. One worker asks for all: the platforms' answers are the
    same for each, and N workers had logged every line N times."""
    if not first_worker(app):
        yield
        return
    task = asyncio.create_task(_probe(app), name="wiring-check")
    yield
    task.cancel()
    with contextlib.suppress(asyncio.CancelledError):
        await task


async def _probe(app: web.Application) -> None:
    try:
        findings = await wiring.probe(app[CHANNELS], app[SETTINGS], app[SERVICES].sessions)
    except Exception:  # a check must never take the server down
        log.warning("channel check failed", exc_info=True)
        return
    wiring.report(findings)
