"""A question about the tip itself, asked while it is being filled in (这种情况警察会管吗,
我这样举报会不会被报复): answered in the tip's own terms, what happens to it next and who
sees what, and the step asked again.

这种情况警察会管吗 at the photos had gone to the law search and got 没有找到…相关的法律
条文; 我这样举报会不会被报复 got the answer for someone still deciding to report, with a
「匿名举报」 button to start the very tip being filled in.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from bot.forms import FormEnv, FormField
from bot.forms.spec import Advice
from handlers.tips.told import tells_what_happened
from handlers.tips.worry import hesitates
from knowledge.intent import asks

#: Whether the police will act on it, and what comes of it.
_HANDLED = re.compile(
    r"管不管|会管|能管|管吗|管么|管嘛|处理吗|会处理|能处理|怎么处理|有用吗|有没有用|管用吗|"
    r"多久|多长时间|然后呢|接下来|之后(?:会|怎么)|会来吗|会查吗|会抓吗|有人管"
)
#: Being found out, beyond `worry.hesitates`' words: 他们会知道是我举报的吗.
_FOUND_OUT = re.compile(r"知道是我|查到我|找到我|找上门|认出我")
#: What a worry about the tip names: 不敢拍 at the photos is about the photo, and says
#: there is none.
_OF_REPORTING = re.compile(r"举报|报复|泄露|泄漏|暴露|保密|安全|知道|查到|找到|找上门|认出")
#: Longest message read as such a question alone: more is a story with a question in it.
_LONGEST = 30
_MARKS = re.compile(r"[\s，,。.！!？?~～…]")

#: The contact step's parsers answer the worry themselves, about the phone asked there.
CONTACT_STEPS = ("contact_choice", "contact")

HANDLED = (
    "会的：提交后，这条举报会转给所在片区的社区民警，民警会核实、依法处理。提交后您会收到"
    "查询码，凭它可以查看进展、补充情况，民警有问题也会通过这里问您。情况紧急请直接拨打110。"
)
_ANONYMOUS = (
    "可以放心：这条举报默认匿名，民警只看到一个代号，看不到您的账号和姓名；不会告诉被举报的人，"
    "也不会公开。留不留电话由您决定，留了也只有处理线索的民警能看到。"
)
_WITH_PHONE = (
    "可以放心：民警看不到您的账号，您留的电话只有处理线索的民警能看到，不会告诉被举报的人，"
    "也不会公开。不想留电话了，可以「修改 联系方式」改为匿名。"
)
_THREATENED = "如果受到威胁，请马上拨打110。"


def _worried(text: str) -> bool:
    plain = _MARKS.sub("", text)
    if hesitates(text, of_a_tip=True):
        return _OF_REPORTING.search(plain) is not None
    return bool(plain) and len(plain) <= _LONGEST and _FOUND_OUT.search(plain) is not None


def asks_of_the_tip(text: str) -> bool:
    """Whether `text` is a question about the tip itself: will the police act on it, or
    will the one reporting be found out. A story with a question in it is the story."""
    plain = _MARKS.sub("", text)
    if not plain or len(plain) > _LONGEST or tells_what_happened(plain):
        return False
    if _worried(text):
        return True
    return _HANDLED.search(plain) is not None and (asks(text) or plain.endswith(("吗", "啊")))


def _answer(text: str, answers: Mapping[str, Any], *, worries: bool) -> str | None:
    if not asks_of_the_tip(text):
        return None
    if not _worried(text):
        return HANDLED
    if not worries:
        return None
    phone = answers.get("contact")
    return f"{_WITH_PHONE if phone else _ANONYMOUS}{_THREATENED}"


def _photos_wait(env: FormEnv) -> str:
    """What the photo step waits for, after the answer (it is not asked again there)."""
    if env.draft:
        return "\n还有照片可以继续发，发完请回复「完成」。"
    return "\n有照片请直接发送；没有请回复「跳过」。"


def answering(field: FormField) -> FormField:
    """`field`, a question about the tip answered at it (`Advice`: the step's own answer,
    never sent aside to the law search), and the step asked again. At the contact steps
    a worry is left to their own answer, which speaks of the phone asked there."""
    parse = field.parse
    worries = field.name not in CONTACT_STEPS

    def parsed(text: str, env: FormEnv) -> Any:
        said = "" if env.photos or env.location else _answer(text, env.answers, worries=worries)
        if not said:
            return parse(text, env)
        raise Advice(f"{said}{_photos_wait(env)}" if field.accepts_photos else said)

    return replace(field, parse=parsed)
