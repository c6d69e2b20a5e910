"""Seal a person's identifying data for storage: encrypted, blind-indexed and masked."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.context import Services
from bot.validators.masking import mask_name, mask_phone, mask_stored_id_number
from storage.phone_index import PURPOSE, phone_index

#: Blind-index purposes. Registrations and the wanted list must use the same ones to match.
NAME = "name"
DOC_NO = "doc_no"
#: Guests' and tenants' phones (`storage.phone_index`: indexed as digits, without +86).
PHONE = PURPOSE
#: The tables whose phones officers search (`/查人 手机号`); a report keeps no phone index.
PHONE_INDEXED = frozenset({"guest_stay", "tenancy"})

_RECEIPT_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


@dataclass(frozen=True)
class PersonData:
    name: str
    doc_type: str
    doc_no: str
    sex: str = ""
    birth_date: date | None = None
    phone: str = ""


def seal(services: Services, person: PersonData, table: str) -> dict[str, Any]:
    """Column values for a `PersonalRecord`; `table` binds each token to where it is stored."""
    cipher, index = services.cipher, services.blind_index
    values: dict[str, Any] = {
        "name_enc": cipher.encrypt(person.name, f"{table}.name"),
        "name_idx": index(person.name, NAME),
        "name_masked": mask_name(person.name),
        "doc_type": person.doc_type,
        "doc_no_enc": cipher.encrypt(person.doc_no, f"{table}.doc_no"),
        "doc_no_idx": index(person.doc_no, DOC_NO),
        "doc_no_masked": mask_stored_id_number(person.doc_no),
        "sex": person.sex,
        "birth_date": person.birth_date,
        "phone_enc": cipher.encrypt_optional(person.phone, f"{table}.phone"),
        "phone_masked": mask_phone(person.phone) if person.phone else "",
    }
    if table in PHONE_INDEXED:
        values["phone_idx"] = phone_index(index, person.phone)
    return values


def unseal(services: Services, record: Any, table: str) -> PersonData:
    """Decrypt a record for an entitled officer; callers must write an audit event."""
    cipher = services.cipher
    return PersonData(
        name=cipher.decrypt(record.name_enc, f"{table}.name"),
        doc_type=record.doc_type,
        doc_no=cipher.decrypt(record.doc_no_enc, f"{table}.doc_no"),
        sex=record.sex,
        birth_date=record.birth_date,
        phone=cipher.decrypt(record.phone_enc, f"{table}.phone") if record.phone_enc else "",
    )


def receipt_number(prefix: str, local_now: datetime) -> str:
    """`G20261123-7K3F9Q`: a kind letter, the local date, and 6 random characters."""
    tail = "".join(secrets.choice(_RECEIPT_ALPHABET) for _ in range(6))
    return f"{prefix}{local_now:%Y%m%d}-{tail}"
