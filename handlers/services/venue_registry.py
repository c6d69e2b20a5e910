"""Create and change venues and their contacts. Every change passes through `record`, the
one writer of `venue_history`, so an update never loses what was there before.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from bot.validators.masking import mask_phone
from storage.models import Venue, VenueContact, VenueHistory

#: Blind-index purpose of contact phones.
PHONE = "phone"
#: Venue fields an update may change.
EDITABLE = frozenset(
    {
        "kind",
        "name",
        "address",
        "beat_id",
        "latitude",
        "longitude",
        "plate",
        "contact_phone",
        "licence_no",
        "licence_valid_until",
        "notes",
    }
)
FIELD_LABELS = {
    "kind": "类型",
    "name": "名称",
    "address": "地址",
    "beat_id": "警务区",
    "latitude": "纬度",
    "longitude": "经度",
    "plate": "门牌",
    "contact_phone": "场所电话",
    "licence_no": "许可证号",
    "licence_valid_until": "许可证有效期",
    "notes": "备注",
}


@dataclass(frozen=True)
class Actor:
    """Who changed a venue: an officer in chat, or the CLI, an import, a job."""

    source: str
    person_id: int | None = None


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date | datetime):
        return value.isoformat()
    return value


def record(
    session: AsyncSession,
    venue_id: int,
    action: str,
    before: Mapping[str, Any],
    after: Mapping[str, Any],
    actor: Actor,
    now: datetime,
    contact_id: int | None = None,
) -> VenueHistory:
    """Append one history row. The only code that writes `venue_history`."""
    row = VenueHistory(
        venue_id=venue_id,
        at=now,
        action=action,
        contact_id=contact_id,
        actor_person_id=actor.person_id,
        source=actor.source[:100],
        before=json.dumps({k: _plain(v) for k, v in before.items()}, ensure_ascii=False),
        after=json.dumps({k: _plain(v) for k, v in after.items()}, ensure_ascii=False),
    )
    session.add(row)
    return row


async def create_venue(session: AsyncSession, venue: Venue, actor: Actor, now: datetime) -> Venue:
    session.add(venue)
    await session.flush()
    assert venue.id is not None
    snapshot = {name: getattr(venue, name) for name in sorted(EDITABLE)}
    record(session, venue.id, "create", {}, {k: v for k, v in snapshot.items() if v}, actor, now)
    return venue


async def update_venue(
    session: AsyncSession,
    venue: Venue,
    changes: Mapping[str, Any],
    actor: Actor,
    now: datetime,
) -> list[str]:
    """Apply `changes` and record what they replaced; returns the fields that changed."""
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    assert venue.id is not None
    before = {k: getattr(venue, k) for k, v in changes.items() if getattr(venue, k) != v}
    if not before:
        return []
    after = {k: changes[k] for k in before}
    for name, value in after.items():
        setattr(venue, name, value)
    session.add(venue)
    record(session, venue.id, "update", before, after, actor, now)
    await session.flush()
    return sorted(before)


def _sealed_phone(services: Services, phone: str) -> dict[str, Any]:
    if not phone:
        return {"phone_enc": None, "phone_idx": None, "phone_masked": ""}
    return {
        "phone_enc": services.cipher.encrypt(phone, "venue_contact.phone"),
        "phone_idx": services.blind_index(phone, PHONE),
        "phone_masked": mask_phone(phone),
    }


def _contact_facts(contact: VenueContact) -> dict[str, Any]:
    # The ciphertext keeps an old number recoverable; the index is derivable, so left out.
    return {
        "name": contact.name,
        "role": contact.role,
        "phone_enc": contact.phone_enc,
        "phone_masked": contact.phone_masked,
    }


async def add_contact(
    session: AsyncSession,
    services: Services,
    venue: Venue,
    *,
    name: str,
    phone: str = "",
    role: str = "联系人",
    actor: Actor,
    now: datetime,
) -> VenueContact:
    """Add a contact; `phone` must already be validated (`bot.validators.phone`)."""
    assert venue.id is not None
    contact = VenueContact(
        venue_id=venue.id, name=name, role=role, created_at=now, **_sealed_phone(services, phone)
    )
    session.add(contact)
    await session.flush()
    record(session, venue.id, "contact:add", {}, _contact_facts(contact), actor, now, contact.id)
    return contact


async def update_contact(
    session: AsyncSession,
    services: Services,
    contact: VenueContact,
    *,
    name: str | None = None,
    phone: str | None = None,
    role: str | None = None,
    actor: Actor,
    now: datetime,
) -> bool:
    old = _contact_facts(contact)
    if name is not None:
        contact.name = name
    if role is not None:
        contact.role = role
    if phone is not None and services.blind_index(phone, PHONE) != contact.phone_idx:
        for key, value in _sealed_phone(services, phone).items():
            setattr(contact, key, value)
    new = _contact_facts(contact)
    before = {k: v for k, v in old.items() if new[k] != v}
    if not before:
        return False
    session.add(contact)
    after = {k: new[k] for k in before}
    record(session, contact.venue_id, "contact:update", before, after, actor, now, contact.id)
    return True


async def remove_contact(
    session: AsyncSession, contact: VenueContact, actor: Actor, now: datetime
) -> None:
    """Contacts are kept, marked removed: look-ups skip them, history still names them."""
    contact.removed_at = now
    session.add(contact)
    facts = _contact_facts(contact)
    record(session, contact.venue_id, "contact:remove", facts, {}, actor, now, contact.id)


async def contacts_of(session: AsyncSession, venue_id: int) -> list[VenueContact]:
    rows = await session.exec(
        select(VenueContact)
        .where(VenueContact.venue_id == venue_id, col(VenueContact.removed_at).is_(None))
        .order_by(col(VenueContact.id))
    )
    return list(rows.all())


async def history_of(session: AsyncSession, venue_id: int, limit: int = 10) -> list[VenueHistory]:
    rows = await session.exec(
        select(VenueHistory)
        .where(VenueHistory.venue_id == venue_id)
        .order_by(col(VenueHistory.id).desc())
        .limit(limit)
    )
    return list(rows.all())
