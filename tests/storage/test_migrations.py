"""The Alembic migrations build exactly the schema the models describe, on both engines."""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlmodel import SQLModel, select

from bot.cli.runtime import open_services
from bot.config import Settings
from bot.context import Services
from bot.validators.masking import mask_id_number
from handlers.services.person_search import Found, find_people
from handlers.services.personal import PHONE, PersonData, seal
from storage import migrate
from storage.crypto import BlindIndex
from storage.db import make_engine, make_session_factory
from storage.models import Person, Station, Tenancy, Tip, TipCategory, WantedPerson
from tests.conftest import make_settings
from tests.support.beat_data import guest_stay
from tests.support.clock import FakeClock
from tests.support.databases import migrated_to, new_sqlite
from tests.support.id_candidates import candidates
from tests.support.keys import INDEX_KEY, TEST_CIPHER
from tests.support.seed import GUEST_ID, WANTED_ID, seed_station


async def test_upgrade_head_matches_models(db_url: str) -> None:
    engine = make_engine(Settings.model_validate({"database": {"url": db_url}}).database)
    await migrated_to(engine, db_url)
    await asyncio.to_thread(migrate.upgrade, db_url)  # a second run is a no-op

    def diff(sync_conn):  # type: ignore[no-untyped-def]
        context = MigrationContext.configure(sync_conn, opts={"compare_type": True})
        return compare_metadata(context, SQLModel.metadata)

    async with engine.connect() as conn:
        differences = await conn.run_sync(diff)
    await engine.dispose()
    assert differences == []


def test_the_recorded_head_is_the_newest_script() -> None:
    # After adding a migration by hand: python -c "from storage.migrate import record_head;
    # record_head()" (`make migration` does it).
    assert migrate._recorded_head() == migrate._scripts_head() is not None


async def test_a_start_finds_the_schema_current_without_loading_alembic(db_url: str) -> None:
    """Alembic and its scripts were a tenth of `jingmin serve`'s start."""
    engine = make_engine(Settings.model_validate({"database": {"url": db_url}}).database)
    await migrated_to(engine, db_url)
    await engine.dispose()
    script = (
        "import asyncio, sys; import bot.cli.main; from storage import migrate; "
        f"print(asyncio.run(migrate.not_ready({db_url!r}))); print('alembic' in sys.modules)"
    )
    ran = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert ran.stdout.split() == ["None", "False"]


async def test_a_record_left_stale_neither_stops_a_start_nor_hides_a_script(
    db_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = make_engine(Settings.model_validate({"database": {"url": db_url}}).database)
    await migrated_to(engine, db_url)
    await engine.dispose()
    record = tmp_path / "head.json"
    monkeypatch.setattr(migrate, "HEAD_FILE", record)
    record.write_text(json.dumps({"head": "0123abcd", "scripts": migrate._scripts_digest()}))
    assert await migrate.not_ready(db_url) is None
    record.write_text(json.dumps({"head": "0123abcd", "scripts": "other scripts"}))
    assert migrate.head() == migrate._scripts_head()
    record.write_text("{")
    assert migrate.head() == migrate._scripts_head()


async def test_a_database_behind_is_told_to_upgrade(db_url: str) -> None:
    engine = make_engine(Settings.model_validate({"database": {"url": db_url}}).database)
    await migrated_to(engine, db_url, "b7c3e1f94d20")
    await engine.dispose()
    assert await migrate.not_ready(db_url) == (
        f"the database schema is at b7c3e1f94d20, this version needs {migrate.head()}: "
        "run `jingmin db upgrade` (or start the matching version of jingmin)"
    )


async def test_a_database_never_migrated_is_told_to_upgrade(tmp_path: Path) -> None:
    url = new_sqlite(tmp_path)
    engine = make_engine(Settings.model_validate({"database": {"url": url}}).database)
    async with engine.begin() as conn:  # a file, with a table of a station's own
        await conn.execute(text("CREATE TABLE notes (id INTEGER)"))
    await engine.dispose()
    assert await migrate.not_ready(url) == (
        "the database has no schema yet: run `jingmin db upgrade` first"
    )


async def test_long_button_values_under_unkeyed_tokens_are_dropped(db_url: str) -> None:
    """Tokens of long Telegram button values were the value's SHA-256, which confirms a guess
    of the value (a guest's name) to anyone holding the database; the upgrade deletes them.
    Their buttons then answer "expired", as after the 30-day purge."""
    engine = make_engine(Settings.model_validate({"database": {"url": db_url}}).database)
    await migrated_to(engine, db_url, "14ebc21a76c9")
    async with engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO telegram_callback (token, value, last_sent_at) "
                "VALUES ('hzj0n2KfkGSJQk8HW1Qq0M8m', 'sealed', CURRENT_TIMESTAMP)"
            )
        )
    await asyncio.to_thread(migrate.upgrade, db_url)
    async with engine.connect() as conn:
        left = (await conn.execute(text("SELECT count(*) FROM telegram_callback"))).scalar()
    await engine.dispose()
    assert left == 0


