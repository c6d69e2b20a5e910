"""What a resident already told before asking to report: read into the report's answers.

我的电动车被偷了 雅迪的 蓝色 昨晚10点停在楼下, then 报案: the form had asked for the vehicle,
its brand and colour and the time as if nothing had been said. The law answer remembers the
last question (`handlers.law`); a report started soon after it, of the kind the story fits,
takes from it what can be read for sure. What it takes is editable like any answer and is
shown before the first question; everything else is still asked.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from bot import choice_memory
from bot.context import Context
from bot.forms import FormEnv, FormField
from bot.forms.clock import local_time
from bot.validators import Invalid
from handlers.law import MEMO as LAW_MEMO
from handlers.law import last_question
from handlers.reports.late import plate_in
from handlers.reports.templates import FRAUD_WORDS, OPTION_WORDS, Template, template_for_story
from storage import memos

#: A story older than this is another matter: the report starts blank.
STORY_WINDOW = timedelta(minutes=30)
#: A victim's story the report was offered for (`handlers.reports.typed_kind`).
STORY_MEMO = "report.story"

_BRANDS = re.compile(
    r"雅迪|爱玛|台铃|绿源|小牛|新日|九号|立马|小刀|哈啰|美团|捷安特|美利达|凤凰|永久|喜德盛|迪卡侬"
)
_COLOUR = re.compile(r"[红黄蓝绿白黑灰银粉紫橙棕金]色|黑白|红白|蓝白")
_LOCK = (
    # First: 没有锁 and 忘记锁了 hold 有锁 and 锁了, the words of the other answer.
    (re.compile(r"(?:没|未)有?上?锁|忘(?:了|记)?上?锁"), "未上锁"),
    (re.compile(r"(锁了|上了锁|锁好了|上锁了|有锁)"), "已上锁"),
)
#: 3000块, 两万多元, 五千块钱; not 两块电池 (块 counts batteries too, unless money ends it).
_AMOUNT = re.compile(
    r"(?:[0-9]+(?:\.[0-9]+)?|[一二两三四五六七八九十百千万几]+)\s*(?:多)?\s*"
    r"(?:元|万元?|千元?|块钱|块(?=$|[\s，。,.!！?？]))"
)
#: A time as people tell it: the longest run of these, read by the form's own time field.
_TIME = re.compile(
    r"(?:大概|大约|约|差不多)?"
    r"(?:今天|昨天|前天|今早|昨早|昨晚|前晚|今晚|刚才|刚刚|[0-9]{1,2}月[0-9]{1,2}[日号])?"
    r"(?:早上|上午|中午|下午|傍晚|晚上|夜里|半夜|凌晨)?"
    r"(?:[0-9]{1,2}[点:：][0-9]{0,2}|[一二两三四五六七八九十]{1,3}点)?"
    r"(?:半|多|左右)*"
)
#: The day of a time told (昨晚, 前天, 11月20号): with it, a time is kept as said.
_DAY = re.compile(r"[今昨前][天早晚]|[0-9]{1,2}月[0-9]{1,2}[日号]")
_FRAUD = FRAUD_WORDS


#: What was taken, as people name it: a phone by its brand and model (苹果13, 华为P40).
_ITEMS = re.compile(
    r"(?:苹果|iPhone|华为|荣耀|小米|红米|OPPO|vivo|三星)\s?[0-9A-Za-z]{0,6}(?:\s?(?:Pro|Max|Plus))?"
    r"|手机|钱包|银行卡|身份证|现金|背包|挎包|手提包|耳机|笔记本电脑|电脑"
    # 金项链 had been read as 项链: what it is made of is what it is worth.
    r"|(?:黄金|白金|铂金|金|银|玉|钻石|珍珠)?(?:首饰|项链|手链|手镯|戒指|耳环|手表)",
    re.IGNORECASE,
)
#: Where, as a story names it in passing: 在地铁上, 3路公交车上, 菜市场门口.
_PLACE = re.compile(
    r"(?:地铁|轻轨)\w{0,4}?(?:号线|站)?[上里]?|(?:[0-9]+路)?公交车?(?:站|上)?"
    r"|(?:火车站|高铁站|汽车站|菜市场|农贸市场|超市|商场|医院|公园)(?:门口|里|附近)?"
)
#: Where, as a story tells it: 在小区楼下被偷了, 停在幸福里3号楼下: the words between 在 and
#: what happened there, or the end of the clause (the report had asked 事情发生在哪里 right
#: after 在小区楼下). Not the 在 of 正在, 现在, 还在, 实在.
_TOLD_PLACE = re.compile(
    r"(?<![正现还实存所好自])在(?P<place>[^\s，。,.!！?？；;在]{2,16}?)"
    r"(?=被|给|让|叫|的时候|停|放|丢|不见|没了|[\s，。,.!！?？；;]|$)"
)
#: What a story says of itself besides its kind (我的…被偷了): with fewer characters left
#: than this, it is no 经过 worth keeping.
_TELLS_MORE = 6
_FILLER = re.compile(r"[我的了啊呀吧呢哦嘛在是有人被把个\W\s]")


def _items(story: str) -> str | None:
    found = list(dict.fromkeys(m.group() for m in _ITEMS.finditer(story)))
    amount = _amount(story)
    return " ".join([*found, *([amount] if amount else [])]) or None


def _place(story: str) -> str | None:
    found = _PLACE.search(story) or _TOLD_PLACE.search(story)
    if found is None:
        return None
    return found["place"] if found.re is _TOLD_PLACE else found.group() or None


def _told(story: str) -> str | None:
    """The story as its 经过, when it says more than which kind of report it is."""
    rest = story
    fits = template_for_story(story)
    for word in fits.words if fits else ():
        rest = rest.replace(word, "")
    return story if len(_FILLER.sub("", rest)) >= _TELLS_MORE else None


def _first(pairs: tuple[tuple[re.Pattern[str], str], ...], story: str) -> str | None:
    return next((value for pattern, value in pairs if pattern.search(story)), None)


def _named_option(story: str, field: FormField) -> str | None:
    """The option of a choice field that the story names, by its own word or an everyday
    one (电瓶车 for 电动车, 驾照 for 驾驶证): the words the field takes typed."""
    words = {option: option for option in field.choices}
    words.update((word, option) for word, option in OPTION_WORDS.items() if option in words)
    return next((option for word, option in words.items() if word in story), None)


def _vehicle_desc(story: str) -> str | None:
    found = [m.group() for m in (_BRANDS.search(story), _COLOUR.search(story)) if m]
    return " ".join(found) or None


#: 买了3000多, 花了两千: what was paid, said without 元 (it had been asked again).
_PAID = re.compile(
    r"(?:买|花|值|价值|价格)了?(?:大概|大约|约)?\s*"
    r"(?P<amount>(?:[0-9]+(?:\.[0-9]+)?|[一二两三四五六七八九十百千万几]+)\s*(?:多|左右)?)"
)


def _amount(story: str) -> str | None:
    found = _AMOUNT.search(story)
    if found:
        return found.group()
    paid = _PAID.search(story)
    return paid["amount"] if paid else None


#: Field name -> how to find its answer in a story; other choice fields by `_named_option`.
_READERS: dict[str, Callable[[str], str | None]] = {
    "vehicle_desc": _vehicle_desc,
    "locked": lambda story: _first(_LOCK, story),
    "value": _amount,
    "amount": _amount,
    "fraud_type": lambda story: _first(_FRAUD, story),
    "story": _told,  # 经过: the story itself
    "items": _items,
    "place": _place,
    "vehicle_no": plate_in,  # 车牌是京A12345
}


def _when(field: FormField, story: str, env: FormEnv) -> Any:
    """The story's time as the time field takes it typed: a moment (昨晚10点), or a day and
    part of it (昨晚: 11月22日晚上（昨晚）), as the form keeps 昨晚 typed at its question
    (it had been asked again). A part of a day no day is said of (晚上) is asked."""
    spans = sorted((m.group() for m in _TIME.finditer(story) if m.group()), key=len, reverse=True)
    for span in spans:
        try:
            value = field.parse(span, env)
        except Invalid:
            continue
        if isinstance(value, dict) and ("at" in value or _DAY.search(span)):
            return value
    return None


def story_answers(template: Template, story: str, env: FormEnv) -> dict[str, Any]:
    """The answers of `template`'s case questions that `story` gives, each as its field
    would take it typed; those it does not give, or gives in a way the field refuses, are
    left to be asked."""
    answers: dict[str, Any] = {}
    for field in template.fields:
        if field.name == "when":
            value = _when(field, story, env)
            if value is not None:
                answers[field.name] = value
            continue
        reader = _READERS.get(field.name)
        if reader is not None:
            said = reader(story)
        else:
            said = _named_option(story, field) if field.choices else None
        if not said:
            continue
        try:
            answers[field.name] = field.parse(said, env)
        except Invalid:
            continue
    return answers


async def told_story(ctx: Context, template: Template | None = None) -> tuple[Template, str] | None:
    """The story the resident told just before (a legal question the report was offered
    beside, or a story the report was offered for instead of a tip), with the template it
    fits; only one `template` when given. A bare 报案 (no `template`) takes only the story
    of the message right before it (`recent_stories`)."""
    for story in await recent_stories(ctx, just_before=template is None):
        fits = template_for_story(story)
        if fits is not None and (template is None or fits is template):
            return fits, story
    return None


async def recent_stories(ctx: Context, *, just_before: bool = False) -> list[str]:
    """What the resident told just before, newest kind first: a story a report was offered
    for, then the last legal question. `just_before`: only a story whose answer is still
    the last the chat was shown (`_answered_last`): 打架了怎么处理, then 查询 and 谢谢, had
    made a bare 报案 the fight's 不能在这里自助报案, where a theft was to be reported."""
    offered = await memos.recall(ctx.session, ctx.user_key, STORY_MEMO, ctx.now, STORY_WINDOW)
    last = await last_question(ctx, STORY_WINDOW)
    told = ((STORY_MEMO, offered), (LAW_MEMO, last.question if last else None))
    return [
        story
        for memo, story in told
        if story and (not just_before or await _answered_last(ctx, memo))
    ]


