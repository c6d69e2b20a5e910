"""李四 4403… 涉嫌抢劫 网上追逃的 别公开: the wanted form's answers said in one message.

An officer types what the case file says in one breath, at the photo question (after 没照片)
or at the name. The form reads it as a check-in said in one breath is read (`Form.reads`,
`handlers.registration.said_first`): the name, the ID number (with the sex and birth date it
gives) and the sex by that reading; the words only this form has, here: the offence for
案由 (网上追逃 said beside it joins it), and who may see the card (别公开 is 内部). What is
plainly none of them is said to be unused, never dropped in silence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.context import Context
from bot.forms import Form, FormEnv
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
    for word in said.split():
        if (case := _CASE.fullmatch(word)) and "case" not in answers:
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