async def test_an_upgrade_that_fails_half_way_changes_nothing(db_url: str) -> None:
    """On SQLite each CREATE and ALTER had been committed by itself: an upgrade that failed
    in its third migration kept the first two and half of the third, and the next run
    stopped at "already exists". Now the whole upgrade is one transaction on both engines."""
    engine = make_engine(Settings.model_validate({"database": {"url": db_url}}).database)
    await migrated_to(engine, db_url, "0cd80318fdd6")
    async with engine.begin() as conn:  # in the way of a later migration's table
        await conn.execute(text("CREATE TABLE key_check (anything INTEGER)"))
    with pytest.raises(Exception, match="key_check"):
        await asyncio.to_thread(migrate.upgrade, db_url)

    def guest_columns(sync_conn):  # type: ignore[no-untyped-def]
        return {c["name"] for c in inspect(sync_conn).get_columns("guest_stay")}

    async with engine.connect() as conn:
        version = (await conn.execute(text("SELECT version_num FROM alembic_version"))).scalar()
        columns = await conn.run_sync(guest_columns)
    assert version == "0cd80318fdd6"
    assert "guardian_phone_enc" not in columns  # the migration after it did not stay either
    async with engine.begin() as conn:
        await conn.execute(text("DROP TABLE key_check"))
    await asyncio.to_thread(migrate.upgrade, db_url)
    async with engine.connect() as conn:
        columns = await conn.run_sync(guest_columns)
    await engine.dispose()
    assert "guardian_phone_enc" in columns


async def test_tips_made_before_the_wording_changed_call_their_tipster_juboren(
    db_url: str,
) -> None:
    """Tips were once given aliases like 线人-7F3K (informant), which the tipster reads when
    their reply is passed on and officers read on the tip; older tips kept showing it."""
    engine = make_engine(Settings.model_validate({"database": {"url": db_url}}).database)
    await migrated_to(engine, db_url, "54c9a884a3e0")
    sessions = make_session_factory(engine, TEST_CIPHER)
    async with sessions() as session:
        station = Station(name="测试派出所", code="t1")
        session.add(station)
        await session.flush()
        assert station.id is not None
        for n, alias in enumerate(("线人-7F3K", "举报人-Q2MX")):
            tip = Tip(
                alias=alias,
                code_idx=f"code-{n}",
                code_enc="x",
                category=TipCategory.OTHER,
                text_enc="x",
                station_id=station.id,
            )
            session.add(tip)
        await session.commit()
    await asyncio.to_thread(migrate.upgrade, db_url)
    async with engine.connect() as conn:
        aliases = (await conn.execute(text("SELECT alias FROM tip ORDER BY id"))).scalars().all()
    await engine.dispose()
    assert aliases == ["举报人-7F3K", "举报人-Q2MX"]


