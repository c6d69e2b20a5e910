"""李四 4403… 涉嫌抢劫 网上追逃的 别公开: the wanted form's answers said in one message.

An officer types what the case file says in one breath, at the photo question (after 没照片)
or at the name. The form reads it as a check-in said in one breath is read (`Form.reads`,
`handlers.registration.said_first`): the name, the ID number (with the sex and birth date it
gives) and the sex by that reading; the words only this form has, here: the offence for
案由 (网上追逃 said beside it joins it), who may see the card (别公开 is 内部), and the
issuing unit (城关派出所, its phone said after it for 联系方式). What is
plainly none of them is said to be unused, never dropped in silence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.context import Context
from bot.forms import Derived, Form, FormEnv
from bot.forms.clock import local_time
from bot.forms.spec import Read
from bot.validators import Invalid
from handlers.registration import said_first
from handlers.wanted.form import INTERNAL, PUBLIC

#: 涉嫌抢劫, 涉嫌诈骗罪, 抢劫案, 案由：盗窃: the offence (案由), as the case file names it.
_CASE = re.compile(r"(?:案由[:：]?)?(涉嫌[\u4e00-\u9fff]{2,20}|[\u4e00-\u9fff]{2,12}[罪案])")
#: 网上追逃的, 已上网追逃, 网逃人员: the person is on the national list; said of the case.
_ON_THE_NET = re.compile(r"已?(?:网上|上网)追逃(?:的|人员|对象)?|网逃(?:人员|对象)?")
#: 别公开, 不要公开, 内部, 仅民警可见: the card stays inside the police (checked first: 别公开
#: holds 公开).
_INTERNAL = re.compile(
    r"(?:别|不要?|不能|勿|不可|先别)(?:对外)?(?:公开|发布)(?:的|了)?|内部(?:通缉|的)?|仅(?:限)?民警(?:可见)?"
)
_PUBLIC = re.compile(r"(?:可以|要|需要)?公开(?:通缉|发布)?(?:的)?|对外发布")
#: 城关派出所, 发布单位：某市公安局某分局: the unit that issues the notice, by the word its
#: name ends in.
_UNIT = re.compile(
    r"(?:发布单位[:：]?)?([\u4e00-\u9fff\d]{1,30}(?:派出所|公安局|分局|公安处|公安厅|刑警大队"
    r"|刑侦大队|治安大队|大队|支队|警务站))"
)
#: 电话, 联系电话：, 0571-87654321, 139: the words of a phone said after the unit.
_PHONE_WORD = re.compile(
    r"(?:(?:联系|值班|报警|办公)?(?:电话|手机|热线|座机)(?:号码?)?)?[:：]?[\d\-－+]*", re.I
)
#: 只有个身份证号, 身份证号: the number's name said beside it, which answers nothing.
_NUMBER_NAMED = re.compile(r"(?:只有|就有|有)?一?个?(?:身份证|证件)号?码?")


async def read(ctx: Context, form: Form, said: str, answered: Mapping[str, Any]) -> Read:
    """`said` read for the wanted form (see `bot.forms.spec.Form.reads`)."""
    local = local_time(ctx)
    env = FormEnv(answered, local.date(), local)
    answers: dict[str, Any] = {}
    refused: list[str] = []
    rest: list[str] = []
    named: list[str] = []  # 只有个身份证号: nothing, if the number is said too
    on_the_net = False
    words = said.split()
    while words:
        word = words.pop(0)
        if (unit := _UNIT.fullmatch(word)) and "issuing_unit" not in answers:
            # 城关派出所 电话 139…: the unit's phone said with it, one answer with the unit
            # (the card's 联系方式, as at the unit's own question), not words left unused.
            phone: list[str] = []
            while words and _PHONE_WORD.fullmatch(words[0]) and _digits([*phone, words[0]]) <= 13:
                phone.append(words.pop(0))  # not an ID number's 18 digits
            if not _digits(phone):
                words[:0], phone = phone, []  # 电话 with no number: said back unused
            spoken = " ".join([unit[1], *phone])
            try:
                parsed = form.field("issuing_unit").parse(spoken, env)
            except Invalid as exc:
                refused.append(f"{form.field('issuing_unit').label}：{exc.reason}")
                continue
            if isinstance(parsed, Derived):
                # An answer of its own, named among those kept (已记下：…发布单位、联系方式).
                answers["issuing_unit"] = parsed.value
                answers.update(parsed.extra)
            else:
                answers["issuing_unit"] = parsed
        elif (case := _CASE.fullmatch(word)) and "case" not in answers:
            answers["case"] = case[1]
        elif _ON_THE_NET.fullmatch(word):
            on_the_net = True
        elif _INTERNAL.fullmatch(word):
            answers["visibility"] = INTERNAL
        elif _PUBLIC.fullmatch(word):
            answers["visibility"] = PUBLIC
        elif _NUMBER_NAMED.fullmatch(word):
            named.append(word)
        else:
            rest.append(word)
    if on_the_net:
        if "case" in answers:
            answers["case"] = f"{answers['case']}，网上追逃"
        else:
            rest.append("网上追逃")  # no offence said to go with it
    if "case" in answers:
        try:
            answers["case"] = form.field("case").parse(answers["case"], env)
        except Invalid as exc:
            refused.append(f"{form.field('case').label}：{exc.reason}")
            del answers["case"]
    found = await said_first.read(ctx, form, " ".join(rest), {**answered, **answers})
    unused = [*found.unused, *([] if "doc_no" in found.answers else named)]
    return Read(
        {**found.answers, **answers},
        found.derived,
        found.later,
        unused,
        [*found.refused, *refused],
        found.asked,
    )


def _digits(words: list[str]) -> int:
    return sum(ch.isdigit() for word in words for ch in word)
