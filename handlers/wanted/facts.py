"""What a card says about a wanted person, worked out from the stored row.

The stored document number is decrypted here, for the renderer; a public card masks it
again in the renderer itself, so no caller can put a full number on a public notice.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.context import Services
from bot.media import MediaStore
from bot.validators.dates import age_on
from handlers.services.numbers import wanted_number
from handlers.services.photos import load as load_photos
from handlers.wanted.card import CardFacts, CardStatus
from handlers.wanted.form import age_range_text, reward_text
from storage.models import Visibility, WantedPerson

DOC_CONTEXT = "wanted_person.doc_no"


def card_no(wanted: WantedPerson) -> str:
    """The short number printed on the card and typed after /通缉."""
    return wanted_number(wanted.id)


def age_text(wanted: WantedPerson, today: date) -> str:
    if wanted.birth_date is not None:
        born = wanted.birth_date
        return f"{age_on(born, today)}岁（{born.year}年生）"
    return age_range_text(wanted.age_range) if wanted.age_range else ""


def doc_number(services: Services, wanted: WantedPerson) -> str:
    if not wanted.doc_no_enc:
        return ""
    return services.cipher.decrypt(wanted.doc_no_enc, DOC_CONTEXT)


def _store(services: Services) -> MediaStore:
    # With the data key: an internal card's photos are sealed (`photo_sealing`).
    return MediaStore(Path(services.settings.storage.media_dir), cipher=services.cipher)


def _photo_hash(services: Services, wanted: WantedPerson) -> str:
    """The first photo's media-store hash, if the file is there."""
    hashes = load_photos(wanted.photos)
    return hashes[0] if hashes and _store(services).path(hashes[0]).exists() else ""


def portrait(services: Services, wanted: WantedPerson) -> bytes | None:
    """The first photo's bytes, or None (no photo, or not in this media store)."""
    found = _photo_hash(services, wanted)
    return _store(services).get(found) if found else None


def card_facts(services: Services, wanted: WantedPerson, *, with_photo: bool = True) -> CardFacts:
    """What the card shows. Without `with_photo` the photo is named by its hash only, enough
    to find a card drawn before without reading the file."""
    zone = services.settings.zone
    issued_on = wanted.created_at.astimezone(zone).date()
    photo_sha256 = _photo_hash(services, wanted)
    return CardFacts(
        card_no=card_no(wanted),
        name=wanted.name,
        aliases=tuple(a for a in wanted.aliases.split("、") if a),
        sex=wanted.sex,
        age=age_text(wanted, services.clock().astimezone(zone).date()),
        doc_no=doc_number(services, wanted),
        doc_type=wanted.doc_type,
        height=wanted.height,
        build=wanted.build,
        accent=wanted.accent,
        marks=wanted.marks,
        case=wanted.case_summary,
        issuing_unit=wanted.issuing_unit,
        reward=reward_text(wanted.reward),
        contact=wanted.contact,
        public=wanted.visibility is Visibility.PUBLIC,
        issued_on=issued_on,
        status=CardStatus(wanted.status.value),
        photo=_store(services).get(photo_sha256) if with_photo and photo_sha256 else None,
        photo_sha256=photo_sha256,
    )
