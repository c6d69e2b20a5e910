"""`[inspection]`: how often venues inspect themselves, and the checklist they answer."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, field_validator


class InspectionSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    #: Days between two self-inspections of a venue.
    every_days: int = Field(default=30, ge=1)
    #: Days between two reminders of an overdue inspection or rectification.
    remind_every_days: int = Field(default=3, ge=1)
    #: Days an owner gets to rectify an item when the officer names no deadline.
    fix_days: int = Field(default=7, ge=1)
    #: A TOML checklist replacing the built-in one (handlers/inspection/checklist.toml).
    checklist: str = ""

    @field_validator("checklist")
    @classmethod
    def _readable(cls, value: str) -> str:
        if value:
            # Imported here: the checklist module needs the models, the config does not.
            from handlers.inspection.checklist import ChecklistError, load_checklist

            try:
                load_checklist(value)
            except ChecklistError as exc:
                raise ValueError(str(exc)) from None
        return value
