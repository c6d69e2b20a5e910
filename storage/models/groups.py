"""Group chats the bot posts to, and the codes that bind a group to a beat and venue kind.

A group is either bound from inside the chat (`/绑定群 CODE` on a channel that receives group
messages) or added by hand (`jingmin group add`, for WeCom group robots, which only send).
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, UniqueConstraint

from storage.models.base import TableModel, enum_type, utcnow
from storage.models.venue import VenueKind


class ChatGroup(TableModel, table=True):
    __tablename__ = "chat_group"
    __table_args__ = (UniqueConstraint("channel", "chat_id"),)

    id: int | None = Field(default=None, primary_key=True)
    channel: str = Field(max_length=32)
    #: The channel's chat id; for a WeCom group robot, its webhook key.
    chat_id: str = Field(max_length=128)
    name: str = Field(default="", max_length=100)
    beat_id: int | None = Field(default=None, foreign_key="beat.id", index=True)
    #: Which venues the group is for (旅馆 owners, say); None: every kind.
    venue_kind: VenueKind | None = Field(default=None, sa_type=enum_type(VenueKind))
    #: A group for one venue (its owner's staff group).
    venue_id: int | None = Field(default=None, foreign_key="venue.id")
    created_at: datetime = Field(default_factory=utcnow)


class GroupInvite(TableModel, table=True):
    """A single-use code for `/绑定群`. Only its hash is stored, as for personal invites."""

    __tablename__ = "group_invite"

    id: int | None = Field(default=None, primary_key=True)
    code_hash: str = Field(max_length=64, unique=True)
    beat_id: int | None = Field(default=None, foreign_key="beat.id")
    venue_kind: VenueKind | None = Field(default=None, sa_type=enum_type(VenueKind))
    venue_id: int | None = Field(default=None, foreign_key="venue.id")
    name: str = Field(default="", max_length=100)
    created_by_person_id: int | None = Field(default=None, foreign_key="person.id")
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    used_at: datetime | None = None
    group_id: int | None = Field(default=None, foreign_key="chat_group.id")
