"""`jingmin serve`."""

from __future__ import annotations

import click
from aiohttp import web

from bot.app import create_app
from bot.cli.runtime import settings_from
from bot.config import ConfigError


@click.command()
@click.option("--host", help="Address to listen on (default from [server] host, 127.0.0.1).")
@click.option("--port", type=click.IntRange(1, 65535), help="Port (default [server] port, 8080).")
@click.pass_context
def serve(ctx: click.Context, host: str | None, port: int | None) -> None:
    """Serve the bot: web chat at /, channels' webhooks, /healthz and /metrics."""
    settings = settings_from(ctx)
    try:
        app = create_app(settings)
    except ConfigError as exc:
        raise click.ClickException(str(exc)) from None
    server = settings.server
    click.echo(
        f"jingmin serving {settings.station.name} on http://{host or server.host}:{port or server.port}/"
    )
    web.run_app(
        app,
        host=host or server.host,
        port=port or server.port,
        shutdown_timeout=server.shutdown_timeout,
        print=None,
        access_log=None,
    )
