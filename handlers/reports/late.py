"""Answers typed for another question of the report: 昨晚9点 at the vehicle's description,
幸福里3号楼下 at its value, 店里收银台的钱被偷了 at the time, a phone at the name.

Residents answer what they have in mind, often the question before or after the one asked.
Each question's parser is wrapped here: a text that is plainly the answer of a later
question still open is kept there (`bot.forms.Misplaced`), and the question asked is asked
again. A time is read as one before the question's own parser, which may take any text;
an address, a story or a phone only where the question refuses the text (a description
may say where the bike stood, a witness's line give a phone).

The officer had read 品牌颜色：昨晚9点, 车牌/车架号：雅迪 白色, and an address typed at the
value had to be typed again.

A part of a text may answer a later question too (车牌豫A12345 in 雅迪 白色 车牌豫A12345):
it is cut out and kept there (`_Part`), the rest answering the question asked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from bot.forms import Derived, FormEnv, FormField, Misplaced
from bot.validators import Invalid
from bot.validators.phone import parse_mobile
from handlers.reports.templates import LOCKED, template_for_story
from handlers.services.when import parse_when


def _time_or_place(text: str, env: FormEnv) -> str:
    """The question a time or an address answers: "when" for a moment (昨晚9点; not a
    vague 晚上, which many answers hold), "place" for an address with no time in it
    (幸福里3号楼下), as the time question reads them; else ""."""
    try:
        return "when" if "at" in parse_when(text, env) else ""
    except Misplaced as exc:
        return exc.to
    except Invalid:
        return ""


def _a_moment(text: str, env: FormEnv) -> bool:
    return _time_or_place(text, env) == "when"


#: Words of a place with no house number (3路公交车上, 地铁2号线, 菜市场门口): read as one
#: only where the question asked refuses the text, and only a short text that tells no
#: story (店里收银台的钱被偷了 is what happened).
_PLACE_WORDS = re.compile(
    r"公交|地铁|车上|车站|站台|路口|路边|路上|[0-9０-９一二三四五六七八九十]路|街|巷|弄|小区|"
    r"门口|楼下|楼道|市场|商场|超市|广场|公园|医院|学校|银行|停车场|车库|附近|对面|旁边"
)
_PLACE_LENGTH = 20


def _an_address(text: str, env: FormEnv) -> bool:
    if _time_or_place(text, env) == "place":
        return True
    said = text.strip()
    return (
        len(said) <= _PLACE_LENGTH
        and _PLACE_WORDS.search(said) is not None
        and not _a_story(said, env)
        and not _tells_a_time(said, env)
    )


def _tells_a_time(text: str, env: FormEnv) -> bool:
    """前天在地铁上丢的: a time (even a vague one) with the place, which is no place alone."""
    try:
        parse_when(text, env)
    except Invalid:
        return False
    return True


#: Fewer characters than this are a word (小偷), not what happened.
_STORY_LENGTH = 6


def _a_story(text: str, _env: FormEnv) -> bool:
    """店里收银台的钱被偷了: what happened, as a report is offered for it."""
    said = text.strip()
    return len(said) >= _STORY_LENGTH and template_for_story(said) is not None


def _a_lock_answer(text: str, env: FormEnv) -> bool:
    """已上锁, 没锁: the answer of 是否上锁 (typed at the plate, it had been refused)."""
    try:
        LOCKED.parse(text, env)
    except Invalid:
        return False
    return True


def _a_phone(text: str, _env: FormEnv) -> bool:
    try:
        parse_mobile(text)
    except Invalid:
        return False
    return True


@dataclass(frozen=True)
class _Late:
    """Answers of the question `to`, told apart by `reads`."""

    to: str
    #: What the text is, in 这像是…: said when the answer is kept there.
    what: str
    reads: Callable[[str, FormEnv], bool]
    #: Read only when the question asked refuses the text.
    refused_only: bool = False


#: The case's answers that come late or early, in the order they are tried.
CASE: tuple[_Late, ...] = (
    _Late("when", "时间", _a_moment),
    # Refused only: a description may say where the bike stood (停在3号楼下 白色雅迪).
    _Late("place", "地点", _an_address, refused_only=True),
    _Late("story", "经过", _a_story, refused_only=True),
    _Late("locked", "是否上锁", _a_lock_answer, refused_only=True),
)


@dataclass(frozen=True)
class _Part:
    """A part of a text that answers the later question `to` (车牌豫A12345 in 雅迪 白色
    车牌豫A12345, typed at the description): cut out and kept there, the rest the answer
    of the question asked. The plate had been asked for again."""

    to: str
    what: str
    #: The part, or None; the text less the part is the rest, its group "value" (or
    #: "plate") the answer.
    finds: Callable[[str], re.Match[str] | None]


#: 车牌豫A12345, 车牌号：12345678, 车架号 LXX1234…: a label and the number after it;
#: or a plate of a province (豫A12345, 浙A·D12345) standing by itself.
_PLATE = re.compile(
    r"(?:车牌号?码?|号牌|牌照|车架号|电机号)\s*(?:是|为|[:：])?\s*"
    r"(?P<value>[\u4e00-\u9fa5]?[A-Za-z0-9·•.\-]{4,20})"
    r"|(?P<plate>[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]"
    r"[A-Za-z][·•.\-]?[A-Za-z0-9]{5,6})(?![A-Za-z0-9])"
)


def _a_plate(text: str) -> re.Match[str] | None:
    return _PLATE.search(text)


def plate_in(text: str) -> str | None:
    """The plate or frame number `text` names (车牌是京A12345, 豫A12345 alone), if any."""
    found = _PLATE.search(text)
    return (found["value"] or found["plate"]) if found else None


#: The case's answers that come inside another's text.
CASE_PARTS: tuple[_Part, ...] = (_Part("vehicle_no", "车牌/车架号", _a_plate),)
#: What is left around a part: 雅迪 白色，车牌 … loses its comma.
_EDGES = " \t,，;；、。:："


#: The reporter's: a phone at the name or the document type.
REPORTER: tuple[_Late, ...] = (_Late("phone", "手机号", _a_phone, refused_only=True),)


def routing_late_answers(
    fields: Sequence[FormField], late: Sequence[_Late], parts: Sequence[_Part] = ()
) -> tuple[FormField, ...]:
    """`fields` (in the order asked), each passing on to a later one of them the answers
    of `late` typed at it, and the `parts` of its text that answer a later one."""
    names = [f.name for f in fields]
    return tuple(
        _splitting(
            _passing_on(field, [k for k in late if k.to in names[at + 1 :]]),
            [p for p in parts if p.to in names[at + 1 :]],
        )
        for at, field in enumerate(fields)
    )


def _splitting(field: FormField, parts: Sequence[_Part]) -> FormField:
    if not parts or field.accepts_photos:
        return field
    own = field.parse

    def parse(text: str, env: FormEnv) -> Any:
        for part in parts:
            found = part.finds(text) if part.to not in env.answers else None
            if found is None:
                continue
            value = found["value"] or found["plate"]
            rest = f"{text[: found.start()].strip(_EDGES)} {text[found.end() :].strip(_EDGES)}"
            if not rest.strip():
                raise Misplaced(f"这像是{part.what}，不是{field.label}。", to=part.to)
            parsed = own(rest.strip(), env)
            if isinstance(parsed, Derived):
                return Derived(parsed.value, {**parsed.extra, part.to: value})
            return Derived(parsed, {part.to: value})
        return own(text, env)

    return replace(field, parse=parse)


def _passing_on(field: FormField, late: Sequence[_Late]) -> FormField:
    if not late or field.accepts_photos:
        return field  # a photo question passes text on by itself (`photo_field`)
    own = field.parse

    def parse(text: str, env: FormEnv) -> Any:
        for kind in late:
            if not kind.refused_only and _open(kind, env) and kind.reads(text, env):
                raise Misplaced(f"这像是{kind.what}，不是{field.label}。", to=kind.to)
        try:
            return own(text, env)
        except Misplaced:
            raise
        except Invalid as exc:
            for kind in late:
                if kind.refused_only and _open(kind, env) and kind.reads(text, env):
                    raise Misplaced(exc.reason, to=kind.to) from None
            raise

    return replace(field, parse=parse)


def _open(kind: _Late, env: FormEnv) -> bool:
    return kind.to not in env.answers  # skipped (None) is answered
