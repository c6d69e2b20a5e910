"""Stations, beats, people, their channel accounts, and invite codes."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, UniqueConstraint

from storage.models.base import TableModel, enum_type, utcnow


class Role(StrEnum):
    RESIDENT = "resident"
    OWNER = "owner"
    OFFICER = "officer"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return {"resident": "群众", "owner": "场所负责人", "officer": "民警", "admin": "管理员"}[
            self.value
        ]


class Station(TableModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    name: str = Field(max_length=100)
    code: str = Field(max_length=32, unique=True)


class Beat(TableModel, table=True):
    """A community officer's area (警务区/社区)."""

    id: int | None = Field(default=None, primary_key=True)
    station_id: int = Field(foreign_key="station.id", index=True)
    name: str = Field(max_length=100)
    code: str = Field(max_length=32, unique=True)


class Person(TableModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    display_name: str = Field(default="", max_length=100)
    role: Role = Field(default=Role.RESIDENT, sa_type=enum_type(Role))
    station_id: int | None = Field(default=None, foreign_key="station.id")
    #: Officers only: the beat they are responsible for.
    beat_id: int | None = Field(default=None, foreign_key="beat.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)


class Account(TableModel, table=True):
    """One (channel, channel user id) pair; several may belong to the same person."""

    __table_args__ = (UniqueConstraint("channel", "channel_user_id"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=32)
    channel_user_id: str = Field(max_length=128)
    person_id: int = Field(foreign_key="person.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)


class Invite(TableModel, table=True):
    """A single-use binding code. Only its hash is stored: a leaked table binds nobody."""

    id: int | None = Field(default=None, primary_key=True)
    code_hash: str = Field(max_length=64, unique=True)
    role: Role = Field(sa_type=enum_type(Role))
    station_id: int | None = Field(default=None, foreign_key="station.id")
    beat_id: int | None = Field(default=None, foreign_key="beat.id")
    venue_id: int | None = Field(default=None, foreign_key="venue.id")
    display_name: str = Field(default="", max_length=100)
    #: Link codes: the redeeming account joins this existing person (same person, new channel).
    person_id: int | None = Field(default=None, foreign_key="person.id")
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_at: datetime | None = None
    used_by_account_id: int | None = Field(default=None, foreign_key="account.id")
