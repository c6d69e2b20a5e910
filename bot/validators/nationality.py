"""Nationality: a short list of common countries with ISO 3166-1 alpha-3 codes, else free text.

Alpha-3 is what passports and the old foreigner permanent-residence card print. A country
that is not in the list is kept as the user typed it, without a code, for an officer to read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.validators.errors import Invalid
from bot.validators.normalize import fold


@dataclass(frozen=True, slots=True)
class Nationality:
    """`code` is the ISO 3166-1 alpha-3 code, or None for a country typed as free text."""

    code: str | None
    name: str


# (alpha-3, alpha-2, Chinese name, other names people type).
_COUNTRIES: tuple[tuple[str, str, str, tuple[str, ...]], ...] = (
    ("CHN", "CN", "中国", ("中华人民共和国", "CHINA", "CHINESE", "PRC")),
    # Regions of China, not countries: named as `handlers.registration.fields.origin_label`
    # reads them (香港 typed at a passport's 国籍 had been kept as is, and called 外国人).
    (
        "HKG",
        "HK",
        "中国香港",
        ("香港", "中国香港特别行政区", "香港特别行政区", "HONG KONG", "HONGKONG"),
    ),
    ("MAC", "MO", "中国澳门", ("澳门", "中国澳门特别行政区", "澳门特别行政区", "MACAO", "MACAU")),
    ("TWN", "TW", "中国台湾", ("台湾", "台灣", "台湾省", "中国台湾省", "TAIWAN")),
    ("USA", "US", "美国", ("美利坚合众国", "UNITED STATES", "AMERICA", "AMERICAN")),
    ("GBR", "GB", "英国", ("UK", "UNITED KINGDOM", "BRITAIN", "GREAT BRITAIN", "BRITISH")),
    ("FRA", "FR", "法国", ("FRANCE", "FRENCH")),
    ("DEU", "DE", "德国", ("GERMANY", "GERMAN")),
    ("ITA", "IT", "意大利", ("ITALY", "ITALIAN")),
    ("ESP", "ES", "西班牙", ("SPAIN", "SPANISH")),
    ("NLD", "NL", "荷兰", ("NETHERLANDS", "HOLLAND", "DUTCH")),
    ("RUS", "RU", "俄罗斯", ("俄国", "RUSSIA", "RUSSIAN")),
    ("UKR", "UA", "乌克兰", ("UKRAINE",)),
    ("JPN", "JP", "日本", ("JAPAN", "JAPANESE")),
    ("KOR", "KR", "韩国", ("南韩", "KOREA", "SOUTH KOREA", "KOREAN")),
    ("PRK", "KP", "朝鲜", ("北韩", "NORTH KOREA")),
    ("MNG", "MN", "蒙古", ("蒙古国", "MONGOLIA")),
    ("VNM", "VN", "越南", ("VIETNAM", "VIET NAM")),
    ("LAO", "LA", "老挝", ("LAOS",)),
    ("MMR", "MM", "缅甸", ("MYANMAR", "BURMA")),
    ("KHM", "KH", "柬埔寨", ("CAMBODIA",)),
    ("THA", "TH", "泰国", ("THAILAND", "THAI")),
    ("MYS", "MY", "马来西亚", ("大马", "MALAYSIA")),
    ("SGP", "SG", "新加坡", ("SINGAPORE",)),
    ("IDN", "ID", "印度尼西亚", ("印尼", "INDONESIA")),
    ("PHL", "PH", "菲律宾", ("PHILIPPINES",)),
    ("IND", "IN", "印度", ("INDIA", "INDIAN")),
    ("PAK", "PK", "巴基斯坦", ("PAKISTAN",)),
    ("NPL", "NP", "尼泊尔", ("NEPAL",)),
    ("BGD", "BD", "孟加拉国", ("孟加拉", "BANGLADESH")),
    ("KAZ", "KZ", "哈萨克斯坦", ("KAZAKHSTAN",)),
    ("CAN", "CA", "加拿大", ("CANADA", "CANADIAN")),
    ("AUS", "AU", "澳大利亚", ("澳洲", "AUSTRALIA", "AUSTRALIAN")),
    ("NZL", "NZ", "新西兰", ("纽西兰", "NEW ZEALAND")),
    ("BRA", "BR", "巴西", ("BRAZIL",)),
    ("TUR", "TR", "土耳其", ("TURKEY", "TURKIYE")),
)

_BY_NAME: dict[str, Nationality] = {
    key: Nationality(code, name)
    for code, alpha2, name, aliases in _COUNTRIES
    for key in (code, alpha2, name, *aliases)
}

#: The default nationality, also returned for an empty answer.
CHINA = _BY_NAME["CHN"]
FREE_TEXT_MAX = 30

_FREE_TEXT = re.compile(r"[^\W\d_]+(?:[ '.-][^\W\d_]+)*")
CHARACTERS = "请填写国家名称，例如：中国、美国、日本"
TOO_LONG = f"国家名称最多{FREE_TEXT_MAX}个字，例如：中国、美国、日本"


def parse_nationality(text: str, *, default: Nationality = CHINA) -> Nationality:
    """Parse a nationality; an empty answer gives `default` (中国)."""
    cleaned = fold(text).upper().rstrip(".。")
    if not cleaned:
        return default
    for key in (cleaned, cleaned.removesuffix("人"), cleaned.removesuffix("籍")):
        if key in _BY_NAME:
            return _BY_NAME[key]
    if len(cleaned) > FREE_TEXT_MAX:
        raise Invalid(TOO_LONG)
    if not _FREE_TEXT.fullmatch(cleaned):
        raise Invalid(CHARACTERS)
    return Nationality(code=None, name=fold(text).rstrip(".。"))
