"""Where a user is in a form; stored (encrypted) as JSON in `form_state`."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

CONFIRM = "__confirm__"
#: The list of fields to change is shown (after 修改): a number picks one of them.
CHOOSING_EDIT = "__edit__"


@dataclass
class Progress:
    form_name: str
    answers: dict[str, Any] = field(default_factory=dict)
    #: Fields answered, in the order asked, for 上一步.
    history: list[str] = field(default_factory=list)
    #: Extra answer keys each field derived, so going back clears them too.
    derived: dict[str, list[str]] = field(default_factory=dict)
    #: Fields filled in advance by whoever started the form (never asked).
    prefilled: list[str] = field(default_factory=list)
    #: A short name of the record the prefill is for (提问 #3), named when another start
    #: for another record finds this one unfinished.
    about: str = ""
    current: str = ""
    #: Partial answers of fields still collecting (see `bot.forms.spec.More`).
    drafts: dict[str, Any] = field(default_factory=dict)
    #: By field, words said before the question they answer could read them (住两晚
    #: before the check-in time): read once the answers they need are in.
    pending: dict[str, str] = field(default_factory=dict)
    #: The last reply asked "要放弃吗？": a yes now cancels, it never confirms the form.
    quitting: bool = False
    #: Answers read from the record the form changes (修改 a wanted card), as read: they
    #: are editable, but only those the user changed are the user's own work.
    loaded: dict[str, Any] = field(default_factory=dict)
    #: By field, the answer 上一步 took back and what it derived (the 是 of 电动车搬走了
    #: and the words as its note): given the same answer again, the field gets those back
    #: (see `derived_for`), where they had been lost without a word.
    taken_back: dict[str, dict[str, Any]] = field(default_factory=dict)
    #: By field, the answer the last reply asked about (您是选择「护照」吗？, see
    #: `bot.forms.spec.AskedBack`): a yes typed next is that answer.
    asked_back: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> str:
        # vars() rather than dataclasses.asdict: no deep copy, on the busiest path.
        return json.dumps(vars(self), ensure_ascii=False, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Progress:
        data = json.loads(text)
        # During a rolling upgrade a newer replica may have saved fields this version does
        # not know: they are left out, rather than failing the user's form mid-way.
        known = cls.__dataclass_fields__
        return cls(**{name: value for name, value in data.items() if name in known})

    def typed(self) -> list[str]:
        """The fields the user answered: neither prefilled nor loaded and left as loaded."""
        return [
            n
            for n in self.history
            if n not in self.prefilled
            and (n not in self.loaded or self.answers.get(n) != self.loaded[n])
        ]

    def forget(self, name: str) -> None:
        self.answers.pop(name, None)
        self.drafts.pop(name, None)
        self.taken_back.pop(name, None)
        for key in self.derived.pop(name, []):
            self.answers.pop(key, None)
        if name in self.history:
            self.history.remove(name)

    def derived_of(self, name: str) -> dict[str, Any]:
        """The answers field `name`'s answer derived, as they are now."""
        return {key: self.answers[key] for key in self.derived.get(name, []) if key in self.answers}

    def take_back(self, name: str) -> None:
        """Forget field `name`'s answer for 上一步, keeping it and what it derived for
        `derived_for`."""
        kept = {"value": self.answers.get(name), "derived": self.derived_of(name)}
        self.forget(name)
        if kept["derived"]:
            self.taken_back[name] = kept

    def derived_for(self, name: str, value: Any) -> dict[str, Any]:
        """What field `name`'s answer derived, if that answer was `value`: the answer it has
        (修改, then the same), or the one 上一步 took back; else nothing."""
        if name in self.answers:
            return self.derived_of(name) if self.answers[name] == value else {}
        back = self.taken_back.get(name)
        return dict(back["derived"]) if back and back["value"] == value else {}

    def take(self, name: str, value: Any, derived: Mapping[str, Any] | None = None) -> None:
        """Record `value` as the answer of field `name`, with the answers it `derived` (sex
        from an ID number), which follow it when it is changed or gone back over."""
        extra = dict(derived or {})
        self.taken_back.pop(name, None)
        self.answers[name] = value
        self.answers.update(extra)
        self.derived[name] = list(extra)
        self.history.append(name)
