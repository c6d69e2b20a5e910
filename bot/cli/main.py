"""`jingmin`: serve, migrate, invite, import, seed a demo."""

from __future__ import annotations

import gc
import logging

# The commands import the whole server: some 200,000 objects that live as long as the
# process, made in a burst the cycle collector walked again and again (0.3 s of CPU, a
# tenth of `jingmin serve`'s start). Paused for the imports only; it goes on after them.
_collecting = gc.isenabled()
gc.disable()
try:
    import click

    from bot.cli import (
        audit,
        broadcast,
        channels,
        db,
        demo,
        group,
        incident,
        invite,
        jobs,
        keys,
        people,
        serve,
        station,
        venue,
        venue_export,
        venue_plate,
        venue_record,
        venue_risk,
        watchlist,
        worklog,
    )
    from bot.cli.runtime import settings_from
finally:
    # What they made is kept for good, out of the collections to come.
    gc.freeze()
    if _collecting:
        gc.enable()


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    type=click.Path(dir_okay=False),
    envvar="JINGMIN_CONFIG",
    help="Config file (default ./config.toml if present; see config.example.toml).",
)
@click.option("-v", "--verbose", is_flag=True, help="Log debug messages.")
@click.pass_context
def cli(ctx: click.Context, config: str | None, verbose: bool) -> None:
    """jingmin (警民通): a bot server for community policing."""
    logging.basicConfig(
        level=logging.DEBUG if verbose else logging.INFO,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    logging.getLogger("jieba").setLevel(logging.WARNING)
    # python-telegram-bot's httpx logs every request's URL at INFO, and a Bot API URL holds
    # the bot token (…/bot123456789:AAE…/sendMessage): anyone who reads the log could act as
    # the bot. Its warnings carry no URL.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    # APScheduler logs every run of every job at INFO; our jobs log what they did themselves.
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    # Every command reads the schema's version; only `db upgrade` has migrations to tell of.
    logging.getLogger("alembic.runtime.migration").setLevel(logging.WARNING)
    # Alembic is imported when it is needed, after this: its plugins' set-up lines would
    # be the first thing `db upgrade` said.
    logging.getLogger("alembic.runtime.plugins").setLevel(logging.WARNING)
    ctx.ensure_object(dict)
    ctx.obj["config"] = config
    if ctx.invoked_subcommand == "law":
        # The law commands read and write the index the server loads.
        from bot.app import law_index

        # `law import` names the folder it writes to itself.
        folder = str(law_index(settings_from(ctx, quiet=True)))
        ctx.default_map = {
            "law": {name: {"index": folder} for name in ("import", "search", "show")}
        }


cli.add_command(serve.serve)
cli.add_command(station.station)
cli.add_command(station.beat)
cli.add_command(db.db)
cli.add_command(invite.invite)
cli.add_command(venue.venue)
cli.add_command(watchlist.watchlist)
cli.add_command(demo.demo)
cli.add_command(group.group)
cli.add_command(channels.channels)
cli.add_command(jobs.jobs)
cli.add_command(keys.keys)
cli.add_command(people.people)
cli.add_command(broadcast.broadcast)
cli.add_command(incident.incident)
cli.add_command(worklog.worklog)
cli.add_command(audit.audit)
venue.venue.add_command(venue_export.export)
venue.venue.add_command(venue_plate.plate)
venue.venue.add_command(venue_risk.risk)
venue.venue.add_command(venue_record.contact)
venue.venue.add_command(venue_record.history)

try:
    from knowledge.cli import law
except ImportError:  # the knowledge base is optional in minimal installs
    pass
else:
    cli.add_command(law)


def main() -> None:
    cli(prog_name="jingmin")
