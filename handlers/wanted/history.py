"""Every change to a wanted person, kept as history and written to the audit log.

History keeps what the card showed before and after (the document number masked), so a
station can answer "who changed this notice, and from what". That names the person, so
each row's detail is sealed at rest, as the person's name is.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from storage.crypto import FieldCipher
from storage.models import AuditEvent, WantedChange, WantedPerson
from storage.sealed import cipher_of, unseal
from storage.wanted_sealing import DETAIL_COLUMN

#: Fields compared for history, as `WantedPerson` attributes, with the names officers read
#: in /通缉 记录; the document number is compared through its masked form.
TRACKED = {
    "name": "姓名",
    "aliases": "别名",
    "sex": "性别",
    "birth_date": "出生日期",
    "age_range": "年龄",
    "doc_type": "证件类型",
    "doc_no_masked": "证件号码",
    "height": "身高",
    "build": "体型",
    "accent": "口音",
    "marks": "体貌特征",
    "case_summary": "案由",
    "issuing_unit": "发布单位",
    "reward": "悬赏",
    "contact": "联系方式",
    "photos": "照片",
    "visibility": "可见范围",
    "station_id": "所属派出所",
    "status": "状态",
    "closed_note": "结案说明",
}


def snapshot(wanted: WantedPerson) -> dict[str, str]:
    return {name: _shown(getattr(wanted, name)) for name in TRACKED}


def shown(values: Mapping[str, Any]) -> dict[str, str]:
    """The tracked fields among `values` (attribute name -> stored value), as history shows
    them: for a change written without loading the person (the CSV import)."""
    return {name: _shown(value) for name, value in values.items() if name in TRACKED}


def difference(before: Mapping[str, str], after: Mapping[str, str]) -> dict[str, list[str]]:
    """{field: [old, new]} for each shown field of `after` that differs from `before`."""
    return {k: [before.get(k, ""), v] for k, v in after.items() if before.get(k, "") != v}


def sealed_detail(cipher: FieldCipher, changed: dict[str, list[str]]) -> str:
    return cipher.encrypt(json.dumps(changed, ensure_ascii=False)[:4000], DETAIL_COLUMN)


def changed_fields(session: AsyncSession, change: WantedChange) -> dict[str, list[str]]:
    """{field: [old, new]} of a history row (rows from before sealing read as they are)."""
    found: dict[str, list[str]] = json.loads(unseal(session, change.detail, DETAIL_COLUMN))
    return found


def _shown(value: Any) -> str:
    if value is None:
        return ""
    return str(getattr(value, "value", value))


def record_change(
    session: AsyncSession,
    wanted: WantedPerson,
    *,
    action: str,
    before: dict[str, str],
    person_id: int | None,
    account_id: int | None,
    now: datetime,
) -> dict[str, list[str]]:
    """Add a history row (and an audit event) for what differs from `before`."""
    assert wanted.id is not None
    changed = difference(before, snapshot(wanted))
    session.add(
        WantedChange(
            wanted_id=wanted.id,
            at=now,
            person_id=person_id,
            action=action,
            detail=sealed_detail(cipher_of(session), changed),
        )
    )
    session.add(
        AuditEvent(
            at=now,
            account_id=account_id,
            person_id=person_id,
            action=f"wanted:{action}",
            subject_kind="wanted_person",
            subject_id=str(wanted.id),
            detail=",".join(changed)[:300],
        )
    )
    return changed


async def changes_of(session: AsyncSession, wanted_id: int) -> list[WantedChange]:
    rows = await session.exec(
        select(WantedChange)
        .where(WantedChange.wanted_id == wanted_id)
        .order_by(col(WantedChange.id))
    )
    return list(rows.all())
