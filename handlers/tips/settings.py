"""`[tips]`: limits and timing of residents' tips."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class TipSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    #: Tips one person may send per hour; more are refused with a kind word.
    per_hour: int = Field(default=5, ge=1)
    #: Minutes a tip may wait for an officer of its beat before the station's duty officers
    #: are told.
    escalate_minutes: int = Field(default=30, ge=1)
    #: Days a source stays quietly throttled after an officer marks one of its tips as spam.
    spam_days: int = Field(default=30, ge=1)
