"""Residents' tips. Nothing an officer reads says who the tipster is.

`tip` and `tip_message` are what officers see: an alias (举报人-7F3K), the content (encrypted at
rest) and routing. The link back to the tipster's chat account lives only in `tip_source`,
encrypted, and is read for one thing: relaying the station's messages to the tipster. Its
keyed hashes (of the person, and of the text) let the bot count and de-duplicate a source's
tips without anyone being able to read who it is.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field

from storage.models.base import TableModel, enum_type, utcnow


class TipCategory(StrEnum):
    SUSPICIOUS = "suspicious"
    DRUGS = "drugs"
    GAMBLING = "gambling"
    FRAUD = "fraud"
    FIRE = "fire"
    NOISE = "noise"
    #: 传销. Stored as a plain string (no CHECK constraint, see `enum_type`): a new value
    #: needs no migration.
    PYRAMID = "pyramid"
    OTHER = "other"

    @property
    def label(self) -> str:
        return _CATEGORY_LABELS[self]

    @classmethod
    def parse(cls, text: str) -> TipCategory:
        for category in cls:
            if text in (category.value, category.label, *_CATEGORY_WORDS.get(category, ())):
                return category
        raise ValueError(f"unknown tip category {text!r}")

    @classmethod
    def told_in(cls, text: str) -> TipCategory | None:
        """The one category whose words a description uses (楼下有人吸毒: 涉毒), if only one.

        可疑人员 is what every other kind of tip is also about (卖那种药，晚上经常有陌生人进出):
        a more specific category beside it wins, rather than the act being filed under the
        strangers who come for it."""
        found = {
            category
            for category in cls
            for word in (category.label, *_CATEGORY_WORDS.get(category, ()))
            if category is not cls.OTHER and word in text.upper()
        }
        if len(found) > 1:
            found.discard(cls.SUSPICIOUS)
        return found.pop() if len(found) == 1 else None


#: The words people type for a category instead of its label.
_CATEGORY_WORDS = {
    TipCategory.SUSPICIOUS: ("可疑", "可疑的人", "陌生人"),
    # 那种药 is how people say drugs without naming them (卖那种药); 卖药 alone is a pharmacy.
    TipCategory.DRUGS: (
        "吸毒",
        "贩毒",
        "毒品",
        "冰毒",
        "溜冰",
        "麻古",
        "K粉",
        "摇头丸",
        "大麻",
        "海洛因",
        "白粉",
        "那种药",
    ),
    TipCategory.GAMBLING: ("赌博", "聚赌", "赌场", "赌钱", "赌球"),
    TipCategory.FRAUD: ("骗子", "电信诈骗", "被骗"),
    TipCategory.FIRE: ("消防", "火灾隐患", "安全隐患"),
    # 半夜吵闹打架, 吵死人了: the noise told as people tell it (not 吵架, a quarrel).
    TipCategory.NOISE: ("噪音", "噪声", "扰民", "太吵", "吵闹", "吵死"),
    # 楼下那家公司天天开会 好像是传销 had been filed under 其他, there being no such category.
    TipCategory.PYRAMID: ("拉人头", "交入门费", "入门费", "洗脑课", "发展下线", "拉下线"),
}

_CATEGORY_LABELS = {
    TipCategory.SUSPICIOUS: "可疑人员",
    TipCategory.DRUGS: "涉毒",
    TipCategory.GAMBLING: "涉赌",
    TipCategory.FRAUD: "诈骗",
    TipCategory.FIRE: "消防隐患",
    TipCategory.NOISE: "噪音扰民",
    TipCategory.PYRAMID: "传销",
    TipCategory.OTHER: "其他",
}


class TipStatus(StrEnum):
    RECEIVED = "received"
    CHECKING = "checking"
    HANDLED = "handled"
    DECLINED = "declined"
    #: The tipster took it back (撤回). Stored as a plain string (no CHECK constraint, see
    #: `enum_type`): a new value needs no migration.
    WITHDRAWN = "withdrawn"

    @property
    def label(self) -> str:
        return {
            "received": "已收到",
            "checking": "核查中",
            "handled": "已处理",
            "declined": "不予处理",
            "withdrawn": "已撤回",
        }[self.value]

    @property
    def is_open(self) -> bool:
        return self in (TipStatus.RECEIVED, TipStatus.CHECKING)


class Tip(TableModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    #: What officers call the tipster: 举报人-7F3K (random per tip, so tips cannot be linked).
    alias: str = Field(max_length=16)
    #: The tracking code the tipster keeps: a keyed hash to find it, the code itself sealed
    #: so relays can quote it.
    code_idx: str = Field(max_length=40, unique=True)
    code_enc: str
    category: TipCategory = Field(sa_type=enum_type(TipCategory))
    text_enc: str
    #: Where, as the tipster described it (address, venue, shared coordinates), sealed.
    place_enc: str | None = None
    happened_at: datetime | None = None
    happened_note: str = Field(default="", max_length=60)
    #: JSON list of media-store hashes (metadata stripped).
    photos: str = "[]"
    #: Only when the tipster chose to leave contact details.
    contact_enc: str | None = None
    station_id: int = Field(foreign_key="station.id", index=True)
    beat_id: int | None = Field(default=None, foreign_key="beat.id", index=True)
    venue_id: int | None = Field(default=None, foreign_key="venue.id")
    #: A sighting of a wanted person (from a public wanted card): also alerts the issuer.
    wanted_id: int | None = Field(default=None, foreign_key="wanted_person.id")
    status: TipStatus = Field(default=TipStatus.RECEIVED, sa_type=enum_type(TipStatus), index=True)
    #: From a source officers marked as spam: kept, answered normally, never pushed.
    muted: bool = False
    spam: bool = False
    created_at: datetime = Field(default_factory=utcnow, index=True)
    updated_at: datetime = Field(default_factory=utcnow)
    #: First time an officer of the station opened, answered or updated it.
    acked_at: datetime | None = None
    acked_by_person_id: int | None = Field(default=None, foreign_key="person.id")
    #: When it went to the station's duty officers for want of an acknowledgement.
    escalated_at: datetime | None = None


class TipSource(TableModel, table=True):
    """Who sent a tip, readable only by the server, and only to relay messages back."""

    __tablename__ = "tip_source"

    tip_id: int = Field(foreign_key="tip.id", primary_key=True)
    #: The tipster's account id, sealed.
    account_enc: str
    #: Keyed hash of the sending person: rate limits and spam throttling.
    source_idx: str = Field(max_length=40, index=True)
    #: Keyed hash of the normalised text: duplicate detection.
    text_idx: str = Field(max_length=40)
    created_at: datetime = Field(default_factory=utcnow, index=True)


class TipMessage(TableModel, table=True):
    """The anonymous conversation about a tip: station to tipster and back."""

    __tablename__ = "tip_message"

    id: int | None = Field(default=None, primary_key=True)
    tip_id: int = Field(foreign_key="tip.id", index=True)
    from_tipster: bool
    #: The officer who wrote it (station to tipster) or who was answered (tipster to station).
    officer_person_id: int | None = Field(default=None, foreign_key="person.id")
    text_enc: str
    created_at: datetime = Field(default_factory=utcnow)
