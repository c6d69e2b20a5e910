"""How a form is declared: fields with prompts, parsers, choices and conditions.

A parser receives the user's text and a `FormEnv` and returns a JSON-serialisable value (or a
`Derived` carrying extra answers it worked out, such as birth date and sex from an ID number),
or raises `bot.validators.Invalid` with a Chinese reason.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from bot.messages import Reply

if TYPE_CHECKING:
    from bot.context import Context

Answers = dict[str, Any]


@dataclass(frozen=True)
class FormEnv:
    """What a parser may know besides the text: earlier answers and the station's clock."""

    answers: Mapping[str, Any]
    today: date
    now: datetime


@dataclass(frozen=True)
class Derived:
    value: Any
    extra: Mapping[str, Any]


Parser = Callable[[str, FormEnv], Any]


def _always(_answers: Mapping[str, Any]) -> bool:
    return True


def _show(value: Any) -> str:
    if value is None or value == "":
        return "（无）"
    return str(value)


@dataclass(frozen=True)
class FormField:
    name: str
    label: str
    prompt: str
    parse: Parser
    optional: bool = False
    choices: tuple[str, ...] = ()
    #: Ask this field only when the answers so far say so.
    ask_when: Callable[[Mapping[str, Any]], bool] = _always
    #: Earlier fields whose change makes this answer stale (re-asked after an edit).
    depends_on: tuple[str, ...] = ()
    show: Callable[[Any], str] = _show


Submit = Callable[["Context", Answers], Awaitable[list[Reply]]]


@dataclass(frozen=True)
class Form:
    name: str
    title: str
    fields: tuple[FormField, ...]
    submit: Submit
    intro: str = ""
    _by_name: dict[str, FormField] = field(default_factory=dict, init=False, repr=False)

    def __post_init__(self) -> None:
        self._by_name.update({f.name: f for f in self.fields})

    def field(self, name: str) -> FormField:
        return self._by_name[name]

    def find(self, label_or_name: str) -> FormField | None:
        for f in self.fields:
            if label_or_name in (f.label, f.name):
                return f
        return None
