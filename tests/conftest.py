"""Fixtures shared by the whole suite.

`db_url` runs each database-backed test on SQLite and, when JINGMIN_TEST_DATABASE_URL names
a PostgreSQL server, on PostgreSQL too (skipped with a reason otherwise).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest
from aiohttp import web
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import SQLModel

from bot.app import SERVICES, create_app
from bot.assembly import build_dispatcher
from bot.config import DatabaseSettings, Settings
from bot.context import Services
from bot.dispatch import Dispatcher
from knowledge.base import KnowledgeBase
from storage.crypto import BlindIndex, FieldCipher
from storage.db import create_all, make_engine, make_session_factory, sqlite_path
from storage.migrate import stamp_head
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.databases import new_postgresql, new_sqlite, own_database
from tests.support.keys import INDEX_KEY, TEST_KEYS

# The law index's session fixtures, defined once here for every folder: a module that
# imported them defined its own copies, and each copy built the index again.
from tests.support.law_index import (  # noqa: F401
    index_path,
    kb,
    labour_index,
    laws_root,
    subset_dir,
)
from tests.support.seed import Seeded, seed_station

PG_URL = os.environ.get("JINGMIN_TEST_DATABASE_URL", "")
REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def pg_url() -> Iterator[str]:
    """A database of this test run's own on the PostgreSQL server, dropped afterwards, so
    that concurrent runs on one server never see each other's rows."""
    if not PG_URL:
        pytest.skip("PostgreSQL tests need JINGMIN_TEST_DATABASE_URL")
    with own_database(PG_URL, f"{make_url(PG_URL).database}_run{os.getpid()}") as url:
        yield url


#: This process's folder for the SQLite databases of its tests (see `db_url`).
_SQLITE_DIR: list[Path] = []


def _process_sqlite_file() -> Path:
    if not _SQLITE_DIR:
        _SQLITE_DIR.append(Path(tempfile.mkdtemp(prefix="jingmin-tests-")))
    return _SQLITE_DIR[0] / "test.db"


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """On SQLite, the same path for every test of this process, removed before each: so
    that one engine serves them all (`shared_engine`)."""
    if request.param == "sqlite":
        path = _process_sqlite_file()
        for leftover in (
            path,
            path.with_name(path.name + "-wal"),
            path.with_name(path.name + "-shm"),
        ):
            leftover.unlink(missing_ok=True)
        return f"sqlite+aiosqlite:///{path}"
    return str(request.getfixturevalue("pg_url"))


#: One engine per database settings in this process. SQLAlchemy caches compiled statements
#: per engine (its dialect is part of the key), so a new engine per test compiled every
#: statement a test ran anew: more than half the CPU of writing the seed's rows. Each test
#: ends with `dispose`, which closes the pool's connections and keeps the cache.
_ENGINES: dict[str, AsyncEngine] = {}


def shared_engine(settings: DatabaseSettings, user: str = "services") -> AsyncEngine:
    """`user`: the fixture it serves. A test with both `services` and `app` has two engines,
    as before: the app's handlers never wait for a connection the test's session holds."""
    key = f"{user}:{settings.model_dump_json()}"
    if key not in _ENGINES:
        _ENGINES[key] = make_engine(settings)
    return _ENGINES[key]


def make_settings(db_url: str, tmp_path: Path, **sections: dict[str, object]) -> Settings:
    base: dict[str, object] = {
        "database": {"url": db_url},
        "security": {"data_keys": TEST_KEYS, "current_key_id": "t1", "index_key": INDEX_KEY},
        "storage": {"media_dir": str(tmp_path / "media")},
        # Not the default var/law-index: after `make run` that holds the statute index, and
        # tests would answer "今天天气怎么样" from it instead of with the fallback.
        "law": {"index_dir": str(tmp_path / "law-index")},
        "rate_limit": {"per_user_per_minute": 600, "burst": 100},
    }
    for name, values in sections.items():
        base[name] = {**base.get(name, {}), **values}  # type: ignore[dict-item]
    return Settings.model_validate(base)


#: PostgreSQL databases whose schema this run has created.
_EMPTYING: set[str] = set()

#: Every table emptied, and each sequence a test moved set back to 1, in one round trip.
#: TRUNCATE, which gives every table new files, took six times as long on a slow disk, and
#: ALTER SEQUENCE ... RESTART of every sequence, a catalog change each, 22 ms of every test's
#: 28; `setval` of only the sequences that were read takes 2.
_EMPTY_ALL = "; ".join(
    [f'DELETE FROM "{table.name}"' for table in reversed(SQLModel.metadata.sorted_tables)]
    + [
        "SELECT setval(format('%I.%I', schemaname, sequencename)::regclass, 1, false)"
        " FROM pg_sequences WHERE schemaname = 'public' AND last_value IS NOT NULL"
    ]
)


