"""Checks for what users type into chat forms.

Every parser takes the user's raw text and returns a clean value, or raises `Invalid` with a
short Simplified-Chinese reason that the form engine shows before asking the same question again.
"""

from bot.validators.clock import parse_time
from bot.validators.dates import (
    check_date_range,
    parse_birth_date,
    parse_date,
    parse_datetime,
)
from bot.validators.documents import (
    DocumentType,
    document_type_menu,
    parse_document,
    parse_document_type,
)
from bot.validators.errors import Invalid
from bot.validators.idcard import (
    ResidentId,
    build_resident_id,
    id_check_digit,
    parse_resident_id,
)
from bot.validators.masking import mask_id_number, mask_name, mask_phone
from bot.validators.nationality import CHINA, Nationality, parse_nationality
from bot.validators.phone import parse_landline, parse_mobile, parse_phone
from bot.validators.rooms import parse_room
from bot.validators.sex import Sex, parse_sex
from bot.validators.text import parse_free_text, parse_person_name

__all__ = [
    "CHINA",
    "DocumentType",
    "Invalid",
    "Nationality",
    "ResidentId",
    "Sex",
    "build_resident_id",
    "check_date_range",
    "document_type_menu",
    "id_check_digit",
    "mask_id_number",
    "mask_name",
    "mask_phone",
    "parse_birth_date",
    "parse_date",
    "parse_datetime",
    "parse_document",
    "parse_document_type",
    "parse_free_text",
    "parse_landline",
    "parse_mobile",
    "parse_nationality",
    "parse_person_name",
    "parse_phone",
    "parse_resident_id",
    "parse_room",
    "parse_sex",
    "parse_time",
]
