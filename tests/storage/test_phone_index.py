"""Guests' and tenants' phones are indexed as their digits, and the rows written before the
index get theirs at a start with the keys."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

from bot.context import Services
from storage.crypto import FieldCipher, new_key
from storage.phone_index import index_phones, normalise_phone, phone_index
from tests.support.beat_data import guest_stay
from tests.support.plans import select_plans
from tests.support.seed import Seeded


@pytest.mark.parametrize(
    ("typed", "indexed"),
    [
        ("13812345678", "13812345678"),
        ("138 1234 5678", "13812345678"),
        ("138-1234-5678", "13812345678"),
        ("＋86 138 1234 5678", "13812345678"),
        ("+8613812345678", "13812345678"),
        ("8613812345678", "13812345678"),
        ("0086 138 1234 5678", "13812345678"),
        ("+86 371 6512 3456", "037165123456"),
        ("+86 10 1234 5678", "01012345678"),
        ("0371-65123456", "037165123456"),
        ("+447700900123", "447700900123"),
        ("0044 7700 900123", "447700900123"),
        ("+852 9123 4567", "85291234567"),
    ],
)
def test_a_phone_is_indexed_as_its_digits_without_the_mainland_country_code(
    typed: str, indexed: str
) -> None:
    assert normalise_phone(typed) == indexed


async def _phone_indexes(services: Services) -> list[str | None]:
    async with services.sessions() as session:
        rows = await session.exec(text("SELECT phone_idx FROM guest_stay ORDER BY id"))  # type: ignore[call-overload]
        return [row[0] for row in rows.all()]


async def test_rows_without_the_index_get_it_and_a_phone_no_key_reads_is_passed_over(
    services: Services, seeded: Seeded, caplog: pytest.LogCaptureFixture
) -> None:
    assert seeded.hotel.id is not None
    now = services.clock()
    async with services.sessions() as session:
        for phone in ("13812345678", "13900001111", "", "13700002222"):
            session.add(guest_stay(services, seeded.hotel.id, now, phone=phone))
        await session.commit()
        # As the upgrade leaves them; the last one sealed with a key since removed.
        await session.exec(text("UPDATE guest_stay SET phone_idx = NULL"))  # type: ignore[call-overload]
        gone = FieldCipher.from_config({"old": new_key()}, "old")
        lost = {"token": gone.encrypt("13700002222", "guest_stay.phone")}
        await session.exec(
            text("UPDATE guest_stay SET phone_enc = :token WHERE id = 4"),  # type: ignore[call-overload]
            params=lost,
        )
        await session.commit()
        with caplog.at_level(logging.WARNING):
            # A batch of one: the unreadable row must not be read again and again.
            assert await index_phones(session, services.cipher, services.blind_index, 1) == 2
        assert "1 phones in guest_stay cannot be read" in caplog.text
        assert "13700002222" not in caplog.text
        assert await index_phones(session, services.cipher, services.blind_index) == 0
    index = services.blind_index
    assert await _phone_indexes(services) == [
        phone_index(index, "13812345678"),
        phone_index(index, "13900001111"),
        None,
        None,
    ]


async def test_a_start_with_every_phone_indexed_reads_no_table_whole(
    services: Services, seeded: Seeded
) -> None:
    """Every start looks for phones left unindexed: through partial indexes that hold only
    those rows, so that the look costs nothing once they are filled, however many guests."""
    async with services.sessions() as session:

        async def run() -> None:
            assert await index_phones(session, services.cipher, services.blind_index) == 0

        plans = await select_plans(session, run)
    assert len(plans) == 2
    guests, tenants = plans
    assert "ix_guest_stay_phone_unindexed" in guests, guests
    assert "ix_tenancy_phone_unindexed" in tenants, tenants
