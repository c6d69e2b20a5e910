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
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from bot.forms import FormEnv, FormField, Misplaced
from bot.validators import Invalid
from bot.validators.phone import parse_mobile
from handlers.reports.templates import template_for_story
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


def _an_address(text: str, env: FormEnv) -> bool:
    return _time_or_place(text, env) == "place"


#: Fewer characters than this are a word (小偷), not what happened.
_STORY_LENGTH = 6


def _a_story(text: str, _env: FormEnv) -> bool:
    """店里收银台的钱被偷了: what happened, as a report is offered for it."""
    said = text.strip()
    return len(said) >= _STORY_LENGTH and template_for_story(said) is not None


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
)
#: The reporter's: a phone at the name or the document type.
REPORTER: tuple[_Late, ...] = (_Late("phone", "手机号", _a_phone, refused_only=True),)


def routing_late_answers(
    fields: Sequence[FormField], late: Sequence[_Late]
) -> tuple[FormField, ...]:
    """`fields` (in the order asked), each passing on to a later one of them the answers
    of `late` typed at it."""
    names = [f.name for f in fields]
    return tuple(
        _passing_on(field, [k for k in late if k.to in names[at + 1 :]])
        for at, field in enumerate(fields)
    )


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
