"""登记 李娜 330102198511124568 302房: what an owner types after the command.

People say a check-in in one breath. The words that are plainly a name, a resident ID
number or a room become the form's first answers, each read by its own field's parser and
check (a guest already in the house is refused as in the form); the form then asks only
for the rest, and the summary shows everything before it is submitted. What is not plainly
one of those is left for the form to ask.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.context import Context
from bot.forms import Form, FormEnv
from bot.forms.engine import local_time
from bot.forms.spec import Derived
from bot.validators import Invalid
from bot.validators.documents import DocumentType

_ID_NUMBER = re.compile(r"\d{17}[\dXx]")
_ROOM = re.compile(r"(\d{1,5}[A-Za-z]?)(?:号房间?|房间?|室)?")
_NAME = re.compile(r"[\u4e00-\u9fff·]{2,8}")
#: Words around the answers that are no name: 登记 张三 住 302.
_NOT_NAMES = frozenset({"旅客", "客人", "住客", "入住", "房间", "租客", "登记", "一下", "身份证"})


@dataclass
class Said:
    """The answers found, and by field those of them its answer derived."""

    answers: dict[str, Any] = field(default_factory=dict)
    derived: dict[str, list[str]] = field(default_factory=dict)


async def _read(
    ctx: Context, form: Form, name: str, text: str, answers: Mapping[str, Any]
) -> dict[str, Any]:
    """The field's answer (and what it derives) for `text`, or nothing if it is not one."""
    asked = form.field(name)
    local = local_time(ctx)
    try:
        parsed = asked.parse(text, FormEnv(answers, local.date(), local))
    except Invalid:
        return {}
    value, extra = (parsed.value, parsed.extra) if isinstance(parsed, Derived) else (parsed, {})
    if asked.check is not None and await asked.check(ctx, value, answers) is not None:
        return {}  # the form asks again, and says why there
    return {name: value, **extra}


async def first_answers(ctx: Context, form: Form, said: str, fixed: Mapping[str, Any]) -> Said:
    """Answers of `form` plainly said in `said`; `fixed` are its prefilled answers."""
    found = Said()
    answers = found.answers
    names = {f.name for f in form.fields}
    for word in said.split():
        known = {**fixed, **answers}
        if _ID_NUMBER.fullmatch(word) and "doc_no" in names and "doc_no" not in answers:
            resident = {**known, "doc_type": DocumentType.RESIDENT_ID.value}
            number = await _read(ctx, form, "doc_no", word.upper(), resident)
            if number:
                answers.update({"doc_type": DocumentType.RESIDENT_ID.value, **number})
                found.derived["doc_no"] = [n for n in number if n != "doc_no"]
        elif (room := _ROOM.fullmatch(word)) and "room" in names and "room" not in answers:
            answers.update(await _read(ctx, form, "room", room[1], known))
        elif (
            _NAME.fullmatch(word)
            and word not in _NOT_NAMES
            and "name" in names
            and "name" not in answers
        ):
            answers.update(await _read(ctx, form, "name", word, known))
    return found


def said_line(form: Form, said: Said) -> str:
    """已记下：姓名 李娜、证件号码、房间号 302 — the number itself is not echoed."""
    followers = {name for names in said.derived.values() for name in names}
    parts = []
    for asked in form.fields:
        if asked.name not in said.answers or asked.name in followers:
            continue
        shown = "" if asked.name == "doc_no" else f" {asked.show(said.answers[asked.name])}"
        parts.append(f"{asked.label}{shown}")
    return f"已记下：{'、'.join(parts)}。" if parts else ""
