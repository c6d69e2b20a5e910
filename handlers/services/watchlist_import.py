"""`jingmin watchlist import FILE.csv`: load wanted persons, updating those already known.

A row with a document number replaces the earlier row with the same number, so importing the
same file twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy import insert, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from bot.validators.masking import mask_id_number
from handlers.services.csv_rows import ImportReport, read_rows
from handlers.services.personal import DOC_NO, NAME
from storage.models import Visibility, WantedPerson, WantedStatus

ALIASES = {
    "name": ("姓名",),
    "doc_type": ("证件类型",),
    "doc_no": ("证件号码", "身份证号"),
    "birth_date": ("出生日期",),
    "sex": ("性别",),
    "case": ("案由", "简要案情"),
    "issuing_unit": ("发布单位", "立案单位"),
    "visibility": ("可见范围", "公开"),
}
_VISIBILITY = {
    "": Visibility.INTERNAL,
    "internal": Visibility.INTERNAL,
    "内部": Visibility.INTERNAL,
    "public": Visibility.PUBLIC,
    "公开": Visibility.PUBLIC,
}
BATCH = 2000


def _row_to_values(services: Services, row: dict[str, str]) -> dict[str, object]:
    name = row.get("name", "")
    if not name or len(name) > 64:
        raise ValueError("姓名 is empty or longer than 64 characters")
    doc_no = row.get("doc_no", "").upper()
    birth = row.get("birth_date", "")
    try:
        birth_date = date.fromisoformat(birth) if birth else None
    except ValueError:
        raise ValueError(f"出生日期 {birth!r} is not YYYY-MM-DD") from None
    visibility = _VISIBILITY.get(row.get("visibility", "").lower())
    if visibility is None:
        raise ValueError("可见范围 must be 内部/internal or 公开/public")
    return {
        "name": name,
        "name_idx": services.blind_index(name, NAME),
        "doc_type": row.get("doc_type") or "居民身份证",
        "doc_no_enc": services.cipher.encrypt(doc_no, "wanted_person.doc_no") if doc_no else None,
        "doc_no_idx": services.blind_index(doc_no, DOC_NO) if doc_no else None,
        "doc_no_masked": mask_id_number(doc_no) if doc_no else "",
        "birth_date": birth_date,
        "sex": row.get("sex", "")[:2],
        "case_summary": row.get("case", "")[:500],
        "issuing_unit": row.get("issuing_unit", "")[:200],
        "visibility": visibility,
        "status": WantedStatus.ACTIVE,
    }


async def import_watchlist(
    session: AsyncSession,
    services: Services,
    path: Path,
    on_progress: Callable[[int], None] = lambda _n: None,
) -> ImportReport:
    """Read every row first (a bad row is reported, not fatal), then write in batches."""
    report = ImportReport()
    fresh: dict[str, dict[str, object]] = {}
    without_doc_no: list[dict[str, object]] = []
    for line, row in read_rows(path, ALIASES, required=("name",)):
        on_progress(1)
        try:
            values = _row_to_values(services, row)
        except ValueError as exc:
            report.errors.append((line, str(exc)))
            continue
        values["updated_at"] = services.clock()
        if values["doc_no_idx"]:
            fresh[str(values["doc_no_idx"])] = values  # a later row for the same number wins
        else:
            without_doc_no.append(values)
    known = await _known_ids(session)
    updates = [{"id": known[idx], **values} for idx, values in fresh.items() if idx in known]
    inserts = [values for idx, values in fresh.items() if idx not in known] + without_doc_no
    for start in range(0, len(updates), BATCH):
        await session.exec(update(WantedPerson), params=updates[start : start + BATCH])
    for start in range(0, len(inserts), BATCH):
        await session.exec(insert(WantedPerson), params=inserts[start : start + BATCH])
    await session.commit()
    report.updated, report.added = len(updates), len(inserts)
    return report


async def _known_ids(session: AsyncSession) -> dict[str | None, int | None]:
    """Blind index of each stored document number -> row id (one index scan)."""
    rows = await session.exec(
        select(WantedPerson.doc_no_idx, WantedPerson.id).where(
            col(WantedPerson.doc_no_idx).is_not(None)
        )
    )
    return dict(rows.all())
