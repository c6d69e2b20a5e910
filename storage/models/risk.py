"""Four-colour risk rating of venues: the officer's, the department's and the rules'.

`VenueRisk` is the current state (one row per rated venue); `RiskChange` is the log of every
rating set and every change of the combined colour, shown to officers and in the digest.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field

from storage.models.base import TableModel, enum_type, utcnow


class RiskColour(StrEnum):
    RED = "red"
    ORANGE = "orange"
    YELLOW = "yellow"
    BLUE = "blue"

    @property
    def label(self) -> str:
        return _LABELS[self][0]

    @property
    def meaning(self) -> str:
        return _LABELS[self][1]

    @property
    def severity(self) -> int:
        """Blue 0 … red 3: the combined colour is the most severe one."""
        return _ORDER.index(self)

    @classmethod
    def parse(cls, text: str) -> RiskColour:
        """红 / 红色 / 重大风险 / 高危 / red …"""
        word = text.strip().lower()
        for colour in cls:
            label, meaning = _LABELS[colour]
            if word in (colour.value, label, f"{label}色", meaning, _EARLIER[colour]):
                return colour
        raise ValueError(f"unknown risk colour {text!r}")


# The four levels as safety-risk grading names them: 橙 is 较大, not 一般 (which read as
# milder than it is).
_LABELS = {
    RiskColour.RED: ("红", "重大风险"),
    RiskColour.ORANGE: ("橙", "较大风险"),
    RiskColour.YELLOW: ("黄", "一般风险"),
    RiskColour.BLUE: ("蓝", "低风险"),
}
#: The words shown before, still understood when typed.
_EARLIER = {
    RiskColour.RED: "高危",
    RiskColour.ORANGE: "一般危险",
    RiskColour.YELLOW: "轻微危险",
    RiskColour.BLUE: "未发现危险",
}
_ORDER = (RiskColour.BLUE, RiskColour.YELLOW, RiskColour.ORANGE, RiskColour.RED)


class RiskSource(StrEnum):
    OFFICER = "officer"
    DEPARTMENT = "department"
    RULES = "rules"

    @property
    def label(self) -> str:
        return {"officer": "民警评定", "department": "上级评定", "rules": "规则评分"}[self.value]


class VenueRisk(TableModel, table=True):
    __tablename__ = "venue_risk"

    venue_id: int = Field(foreign_key="venue.id", primary_key=True)
    #: The combined colour: the most severe input, unless the officer overrode it downward.
    colour: RiskColour = Field(
        default=RiskColour.BLUE, sa_type=enum_type(RiskColour, 8), index=True
    )
    officer_colour: RiskColour | None = Field(default=None, sa_type=enum_type(RiskColour, 8))
    officer_reason: str = Field(default="", max_length=300)
    #: The officer explicitly rated below the department/rules colour, with a reason.
    officer_override: bool = False
    #: The colour the override went below; a more severe one later ends the override.
    override_against: RiskColour | None = Field(default=None, sa_type=enum_type(RiskColour, 8))
    officer_person_id: int | None = Field(default=None, foreign_key="person.id")
    officer_at: datetime | None = None
    department_colour: RiskColour | None = Field(default=None, sa_type=enum_type(RiskColour, 8))
    department_reason: str = Field(default="", max_length=300)
    department_at: datetime | None = None
    rules_colour: RiskColour | None = Field(default=None, sa_type=enum_type(RiskColour, 8))
    #: JSON list of {"rule", "colour", "reason"} found at the last scoring.
    rules_findings: str = "[]"
    rules_at: datetime | None = Field(default=None, index=True)
    updated_at: datetime = Field(default_factory=utcnow)


class RiskChange(TableModel, table=True):
    __tablename__ = "risk_change"

    id: int | None = Field(default=None, primary_key=True)
    venue_id: int = Field(foreign_key="venue.id", index=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    source: RiskSource = Field(sa_type=enum_type(RiskSource, 16))
    #: That source's colour before and after (None: not rated).
    before: RiskColour | None = Field(default=None, sa_type=enum_type(RiskColour, 8))
    after: RiskColour | None = Field(default=None, sa_type=enum_type(RiskColour, 8))
    combined_before: RiskColour = Field(sa_type=enum_type(RiskColour, 8))
    combined_after: RiskColour = Field(sa_type=enum_type(RiskColour, 8))
    reason: str = Field(default="", max_length=500)
    actor_person_id: int | None = Field(default=None, foreign_key="person.id")
