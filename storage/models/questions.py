"""Questions owners and residents send their officers (收到，几点来检查？), and the answers.

The text is encrypted at rest like a tip's conversation: people write names and numbers
into questions. The answer goes back to the chat the question came from.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field

from storage.models.base import TableModel, utcnow


class Question(TableModel, table=True):
    __tablename__ = "question"

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", index=True)
    #: Where the answer goes: the chat the question was asked in.
    channel: str = Field(max_length=32)
    chat_id: str = Field(max_length=128)
    #: The alert it is about, if any: its author is asked first.
    broadcast_id: int | None = Field(default=None, foreign_key="broadcast.id")
    #: The asker's place, if they have one: its beat's officers are asked.
    venue_id: int | None = Field(default=None, foreign_key="venue.id")
    station_id: int = Field(foreign_key="station.id", index=True)
    beat_id: int | None = Field(default=None, foreign_key="beat.id", index=True)
    #: The officer it was sent to, when one was (an alert's author).
    officer_person_id: int | None = Field(default=None, foreign_key="person.id")
    text_enc: str
    #: JSON list of media-store hashes (metadata stripped) of the photos asked with.
    photos: str = "[]"
    asked_at: datetime = Field(default_factory=utcnow, index=True)
    answer_enc: str = ""
    answered_at: datetime | None = None
    answered_by_person_id: int | None = Field(default=None, foreign_key="person.id")
