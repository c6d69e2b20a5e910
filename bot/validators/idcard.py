"""18-digit citizen identity numbers (公民身份号码, GB 11643-1999).

The number is a 6-digit address code, an 8-digit birth date, a 3-digit sequence whose last
digit is odd for men and even for women, and an ISO 7064 MOD 11-2 check character (0-9 or X).
Residence permits for Hong Kong, Macao and Taiwan residents (港澳台居民居住证) carry numbers
of the same form with the address codes 810000, 820000 and 830000.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from bot.validators.errors import Invalid
from bot.validators.normalize import squeeze
from bot.validators.numerals import spoken_digits
from bot.validators.sex import Sex

# Weight of each of the 17 body digits: 2^(17-i) mod 11, i.e. 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, ...
_WEIGHTS = tuple(pow(2, 17 - i, 11) for i in range(17))
# Check character indexed by (weighted sum mod 11), so that sum + check == 1 (mod 11).
_CHECK_CHARS = "10X98765432"

#: Province-level codes (GB/T 2260) that mainland identity numbers start with.
MAINLAND_PROVINCES = frozenset(
    f"{code}"
    for first, last in ((11, 15), (21, 23), (31, 37), (41, 46), (50, 54), (61, 65))
    for code in range(first, last + 1)
)
#: Whole address codes used by residence permits for HK, Macao and Taiwan residents.
RESIDENCE_PERMIT_REGIONS = {"810000": "香港", "820000": "澳门", "830000": "台湾"}

EARLIEST_BIRTH = date(1900, 1, 1)

_NUMBER = re.compile(r"\d{17}[\dX]")
#: One inside a sentence, perhaps spaced as people read it out (440305 19791230 3316).
_IN_TEXT = re.compile(r"(?<!\d)\d{6}\s?\d{8}\s?\d{3}[\dXx](?!\d)")

LENGTH = "身份证号应为18位，您输入了{n}位，请检查是否多输或漏输"
OLD_15 = "这是旧的15位身份证号，请输入现在使用的18位号码"
CHARACTERS = "身份证号只能由数字组成，最后一位可以是X，请检查后重新输入"
X_NOT_LAST = "身份证号里只有最后一位可以是X，请检查后重新输入"
FOREIGNER = "这是外国人永久居留身份证号码，请把证件类型选为“外国人永久居留身份证”"
REGION = "身份证号前6位（地区码）不正确，请核对后重新输入"
BIRTH_DATE = "身份证号第7–14位的出生日期不正确，请核对后重新输入"
CHECK_DIGIT = "身份证号校验位不正确，请核对后重新输入"
EMPTY = "没有收到身份证号，请输入18位身份证号码"


@dataclass(frozen=True, slots=True)
class ResidentId:
    """A checked identity number and what it says about its holder."""

    number: str
    birth_date: date
    sex: Sex

    @property
    def region_code(self) -> str:
        return self.number[:6]

    @property
    def is_residence_permit(self) -> bool:
        """True for a HK/Macao/Taiwan residence permit number (810000/820000/830000)."""
        return self.region_code in RESIDENCE_PERMIT_REGIONS


def id_check_digit(body: str) -> str:
    """The MOD 11-2 check character ("0"-"9" or "X") for the first 17 digits of a number.

    Raises `ValueError` when `body` is not exactly 17 ASCII digits (a programming error, not
    user input: parse user input with `parse_resident_id`).
    """
    if len(body) != 17 or not body.isascii() or not body.isdigit():
        raise ValueError(f"expected 17 digits, got {body!r}")
    total = sum(int(digit) * weight for digit, weight in zip(body, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def build_resident_id(region_code: str, birth_date: date, sequence: int) -> str:
    """Assemble a valid number (for tests and demo data) from its parts.

    `sequence` is 0-999; its last digit decides the sex (odd 男, even 女).
    """
    if len(region_code) != 6 or not region_code.isdigit():
        raise ValueError(f"region code must be 6 digits, got {region_code!r}")
    if not 0 <= sequence <= 999:
        raise ValueError(f"sequence must be 0-999, got {sequence}")
    body = f"{region_code}{birth_date:%Y%m%d}{sequence:03d}"
    return body + id_check_digit(body)


def parse_resident_id(text: str, *, today: date) -> ResidentId:
    """Check an 18-digit identity number typed by a user.

    Accepts spaces, full-width digits and a lowercase x. `today` is the station's date, used
    to refuse birth dates in the future. Raises `Invalid` with a reason naming what is wrong.
    """
    number = spoken_digits(squeeze(text)).upper()
    _check_shape(number)
    _check_region(number[:6])
    birth_date = _birth_date(number[6:14], today)
    if id_check_digit(number[:17]) != number[17]:
        raise Invalid(CHECK_DIGIT)
    sex = Sex.MALE if int(number[16]) % 2 == 1 else Sex.FEMALE
    return ResidentId(number=number, birth_date=birth_date, sex=sex)


def _check_shape(number: str) -> None:
    if not number:
        raise Invalid(EMPTY)
    if not number.isascii() or not number.replace("X", "").isdigit():
        raise Invalid(CHARACTERS)
    if len(number) == 15 and number.isdigit():
        raise Invalid(OLD_15)
    if len(number) != 18:
        raise Invalid(LENGTH.format(n=len(number)))
    if not _NUMBER.fullmatch(number):
        raise Invalid(X_NOT_LAST)


def _check_region(region: str) -> None:
    if region.startswith("9"):
        raise Invalid(FOREIGNER)
    if region in RESIDENCE_PERMIT_REGIONS:
        return
    # A mainland address code names a county inside a prefecture, so its middle pair is
    # never 00. 71 (Taiwan) is in GB/T 2260, but no identity numbers are issued under it.
    if region[:2] not in MAINLAND_PROVINCES or region[2:4] == "00":
        raise Invalid(REGION)


def _birth_date(digits: str, today: date) -> date:
    try:
        born = date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise Invalid(BIRTH_DATE) from None
    if not EARLIEST_BIRTH <= born <= today:
        raise Invalid(BIRTH_DATE)
    return born


def mentions_resident_id(text: str) -> bool:
    """Whether `text` holds what looks like a resident ID number (check digit not checked):
    a registration told in one breath, not a question for the law search."""
    return _IN_TEXT.search(text) is not None


def without_resident_ids(text: str, instead: str = "，") -> str:
    """`text` with each resident ID number in it (spaced or not) replaced by `instead`."""
    return _IN_TEXT.sub(instead, text)
