"""Identity document types and the number format each one uses.

Formats, as the issuing authorities publish them:
- 港澳居民来往内地通行证 (回乡证): H (Hong Kong) or M (Macao) and an 8-digit lifelong number;
  cards issued before 2013 print two more digits, the renewal count (11 characters in all).
- 台湾居民来往大陆通行证 (台胞证): an 8-digit lifelong number since 2008; older booklets
  add a 2-digit issue count and sometimes an issuing-office letter in brackets, "12345678 01(B)".
- 外国人永久居留身份证: 3 letters (nationality) and 12 digits before December 2023; since then
  18 characters, "9" and 16 digits and a MOD 11-2 check character like a citizen number.
- 港澳台居民居住证: a citizen-style number with address code 810000, 820000 or 830000.
"""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum

from bot.validators.errors import Invalid
from bot.validators.idcard import LENGTH, OLD_15, id_check_digit, parse_resident_id
from bot.validators.normalize import fold, squeeze
from bot.validators.numerals import spoken_digits


class DocumentType(StrEnum):
    """Stored by its English value; shown by its Chinese `label`."""

    RESIDENT_ID = "resident_id"
    PASSPORT = "passport"
    HK_MACAO_PERMIT = "hk_macao_permit"
    TAIWAN_PERMIT = "taiwan_permit"
    FOREIGNER_PERMANENT_ID = "foreigner_permanent_id"
    RESIDENCE_PERMIT = "residence_permit"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS: dict[DocumentType, str] = {
    DocumentType.RESIDENT_ID: "居民身份证",
    DocumentType.PASSPORT: "护照",
    DocumentType.HK_MACAO_PERMIT: "港澳居民来往内地通行证",
    DocumentType.TAIWAN_PERMIT: "台湾居民来往大陆通行证",
    DocumentType.FOREIGNER_PERMANENT_ID: "外国人永久居留身份证",
    DocumentType.RESIDENCE_PERMIT: "港澳台居民居住证",
    DocumentType.OTHER: "其他",
}

#: The order of the numbered menu that `parse_document_type` understands.
DOCUMENT_TYPES: tuple[DocumentType, ...] = tuple(DocumentType)

# "港澳通行证" is deliberately absent: it usually means the permit mainlanders use to go to
# Hong Kong, which is not an identity document for registration.
_NAMES: dict[str, DocumentType] = {
    **{label: kind for kind, label in _LABELS.items()},
    **{kind.value.upper(): kind for kind in DocumentType},
    **dict.fromkeys(("身份证", "二代身份证", "二代证", "ID", "IDCARD"), DocumentType.RESIDENT_ID),
    # The electronic card (国家网络身份认证 App's 网证) stands for the resident ID card: the
    # form still asks its 18-digit number.
    **dict.fromkeys(
        ("电子身份证", "电子证", "网证", "网络身份证", "居民身份网证", "电子身份证件", "CTID"),
        DocumentType.RESIDENT_ID,
    ),
    # So does the temporary card issued while one is replaced (居民身份证法 第十二条).
    **dict.fromkeys(("临时身份证", "临时居民身份证"), DocumentType.RESIDENT_ID),
    # A child's number is read off the household register (户口簿): it is their resident
    # ID number, asked next.
    **dict.fromkeys(("户口本", "户口簿", "户口本上的", "户口簿上的"), DocumentType.RESIDENT_ID),
    **dict.fromkeys(("PASSPORT", "护照本"), DocumentType.PASSPORT),
    **dict.fromkeys(("回乡证", "港澳居民通行证", "港澳回乡证"), DocumentType.HK_MACAO_PERMIT),
    **dict.fromkeys(("台胞证", "台湾通行证", "台湾居民通行证"), DocumentType.TAIWAN_PERMIT),
    **dict.fromkeys(
        ("永居证", "绿卡", "中国绿卡", "外国人永久居留证", "永久居留证", "永久居留身份证"),
        DocumentType.FOREIGNER_PERMANENT_ID,
    ),
    **dict.fromkeys(
        ("居住证", "港澳居住证", "台湾居住证", "港澳居民居住证", "台湾居民居住证"),
        DocumentType.RESIDENCE_PERMIT,
    ),
    "其它": DocumentType.OTHER,
}

_PASSPORT = re.compile(r"[A-Z0-9]{5,17}")
_HK_MACAO = re.compile(r"[HM]\d{8}(?:\d{2})?")
_TAIWAN = re.compile(r"\d{8}(?:\d{2}(?:\([A-Z0-9]\))?)?")
_FOREIGNER_OLD = re.compile(r"[A-Z]{3}\d{12}")
_FOREIGNER_NEW = re.compile(r"9\d{16}[\dX]")
_OTHER = re.compile(r"[A-Z0-9()\-]{2,30}")

