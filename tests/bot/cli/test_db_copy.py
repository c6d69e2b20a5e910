"""`jingmin db copy` as IT staff moving a station to another database use it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlmodel import SQLModel

from tests.bot.cli.support import demo_config, run
from tests.support.databases import new_sqlite


def config_for(url: str, station: Path, tmp_path: Path) -> Path:
    """The station's config with [database] url changed, as the summary says to do."""
    text = station.read_text(encoding="utf-8")
    old = next(line for line in text.splitlines() if line.startswith("url = "))
    path = tmp_path / "moved.toml"
    path.write_text(text.replace(old, f'url = "{url}"'), encoding="utf-8")
    return path


def test_help_says_to_stop_the_server_first() -> None:
    code, out = run(Path("/dev/null"), "db", "copy", "--help")
    assert code == 0 and "Stop the server first" in out and "--to URL" in out


def test_the_station_moved_to_the_copy_lists_and_adds_as_before(
    tmp_path: Path, target: str
) -> None:
    station = demo_config(tmp_path)
    code, out = run(station, "db", "copy", "--to", target)
    assert code == 0, out
    assert f"copied {len(SQLModel.metadata.tables)} tables" in out
    assert "every table's row count matches the source" in out
    assert "[database] url" in out and "keys.toml" in out  # the demo's development keys

    moved = config_for(target, station, tmp_path)
    assert run(moved, "venue", "list") == run(station, "venue", "list")
    # A new venue gets the next id after the six copied ones.
    added = run(moved, "venue", "add", "--kind", "小商店", "--name", "新开超市", "--beat", "east")
    assert added == (0, "venue 7 added\n")


def test_refusals_are_one_line_and_leave_the_target_alone(tmp_path: Path) -> None:
    station = demo_config(tmp_path)
    copy = new_sqlite(tmp_path, "copy.db")
    assert run(station, "db", "copy", "--to", copy)[0] == 0
    moved = config_for(copy, station, tmp_path)
    listed = run(moved, "venue", "list")
    source = next(line for line in station.read_text().splitlines() if line.startswith("url"))
    for to, says in (
        (copy, "already holds data"),
        (source.split('"')[1], "the configured database itself"),
        ("postgres://jingmin@db/jingmin", "must start with postgresql+asyncpg://"),
    ):
        code, out = run(station, "db", "copy", "--to", to)
        assert code == 1 and says in out and out.startswith("Error: ")
        assert out.count("\n") == 1 and "Traceback" not in out
    assert run(moved, "venue", "list") == listed


def test_jobs_list_on_a_fresh_copy_says_no_job_store_yet(tmp_path: Path, target: str) -> None:
    # A station whose server ran: it left a scheduler lease, which `db copy` copies, but not
    # APScheduler's own table, which the server creates when it first leads.
    station = demo_config(tmp_path)
    source = next(line for line in station.read_text().splitlines() if line.startswith("url"))
    with sqlite3.connect(source.split('"')[1].removeprefix("sqlite+aiosqlite:///")) as conn:
        conn.execute(
            "INSERT INTO scheduler_lease (name, holder, expires_at, acquired_at) "
            "VALUES ('scheduler', 'old-host:1', '2026-11-23 02:00:00', '2026-11-23 01:00:00')"
        )
    assert run(station, "db", "copy", "--to", target)[0] == 0

    code, out = run(config_for(target, station, tmp_path), "jobs", "list")
    assert code == 0, out
    assert "scheduler lease: free" in out  # it expired long ago
    assert "job store: none yet" in out
    assert any(row.startswith("daily_alert") and "daily 07:00" in row for row in out.splitlines())
