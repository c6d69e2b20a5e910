"""A wanted person's name and aliases, and the history that names them, are sealed at rest:
a copy of the database does not say who the police are looking for."""

from __future__ import annotations

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from bot.context import Services
from storage.models import WantedPerson
from storage.reseal import key_usage, reseal
from storage.wanted_sealing import seal_plaintext
from tests.support.plans import select_plans
from tests.support.seed import WANTED_NAME, Seeded


async def _stored(services: Services) -> tuple[str, str]:
    async with services.sessions() as session:
        query = text("SELECT name_enc, aliases_enc FROM wanted_person")
        name, aliases = (await session.exec(query)).one()  # type: ignore[call-overload]
    return name, aliases


async def test_the_stored_row_names_nobody_and_the_code_reads_the_name(
    services: Services, seeded: Seeded
) -> None:
    name, aliases = await _stored(services)
    assert WANTED_NAME not in name and name.startswith("t1:") and aliases == ""
    assert services.cipher.decrypt(name, "wanted_person.name") == WANTED_NAME

    async with services.sessions() as session:
        wanted = (await session.exec(select(WantedPerson))).one()
        assert wanted.name == WANTED_NAME
        wanted.aliases = "阿甲、小甲"
        session.add(wanted)
        await session.commit()
        # The object the session wrote still reads plain.
        assert (wanted.name, wanted.aliases) == (WANTED_NAME, "阿甲、小甲")
    name_after, aliases = await _stored(services)
    assert name_after == name  # only what changed is sealed again
    assert "阿甲" not in aliases and aliases.startswith("t1:")
    async with services.sessions() as session:
        again = (await session.exec(select(WantedPerson))).one()
    assert (again.name, again.aliases) == (WANTED_NAME, "阿甲、小甲")


async def test_reseal_seals_a_name_the_upgrade_left_plain(
    services: Services, seeded: Seeded
) -> None:
    async with services.sessions() as session:
        left = text("UPDATE wanted_person SET name_enc = :plain")
        await session.exec(left, params={"plain": f":plain:{WANTED_NAME}"})  # type: ignore[call-overload]
        await session.commit()
        assert (await key_usage(session, services.cipher)).plaintext == {
            "wanted_person.name_enc": 1
        }
        done = await reseal(session, services.cipher)
        usage = await key_usage(session, services.cipher)
    assert done == {"wanted_person.name_enc": 1}
    assert not usage.plaintext and usage.by_key["t1"]["wanted_person.name_enc"] == 1
    name, _aliases = await _stored(services)
    assert services.cipher.decrypt(name, "wanted_person.name") == WANTED_NAME


async def test_a_partial_refresh_leaves_the_name_read(services: Services, seeded: Seeded) -> None:
    """Refreshing other columns had decrypted the plain name again (CryptoError)."""
    async with services.sessions() as session:
        wanted = (await session.exec(select(WantedPerson))).one()
        await session.refresh(wanted, ["status"])
        assert wanted.name == WANTED_NAME


async def test_a_failed_insert_leaves_the_name_plain(services: Services, seeded: Seeded) -> None:
    """A flush that failed had left the token in the object: added again, the token would
    have been sealed as the name, and officers would read it on cards."""
    async with services.sessions() as session:
        taken = (await session.exec(select(WantedPerson))).one().id
    async with services.sessions() as session:
        again = WantedPerson(id=taken, name="丙某某", name_idx="x")  # the id is taken
        session.add(again)
        with pytest.raises(IntegrityError):
            await session.flush()
        await session.rollback()
    assert again.name == "丙某某"


async def test_a_start_with_everything_sealed_reads_no_table_whole(
    services: Services, seeded: Seeded
) -> None:
    """Every process start looks for names left plain: that look had read the wanted list
    and its history whole, each time, growing with them. Its statements now read only
    indexes that hold nothing once everything is sealed."""
    async with services.sessions() as session:

        async def run() -> None:
            assert await seal_plaintext(session, services.cipher) == 0

        plans = await select_plans(session, run)
    assert len(plans) == 2
    people, history = plans
    assert "ix_wanted_person_plain" in people, people
    assert "ix_wanted_change_legacy" in history, history


async def test_a_name_left_plain_after_the_first_start_is_sealed_at_the_next(
    services: Services, seeded: Seeded
) -> None:
    """Nothing records that all was sealed: a database upgraded later (a backup from before
    sealing, restored) is sealed at its next start all the same."""
    async with services.sessions() as session:
        assert await seal_plaintext(session, services.cipher) == 0
        left = text("UPDATE wanted_person SET name_enc = :plain, aliases_enc = :aliases")
        params = {"plain": f":plain:{WANTED_NAME}", "aliases": ":plain:阿甲"}
        await session.exec(left, params=params)  # type: ignore[call-overload]
        old = "INSERT INTO wanted_change (wanted_id, at, action, detail) VALUES (:id, :at, 'x', :d)"
        wanted_id = (await session.exec(select(WantedPerson.id))).one()
        changed = {"id": wanted_id, "at": services.clock(), "d": '{"name": ["甲", "乙"]}'}
        await session.exec(text(old), params=changed)  # type: ignore[call-overload]
        await session.commit()
        assert await seal_plaintext(session, services.cipher) == 2
        assert not (await key_usage(session, services.cipher)).plaintext
        detail = (await session.exec(text("SELECT detail FROM wanted_change"))).one()[0]  # type: ignore[call-overload]
    name, aliases = await _stored(services)
    assert services.cipher.decrypt(name, "wanted_person.name") == WANTED_NAME
    assert services.cipher.decrypt(aliases, "wanted_person.aliases") == "阿甲"
    assert services.cipher.decrypt(detail, "wanted_change.detail") == '{"name": ["甲", "乙"]}'
