"""The schema's base class: what it sets reaches the tables and nothing else."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from sqlmodel import SQLModel

import storage.models  # noqa: F401  (every table registered)
from storage.models.base import TableModel


def test_every_table_defers_building_its_validator() -> None:
    tables = [m.class_ for m in SQLModel._sa_registry.mappers]
    assert len(tables) > 30
    assert all(issubclass(t, TableModel) for t in tables), [
        t.__name__ for t in tables if not issubclass(t, TableModel)
    ]
    assert all(t.model_config.get("defer_build") for t in tables)


def test_a_model_that_is_no_table_is_built_and_checked_as_defined() -> None:
    """The setting had been made on SQLModel itself, for every model of the program."""

    class Body(SQLModel):
        count: int

    assert not SQLModel.model_config.get("defer_build")
    assert not Body.model_config.get("defer_build")
    assert Body.__pydantic_complete__
    with pytest.raises(ValidationError):
        Body.model_validate({"count": "many"})
