"""`[wanted]`: the wanted cards' daily rotation and drawing."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from handlers.services.clock_setting import ClockSetting, clock_time


class WantedSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    #: Cards each officer receives a day at least; more when the station has so many active
    #: cards that fewer would not show every one within a week.
    cards_per_day: int = Field(default=3, ge=1, le=20)
    #: From when (station time) the day's cards go out.
    time: ClockSetting = "08:30"
    #: Station code -> codes of neighbouring stations whose internal cards its officers see too.
    neighbours: dict[str, list[str]] = Field(default_factory=dict)
    #: A font with Chinese characters for the cards; empty searches the usual places.
    font: str = ""

    @property
    def at(self) -> dt.time:
        return clock_time(self.time)
