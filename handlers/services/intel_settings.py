"""The `[risk]`, `[incidents]` and `[digest]` sections of the configuration.

Kept free of other project imports (but the leaf `clock_setting`): `bot.config` imports
this module.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field, model_validator

from handlers.services.clock_setting import ClockSetting, clock_time


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class RiskSettings(_Section):
    #: TOML file of risk rules; empty uses the built-in handlers/venues/risk_rules.toml.
    rules_file: str = ""


class LevelThresholds(_Section):
    """Seven-day average incidents a day at which each level begins, and the rise that
    lifts a level one step."""

    yellow: float = Field(default=1.0, gt=0)
    orange: float = Field(default=2.0, gt=0)
    red: float = Field(default=3.0, gt=0)
    #: Rise of the average against the seven days before, in percent.
    rise_percent: float = Field(default=50.0, gt=0)
    #: A rise counts only from this average up, so one incident after a quiet week is no trend.
    rise_min_average: float = Field(default=0.5, ge=0)
    #: Incidents of the type at one place on the last day that make the level at least
    #: orange (5 bikes stolen from one 车棚 overnight barely move a seven-day average); 0: off.
    spike_count: int = Field(default=3, ge=0)

    @model_validator(mode="after")
    def _ordered(self) -> LevelThresholds:
        if not self.yellow <= self.orange <= self.red:
            raise ValueError("expected yellow <= orange <= red")
        return self


class IncidentSettings(_Section):
    #: Days of the moving average (the "seven-day" warning).
    window_days: int = Field(default=7, ge=2, le=31)
    thresholds: LevelThresholds = LevelThresholds()
    #: Thresholds for particular types, e.g. [incidents.by_kind.盗窃] yellow = 2.0
    by_kind: dict[str, LevelThresholds] = Field(default_factory=dict)
    #: Types offered as buttons in the officer's /警情 form (any other text is accepted too).
    kinds: tuple[str, ...] = ("盗窃", "诈骗", "纠纷", "交通事故", "治安案件", "其他")
    #: Days shown in the warning chart.
    chart_days: int = Field(default=28, ge=7, le=120)
    #: A font with Chinese characters for the chart; empty searches the usual places.
    font: str = ""

    def thresholds_for(self, kind: str) -> LevelThresholds:
        return self.by_kind.get(kind, self.thresholds)


class DigestSettings(_Section):
    enabled: bool = True
    #: When each officer's morning digest is sent, in the station's time zone.
    time: ClockSetting = "07:30"

    @property
    def at(self) -> dt.time:
        return clock_time(self.time)