async def _empty_postgresql(url: str, engine: AsyncEngine | None = None) -> None:
    """On a connection of its own, or on the first of the test's `engine`, which its pool
    then gives the test: a connection less to open and close."""
    if engine is not None:
        async with engine.connect() as conn:
            raw = await conn.get_raw_connection()
            # asyncpg's own `execute`: the simple protocol takes several statements.
            await raw.driver_connection.execute(_EMPTY_ALL)  # type: ignore[union-attr]
        _EMPTYING.add(url)
        return
    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    conn = await asyncpg.connect(dsn)
    try:
        await conn.execute(_EMPTY_ALL)
    finally:
        await conn.close()
    _EMPTYING.add(url)


#: This process's SQLite file with the whole schema and nothing else. A test's new database
#: is a copy of it: creating the schema took 0.14 s, before every test on SQLite.
_SQLITE_TEMPLATE: list[Path] = []


async def _sqlite_template() -> Path:
    if not _SQLITE_TEMPLATE:
        path = Path(tempfile.mkdtemp(prefix="jingmin-schema-")) / "schema.db"
        engine = make_engine(
            Settings.model_validate({"database": {"url": f"sqlite+aiosqlite:///{path}"}}).database
        )
        try:
            await create_all(engine)
        finally:
            await engine.dispose()  # the last connection's close checkpoints the WAL
        _SQLITE_TEMPLATE.append(path)
    return _SQLITE_TEMPLATE[0]


async def reset_schema(url: str, engine: AsyncEngine | None = None) -> None:
    """Empty every table. PostgreSQL keeps its schema between tests; SQLite is a new file.
    `engine`: the test's own, whose pool may lend the connection that empties them."""
    path = sqlite_path(url)
    if path is not None and not Path(path).exists():
        Path(path).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(await _sqlite_template(), path)
        return
    if url in _EMPTYING:
        try:
            await _empty_postgresql(url, engine)
            return
        except asyncpg.PostgresError:  # a test replaced the schema (migrations): again
            _EMPTYING.discard(url)
    own = make_engine(Settings.model_validate({"database": {"url": url}}).database)
    try:
        if not url.startswith("postgresql"):
            await create_all(own)
            return
        async with own.begin() as conn:
            await conn.run_sync(SQLModel.metadata.create_all)
            await conn.run_sync(stamp_head)
        await _empty_postgresql(url)
    finally:
        await own.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A new, empty database on either engine, for commands that need one (`db copy`)."""
    if request.param == "sqlite":
        yield new_sqlite(tmp_path, "copy.db")
        return
    with new_postgresql(request.getfixturevalue("pg_url")) as url:
        yield url


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def settings(db_url: str, tmp_path: Path) -> Settings:
    return make_settings(db_url, tmp_path)


@pytest.fixture
async def services(settings: Settings, clock: FakeClock) -> AsyncIterator[Services]:
    engine = shared_engine(settings.database)
    await reset_schema(settings.database.url, engine)
    cipher = FieldCipher.from_config(dict(settings.security.data_keys), "t1")
    index = BlindIndex.from_config(settings.security.index_key)
    yield Services(settings, make_session_factory(engine, cipher), cipher, index, clock)
    await engine.dispose()


@pytest.fixture
async def seeded(services: Services) -> Seeded:
    return await seed_station(services)


@pytest.fixture
def dispatcher(services: Services) -> Dispatcher:
    return build_dispatcher(services)


@pytest.fixture
def law_dispatcher(services: Services, kb: KnowledgeBase) -> Dispatcher:  # noqa: F811
    """The real dispatcher with the law knowledge base of tests/knowledge. `kb` is that
    subset's fixture (`tests.support.law_index`), built once per test process."""
    return build_dispatcher(services, kb)


@pytest.fixture
def owner_chat(dispatcher: Dispatcher, seeded: Seeded) -> Chat:
    return Chat(dispatcher, "owner")


@pytest.fixture
def landlord_chat(dispatcher: Dispatcher, seeded: Seeded) -> Chat:
    return Chat(dispatcher, "landlord")


@pytest.fixture
def officer_chat(dispatcher: Dispatcher, seeded: Seeded) -> Chat:
    return Chat(dispatcher, "officer")


@pytest.fixture
def resident_chat(dispatcher: Dispatcher, seeded: Seeded) -> Chat:
    return Chat(dispatcher, "resident-1")


@pytest.fixture
async def app(settings: Settings, clock: FakeClock) -> AsyncIterator[web.Application]:
    """The real application (no background delivery: tests run it by hand)."""
    await reset_schema(settings.database.url)
    engine = shared_engine(settings.database, "app")
    yield create_app(settings, clock=clock, run_background=False, engine=engine)
    # Also when the test never started the app: the next test's database is a new file, or
    # its connections belong to a new event loop.
    await engine.dispose()


@pytest.fixture
async def app_seeded(app: web.Application) -> Seeded:
    return await seed_station(app[SERVICES], channel="web")