async def test_phones_registered_before_their_index_are_found_after_the_first_start(
    db_url: str, tmp_path: Path
) -> None:
    """Guests' phones had no blind index: the upgrade adds it empty (it has no keys), and the
    first start with the keys fills it from the sealed phones, so /查人 手机号 finds them."""
    settings = make_settings(db_url, tmp_path)
    engine = make_engine(settings.database)
    await migrated_to(engine, db_url)
    index = BlindIndex.from_config(INDEX_KEY)
    sessions = make_session_factory(engine, TEST_CIPHER)
    services = Services(settings, sessions, TEST_CIPHER, index, FakeClock())
    seeded = await seed_station(services)
    assert seeded.hotel.id is not None
    async with services.sessions() as session:
        session.add(guest_stay(services, seeded.hotel.id, services.clock(), phone="13812345678"))
        session.add(guest_stay(services, seeded.hotel.id, services.clock(), phone=""))
        await session.commit()
    # The database as the version before the index left it, then upgraded.
    await asyncio.to_thread(command.downgrade, migrate.alembic_config(db_url), "f7a3c1d9e2b4")
    await asyncio.to_thread(migrate.upgrade, db_url)
    async with engine.connect() as conn:
        stored = (await conn.execute(text("SELECT phone_idx FROM guest_stay ORDER BY id"))).all()
    assert [row[0] for row in stored] == [None, None]

    async def search() -> list[Found]:
        async with services.sessions() as session:
            return await find_people(
                session, services, by=PHONE, value="138 1234 5678", scope=None, now=services.clock()
            )

    assert await search() == []
    async with open_services(settings):  # what every `jingmin` command and `serve` do first
        pass
    [found] = await search()
    assert found.venue.id == seeded.hotel.id and found.record.phone_masked == "138****5678"
    async with engine.connect() as conn:
        stored = (await conn.execute(text("SELECT phone_idx FROM guest_stay ORDER BY id"))).all()
    await engine.dispose()
    assert stored[1][0] is None  # no phone, no index


async def test_tenants_registered_before_the_upgrade_have_no_guardian(
    db_url: str, tmp_path: Path
) -> None:
    """Tenancies kept no guardian: the columns added read as none (an adult's, as every
    tenancy of before reads), and the downgrade drops them again."""
    settings = make_settings(db_url, tmp_path)
    engine = make_engine(settings.database)
    await migrated_to(engine, db_url)
    services = Services(
        settings,
        make_session_factory(engine, TEST_CIPHER),
        TEST_CIPHER,
        BlindIndex.from_config(INDEX_KEY),
        FakeClock(),
    )
    seeded = await seed_station(services)
    assert seeded.rental.id is not None
    sealed = seal(services, PersonData("李四", "resident_id", GUEST_ID), "tenancy")
    async with services.sessions() as session:
        session.add(
            Tenancy(**sealed, receipt_no="T1", venue_id=seeded.rental.id, lease_start=date.today())
        )
        await session.commit()
    config = migrate.alembic_config(db_url)
    await asyncio.to_thread(command.downgrade, config, "f4b8d2e6a9c1")

    def tenancy_columns(sync_conn):  # type: ignore[no-untyped-def]
        return {c["name"] for c in inspect(sync_conn).get_columns("tenancy")}

    async with engine.connect() as conn:
        assert not {c for c in await conn.run_sync(tenancy_columns) if "guardian" in c}
    await asyncio.to_thread(migrate.upgrade, db_url)
    async with services.sessions() as session:
        tenancy = (await session.exec(select(Tenancy))).one()
    await engine.dispose()
    assert tenancy.name_masked == "李*" and tenancy.guardian_tenancy_id is None
    assert (tenancy.guardian_name_enc, tenancy.guardian_phone_enc) == (None, None)
    assert tenancy.guardian_phone_masked == tenancy.guardian_relation == ""


async def test_questions_asked_before_the_upgrade_have_no_photos(db_url: str) -> None:
    """Questions kept no photos before: the column added reads as none, so /答复 and 查询
    show them as they did."""
    engine = make_engine(Settings.model_validate({"database": {"url": db_url}}).database)
    await migrated_to(engine, db_url, "b3e9d2f4a7c1")
    sessions = make_session_factory(engine, TEST_CIPHER)
    async with sessions() as session:
        station = Station(name="测试派出所", code="t1")
        person = Person(display_name="张老板")
        session.add_all([station, person])
        await session.flush()
        assert station.id is not None and person.id is not None
        values = {"station": station.id, "person": person.id}
        await session.commit()
    async with engine.begin() as conn:  # the model has the column the database lacks yet
        await conn.execute(
            text(
                "INSERT INTO question (person_id, channel, chat_id, station_id, text_enc, "
                "asked_at, answer_enc) VALUES (:person, 'rest', 'owner', :station, 'x', "
                "CURRENT_TIMESTAMP, '')"
            ),
            values,
        )
    await asyncio.to_thread(migrate.upgrade, db_url)
    async with engine.connect() as conn:
        photos = (await conn.execute(text("SELECT photos FROM question"))).scalars().all()
    await engine.dispose()
    assert photos == ["[]"]


