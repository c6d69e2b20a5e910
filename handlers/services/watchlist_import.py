"""`jingmin watchlist import FILE.csv [--photos DIR]`: load wanted persons, updating those
already known.

A row with a document number replaces the earlier row with the same number, so importing the
same file twice changes nothing. The 照片 column names files in the photos folder (several
separated by ";"); each is checked and kept without its metadata, like any photo. Every row
written gets a history entry, and the import as a whole an audit event.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import insert, update
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from bot.forms import FormEnv
from bot.media import MediaError, MediaStore
from bot.validators import Invalid
from bot.validators.documents import parse_wanted_number
from bot.validators.masking import mask_id_number
from handlers.services.csv_rows import ImportReport, read_rows
from handlers.services.personal import DOC_NO, NAME
from handlers.services.photos import keep_clean
from handlers.wanted.form import parse_birth_or_age, split_birth
from storage.models import AuditEvent, Visibility, WantedChange, WantedPerson, WantedStatus

ALIASES = {
    "name": ("姓名",),
    "doc_type": ("证件类型",),
    "doc_no": ("证件号码", "身份证号"),
    "birth_date": ("出生日期",),
    "age": ("年龄",),
    "sex": ("性别",),
    "aliases": ("别名", "绰号"),
    "height": ("身高",),
    "build": ("体型",),
    "accent": ("口音",),
    "marks": ("体貌特征", "特征"),
    "case": ("案由", "简要案情"),
    "issuing_unit": ("发布单位", "立案单位"),
    "reward": ("悬赏",),
    "contact": ("联系方式", "联系电话"),
    "photo": ("照片",),
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
#: Shown fields recorded in each row's history entry (values, the number masked).
_HISTORY_FIELDS = ("name", "doc_no_masked", "case_summary", "visibility", "photos")


class PhotoFolder:
    """The folder named by --photos: files in it only, each kept clean once."""

    def __init__(self, root: Path | None, store: MediaStore) -> None:
        self.root = root.resolve() if root else None
        self.store = store

    def keep(self, names: str) -> list[str]:
        kept = []
        for name in (n.strip() for n in names.replace("|", ";").split(";")):
            if not name:
                continue
            if self.root is None:
                raise ValueError("照片 column given but no --photos folder")
            path = (self.root / name).resolve()
            if not path.is_relative_to(self.root) or not path.is_file():
                raise ValueError(f"照片 {name!r} is not a file in {self.root}")
            try:
                kept.append(keep_clean(self.store, path.read_bytes()))
            except MediaError as exc:
                raise ValueError(f"照片 {name!r}: {exc}") from None
        return kept


def _birth(services: Services, row: dict[str, str]) -> tuple[date | None, str]:
    birth, age = row.get("birth_date", ""), row.get("age", "")
    if birth:
        try:
            return date.fromisoformat(birth), ""
        except ValueError:
            raise ValueError(f"出生日期 {birth!r} is not YYYY-MM-DD") from None
    if not age:
        return None, ""
    today = services.clock().astimezone(services.settings.zone).date()
    try:
        return split_birth(parse_birth_or_age(age, FormEnv({}, today, services.clock())))
    except Invalid:
        raise ValueError(f"年龄 {age!r} is not like 35 or 30-40") from None


def _row_to_values(
    services: Services, row: dict[str, str], photos: PhotoFolder, station_id: int | None
) -> dict[str, Any]:
    name = row.get("name", "")
    if not name or len(name) > 64:
        raise ValueError("姓名 is empty or longer than 64 characters")
    doc_no = row.get("doc_no", "")
    if doc_no:
        try:
            doc_no = parse_wanted_number(doc_no)
        except Invalid as exc:
            raise ValueError(f"证件号码 {mask_id_number(doc_no)}: {exc}") from None
    birth_date, age_range = _birth(services, row)
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
        "age_range": age_range,
        "sex": row.get("sex", "")[:2],
        "aliases": "、".join(
            a for a in row.get("aliases", "").replace("，", "、").split("、") if a
        )[:200],
        "height": row.get("height", "")[:20],
        "build": row.get("build", "")[:20],
        "accent": row.get("accent", "")[:40],
        "marks": row.get("marks", "")[:200],
        "case_summary": row.get("case", "")[:500],
        "issuing_unit": row.get("issuing_unit", "")[:200],
        "reward": row.get("reward", "")[:100],
        "contact": row.get("contact", "")[:100],
        "photos": json.dumps(photos.keep(row.get("photo", ""))),
        "station_id": station_id,
        "visibility": visibility,
        "status": WantedStatus.ACTIVE,
    }


async def import_watchlist(
    session: AsyncSession,
    services: Services,
    path: Path,
    on_progress: Callable[[int], None] = lambda _n: None,
    *,
    photos_dir: Path | None = None,
    station_id: int | None = None,
) -> ImportReport:
    """Read every row first (a bad row is reported, not fatal), then write in batches.
    `station_id`: the station whose officers rotate these cards (None: every station)."""
    report = ImportReport()
    photos = PhotoFolder(photos_dir, MediaStore(Path(services.settings.storage.media_dir)))
    fresh: dict[str, dict[str, Any]] = {}
    without_doc_no: list[dict[str, Any]] = []
    for line, row in read_rows(path, ALIASES, required=("name",)):
        on_progress(1)
        try:
            values = _row_to_values(services, row, photos, station_id)
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
        batch = updates[start : start + BATCH]
        await session.exec(update(WantedPerson), params=batch)
        await _history(session, services, [(v["id"], v) for v in batch])
    for start in range(0, len(inserts), BATCH):
        batch = inserts[start : start + BATCH]
        for values in batch:
            values.setdefault("created_at", services.clock())
        # In parameter order, so each history row names the person it was written for.
        added = insert(WantedPerson).returning(col(WantedPerson.id), sort_by_parameter_order=True)
        ids = [row[0] for row in (await session.exec(added, params=batch)).all()]
        await _history(session, services, list(zip(ids, batch, strict=True)))
    report.updated, report.added = len(updates), len(inserts)
    session.add(
        AuditEvent(
            at=services.clock(),
            action="wanted:import",
            subject_kind="wanted_person",
            detail=f"added {report.added}, updated {report.updated}, rejected {len(report.errors)}",
        )
    )
    await session.commit()
    return report


async def _history(
    session: AsyncSession, services: Services, rows: list[tuple[int, dict[str, Any]]]
) -> None:
    now = services.clock()
    await session.exec(
        insert(WantedChange),
        params=[
            {
                "wanted_id": wanted_id,
                "at": now,
                "person_id": None,
                "action": "imported",
                "detail": json.dumps(
                    {
                        k: ["", str(getattr(v.get(k), "value", v.get(k)) or "")]
                        for k in _HISTORY_FIELDS
                    },
                    ensure_ascii=False,
                ),
            }
            for wanted_id, v in rows
        ],
    )


async def _known_ids(session: AsyncSession) -> dict[str | None, int | None]:
    """Blind index of each stored document number -> row id (one index scan)."""
    rows = await session.exec(
        select(WantedPerson.doc_no_idx, WantedPerson.id).where(
            col(WantedPerson.doc_no_idx).is_not(None)
        )
    )
    return dict(rows.all())
