"""After a rotation, `reseal` leaves no value that needs the old key, and the station works
with the old key removed: an officer still reads a hit, an owner finishes a form begun before."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from sqlalchemy import update
from sqlmodel import SQLModel, select

from bot.assembly import build_dispatcher
from bot.context import Services
from bot.keys import check_keys
from storage.crypto import FieldCipher, new_key
from storage.db import make_session_factory
from storage.models import GuestStay
from storage.reseal import ResealError, count_stale, key_usage, reseal, sealed_columns
from tests.handlers.reports.support import file_report
from tests.handlers.tips.support import submit_tip
from tests.support.chat import Chat
from tests.support.keys import TEST_KEYS
from tests.support.seed import GUEST_ID, WANTED_ID, WANTED_NAME, Seeded

OLD_TOKEN = re.compile(r"^t1:[A-Za-z0-9+/]+=*$")


async def _use_the_station(services: Services) -> Chat:
    """Registrations, a hit, a tip, a report, a question to the officer, the key check, and a
    form left half-done: what a station's database holds. Returns the owner's chat."""
    dispatcher = build_dispatcher(services)
    owner, landlord = Chat(dispatcher, "owner"), Chat(dispatcher, "landlord")
    resident = Chat(dispatcher, "resident-1")
    async with services.sessions() as session:
        await check_keys(session, services.cipher, services.blind_index)
    guest = ("登记", "欧阳明", "身份证", WANTED_ID, "13912345678", "808", "现在", "跳过", "确认")
    assert "登记成功" in await owner.say_all(*guest)
    tenant = ("登记", "李四", "身份证", GUEST_ID, "跳过", "跳过", "跳过", "2026-11-01", "跳过")
    assert "租客登记成功" in await landlord.say_all(*tenant, "确认")
    await submit_tip(resident, "小区地下室有人聚众赌博")
    await file_report(resident)
    assert "转给民警" in await owner.say("问民警 明天几点来检查？")
    await owner.say_all("登记", "王小明")  # left at the next question
    return owner


async def _old_tokens(services: Services) -> set[str]:
    """Every text column of every table that holds a value sealed with key t1."""
    found = set()
    async with services.sessions() as session:
        for table in SQLModel.metadata.sorted_tables:
            for column in table.columns:
                for value in (await session.exec(select(column))).all():
                    if isinstance(value, str) and OLD_TOKEN.match(value):
                        found.add(f"{table.name}.{column.name}")
    return found


def _rotated(services: Services, keys: dict[str, str], current: str) -> Services:
    cipher = FieldCipher.from_config(keys, current)
    engine = services.sessions.kw["bind"]
    return replace(services, sessions=make_session_factory(engine, cipher), cipher=cipher)


async def test_after_reseal_the_old_key_can_go(services: Services, seeded: Seeded) -> None:
    owner = await _use_the_station(services)
    sealed_with_t1 = await _old_tokens(services)
    # Every column the station sealed is one reseal knows: none would keep needing t1.
    assert sealed_with_t1 <= {c.name for c in sealed_columns()}
    assert {"guest_stay.doc_no_enc", "tip.text_enc", "form_state.data_enc"} <= sealed_with_t1
    assert "wanted_person.name_enc" in sealed_with_t1

    new = new_key()
    both = _rotated(services, {**TEST_KEYS, "t2": new}, "t2")
    async with both.sessions() as session:
        assert await count_stale(session, both.cipher) > 0
        done = await reseal(session, both.cipher, batch=3)  # several batches per table
        assert done["guest_stay.doc_no_enc"] == 1 and done["key_check.sealed"] == 1
        assert done["wanted_person.name_enc"] == 1
        assert await count_stale(session, both.cipher) == 0
        usage = await key_usage(session, both.cipher)
    assert usage.total("t1") == 0 and usage.total("t2") > 0 and not usage.unreadable
    assert await _old_tokens(both) == set()

    only_new = _rotated(both, {"t2": new}, "t2")
    async with only_new.sessions() as session:
        await check_keys(session, only_new.cipher, only_new.blind_index)  # no ConfigError
    dispatcher = build_dispatcher(only_new)
    officer = Chat(dispatcher, "officer")
    hit = await officer.say("/命中 1")
    assert WANTED_ID in hit and f"：{WANTED_NAME}，" in hit  # the wanted person's name too
    # The owner's form, begun under t1, goes on where it stopped.
    owner = Chat(dispatcher, owner.sender)
    assert "王小明" in await owner.say_all("身份证", GUEST_ID, "跳过", "808", "现在", "跳过")


async def test_a_value_no_configured_key_reads_stops_reseal_and_names_its_column(
    services: Services, seeded: Seeded
) -> None:
    await _use_the_station(services)
    async with services.sessions() as session:
        await session.exec(update(GuestStay).values(phone_enc="t0:AAAA"))
        await session.commit()
    both = _rotated(services, {**TEST_KEYS, "t2": new_key()}, "t2")
    async with both.sessions() as session:
        with pytest.raises(ResealError, match=r"guest_stay\.phone_enc .*'t0'"):
            await reseal(session, both.cipher)
        assert (await key_usage(session, both.cipher)).unreadable == {"guest_stay.phone_enc": 1}
