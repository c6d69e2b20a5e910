"""What every `jingmin` process does at start, once it has the keys."""

from __future__ import annotations

import asyncio
from pathlib import Path

from sqlalchemy import text
from sqlmodel import select

from bot.cli.runtime import open_services
from storage import migrate
from storage.db import make_engine
from storage.models import WantedPerson
from storage.reseal import key_usage
from storage.wanted_sealing import DETAIL_COLUMN
from tests.conftest import make_settings
from tests.support.databases import migrated_to


async def test_names_the_upgrade_left_plain_are_sealed_at_the_next_start(
    db_url: str, tmp_path: Path
) -> None:
    """The migration that sealed wanted persons' names had no key; the first process that
    starts with the keys (the server, or any command) seals what it left, history too."""
    settings = make_settings(db_url, tmp_path)
    engine = make_engine(settings.database)
    await migrated_to(engine, db_url, "d41c7e2a9b10")
    async with engine.begin() as conn:
        await conn.execute(
            text(
                "INSERT INTO wanted_person (name, name_idx, doc_type, doc_no_masked, sex, "
                "case_summary, issuing_unit, aliases, age_range, height, build, accent, marks, "
                "reward, contact, photos, closed_note, visibility, status, created_at, "
                "updated_at) VALUES ('旧某某', 'x', '居民身份证', '', '', '盗窃案', '', '阿旧', "
                "'', '', '', '', '', '', '', '[]', '', 'internal', 'active', "
                "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
        await conn.execute(
            text(
                "INSERT INTO wanted_change (wanted_id, at, action, detail) VALUES "
                """(1, CURRENT_TIMESTAMP, 'created', '{"name": ["", "旧某某"]}')"""
            )
        )
    await asyncio.to_thread(migrate.upgrade, db_url)

    async with open_services(settings) as services, services.sessions() as session:
        wanted = (await session.exec(select(WantedPerson))).one()
        assert (wanted.name, wanted.aliases) == ("旧某某", "阿旧")
        usage = await key_usage(session, services.cipher)
    async with engine.connect() as conn:
        query = "SELECT name_enc, aliases_enc, detail FROM wanted_person, wanted_change"
        name, aliases, detail = (await conn.execute(text(query))).one()
    await engine.dispose()
    assert not any("旧" in stored for stored in (name, aliases, detail))
    assert services.cipher.decrypt(name, "wanted_person.name") == "旧某某"
    assert services.cipher.decrypt(aliases, "wanted_person.aliases") == "阿旧"
    assert "旧某某" in services.cipher.decrypt(detail, DETAIL_COLUMN)
    assert not usage.plaintext and not usage.unreadable
    assert usage.by_key["t1"]["wanted_person.name_enc"] == 1


async def test_a_command_reaches_people_on_the_channels_the_server_would(
    db_url: str, tmp_path: Path
) -> None:
    """A command run outside the server (`jingmin jobs run` releasing an alert) knew no
    channel, so every account of a person tied and the oldest won: an official account,
    which may send only within 48 hours of the person's last message, over WeCom."""
    aes_key = "a" * 43
    settings = make_settings(
        db_url,
        tmp_path,
        wechat_mp={
            "token": "tok123",
            "encoding_aes_key": aes_key,
            "app_id": "wx1",
            "app_secret": "s",
        },
        wecom={
            "corp_id": "ww1",
            "agent_id": 1000002,
            "secret": "s",
            "token": "tok123",
            "encoding_aes_key": aes_key,
        },
    )
    await asyncio.to_thread(migrate.upgrade, db_url)
    async with open_services(settings) as services:
        facts = services.channels
    assert sorted(facts) == ["web", "wechat_mp", "wecom"]
    assert facts["wecom"].reach < facts["web"].reach < facts["wechat_mp"].reach
