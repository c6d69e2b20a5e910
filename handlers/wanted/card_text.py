"""What a wanted card says: the facts a caller gives, and the words and rows drawn from them.

Pure and free of drawing, so what a card shows (and hides) can be tested without pixels.
The masking of a public card's (and a lock screen's) document number lives here, in the one function every
drawn row comes from, so no caller can put a full number on a public notice.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from bot.forms.clock import full_date
from bot.validators.masking import mask_id_number


class CardStatus(StrEnum):
    ACTIVE = "active"
    CAPTURED = "captured"
    REVOKED = "revoked"


@dataclass(frozen=True, slots=True, kw_only=True)
class CardFacts:
    """Everything a card shows, already worded; empty strings are left off the card."""

    #: The short number on the card, e.g. "TJ-0042".
    card_no: str
    name: str
    aliases: tuple[str, ...] = ()
    #: "男", "女" or "".
    sex: str = ""
    #: Worded by the caller: "36岁（1990年生）", "约30–40岁".
    age: str = ""
    #: As stored, in full; a public card masks it whatever the caller gives.
    doc_no: str = ""
    doc_type: str = "居民身份证"
    #: "约175厘米".
    height: str = ""
    #: 体型
    build: str = ""
    #: 口音
    accent: str = ""
    #: 体貌特征
    marks: str = ""
    #: 简要案情
    case: str = ""
    issuing_unit: str = ""
    #: 悬赏
    reward: str = ""
    #: 联系方式
    contact: str = ""
    #: A public notice (公开) rather than an internal card for officers (内部).
    public: bool = False
    #: The number masked on an internal card too: a lock-screen wallpaper is read by anyone
    #: holding the phone, without unlocking it.
    masked: bool = False
    issued_on: date
    status: CardStatus = CardStatus.ACTIVE
    #: The original photo file (JPEG or PNG bytes), if there is one.
    photo: bytes | None = None
    #: The photo's media-store hash (the SHA-256 of its bytes) when the caller knows it:
    #: the cache keys on it, so a look-up need not read the photo (`photo` may then be left
    #: out until the card has to be drawn).
    photo_sha256: str = ""


@dataclass(frozen=True, slots=True)
class Row:
    label: str
    value: str
    #: Drawn beside the photo (short facts, one or two lines) or below it (full width).
    beside_photo: bool
    #: Drawn in the alert colour (a reward).
    emphasised: bool = False


NAME_LABEL = "姓名"
ALIASES_LABEL = "别名"
ALIAS_SEPARATOR = "、"
PAIR_SEPARATOR = " · "
STAMPS = {CardStatus.CAPTURED: "已抓获", CardStatus.REVOKED: "已撤销"}
NO_PHOTO = "暂无照片"
PUBLIC_NOTES = {
    CardStatus.ACTIVE: "发现线索请立即拨打110，切勿擅自行动",
    CardStatus.CAPTURED: "该人员已落网，感谢社会各界支持",
    CardStatus.REVOKED: "本通告已撤销，请勿再转发",
}


def shown_doc_no(facts: CardFacts) -> str:
    """The document number as the card draws it: masked on anything public or `masked`."""
    return mask_id_number(facts.doc_no) if facts.public or facts.masked else facts.doc_no


def rows(facts: CardFacts) -> list[Row]:
    """The facts drawn under the name, in order; empty ones left out."""
    candidates = [
        _pair("性别", facts.sex, "年龄", facts.age),
        _pair("身高", facts.height, "体型", facts.build),
        Row(facts.doc_type or "证件号码", shown_doc_no(facts), beside_photo=True),
        Row("口音", facts.accent, beside_photo=True),
        Row("体貌特征", facts.marks, beside_photo=False),
        Row("简要案情", facts.case, beside_photo=False),
        Row("发布单位", facts.issuing_unit, beside_photo=False),
        Row("悬赏", facts.reward, beside_photo=False, emphasised=True),
        Row("联系方式", facts.contact, beside_photo=False),
    ]
    return [row for row in candidates if row.value.strip()]


def _pair(label_a: str, value_a: str, label_b: str, value_b: str) -> Row:
    # Two short facts share a row so the column beside the photo holds more of them.
    labels = [label for label, value in ((label_a, value_a), (label_b, value_b)) if value]
    values = [value for value in (value_a, value_b) if value]
    return Row(PAIR_SEPARATOR.join(labels), PAIR_SEPARATOR.join(values), beside_photo=True)


def aliases_text(facts: CardFacts) -> str:
    return ALIAS_SEPARATOR.join(alias for alias in facts.aliases if alias.strip())


def card_lines(facts: CardFacts) -> list[tuple[str, str]]:
    """(label, value) pairs the card draws, in order: name, aliases, then the rows."""
    lines = [(NAME_LABEL, facts.name)]
    if aliases := aliases_text(facts):
        lines.append((ALIASES_LABEL, aliases))
    lines.extend((row.label, row.value) for row in rows(facts))
    return lines


def banner(facts: CardFacts) -> str:
    if not facts.public:
        return "内部通缉 · 仅限民警"
    return "公安机关 悬赏通告" if facts.reward.strip() else "公安机关 通缉令"


def footer_note(facts: CardFacts) -> str:
    if not facts.public:
        return "内部资料 · 严禁外传"
    # A closed notice still circulates in groups: it must stop asking people to call.
    return PUBLIC_NOTES[facts.status]


def issued_text(facts: CardFacts) -> str:
    return f"发布日期 {full_date(facts.issued_on)}"


def number_text(facts: CardFacts) -> str:
    return f"编号 {facts.card_no}"


def stamp(facts: CardFacts) -> str:
    """The stamp across a closed card, or "" while the person is still wanted."""
    return STAMPS.get(facts.status, "")


def drawn_texts(facts: CardFacts) -> list[str]:
    """Every piece of text the card may draw, for checking the font has all its glyphs."""
    texts = [banner(facts), footer_note(facts), issued_text(facts), number_text(facts), NO_PHOTO]
    texts.extend(part for line in card_lines(facts) for part in line)
    if mark := stamp(facts):
        texts.append(mark)
    return texts
