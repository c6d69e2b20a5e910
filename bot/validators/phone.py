"""Phone numbers: mainland mobiles (11 digits, 13x-19x) and landlines (area code + number),
and numbers from abroad for foreign guests."""

from __future__ import annotations

import re

from bot.validators.errors import Invalid
from bot.validators.normalize import squeeze
from bot.validators.numerals import spoken_digits

_SEPARATORS = re.compile(r"[-()./]")
_COUNTRY = re.compile(r"^(?:\+86|0086)")
_FOREIGN = re.compile(r"^(?:\+|00)")
_EXTENSION_WORD = re.compile(r"(?:转|分机|EXT\.?)(\d{1,6})$")
_EXTENSION_DASH = re.compile(r"^(.*\d{7,8})-(\d{1,6})$")
_MOBILE = re.compile(r"1[3-9]\d{9}")

MOBILE_EMPTY = "没有收到手机号，请输入11位手机号码"
MOBILE_CHARACTERS = "手机号只能包含数字，请重新输入11位手机号码"
MOBILE_LENGTH = "手机号应为11位数字，您输入了{n}位，请检查是否多输或漏输"
MOBILE_PREFIX = "手机号应以13–19开头，请检查是否输错"
MOBILE_FOREIGN = "目前只能填写大陆手机号（11位），请换一个号码"
LANDLINE_EMPTY = "没有收到电话号码，请输入带区号的固定电话，例如 0371-65123456"
LANDLINE_CHARACTERS = "电话号码只能包含数字和“-”，例如 0371-65123456"
LANDLINE_AREA = "固定电话请带上区号，例如 0371-65123456"
LANDLINE_NUMBER = "固定电话号码位数不对：区号后应为7–8位号码，例如 0371-65123456"


#: A phone number inside a sentence (139 1234 5678, +86 13912345678, 010-12345678), in
#: text folded to ASCII digits.
IN_TEXT = re.compile(
    r"(?<![\d+])(?:(?:\+?86[-\s]?)?1[3-9]\d(?:[-\s]?\d){8}|0\d{2,3}-?\d{7,8})(?!\d)"
)

#: 手机13912345678, 电话：0371-65123456: the word people put before the number.
_LABEL = re.compile(r"^(?:手机号码?|手机|电话号码?|电话|联系电话|联系方式|座机|TEL)[:：]?")


def _bare(text: str) -> str:
    return _LABEL.sub("", spoken_digits(squeeze(text)).upper())


def parse_mobile(text: str) -> str:
    """Parse a mainland mobile number; return its 11 digits.

    Accepts a +86/0086/86 prefix and spaces, dashes, dots or brackets between digit groups.
    """
    raw = _bare(text)
    if not raw:
        raise Invalid(MOBILE_EMPTY)
    number = _COUNTRY.sub("", _SEPARATORS.sub("", raw))
    if _FOREIGN.match(number):
        raise Invalid(MOBILE_FOREIGN)
    if not (number.isascii() and number.isdigit()):
        raise Invalid(MOBILE_CHARACTERS)
    if len(number) == 13 and number.startswith("861"):
        number = number[2:]
    if len(number) != 11:
        raise Invalid(MOBILE_LENGTH.format(n=len(number)))
    if not _MOBILE.fullmatch(number):
        raise Invalid(MOBILE_PREFIX)
    return number


def parse_landline(text: str) -> str:
    """Parse a mainland landline; return "0371-65123456" or "010-12345678转801".

    The area code is required. A +86 prefix drops the area code's 0, as dialled from abroad.
    Extensions may follow 转, 分机, ext or a last dash.
    """
    raw = _bare(text)
    if not raw:
        raise Invalid(LANDLINE_EMPTY)
    number, extension = _split_extension(raw)
    number = _SEPARATORS.sub("", number)
    if _COUNTRY.match(number):
        number = _COUNTRY.sub("", number)
        number = number if number.startswith("0") else "0" + number
    if not (number.isascii() and number.isdigit()):
        raise Invalid(LANDLINE_CHARACTERS)
    if not number.startswith("0") or len(number) < 3:
        raise Invalid(LANDLINE_AREA)
    # Beijing (010) and the 02x cities have 3-digit area codes and 8-digit numbers; every
    # other area code has 4 digits and 7- or 8-digit numbers.
    short_area = number.startswith(("010", "02"))
    area, local = (number[:3], number[3:]) if short_area else (number[:4], number[4:])
    allowed = (8,) if short_area else (7, 8)
    if len(local) not in allowed or local[0] in "01":
        raise Invalid(LANDLINE_NUMBER)
    return f"{area}-{local}" + (f"转{extension}" if extension else "")


INTERNATIONAL_FORMAT = "境外号码请写成“+国家代码 号码”，例如 +44 7700 900123"


def parse_international(text: str) -> str:
    """A number from abroad, "+44 7700 900123" or "0044…": returned as +447700900123.

    E.164 allows at most 15 digits with the country code; fewer than 8 is no phone number.
    A +86 number is a mainland one and goes through `parse_mobile`.
    """
    raw = _bare(text)
    number = _SEPARATORS.sub("", raw).replace(" ", "")
    if _COUNTRY.match(number):
        return parse_mobile(raw)
    digits = number.removeprefix("+") if number.startswith("+") else number.removeprefix("00")
    if not _FOREIGN.match(number) or not (digits.isascii() and digits.isdigit()):
        raise Invalid(INTERNATIONAL_FORMAT)
    if not 8 <= len(digits) <= 15 or digits[0] == "0":
        raise Invalid(INTERNATIONAL_FORMAT)
    return "+" + digits


def parse_phone(text: str) -> str:
    """Parse either a mobile number or a landline, whichever the text looks like."""
    raw = _bare(text)
    digits = _COUNTRY.sub("", _SEPARATORS.sub("", raw))
    if len(digits) == 13 and digits.startswith("861"):
        digits = digits[2:]
    if not digits or digits.startswith(("1", "+")) or not digits[0].isdigit():
        return parse_mobile(raw)
    return parse_landline(raw)


def _split_extension(raw: str) -> tuple[str, str]:
    match = _EXTENSION_WORD.search(raw)
    if match:
        return raw[: match.start()], match.group(1)
    match = _EXTENSION_DASH.match(raw)
    if match:
        return match.group(1), match.group(2)
    return raw, ""


def without_phones(text: str, instead: str = "，") -> str:
    """`text` with each phone number in it replaced by `instead` (`text` folded to ASCII
    digits, as `IN_TEXT` reads them)."""
    return IN_TEXT.sub(instead, text)