async def _answered_last(ctx: Context, memo: str) -> bool:
    """Whether the message kept under `memo` is the last one the chat was answered: the
    buttons its answer offered (自助报案, 是，我要举报, 更多) are still the last shown. A
    reply since then showed others, or retired them (the dispatcher forgets them once a
    reply without buttons follows). An answer with no buttons at all is taken as no story
    just told: the menu is shown, which loses nothing."""
    written = await memos.written_at(ctx.session, ctx.user_key, memo)
    return written is not None and written == await choice_memory.shown_at(
        ctx.session, ctx.user_key
    )


def taken_note(template: Template, answers: dict[str, Any], now: datetime) -> str:
    """已记下您刚才说的：车辆类型 电动车；发生时间 昨天 22:00 …, and how to change one;
    times as the chat says them at `now` (the station's)."""
    shown = []
    for field in template.fields:
        if field.name in answers:
            value = field.shown(answers[field.name], now)
            shown.append(f"{field.label} {value[:30]}{'…' if len(value) > 30 else ''}")
    first = next(f.label for f in template.fields if f.name in answers)
    return f"已记下您刚才说的：{'；'.join(shown)}。不对可以回复「修改 {first}」。"


def story_env(ctx: Context) -> FormEnv:
    now = local_time(ctx).replace(tzinfo=None)
    return FormEnv(answers={}, today=now.date(), now=now)
