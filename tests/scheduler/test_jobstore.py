"""The job store on the station's SQLite file, beside the app's own writes."""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path

import pytest
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.exc import OperationalError

from scheduler.jobstore import make_jobstore
from scheduler.scheduled import run_stored


async def test_a_write_held_by_the_app_does_not_freeze_the_server_for_the_job_store(
    tmp_path: Path,
) -> None:
    """APScheduler writes a job's next run time synchronously on the event loop; the app's
    session holding the write lock waits on that same loop. The store had waited sqlite3's
    5 s for the lock, every request stalled with it, and it failed all the same."""
    database = tmp_path / "station.db"
    scheduler = AsyncIOScheduler(
        jobstores={"default": make_jobstore(f"sqlite+aiosqlite:///{database}")}
    )
    scheduler.start(paused=True)
    try:
        scheduler.add_job(run_stored, "interval", minutes=5, args=("digest",), id="digest")
        app = sqlite3.connect(database, isolation_level=None)
        try:
            app.execute("BEGIN IMMEDIATE")  # a session flushed, paused before its commit
            started = time.monotonic()
            with pytest.raises(OperationalError, match="database is locked"):
                scheduler.modify_job("digest", max_instances=2)
            blocked = time.monotonic() - started
        finally:
            app.close()
        assert blocked < 1.5, f"the loop was held {blocked:.1f} s"
        # Once the app has committed, the same write goes through.
        scheduler.modify_job("digest", max_instances=2)
        job = scheduler.get_job("digest")
        assert job is not None and job.max_instances == 2
    finally:
        scheduler.shutdown(wait=False)
