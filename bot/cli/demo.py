"""`jingmin demo seed`."""

from __future__ import annotations

import click

from bot.cli.runtime import open_services, run, settings_from
from bot.config import Settings
from handlers.services.demo import DEMO_WANTED_ID, DemoRefused, DemoResult, seed_demo


@click.group()
def demo() -> None:
    """A demo station for trying the bot."""


@demo.command()
@click.pass_context
def seed(ctx: click.Context) -> None:
    """Create the demo station (once) and print fresh invite codes.

    Only on development keys and a database of no other station: never in production.
    """
    settings = settings_from(ctx)
    if settings.security.data_keys:
        raise click.ClickException(
            "[security] data_keys are configured, as on a station's own database: the demo "
            "runs on development keys and a database of its own (a config with neither, "
            "e.g. JINGMIN_CONFIG=/dev/null JINGMIN_DATABASE__URL=sqlite+aiosqlite:///var/"
            "demo.db JINGMIN_SECURITY__DEV_KEY_FILE=var/demo-keys.toml, as `make run` does)"
        )
    result = run(_seed, settings)
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
        try:
            return await seed_demo(session, services)
        except DemoRefused as exc:
            raise click.ClickException(str(exc)) from None
