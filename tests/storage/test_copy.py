"""`storage.copy`: a station moved to a new database reads, matches and grows as before."""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory
from sqlmodel import SQLModel, col, select

from bot.assembly import build_dispatcher
from bot.cli.runtime import open_services
from bot.config import Settings
from bot.context import Services
from handlers.services.demo import DEMO_WANTED_ID, DEMO_WANTED_NAME, seed_demo
from handlers.services.personal import unseal
from handlers.services.venue_fields import build_venue
from handlers.services.venue_registry import Actor, create_venue
from storage import migrate
from storage.copy import Advance, copy_database
from storage.copy_checks import CopyRefused
from storage.models import GuestStay, Lease, Venue, WatchHit
from storage.models.base import utcnow
from tests.conftest import make_settings, reset_schema
from tests.support.chat import Chat
from tests.support.databases import new_postgresql, new_sqlite
from tests.support.seed import GUEST_ID

GUEST = ("王小明", "身份证", GUEST_ID, "13812345678", "302", "现在", "明天")
WANTED = (DEMO_WANTED_NAME, "身份证", DEMO_WANTED_ID, "跳过", "303", "现在", "跳过")


async def register(services: Services, answers: tuple[str, ...]) -> str:
    """The demo hotel's owner registers a guest at 悦来旅馆, as on the web chat."""
    owner = Chat(build_dispatcher(services), "demo-hotel", channel="web")
    return await owner.say_all("登记", "1", *answers, "确认")


