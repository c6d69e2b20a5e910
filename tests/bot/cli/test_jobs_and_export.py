"""`jingmin jobs list|run` and `jingmin broadcast export`, as station IT staff use them."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import xmlschema
from click.testing import CliRunner
from sqlmodel import select

from bot.cli.main import cli
from bot.cli.runtime import open_services
from bot.config import load_settings
from storage.db import create_all, make_engine
from storage.models import (
    Account,
    Beat,
    Broadcast,
    BroadcastStatus,
    Category,
    JobRun,
    OutboxMessage,
    Person,
    Role,
    Station,
)

SCHEMA = Path(__file__).parents[2] / "fixtures" / "CAP-v1.2.xsd"


@pytest.fixture
def config(tmp_path: Path) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(
        f'[database]\nurl = "sqlite+aiosqlite:///{tmp_path}/cli.db"\n'
        f'[security]\ndev_key_file = "{tmp_path}/keys.toml"\n'
        f'[storage]\nmedia_dir = "{tmp_path}/media"\n',
        encoding="utf-8",
    )
    settings = load_settings(path)

    async def prepare() -> None:
        engine = make_engine(settings.database)
        await create_all(engine)
        await engine.dispose()
        async with (
            open_services(settings, dev_keys=True) as services,  # as the demo does
            services.sessions() as session,
        ):
            station = Station(name="测试派出所", code="t1")
            session.add(station)
            await session.flush()
            now = datetime(2026, 11, 23, 2, 0, tzinfo=UTC)
            session.add(
                Broadcast(
                    station_id=station.id,  # type: ignore[arg-type]
                    title="注意防火",
                    body="请检查电气线路。",
                    category=Category.FIRE,
                    status=BroadcastStatus.DONE,
                    released_at=now,
                    created_at=now,
                    updated_at=now,
                )
            )
            await session.commit()

    asyncio.run(prepare())
    return path


def _run(config: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--config", str(config), *args])
    return result.exit_code, result.output


def test_jobs_list_and_run(config: Path) -> None:
    code, out = _run(config, "jobs", "list")
    assert code == 0, out
    assert "scheduler lease: free" in out
    # Not 「every 1 min」: it runs that often only to catch up after a late start.
    [daily] = [row for row in out.splitlines() if row.startswith("daily_alert")]
    assert "daily 07:00 (catch-up until 11:00)" in daily and "every" not in daily
    assert "broadcast_release" in out and "every 30 s" in out
    code, out = _run(config, "jobs", "run", "broadcast_release")
    assert code == 0 and "broadcast_release: 0 done" in out, out
    code, out = _run(config, "jobs", "list")
    assert "ok (0)" in out
    code, out = _run(config, "jobs", "run", "no_such_job")
    assert code != 0 and "no job 'no_such_job'" in out

    async def runs() -> list[JobRun]:
        async with open_services(load_settings(config)) as services, services.sessions() as s:
            return list((await s.exec(select(JobRun))).all())

    (run,) = asyncio.run(runs())
    assert run.name == "broadcast_release" and run.holder.startswith("cli:")


def test_jobs_run_sends_the_morning_digest_in_the_evening(config: Path) -> None:
    """Run by hand in the evening, officer_digest had said 「0 done」 and sent nothing: the
    scheduler's hours (until four hours after [digest] time) held for it too."""
    base = config.read_text(encoding="utf-8")
    # Five hours ago: past those hours (or, just after midnight, not yet come today); either
    # way the scheduled run sends nothing now.
    at = (datetime.now(ZoneInfo("Asia/Shanghai")) - timedelta(hours=5)).strftime("%H:%M")
    config.write_text(base + f'[digest]\ntime = "{at}"\n', encoding="utf-8")

    async def add_officer() -> None:
        async with open_services(load_settings(config)) as services, services.sessions() as s:
            station = (await s.exec(select(Station))).one()
            beat = Beat(station_id=station.id, name="城东警务区", code="east")  # type: ignore[arg-type]
            s.add(beat)
            await s.flush()
            officer = Person(role=Role.OFFICER, display_name="城东社区民警", beat_id=beat.id)
            s.add(officer)
            await s.flush()
            s.add(Account(channel="web", channel_user_id="officer", person_id=officer.id))  # type: ignore[arg-type]
            await s.commit()

    async def digests() -> list[OutboxMessage]:
        async with open_services(load_settings(config)) as services, services.sessions() as s:
            return list((await s.exec(select(OutboxMessage))).all())

    asyncio.run(add_officer())
    code, out = _run(config, "jobs", "run", "officer_digest")
    assert code == 0 and "officer_digest: 1 done" in out, out
    assert len(asyncio.run(digests())) == 1
    code, out = _run(config, "jobs", "run", "officer_digest")
    assert code == 0, out
    assert "0 done (every officer bound to a chat has had today's digest already)" in out

    config.write_text(base + "[digest]\nenabled = false\n", encoding="utf-8")
    code, out = _run(config, "jobs", "run", "officer_digest")
    assert code != 0 and "[digest] enabled = false" in out and "set it to true" in out


def test_broadcast_export(config: Path, tmp_path: Path) -> None:
    code, out = _run(config, "broadcast", "export", "1")
    assert code == 0, out
    xmlschema.validate(out.encode(), str(SCHEMA))
    assert "<msgType>Alert</msgType>" in out and "<scope>Restricted</scope>" in out
    target = tmp_path / "alert.xml"
    code, _ = _run(config, "broadcast", "export", "1", "-o", str(target))
    assert code == 0 and target.read_bytes().startswith(b"<?xml")
    code, out = _run(config, "broadcast", "export", "99")
    assert code != 0 and "no alert #99" in out


def test_jobs_list_says_today_for_a_run_of_today(
    config: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`jobs list` had shown 11-23 10:00 for a run of the day itself, as if it were
    another day; the station's clock decides which day is today."""
    clock = [datetime(2026, 11, 23, 2, 0, tzinfo=UTC)]
    monkeypatch.setattr("bot.app.utc_clock", lambda: clock[0])
    code, out = _run(config, "jobs", "run", "broadcast_release")
    assert code == 0, out
    [line] = [x for x in _run(config, "jobs", "list")[1].splitlines() if "broadcast_release" in x]
    assert line.endswith("今天 10:00 ok (0)"), line
    clock[0] += timedelta(days=1)  # the next day: 昨天, as short() says it
    [line] = [x for x in _run(config, "jobs", "list")[1].splitlines() if "broadcast_release" in x]
    assert line.endswith("昨天 10:00 ok (0)"), line
