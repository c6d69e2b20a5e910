"""Export venues, edit the file, import it back with --update."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sqlmodel import select

from bot.context import Services
from handlers.services.risk.rating import rate_by_department
from handlers.services.venue_export import export_csv
from handlers.services.venue_import import import_venues
from handlers.services.venue_registry import Actor, add_contact
from storage.models import RiskColour, Venue, VenueContact
from tests.support.clock import FakeClock
from tests.support.seed import Seeded


async def test_export_masks_phones_and_reimports_unchanged(
    tmp_path: Path, services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    async with services.sessions() as session:
        rental = await session.get(Venue, seeded.rental.id)
        assert rental is not None and rental.id is not None
        facts = {"name": "张三", "phone": "13812345678", "role": "房东"}
        await add_contact(session, services, rental, **facts, actor=Actor("cli"), now=clock.now)
        await rate_by_department(session, rental.id, RiskColour.ORANGE, "上级通报", clock.now)
        await session.commit()
    async with services.sessions() as session:
        text, count = await export_csv(session)
    rows = list(csv.reader(io.StringIO(text)))
    assert count == 2 and rows[0][:3] == ["编号", "类型", "名称"]
    rental_row = dict(zip(rows[0], rows[2], strict=True))
    assert rental_row["门牌"] == "200001" and rental_row["联系人电话"] == "138****5678"
    assert rental_row["风险等级"] == "橙" and rental_row["上级评定"] == "橙"
    assert "13812345678" not in text

    rental_row["地址"] = "和平里5号（东门）"
    edited = tmp_path / "edited.csv"
    with edited.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(rows[0])
        writer.writerow(rows[1])
        writer.writerow(list(rental_row.values()))
    async with services.sessions() as session:
        report = await import_venues(session, services, edited, update=True)
    assert (report.added, report.updated, report.errors) == (0, 1, [])
    async with services.sessions() as session:
        contact = (await session.exec(select(VenueContact))).one()
        rental = await session.get(Venue, seeded.rental.id)
    assert rental is not None and rental.address == "和平里5号（东门）"
    phone = services.cipher.decrypt(contact.phone_enc or "", "venue_contact.phone")
    assert phone == "13812345678"  # the masked cell left the number alone
