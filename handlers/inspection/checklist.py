"""The self-inspection checklist, kept as data (TOML) so a station can change it."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from storage.models import VenueKind

_KEY = re.compile(r"[a-z][a-z0-9_]{0,39}")


class ChecklistError(ValueError):
    """The checklist file is missing or malformed; the message names the item and key."""


#: What an [[item]] may say (checklist.toml explains each).
_KEYS = frozenset(
    {"key", "name", "question", "photo", "kinds", "urgent", "absent", "thing", "how", "means"}
)


@dataclass(frozen=True)
class CheckItem:
    key: str
    name: str
    question: str
    photo: bool = False
    #: Venue kinds that answer it; empty: every inspected venue.
    kinds: frozenset[VenueKind] = frozenset()
    #: What to do at once when it fails (tonight, before any review): the hazards that
    #: kill in small venues (people sleeping in the shop, e-bikes charged inside).
    urgent: str = ""
    #: The question asks that something be absent (无人住宿): 没有、没人住 answer 是 and
    #: 有、有人住 answer 否, the other way round from every other item.
    absent: bool = False
    #: What the item is about, which a venue may not have (电动车): a bare 没有 there may
    #: say there is none (no hazard, 是) or that it is not so (否), and is asked about;
    #: 没有电动车 answers 是.
    thing: str = ""
    #: How an owner who is not sure (不知道) checks it there and then (压力表指针在绿区):
    #: told with the question again, where 请回答「是」或「否」 had left them guessing.
    how: str = ""
    #: What counts and what does not (网管晚上睡在吧台也算住人): told to an owner who asks
    #: (算不算住宿？), whose question had been refused or kept as the answer's 说明.
    means: str = ""

    def applies_to(self, kind: VenueKind | str) -> bool:
        return not self.kinds or VenueKind(kind) in self.kinds


def _item(number: int, raw: object) -> CheckItem:
    where = f"checklist item {number}"
    if not isinstance(raw, dict):
        raise ChecklistError(f"{where}: expected a table")
    unknown = set(raw) - _KEYS
    if unknown:
        raise ChecklistError(f"{where}: unknown key {sorted(unknown)[0]!r}")
    key, name, question = raw.get("key"), raw.get("name"), raw.get("question")
    if not isinstance(key, str) or not _KEY.fullmatch(key):
        raise ChecklistError(f"{where}: 'key' must be lower-case letters, digits and _")
    urgent = raw.get("urgent", "")
    thing = raw.get("thing", "")
    how = raw.get("how", "")
    means = raw.get("means", "")
    for field, value, limit, needed in (
        ("name", name, 20, True),
        ("question", question, 200, True),
        ("urgent", urgent, 200, False),
        ("thing", thing, 10, False),
        ("how", how, 100, False),
        ("means", means, 100, False),
    ):
        if not needed and value == "":
            continue
        if not isinstance(value, str) or not value.strip() or len(value) > limit:
            raise ChecklistError(f"{where} ({key}): '{field}' must be text of 1-{limit} chars")
    photo = raw.get("photo", False)
    if not isinstance(photo, bool):
        raise ChecklistError(f"{where} ({key}): 'photo' must be true or false")
    absent = raw.get("absent", False)
    if not isinstance(absent, bool):
        raise ChecklistError(f"{where} ({key}): 'absent' must be true or false")
    kinds = raw.get("kinds", [])
    try:
        parsed = frozenset(VenueKind(k) for k in kinds)
    except (ValueError, TypeError):
        raise ChecklistError(f"{where} ({key}): 'kinds' has an unknown venue kind") from None
    assert isinstance(name, str) and isinstance(question, str) and isinstance(urgent, str)
    assert isinstance(thing, str) and isinstance(how, str) and isinstance(means, str)
    return CheckItem(
        key,
        name.strip(),
        question.strip(),
        photo,
        parsed,
        urgent.strip(),
        absent,
        thing.strip(),
        how.strip(),
        means.strip(),
    )


def parse_checklist(text: str) -> tuple[CheckItem, ...]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ChecklistError(f"checklist is not valid TOML: {exc}") from None
    raw_items = data.get("item")
    if not isinstance(raw_items, list) or not raw_items:
        raise ChecklistError("checklist has no [[item]] entries")
    items = tuple(_item(n, raw) for n, raw in enumerate(raw_items, start=1))
    for attribute in ("key", "name"):
        values = [getattr(item, attribute) for item in items]
        repeated = next((v for v in values if values.count(v) > 1), None)
        if repeated is not None:
            raise ChecklistError(f"checklist: {attribute} {repeated!r} is used twice")
    return items


def load_checklist(path: str = "") -> tuple[CheckItem, ...]:
    """The station's checklist at `path`, or the built-in one."""
    if not path:
        text = resources.files(__package__).joinpath("checklist.toml").read_text("utf-8")
        return parse_checklist(text)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise ChecklistError(f"cannot read checklist {path}: {exc.strerror}") from None
    return parse_checklist(text)
