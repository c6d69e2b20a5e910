"""`jingmin demo seed`."""

from __future__ import annotations

import click

from bot.cli.runtime import open_services, run, settings_from
from bot.config import Settings
from handlers.services.demo import DEMO_WANTED_ID, DemoResult, seed_demo


@click.group()
def demo() -> None:
    """A demo station for trying the bot."""


@demo.command()
@click.pass_context
def seed(ctx: click.Context) -> None:
    """Create the demo station (once) and print fresh invite codes."""
    result = run(_seed, settings_from(ctx))
    click.echo("demo station created" if result.created else "demo station already present")
    click.echo("Invite codes for other channels (send /绑定 CODE to the bot):")
    for role, code in result.invites.items():
        click.echo(f"  {role}: {code}")
    click.echo(f"Try a wanted-list hit: register a guest with ID number {DEMO_WANTED_ID}")


async def _seed(settings: Settings) -> DemoResult:
    async with (
        open_services(settings, dev_keys=True) as services,
        services.sessions() as session,
    ):
        return await seed_demo(session, services)
