"""Fixtures shared by the whole suite.

`db_url` runs each database-backed test on SQLite and, when JINGMIN_TEST_DATABASE_URL names
a PostgreSQL server, on PostgreSQL too (skipped with a reason otherwise).
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest
from aiohttp import web
from sqlalchemy.engine import make_url
from sqlmodel import SQLModel

from bot.app import SERVICES, create_app
from bot.assembly import build_dispatcher
from bot.config import Settings
from bot.context import Services
from bot.dispatch import Dispatcher
from knowledge.base import KnowledgeBase
from storage.crypto import BlindIndex, FieldCipher
from storage.db import create_all, make_engine, make_session_factory
from storage.migrate import stamp_head
from tests.support.chat import Chat
from tests.support.clock import FakeClock
from tests.support.databases import new_postgresql, new_sqlite, own_database
from tests.support.keys import INDEX_KEY, TEST_KEYS
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


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'test.db'}"
    return str(request.getfixturevalue("pg_url"))


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


#: PostgreSQL databases whose schema this run has created, with the statements that empty
#: them: DELETE per table and a restart of each sequence, in one round trip. TRUNCATE, which
#: gives every table new files, took six times as long on a slow disk, before every test.
_EMPTYING: dict[str, str] = {}


async def _empty_postgresql(url: str) -> None:
    dsn = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    conn = await asyncpg.connect(dsn)
    try:
        if url not in _EMPTYING:
            found = await conn.fetch(
                "SELECT sequencename FROM pg_sequences WHERE schemaname = 'public'"
            )
            tables = [f'DELETE FROM "{t.name}"' for t in reversed(SQLModel.metadata.sorted_tables)]
            sequences = [f'ALTER SEQUENCE "{row[0]}" RESTART' for row in found]
            _EMPTYING[url] = "; ".join(tables + sequences)
        await conn.execute(_EMPTYING[url])  # the simple protocol takes several statements
    finally:
        await conn.close()


async def reset_schema(url: str) -> None:
    """Empty every table. PostgreSQL keeps its schema between tests; SQLite is a new file."""
    engine = make_engine(Settings.model_validate({"database": {"url": url}}).database)
    try:
        if not url.startswith("postgresql"):
            await create_all(engine)
            return
        if url in _EMPTYING:
            try:
                await _empty_postgresql(url)
                return
            except asyncpg.PostgresError:  # a test replaced the schema (migrations): again
                del _EMPTYING[url]
        async with engine.begin() as conn:
            await conn.run_sync(SQLModel.metadata.create_all)
            await conn.run_sync(stamp_head)
        await _empty_postgresql(url)
    finally:
        await engine.dispose()


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
    await reset_schema(settings.database.url)
    engine = make_engine(settings.database)
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
def law_dispatcher(services: Services, kb: KnowledgeBase) -> Dispatcher:
    """The real dispatcher with the law knowledge base of tests/knowledge. `kb` is that
    folder's fixture: a module using this one imports it from tests.knowledge.conftest."""
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
async def app(settings: Settings, clock: FakeClock) -> web.Application:
    """The real application (no background delivery: tests run it by hand)."""
    await reset_schema(settings.database.url)
    return create_app(settings, clock=clock, run_background=False)


@pytest.fixture
async def app_seeded(app: web.Application) -> Seeded:
    return await seed_station(app[SERVICES], channel="web")
