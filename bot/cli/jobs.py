"""`jingmin jobs list|run`: the scheduled jobs, when they last ran, and running one now."""

from __future__ import annotations

from datetime import UTC, datetime

import click
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.assembly import build_dispatcher
from bot.cli.runtime import open_services, run, settings_from
from bot.config import Settings
from handlers.registration.timefmt import short
from scheduler.jobstore import TABLE
from scheduler.leader import process_name
from scheduler.runner import jobs_for
from scheduler.schedule import Morning, describe, next_morning
from scheduler.scheduled import JobFailed, run_job
from storage.models import JobRun, Lease


@click.group()
def jobs() -> None:
    """Scheduled jobs (daily alert, reminders, digests, expiry, purge)."""


@jobs.command(name="list")
@click.pass_context
def list_(ctx: click.Context) -> None:
    """Each job's schedule, next run, and last run; and which process runs them."""
    for line in run(_list, settings_from(ctx)):
        click.echo(line)


async def _next_runs(session: AsyncSession) -> dict[str, float] | None:
    """Next run times from APScheduler's table (read directly: no synchronous driver here);
    None when there is no such table yet (no server has run on this database, or it is a
    fresh `db copy`, which leaves the scheduler's own table out).

    The failed read rolls the session back, which expires what it loaded: call this first.
    """
    try:
        connection = await session.connection()
        rows = await connection.execute(text(f"SELECT id, next_run_time FROM {TABLE}"))
    except SQLAlchemyError:
        await session.rollback()
        return None
    return {row[0]: row[1] for row in rows.all() if row[1] is not None}


async def _list(settings: Settings) -> list[str]:
    zone = settings.zone
    async with open_services(settings) as services:
        defined = jobs_for(services, build_dispatcher(services))
        async with services.sessions() as session:
            nexts = await _next_runs(session)  # first: a missing table rolls back
            lease = await session.get(Lease, "scheduler")
            lines = []
            now = services.clock()
            if lease is not None and lease.expires_at > now:
                lines.append(
                    f"scheduler lease: {lease.holder} (until {short(lease.expires_at, zone, now)})"
                )
            else:
                lines.append("scheduler lease: free (no process is running scheduled jobs)")
            if nexts is None:
                lines.append(
                    "job store: none yet (the server creates it when it first runs the "
                    "scheduled jobs); next runs are unknown until then"
                )
            # As wide as the longest: 「daily 07:00 (catch-up until 11:00)」.
            wide = max(len(describe(schedule)) for _job, schedule in defined.values()) + 2
            lines.append(f"{'job':<22}{'schedule':<{wide}}{'next run':<14}last run")
            for name, (_job, schedule) in defined.items():
                last = (
                    await session.exec(
                        select(JobRun).where(JobRun.name == name).order_by(col(JobRun.id).desc())
                    )
                ).first()
                nxt = (nexts or {}).get(name)
                next_text = short(datetime.fromtimestamp(nxt, UTC), zone, now) if nxt else "—"
                if nxt and isinstance(schedule, Morning):
                    next_text = short(next_morning(schedule, now, zone), zone, now)
                last_text = (
                    f"{short(last.started_at, zone, now)} {last.outcome} ({last.done})"
                    if last
                    else "—"
                )
                when = describe(schedule)
                lines.append(f"{name:<22}{when:<{wide}}{next_text:<14}{last_text}")
    return lines


@jobs.command(name="run")
@click.argument("name")
@click.pass_context
def run_(ctx: click.Context, name: str) -> None:
    """Run job NAME once, now, in this process (whatever the lease).

    A morning push (officer_digest, wanted_rotation) goes whatever the time: the hours the
    scheduler keeps to are for a server started late, not for a run asked for by hand."""
    done, why = run(_run, settings_from(ctx), name)
    click.echo(f"{name}: {done} done" + (f" ({why})" if why else ""))


async def _run(settings: Settings, name: str) -> tuple[int, str]:
    """What job `name` did, and why it did nothing where that can be told."""
    async with open_services(settings) as services:
        defined = jobs_for(services, build_dispatcher(services), by_hand=True)
        if name not in defined:
            raise click.ClickException(f"no job {name!r}; one of: {', '.join(defined)}")
        if name == "officer_digest" and not settings.digest.enabled:
            raise click.ClickException(
                "officer_digest: not sent: [digest] enabled = false switches the morning "
                "digest off; set it to true to send it (officers still have /日报)"
            )
        try:
            done = await run_job(services, name, defined[name][0], f"cli:{process_name()}")
        except JobFailed:
            raise click.ClickException(f"job {name} failed (see the log above)") from None
        return done, "" if done else _why_nothing(services.settings, services.clock(), name)


def _why_nothing(settings: Settings, now: datetime, name: str) -> str:
    """Why a morning push sent nothing: each goes once per officer and day."""
    if name == "officer_digest":
        return "every officer bound to a chat has had today's digest already"
    if name == "wanted_rotation":
        at = settings.wanted.at
        if now.astimezone(settings.zone).time() < at:
            return f"the day's wanted cards go from [wanted] time {at:%H:%M}, station time"
        return "every officer has had today's wanted cards already, or there are none to send"
    return ""
