"""Leases that let one process of several do a thing (run the scheduled jobs), and a log of
the jobs it ran.

A lease is a row with an expiry the holder keeps pushing forward; when the holder dies it
stops renewing, and another process takes the lease over once it has expired.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from storage.models.base import TableModel, utcnow


class Lease(TableModel, table=True):
    __tablename__ = "scheduler_lease"

    #: What the lease is for, e.g. "scheduler".
    name: str = Field(max_length=64, primary_key=True)
    #: Who holds it: host, process id and a random part (a restarted process is someone new).
    holder: str = Field(max_length=128)
    expires_at: datetime
    acquired_at: datetime = Field(default_factory=utcnow)


class JobRun(TableModel, table=True):
    """One run of a scheduled job (or `jingmin jobs run`)."""

    __tablename__ = "scheduler_job_run"

    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=64, index=True)
    holder: str = Field(max_length=128)
    started_at: datetime = Field(default_factory=utcnow, index=True)
    finished_at: datetime | None = None
    #: "running", "ok" or "failed".
    outcome: str = Field(default="running", max_length=16)
    #: What the job reported doing (messages queued, rows purged …).
    done: int = 0
    error: str = Field(default="", max_length=500)