async def test_stored_id_masks_no_longer_give_the_number_away(db_url: str, tmp_path: Path) -> None:
    """Guests' rows kept 1101**********245X beside the plain birth date and sex: a reader of
    the database without the keys had 9 numbers to try. The upgrade keeps the tail only,
    without the keys, and lists show that."""
    settings = make_settings(db_url, tmp_path)
    engine = make_engine(settings.database)
    await migrated_to(engine, db_url)
    sessions = make_session_factory(engine, TEST_CIPHER)
    services = Services(
        settings, sessions, TEST_CIPHER, BlindIndex.from_config(INDEX_KEY), FakeClock()
    )
    seeded = await seed_station(services)
    assert seeded.hotel.id is not None
    async with services.sessions() as session:
        stay = guest_stay(services, seeded.hotel.id, services.clock())
        stay.birth_date, stay.sex = date(1992, 7, 1), "男"
        session.add(stay)
        await session.commit()
    # The row as the version before wrote it, then upgraded.
    await asyncio.to_thread(command.downgrade, migrate.alembic_config(db_url), "a8d3f5c2e914")
    async with engine.begin() as conn:
        await conn.execute(
            text("UPDATE guest_stay SET doc_no_masked = :old"), {"old": mask_id_number(GUEST_ID)}
        )
    read = "SELECT doc_no_masked, birth_date, sex FROM guest_stay"
    async with engine.connect() as conn:
        masked, birth, sex = (await conn.execute(text(read))).one()
    assert candidates(masked, _as_date(birth), sex) == 9
    await asyncio.to_thread(migrate.upgrade, db_url)
    async with engine.connect() as conn:
        masked, birth, sex = (await conn.execute(text(read))).one()
    await engine.dispose()
    assert masked == "**************245X"
    assert candidates(masked, _as_date(birth), sex) > 10_000


async def test_wanted_id_masks_no_longer_give_the_number_away(db_url: str, tmp_path: Path) -> None:
    """Wanted cards kept 3301**********5171 beside the plain birth date and sex, as guests'
    rows had: a reader of the database without the keys had about 9 numbers to try. The
    upgrade keeps the tail only, of other documents too, without the keys."""
    settings = make_settings(db_url, tmp_path)
    engine = make_engine(settings.database)
    await migrated_to(engine, db_url)
    sessions = make_session_factory(engine, TEST_CIPHER)
    services = Services(
        settings, sessions, TEST_CIPHER, BlindIndex.from_config(INDEX_KEY), FakeClock()
    )
    seeded = await seed_station(services)
    async with services.sessions() as session:
        session.add(WantedPerson(name="护照某", name_idx="p", doc_no_masked="H1*****78"))
        session.add(WantedPerson(name="无证某", name_idx="n"))
        await session.commit()
    await asyncio.to_thread(command.downgrade, migrate.alembic_config(db_url), "b7c3e1f94d20")
    async with engine.begin() as conn:  # the card as the version before wrote it
        await conn.execute(
            text("UPDATE wanted_person SET doc_no_masked = :old, sex = '男' WHERE id = :id"),
            {"old": mask_id_number(WANTED_ID), "id": seeded.wanted.id},
        )
    read = "SELECT doc_no_masked, birth_date, sex FROM wanted_person ORDER BY id"
    async with engine.connect() as conn:
        masked, birth, sex = (await conn.execute(text(read))).first()  # type: ignore[misc]
    assert candidates(masked, _as_date(birth), sex) == 9
    await asyncio.to_thread(migrate.upgrade, db_url)
    async with engine.connect() as conn:
        rows = (await conn.execute(text(read))).all()
    await engine.dispose()
    (masked, birth, sex), (passport, _, _), (none, _, _) = rows
    assert masked == "**************" + WANTED_ID[-4:]
    assert candidates(masked, _as_date(birth), sex) > 10_000
    assert (passport, none) == ("*******78", "")


def _as_date(value: date | str) -> date:
    # SQLite hands a raw SELECT's date back as text.
    return value if isinstance(value, date) else date.fromisoformat(value)
