"""`[wanted]`: the wanted cards' daily rotation and drawing."""

from __future__ import annotations

import re

from pydantic import BaseModel, ConfigDict, Field, field_validator

_CLOCK = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")


class WantedSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    #: Cards each officer receives a day at least; more when the station has so many active
    #: cards that fewer would not show every one within a week.
    cards_per_day: int = Field(default=3, ge=1, le=20)
    #: From when (station time) the day's cards go out.
    time: str = "08:30"
    #: Station code -> codes of neighbouring stations whose internal cards its officers see too.
    neighbours: dict[str, list[str]] = Field(default_factory=dict)
    #: A font with Chinese characters for the cards; empty searches the usual places.
    font: str = ""

    @field_validator("time")
    @classmethod
    def _clock(cls, value: str) -> str:
        if not _CLOCK.fullmatch(value):
            raise ValueError("expected HH:MM, such as 08:30")
        return value
