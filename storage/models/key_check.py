"""What the station's keys make of a fixed text, written by the first process to start.

A process started with other keys (a command run without the server's environment, a key
file lost) would otherwise write rows nobody can read and compute blind indexes that never
match: a wanted person registered in a hotel would simply not be a hit.
"""

from __future__ import annotations

from sqlmodel import Field

from storage.models.base import TableModel


class KeyCheck(TableModel, table=True):
    __tablename__ = "key_check"

    id: int = Field(default=1, primary_key=True)
    #: The fixed text sealed with the data key current when the row was written.
    sealed: str
    #: The blind index of the fixed text.
    blind_index: str = Field(max_length=64)
