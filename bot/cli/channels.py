"""`jingmin channels`: check each messenger's wiring before (or while) the server runs."""

from __future__ import annotations

from pathlib import Path

import click

from bot.channels.base import Channel
from bot.channels.build import messenger_channels
from bot.cli import wiring
from bot.cli.runtime import open_services, run, settings_from
from bot.config import ConfigError, Settings
from bot.media import MediaStore


@click.command()
@click.pass_context
def channels(ctx: click.Context) -> None:
    """Check the messengers: the address each console needs, and whether each platform
    accepts this configuration (an access token, getMe, getWebhookInfo; nothing is sent).
    Exits with 1 when something must be fixed."""
    settings = settings_from(ctx)
    findings = wiring.addresses(settings) + run(_probe, settings)
    if not findings:
        click.echo(
            "no messenger is configured: see [wechat_mp], [wecom], [wecom_robot] and "
            "[telegram] in config.example.toml (the web chat at / needs none)"
        )
    for finding in findings:
        click.echo(f"{'ok ' if finding.ok else 'FIX'}  {finding}")
    if not all(finding.ok for finding in findings):
        ctx.exit(1)


async def _probe(settings: Settings) -> list[wiring.Finding]:
    found: list[wiring.Finding] = []
    async with open_services(settings) as services:
        media = MediaStore(Path(settings.storage.media_dir), signer=services.blind_index)
        # Never poll here: polling deletes the production webhook.
        checked = messenger_channels(services, media, polling=False)
        started: list[Channel] = []
        try:
            for name, channel in list(checked.items()):
                try:
                    await channel.start()
                except ConfigError as exc:  # Telegram refused the token
                    found.append(wiring.Finding(name, False, str(exc)))
                    del checked[name]
                    await channel.stop()
                    continue
                started.append(channel)
            found += await wiring.probe(checked, settings, services.sessions)
        finally:
            for channel in reversed(started):
                await channel.stop()
    return found
