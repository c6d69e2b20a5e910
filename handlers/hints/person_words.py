"""An officer asking after a person in their own words (帮我查下张伟住哪, 查一下张伟): the
person lookup, as 查人 张伟 runs it (and audits it). Only 查人 张伟 had found them: the
rest got 没有理解."""

from __future__ import annotations

import re

from bot.router import STAFF, Router
from bot.validators import Invalid
from bot.validators.text import parse_person_name
from storage.models import Role

#: 帮我查下张伟住哪, 查一下张伟这个人, 查查张伟住在哪里: asking to look up, a name of two to
#: four characters, and what is asked of the person.
_ASKS_AFTER = re.compile(
    r"^(?:请|麻烦)?你?(?:帮我|帮忙|给我|替我|帮)?(?:查一下|查查|查下|查|搜一下|搜下|找一下|找下)"
    r"(?:这个人|此人)?[：:\s]*"
    r"(?P<name>(?![下一])[\u4e00-\u9fff·]{2,4}?)"
    r"(?:这个人|此人)?的?(?:现在)?(?:住哪[里儿]?|住在哪[里儿]?|在哪住|在哪[里儿]?|住址|住处|信息|登记|记录)?"
    r"[吗呢啊吧？?。！!\s]*$"
)
#: First characters of words that are no name (今天, 这个, 我们, 什么, 有没有, 最近).
_NOT_A_NAME_START = re.compile(r"^[今昨明前这那哪谁什怎我你他她它有没最每本全所]")
#: Endings of places, not people (平安旅馆, 幸福里3号楼).
_PLACE_ENDING = re.compile(r"[馆店吧所院场厅屋号楼区路街村镇里园宿馆社栋单元]$")


def person_asked(root: Router, text: str, role: Role) -> str | None:
    """`/查人 NAME` for an officer's sentence asking after NAME; None for anything else, a
    feature's name among them (查一下任务)."""
    if role not in STAFF:
        return None
    found = _ASKS_AFTER.match(text.strip())
    if found is None:
        return None
    said = found["name"]
    if _NOT_A_NAME_START.match(said) or _PLACE_ENDING.search(said):
        return None
    if root.suggest(said, role) is not None:
        return None
    try:
        name = parse_person_name(said)
    except Invalid:
        return None
    return f"/查人 {name}"