EMPTY = "没有收到证件号码，请输入证件上的号码"
PASSPORT = "护照号码应为5–17位字母和数字，请按护照上的号码填写"
HK_MACAO = "回乡证号码是H或M加8位数字（旧证为10位数字），例如 H12345678，请核对"
TAIWAN = "台胞证号码是8位数字（旧证为10位，可带括号），例如 12345678，请核对"
FOREIGNER = "永居证号码是以9开头的18位号码（旧证为3个字母加12位数字），请核对"
FOREIGNER_CHECK = "永居证号码校验位不正确，请核对后重新输入"
NOT_A_PERMIT = (
    "港澳台居民居住证号码以810000、820000或830000开头，请核对；居民身份证请选“居民身份证”"
)
IS_A_PERMIT = "这是港澳台居民居住证号码，请把证件类型选为“港澳台居民居住证”"
OTHER = "证件号码只能包含字母、数字、括号和“-”（2–30位），请按证件上的号码填写"
TYPE_UNKNOWN = "看不懂这个证件类型，请回复序号或证件名称，例如：1 或 身份证"
#: 港澳通行证 had got TYPE_UNKNOWN, though 回乡证 was understood: what it most likely is, and
#: what to choose instead.
MAINLAND_PERMIT = (
    "「港澳通行证」一般指内地居民去港澳用的「往来港澳通行证」，不能用于住宿登记，"
    "内地居民请用居民身份证（回复 1）。港澳居民持的是回乡证，"
    "即「港澳居民来往内地通行证」（回复 3）。"
)
_MAINLAND_PERMIT_NAMES = ("港澳通行证", "往来港澳通行证", "港澳通行证件", "大陆居民往来港澳通行证")


_FORMATS: dict[DocumentType, tuple[re.Pattern[str], str]] = {
    DocumentType.PASSPORT: (_PASSPORT, PASSPORT),
    DocumentType.HK_MACAO_PERMIT: (_HK_MACAO, HK_MACAO),
    DocumentType.TAIWAN_PERMIT: (_TAIWAN, TAIWAN),
    DocumentType.OTHER: (_OTHER, OTHER),
}


def document_type_menu() -> str:
    """The numbered list of document types, one per line: "1. 居民身份证" ..."""
    return "\n".join(f"{n}. {kind.label}" for n, kind in enumerate(DOCUMENT_TYPES, start=1))


#: 有电子身份证, 用网证, 出示的是护照: the document said with the verb before it.
_HAS = re.compile(r"^(?:他|她)?(?:有|用|带了?|拿了?|出示了?)(?:的是|个)?(?=\S{2})")


def parse_document_type(text: str) -> DocumentType:
    """Parse a document type from its label, a common short name, or its menu number."""
    word = _HAS.sub("", squeeze(text).upper().rstrip(".。、!！"))
    if word.isdigit() and 1 <= int(word) <= len(DOCUMENT_TYPES):
        return DOCUMENT_TYPES[int(word) - 1]
    if word in _MAINLAND_PERMIT_NAMES:
        raise Invalid(MAINLAND_PERMIT)
    try:
        return _NAMES[word]
    except KeyError:
        raise Invalid(TYPE_UNKNOWN) from None


def parse_document(doc_type: DocumentType, text: str, *, today: date) -> str:
    """Check a document number against its type's format; return it normalized.

    Spaces are dropped, letters upper-cased and full-width characters folded. Citizen-style
    numbers are fully checked (see `parse_resident_id`); `today` bounds their birth date.
    """
    number = spoken_digits(squeeze(text)).upper()
    if not number:
        raise Invalid(EMPTY)
    if doc_type is DocumentType.RESIDENT_ID:
        if parse_resident_id(number, today=today).is_residence_permit:
            raise Invalid(IS_A_PERMIT)
        return number
    if doc_type is DocumentType.RESIDENCE_PERMIT:
        if not parse_resident_id(number, today=today).is_residence_permit:
            raise Invalid(NOT_A_PERMIT)
        return number
    if doc_type is DocumentType.FOREIGNER_PERMANENT_ID:
        return _foreigner_permanent_id(number)
    pattern, reason = _FORMATS[doc_type]
    if not pattern.fullmatch(number):
        raise Invalid(reason)
    if doc_type is DocumentType.PASSPORT and not any(ch.isdigit() for ch in number):
        raise Invalid(PASSPORT)
    return number


def _foreigner_permanent_id(number: str) -> str:
    if _FOREIGNER_OLD.fullmatch(number):
        return number
    if not _FOREIGNER_NEW.fullmatch(number):
        raise Invalid(FOREIGNER)
    if id_check_digit(number[:17]) != number[17]:
        raise Invalid(FOREIGNER_CHECK)
    return number


#: Digits only (an X at the end at most) and about as long as a resident ID: meant as one.
_ID_LIKE = re.compile(r"\d{13,19}X?")
_OTHER_DOCUMENTS = "护照等其他证件请连同字母一起输入；暂时没有准确号码请回复「跳过」。"


def parse_wanted_number(text: str) -> str:
    """A wanted person's document number as registrations will carry it (folded, upper-case,
    no spaces), for the officer's form and the CSV import alike.

    Registrations carry 18-digit resident numbers, so a resident number of any other length
    could never be matched: it is refused, not stored to sit unmatched on the list."""
    number = fold(text).upper().replace(" ", "")
    if not re.fullmatch(r"[0-9A-Z]{6,20}", number):
        raise Invalid("证件号码只含数字和字母（6到20位），请核对后重新输入。")
    if _ID_LIKE.fullmatch(number) and len(number) != 18:
        said = OLD_15 if len(number) == 15 and number.isdigit() else LENGTH.format(n=len(number))
        raise Invalid(f"{said}。{_OTHER_DOCUMENTS}")
    return number
