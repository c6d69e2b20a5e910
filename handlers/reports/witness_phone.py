"""A witness, and how to reach them: named with no contact (有个卖菜的大姐看到了), the
answer says so (有目击者，未留联系方式) for the officer to know to ask; a phone typed for
them later in the form (她电话139… at the photos, 大爷的电话是139… at the reporter's phone)
is kept as theirs.

It had been lost at the photos (请直接发送照片), and at the reporter's phone read as the
reporter's own.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from bot.forms import Derived, FormEnv, FormField, More
from bot.forms.spec import Parser
from bot.validators import Invalid
from bot.validators.masking import mask_phone
from bot.validators.normalize import fold
from bot.validators.phone import IN_TEXT, parse_phone

#: The witnesses' question, among the answers.
WITNESSES = "witnesses"
#: Said when a witness is kept with no contact.
NO_CONTACT = "有目击者，未留联系方式"
#: Kept after a witness named with no contact, until a phone replaces it.
_NO_CONTACT_MARK = "（未留联系方式）"
#: 没人看到, 应该没有吧, 好像没人: no witness, said in words of one's own.
_NONE = re.compile(r"^(?:应该|好像|可能|估计|大概)?(?:没|无|不知道|不清楚|不记得|不确定)")
#: Whom a phone typed later is said to be of, besides words of the witness's own answer.
_THEIRS = re.compile(r"目击|证人|他|她|那个|那位|这个|这位|此人")
#: The reporter speaking of their own number.
_MINE = re.compile(r"我|本人|自己")
#: What stands around a phone in 大爷的电话是139…: no words of whose it is.
_AROUND = re.compile(r"[\s，,。：:；;！!]|的|电话|手机|号码?|联系方式|是|为")


#: Said after a phone kept at the photos, which still wait.
_PHOTOS_WAIT = "有照片请直接发送；发完或没有请回复「完成」。"


def names_a_witness(text: str) -> bool:
    """Whether `text`, the witnesses' answer, names one (隔壁店老板), not none (没人看到)."""
    return _NONE.match(text.strip()) is None


def _phone_in(text: str) -> str | None:
    found = IN_TEXT.search(fold(text, limit=None))
    if found is None:
        return None
    try:
        return parse_phone(found.group())
    except Invalid:
        return None


def noting_no_contact(parse: Parser) -> Parser:
    """The witnesses' parser, a witness with no phone noted as such (`NO_CONTACT`)."""

    def parsed(text: str, env: FormEnv) -> Any:
        value = parse(text, env)
        if not isinstance(value, str) or _phone_in(value) or not names_a_witness(value):
            return value
        note = f"已记下：{NO_CONTACT}。之后知道目击者的电话，直接发来即可，会记为目击者的联系方式。"
        return Derived(f"{value}{_NO_CONTACT_MARK}", {}, note)

    return parsed


def shown(value: Any) -> str:
    """The witnesses' answer on the reporter's screen, a phone in it masked as the
    reporter's own is beside it (the officer reads it whole)."""
    if value in (None, ""):
        return "（无）"
    return IN_TEXT.sub(lambda found: mask_phone(found.group()), str(value))


def _for_witness(text: str, witness: str, *, bare: bool) -> bool:
    """Whether a phone in `text` is said to be the witness's: named so (她, 目击者, a word
    of the witness's own answer: 大爷), or, where `bare`, given with no word of whose."""
    rest = _AROUND.sub("", IN_TEXT.sub("", fold(text, limit=None)))
    if _MINE.search(rest):
        return False
    if not rest:
        return bare
    return _THEIRS.search(rest) is not None or rest in witness


def after_witnesses(fields: tuple[FormField, ...]) -> tuple[FormField, ...]:
    """A case's `fields`, those asked after the witnesses taking a phone for them, a number
    alone too: one typed at a question before them (修改 对方情况) is that question's."""
    names = [f.name for f in fields]
    if WITNESSES not in names:
        return fields
    at = names.index(WITNESSES)
    return (*fields[: at + 1], *(taking_witness_phone(f, bare=True) for f in fields[at + 1 :]))


def taking_witness_phone(field: FormField, *, bare: bool) -> FormField:
    """`field`, a phone typed at it for a witness kept with no contact taken as theirs,
    and the question asked again (`More`). `bare`: a number with no word of whose is
    theirs too (at the case's questions; at the reporter's own, it is the reporter's)."""
    if field.name == WITNESSES:
        return field
    parse = field.parse

    def parsed(text: str, env: FormEnv) -> Any:
        witness = env.answers.get(WITNESSES)
        if not isinstance(witness, str) or not witness.endswith(_NO_CONTACT_MARK):
            return parse(text, env)
        phone = _phone_in(text)
        if phone is None or not _for_witness(text, witness, bare=bare):
            return parse(text, env)
        kept = f"{witness.removesuffix(_NO_CONTACT_MARK)}（联系电话：{phone}）"
        note = f"已记为目击者的联系电话：{mask_phone(phone)}。"
        if not field.accepts_photos:
            return More(None, note, {WITNESSES: kept})
        # As details typed at a tip's photos are: the photos wait, 完成 ends them.
        return More(list(env.draft or []), f"{note}{_PHOTOS_WAIT}", {WITNESSES: kept})

    return replace(field, parse=parsed)
