"""A report made for someone else (是我妈被骗的，我帮她报): who the victim is.

Said where the reporter's own details are offered (使用您上次报案时填写的吗), its leading 是
had been read as yes: the mother was nowhere in the report. The victim is kept with the
case details, and the reporter's details are still the reporter's own.
"""

from __future__ import annotations

import re
from typing import Any

from bot.forms import Derived, FormEnv, More
from bot.forms.spec import Parser
from bot.validators import Invalid

#: Whom the report is for, among the answers (kept with the case details on submit).
VICTIM = "victim"

#: The relatives and others a report is made for, as said, and as the report names them.
_KIN = {
    "妈妈": "母亲",
    "老妈": "母亲",
    "妈": "母亲",
    "母亲": "母亲",
    "爸爸": "父亲",
    "老爸": "父亲",
    "爸": "父亲",
    "父亲": "父亲",
    "奶奶": "奶奶",
    "爷爷": "爷爷",
    "外婆": "外婆",
    "姥姥": "姥姥",
    "外公": "外公",
    "姥爷": "姥爷",
    "老婆": "妻子",
    "媳妇": "妻子",
    "妻子": "妻子",
    "老公": "丈夫",
    "丈夫": "丈夫",
    "爱人": "爱人",
    "儿子": "儿子",
    "女儿": "女儿",
    "孩子": "孩子",
    "哥哥": "哥哥",
    "姐姐": "姐姐",
    "弟弟": "弟弟",
    "妹妹": "妹妹",
    "朋友": "朋友",
    "同事": "同事",
    "邻居": "邻居",
    "亲戚": "亲戚",
    "家里老人": "家里老人",
}
_WHO = "|".join(sorted(_KIN, key=len, reverse=True))
#: 我妈, 俺家老人, 我的朋友: someone of the reporter's.
_THEIRS = re.compile(rf"(?:我|俺)(?:的|家)?({_WHO})")
#: 我妈被骗的, 我爸让人偷了: the one it happened to.
_HAPPENED_TO = re.compile(rf"(?:我|俺)(?:的|家)?(?:{_WHO})(?:被|让人|叫人|遭)")
#: 我帮她报, 替我爸报案, 代家人报: the report is made for another.
_FOR_ANOTHER = re.compile(
    rf"(?:帮|替|代|给|为)(?:我|俺)?(?:的|家)?(?:{_WHO}|她|他|别人|家人|老人)(?:来)?报"
    r"|代(?:为|替)?报"
)
#: The victim when the words name none (我替别人报的).
SOMEONE = "他人"
#: Where a clause ends: 我帮我妈报，她手机被偷了 is two.
_CLAUSES = re.compile(r"[\s，,。；;！!]+")


def victim_said(text: str) -> str | None:
    """母亲 of 是我妈被骗的，我帮她报: whom the report is for, when `text` says it is made
    for someone else; `SOMEONE` when it names nobody; None when it says no such thing."""
    if not (_HAPPENED_TO.search(text) or _FOR_ANOTHER.search(text)):
        return None
    theirs = _THEIRS.search(text)
    return _KIN[theirs[1]] if theirs else SOMEONE


def victim_shown(victim: str) -> str:
    """报案人的母亲（报案人代为报案）: as the officer reads it among the case details."""
    who = victim if victim == SOMEONE else f"报案人的{victim}"
    return f"{who}（报案人代为报案）"


def _whom(victim: str) -> str:
    """The victim as the reporter is told of them: 您的母亲, or 他人."""
    return "他人" if victim == SOMEONE else f"您的{victim}"


def victim_noted(victim: str) -> str:
    """What the reporter is told when the victim is kept."""
    return f"已记下：受害人是{_whom(victim)}，由您代为报案（写入报案内容，民警会看到）。报案人信息请填写您本人的。"


def victim_summed(victim: str) -> str:
    """受害人：您的母亲（由您代为报案）: the line of the summary the reporter confirms."""
    return f"受害人：{_whom(victim)}（由您代为报案）"


def _rest(text: str) -> str:
    """`text` less the clauses that say the report is made for another (我帮我妈报): what
    is left may answer the question asked (她手机被偷了 does not answer 什么时候)."""
    kept = [part for part in _CLAUSES.split(text.strip()) if part and not _FOR_ANOTHER.search(part)]
    return "，".join(kept)


def reading_victim(parse: Parser) -> Parser:
    """A report question's parser that first keeps whom the report is for, when the words
    say it is made for someone else (我帮我妈报，她手机被偷了 at the time, 我是帮我妈报的
    at the reporter's name): only the reuse offer had read it, and a first report had
    none, so the mother was nowhere, or the reporter's name refused as 一句话. The rest
    of the words is read as the answer; when it answers nothing, the question is asked
    again (`More`), the victim kept."""

    def parsed(text: str, env: FormEnv) -> Any:
        victim = victim_said(text)
        if victim is None:
            return parse(text, env)
        note = victim_noted(victim)
        rest = _rest(text)
        if rest:
            try:
                answer = parse(rest, env)
            except Invalid:
                pass
            else:
                if isinstance(answer, More):
                    return More(
                        answer.value, f"{note}\n{answer.note}", {**answer.extra, VICTIM: victim}
                    )
                if isinstance(answer, Derived):
                    said = f"{note}\n{answer.note}" if answer.note else note
                    return Derived(answer.value, {**answer.extra, VICTIM: victim}, said)
                return Derived(answer, {VICTIM: victim}, note)
        return More(None, note, {VICTIM: victim})

    return parsed
