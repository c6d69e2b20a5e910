"""Figures read from the database when /metrics is scraped: what station IT alerts on.

The counters of `bot.dispatch` and `scheduler.delivery` say what this process did; these
say what the station's state is, whichever replica is asked: messages waiting to go out
(and how long the oldest due one has waited: alerts are not going out), sends given up,
and each scheduled job's last success (the retention purge stopped).

With `jingmin serve --workers N` each scrape is answered by whichever worker accepts it,
and the counters in it are that worker's alone: `jingmin_worker` names it, so that a graph
of a counter can be told apart from the others' (and a drop read as another worker, not a
restart). Adding the workers' counters up (prometheus_client's multiprocess mode) would
need its folder set before any metric is made, that is before the command line is read;
the station's own figures, below, are whole in every scrape.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from prometheus_client import Gauge
from sqlalchemy import func
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col, select

from storage.models import JobRun, OutboxMessage, OutboxStatus
from storage.models.base import as_utc

log = logging.getLogger(__name__)

OUTBOX_PENDING = Gauge(
    "jingmin_outbox_pending", "Outbox messages not yet sent, by channel", ["channel"]
)
OUTBOX_OLDEST_DUE = Gauge(
    "jingmin_outbox_oldest_due_seconds",
    "How long the oldest outbox message due for sending has waited (0 when none)",
)
OUTBOX_FAILED = Gauge(
    "jingmin_outbox_failed_24h",
    "Outbox messages given up in the last 24 hours, by channel",
    ["channel"],
)
JOB_LAST_SUCCESS = Gauge(
    "jingmin_job_last_success_timestamp_seconds",
    "When each scheduled job last finished without error (Unix time)",
    ["job"],
)
JOB_LAST_FAILED = Gauge(
    "jingmin_job_last_run_failed", "1 when a job's latest finished run failed", ["job"]
)

WORKER = Gauge(
    "jingmin_worker",
    "The server process that answered this scrape (worker label, 1 to the value: how many "
    "serve); the *_total counters and jingmin_message_seconds in it are that worker's own "
    "since it started, the jingmin_outbox_* and jingmin_job_* gauges the whole station's",
    ["worker"],
)

#: Gives-up counted over this window: a failure of last month is no alarm today.
FAILED_WINDOW = timedelta(hours=24)


def _seconds(moment: datetime) -> float:
    """Unix time of a stored moment (SQLite gives UTC back without its zone)."""
    return as_utc(moment).timestamp()


async def refresh(engine: AsyncEngine, now: datetime) -> None:
    """Set the gauges from the database. A database that cannot be read leaves them as they
    were (and /healthz says so): a scrape never fails for it."""
    try:
        async with engine.connect() as conn:
            pending = (
                await conn.execute(
                    select(OutboxMessage.channel, func.count())
                    .where(OutboxMessage.status == OutboxStatus.PENDING)
                    .group_by(OutboxMessage.channel)
                )
            ).all()
            oldest = (
                await conn.execute(
                    select(func.min(OutboxMessage.created_at)).where(
                        OutboxMessage.status == OutboxStatus.PENDING,
                        col(OutboxMessage.next_attempt_at) <= now,
                    )
                )
            ).scalar()
            failed = (
                await conn.execute(
                    select(OutboxMessage.channel, func.count())
                    .where(
                        OutboxMessage.status == OutboxStatus.FAILED,
                        col(OutboxMessage.created_at) >= now - FAILED_WINDOW,
                    )
                    .group_by(OutboxMessage.channel)
                )
            ).all()
            succeeded = (
                await conn.execute(
                    select(JobRun.name, func.max(JobRun.finished_at))
                    .where(JobRun.outcome == "ok")
                    .group_by(JobRun.name)
                )
            ).all()
            last_runs = (
                select(func.max(JobRun.id))
                .where(col(JobRun.finished_at).is_not(None))
                .group_by(JobRun.name)
            )
            latest = (
                await conn.execute(
                    select(JobRun.name, JobRun.outcome).where(col(JobRun.id).in_(last_runs))
                )
            ).all()
    except Exception as exc:
        log.warning("metrics: database figures unavailable: %s", type(exc).__name__)
        return
    OUTBOX_PENDING.clear()
    for channel, count in pending:
        OUTBOX_PENDING.labels(channel).set(count)
    OUTBOX_OLDEST_DUE.set(max(_seconds(now) - _seconds(oldest), 0) if oldest else 0)
    OUTBOX_FAILED.clear()
    for channel, count in failed:
        OUTBOX_FAILED.labels(channel).set(count)
    for name, finished in succeeded:
        if finished is not None:
            JOB_LAST_SUCCESS.labels(name).set(_seconds(finished))
    for name, outcome in latest:
        JOB_LAST_FAILED.labels(name).set(1 if outcome == "failed" else 0)


def serving(worker: int, workers: int) -> None:
    """Name the worker answering this scrape (`jingmin_worker`)."""
    WORKER.clear()
    WORKER.labels(str(worker)).set(workers)