@pytest.fixture
async def station(tmp_path: Path) -> Settings:
    """An SQLite station at the latest schema: the demo seed and one registered guest."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'station.db'}"
    await reset_schema(url)
    settings = make_settings(url, tmp_path)
    async with open_services(settings) as services:
        async with services.sessions() as session:
            await seed_demo(session, services)
        assert "旅客登记成功" in await register(services, GUEST)
    return settings


async def venue_names(services: Services) -> list[str]:
    async with services.sessions() as session:
        return list((await session.exec(select(Venue.name).order_by(col(Venue.id)))).all())


async def test_the_copy_opens_with_the_same_keys_and_reads_as_the_station(
    station: Settings, target: str, tmp_path: Path
) -> None:
    async with open_services(station) as services:
        venues = await venue_names(services)
    copied = await copy_database(station.database.url, target, batch=2)  # several batches
    assert copied.counts["venue"] == 6 and copied.counts["guest_stay"] == 1

    # The normal way in: schema at the latest revision, key check passed with the same keys.
    async with open_services(make_settings(target, tmp_path)) as services:
        assert await venue_names(services) == venues
        async with services.sessions() as session:
            first = (await session.exec(select(GuestStay))).one()
        assert unseal(services, first, "guest_stay").name == "王小明"
        # A new venue gets the next id: the sequence was moved past the copied ones.
        async with services.sessions() as session:
            added = await build_venue(
                session, {"kind": "小商店", "name": "新开超市", "beat": "east"}
            )
            await create_venue(session, added, Actor("cli"), services.clock())
            await session.commit()
        assert added.id == len(venues) + 1
        # The owner's account came along, and the wanted list still matches (blind indexes).
        assert "旅客登记成功" in await register(services, WANTED)
        async with services.sessions() as session:
            hits = (await session.exec(select(WatchHit))).all()
    assert len(hits) == 1


async def rows_of(url: str, tmp_path: Path) -> dict[str, list[tuple[object, ...]]]:
    async with (
        open_services(make_settings(url, tmp_path)) as services,
        services.sessions() as session,
    ):
        conn = await session.connection()
        return {
            table.name: [tuple(r) for r in (await conn.execute(select(table))).all()]
            for table in SQLModel.metadata.sorted_tables
        }


async def test_a_database_holding_data_is_refused_and_left_as_it_was(
    station: Settings, target: str, tmp_path: Path
) -> None:
    await copy_database(station.database.url, target)
    before = await rows_of(target, tmp_path)
    # The station goes on (new invite codes), and the copy is made again over the first.
    async with open_services(station) as services, services.sessions() as session:
        await seed_demo(session, services)
    with pytest.raises(CopyRefused, match=r"already holds data .*new, empty database"):
        await copy_database(station.database.url, target)
    assert await rows_of(target, tmp_path) == before


async def test_an_older_database_holding_data_is_refused_before_it_is_migrated(
    station: Settings, tmp_path: Path
) -> None:
    old = new_sqlite(tmp_path, "old.db")
    first = ScriptDirectory.from_config(migrate.alembic_config(old)).get_base()
    assert isinstance(first, str)
    await asyncio.to_thread(migrate.upgrade, old, first)
    with sqlite3.connect(tmp_path / "old.db") as conn:
        conn.execute("INSERT INTO station (name, code) VALUES ('旧派出所', 'old')")
    with pytest.raises(CopyRefused, match="already holds data"):
        await copy_database(station.database.url, old)
    assert f"schema is at {first}," in (await migrate.not_ready(old) or "")


@pytest.mark.parametrize(
    ("to", "says"),
    [
        ("postgresql://jingmin@db.example/jingmin", "must start with postgresql+asyncpg://"),
        ("jingmin.db", "not a database URL"),
        ("sqlite+aiosqlite://", "in-memory SQLite database"),
        ("postgresql+asyncpg://postgres@127.0.0.1:1/jingmin", "cannot reach the database (--to)"),
        ("same", "the configured database itself"),
    ],
)
async def test_bad_targets_are_refused_in_one_line(station: Settings, to: str, says: str) -> None:
    source = station.database.url
    with pytest.raises(CopyRefused) as refused:
        await copy_database(source, source if to == "same" else to)
    assert says in str(refused.value) and "\n" not in str(refused.value)


async def test_a_source_behind_this_version_is_refused(tmp_path: Path) -> None:
    bare = new_sqlite(tmp_path, "bare.db")
    with pytest.raises(CopyRefused, match="run `jingmin db upgrade`"):
        await copy_database(bare, new_sqlite(tmp_path, "copy.db"))


async def test_a_running_server_is_refused_and_a_stopped_one_is_not(
    station: Settings, tmp_path: Path
) -> None:
    async with open_services(station) as services, services.sessions() as session:
        until = utcnow() + timedelta(seconds=30)
        session.add(Lease(name="scheduler", holder="host:4242:abc", expires_at=until))
        await session.commit()
    target = new_sqlite(tmp_path, "copy.db")
    with pytest.raises(CopyRefused, match=r"server is running .*host:4242:abc.*stop every"):
        await copy_database(station.database.url, target)
    assert not (tmp_path / "copy.db").exists()

    async with open_services(station) as services, services.sessions() as session:
        lease = await session.get(Lease, "scheduler")
        assert lease is not None
        lease.expires_at = utcnow()  # handed back by a clean shutdown
        await session.commit()
    assert (await copy_database(station.database.url, target)).counts["scheduler_lease"] == 1


async def test_rows_written_during_the_copy_are_caught_and_nothing_is_kept(
    station: Settings, target: str, tmp_path: Path
) -> None:
    written = []

    @contextmanager
    def a_server_writes_meanwhile(_total: int) -> Iterator[Advance]:
        def advance(_n: int) -> None:
            if written:
                return
            # After the first table, into one not copied yet: another process's job run.
            with sqlite3.connect(tmp_path / "station.db") as conn:
                conn.execute(
                    "INSERT INTO scheduler_job_run (name, holder, started_at, outcome, done, "
                    "error) VALUES ('retention_purge', 'x', '2026-11-23 01:00:00', 'ok', 0, '')"
                )
            written.append(True)

        yield advance

    with pytest.raises(CopyRefused, match="source changed during the copy"):
        await copy_database(station.database.url, target, progress=a_server_writes_meanwhile)
    # The target is as empty as before: the same copy, the server stopped, goes through.
    copied = await copy_database(station.database.url, target)
    assert copied.counts["scheduler_job_run"] > 0


@pytest.fixture
def postgresql(pg_url: str) -> Iterator[str]:
    with new_postgresql(pg_url) as url:
        yield url


async def test_a_postgresql_copy_copies_back_to_sqlite_row_for_row(
    station: Settings, postgresql: str, tmp_path: Path
) -> None:
    await copy_database(station.database.url, postgresql)
    back = new_sqlite(tmp_path, "back.db")
    copied = await copy_database(postgresql, back)
    assert copied.counts["guest_stay"] == 1
    # As stored, to the byte: times, flags, sealed tokens and blind indexes alike (by
    # column name: the migrations put added columns last, the models where they belong).
    with sqlite3.connect(tmp_path / "station.db") as a, sqlite3.connect(tmp_path / "back.db") as b:
        for table in SQLModel.metadata.sorted_tables:
            names = ", ".join(f'"{c.name}"' for c in table.columns)
            query = f'SELECT {names} FROM "{table.name}" ORDER BY 1'
            assert a.execute(query).fetchall() == b.execute(query).fetchall(), table.name
