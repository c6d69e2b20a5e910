"""The schema's base class and shared column helpers.

Times are timezone-aware UTC in Python; SQLModel's UTCDateTime stores them as UTC on every
engine. Enums are stored as their string values in plain VARCHAR columns (no PostgreSQL enum
types), so adding a venue kind or a status needs no schema migration.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlmodel import SQLModel


class TableModel(SQLModel):
    """What every class of the schema derives from (`class Venue(TableModel, table=True)`).

    SQLModel never validates a table class's rows (it sets their fields directly), yet
    pydantic built each class's validator and serializer when it was defined: a seventh of
    defining the schema, at every start of every command. Here they are built on first use
    instead (`model_dump`). Set on this class, not on SQLModel itself, so that a SQLModel
    that is no table (a request's body, say) is still checked as it is defined.
    """

    model_config = SQLModel.model_config | {"defer_build": True}


def utcnow() -> datetime:
    return datetime.now(UTC)


def as_utc(at: datetime) -> datetime:
    """A stored time in one form: SQLite gives back naive UTC, PostgreSQL aware."""
    return at if at.tzinfo else at.replace(tzinfo=UTC)


def enum_type(enum: type[StrEnum], length: int = 32) -> Any:
    return sa.Enum(
        enum,
        native_enum=False,
        length=length,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )
