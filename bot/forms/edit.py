"""Changing answers: 修改 (a field, its number in the list, or the field and its new
answer in one message) and 上一步."""

from __future__ import annotations

import re
from datetime import datetime

from bot.context import Context
from bot.forms.answer import answer
from bot.forms.clock import local_time
from bot.forms.progress import CHOOSING_EDIT, CONFIRM, Progress
from bot.forms.prompts import FORM_FIRST, ask, current
from bot.forms.spec import Form, FormField
from bot.forms.steps import advance, needs_open, take_implied_needs
from bot.forms.words import CONFIRM_WORDS, EDIT_WORD
from bot.messages import Button, Choices, Reply, Text
from bot.router import normalise_text


def back(form: Form, progress: Progress, ctx: Context) -> list[Reply]:
    if progress.current == CHOOSING_EDIT or progress.current in progress.answers:
        # Changing one answer: back is where the form was, answers unchanged: the
        # summary, or the question still open when 修改 was typed before the end.
        progress.drafts.pop(progress.current, None)
        return advance(form, progress, ctx)
    asked = [n for n in progress.history if n not in progress.prefilled]
    if not asked:
        field = form.field(progress.current) if progress.current != CONFIRM else None
        return [Text("已经是第一步了。"), *([ask(field)] if field else [])]
    previous = asked[-1]
    # What was answered, as the summary shows it (a phone masked): asked again bare, the
    # user could not tell whether to keep it.
    was = progress.answers.get(previous)
    told = (
        [Text(f"刚才填的是：{_was(form, progress, previous, local_time(ctx))}。")]
        if was is not None
        else []
    )
    # Photos half-collected for the question being left are dropped with it.
    progress.drafts.pop(progress.current, None)
    progress.take_back(previous)
    progress.current = previous
    return [*told, ask(form.field(previous))]


def _was(form: Form, progress: Progress, name: str, now: datetime) -> str:
    """Field `name`'s answer as the summary shows it, with what it derived in brackets:
    是（说明：电动车搬走了）. Those go back with it, and come back with the same answer
    (`Progress.derived_for`): 刚才填的是：是 had left the owner's words unseen."""
    field = form.field(name)
    derived = progress.derived_of(name)
    shown = [
        # 电动车充电说明 under 电动车充电 is its 说明.
        f"{f.label.removeprefix(field.label) or f.label}：{f.shown(derived[f.name], now)}"
        for f in form.fields
        if derived.get(f.name) not in (None, "", [])
    ]
    said = field.shown(progress.answers.get(name), now)
    return f"{said}（{'，'.join(shown)}）" if shown else said


def glued_edit(form: Form, text: str) -> bool:
    """修改证件号码 or 修改姓名 李丽娜, typed without the space: only when what follows
    names a field, since an answer may begin with 修改 too."""
    rest = text[len(EDIT_WORD) :]
    return text.startswith(EDIT_WORD) and form.find((rest.split() or [""])[0]) is not None


def _editable(form: Form, progress: Progress) -> list[FormField]:
    """The answers the user gave and may change: not prefilled ones, and not those
    derived from another answer (sex from an ID number), which follow their source."""
    return [
        f
        for f in form.fields
        if f.name in progress.answers
        and f.name not in progress.prefilled
        and f.ask_when(progress.answers)
    ]


#: 房间改成305, 不对 房间是305, 把电话改为139…, 名字不对 应该是JOHN SMITH, 名字不对，叫
#: 李娜: a change said at the summary as people say it, which had got the whole summary
#: back unchanged (叫 had got 没看懂这句), in every form.
_SAID_CHANGE = re.compile(
    r"(?:(?:不对|错了|写错了|搞错了|算了|等等|等一下|哦|噢)[，,。!！\s]*)?"
    r"(?:把|改一下|改下|修改一下)?\s*"
    r"(?P<field>[\u4e00-\u9fff/]{1,8}?)\s*"
    r"(?:(?:不对|错了|写错了|填错了|搞错了)[，,。!！\s]*)?"
    r"(?:应该是|应该叫|改成|改为|换成|是|叫做?)\s*[:：]?\s*(?P<value>\S.*)",
    re.S,
)
#: 改一下房间号 307: the field and its answer after the word for changing, a space between.
_CHANGE_THEN = re.compile(
    r"(?:改一下|改下|修改一下)\s*(?P<field>[\u4e00-\u9fff/]{1,8})\s+(?P<value>\S.*)", re.S
)


#: 改身份证号, 身份证号打错了, 不对 房间号错了: a field named to change, without its new
#: answer, which is then asked for.
_SAID_WRONG = re.compile(
    r"(?:(?:不对|错了|等等|等一下|哦|噢)[，,。!！\s]*)?"
    r"(?:(?:我要|要|想)?(?:改一下|改下|修改一下|改)\s*(?P<field>[\u4e00-\u9fff/]{1,8}?)"
    r"|(?P<wrong>[\u4e00-\u9fff/]{1,8}?)\s*(?:打错了|写错了|填错了|输错了|搞错了|错了|不对))"
    r"[。!！\s]*"
)
#: 房间是310 不是308: what the new answer is not, said after it.
_NOT_THE_OLD = re.compile(r"[，,。\s]*(?:而?不是|并不是)\s*\S*$")


def said_change(form: Form, text: str) -> str | None:
    """`修改`'s argument (房间号 305) for a change said in a sentence (房间改成305, 不对
    房间是310 不是308), or just the field's label for one named to change without its
    new answer (改身份证号, 身份证号打错了); None when `text` names no field of `form`."""
    text = text.strip()
    found = _SAID_CHANGE.fullmatch(text) or _CHANGE_THEN.fullmatch(text)
    field = form.find(found["field"]) if found else None
    if found is not None and field is not None:
        value = _NOT_THE_OLD.sub("", found["value"]).strip()
        if value:
            return f"{field.label} {value}"
    wrong = _SAID_WRONG.fullmatch(text)
    named = form.find(wrong["field"] or wrong["wrong"]) if wrong else None
    return named.label if named is not None else None


async def edit_with_value(form: Form, progress: Progress, which: str, ctx: Context) -> list[Reply]:
    """修改 电话 13700001111: the field and its new answer in one message."""
    label, _, value = which.partition(" ")
    field = form.find(label)
    if form.find(which) is None and value.strip() and field is not None:
        value = value.strip()
        # 证件号码是1101… at the name, before the type is chosen: the type the number
        # says is taken with it (it had been read as a name, and 修改 证件号码 1101…
        # had failed on the missing type); else the number waits for its type.
        if (
            _editable_now(form, progress, field)
            and needs_open(form, progress, field)
            and not take_implied_needs(form, progress, field, value, ctx)
        ):
            return _needs_first(form, progress, field, ctx, value)
        replies = _edit(form, progress, label, ctx)
        if progress.current == field.name:
            return await answer(form, progress, value, normalise_text(value), ctx)
        return replies
    return _edit(form, progress, which, ctx)


def _editable_now(form: Form, progress: Progress, field: FormField) -> bool:
    return field.name not in progress.prefilled and field.ask_when(progress.answers)


def _needs_first(
    form: Form, progress: Progress, field: FormField, ctx: Context, value: str = ""
) -> list[Reply]:
    """`field` named before the questions it needs (预计退房是后天 at the room, before
    the check-in time): `value` kept for it where it can be read once they are answered,
    else said to wait; the question open asked again."""
    needs = "、".join(f"「{need.label}」" for need in needs_open(form, progress, field))
    if value and field.check is None:
        # Read by `take_pending` once the answers it needs are in.
        progress.pending[field.name] = value
        said = f"「{value}」已记下，待{needs}填好后记为「{field.label}」。请接着填写："
    else:
        # A check (the number already registered?) is run only on an answer typed at its
        # own question: asked then.
        said = f"「{field.label}」要等{needs}填好后再填，到时会问到。请接着填写："
    if progress.current == CHOOSING_EDIT:
        return [Text(said), *advance(form, progress, ctx)]  # the list is left: the question open
    return [Text(said), current(form, progress, local_time(ctx))]


def _edit(form: Form, progress: Progress, which: str, ctx: Context) -> list[Reply]:
    answered = _editable(form, progress)
    if which.isdigit() and 1 <= int(which) <= len(answered):
        which = answered[int(which) - 1].label  # 修改 2: the second item of the list
    field = form.find(which) if which else None
    if (
        field is not None
        and _editable_now(form, progress, field)
        and needs_open(form, progress, field)
    ):
        # 修改 证件号码 at the name: its type unknown, a number typed next could not be read.
        return _needs_first(form, progress, field, ctx)
    if field is None or field.name in progress.prefilled or not field.ask_when(progress.answers):
        buttons = tuple(Button(f.label, f"{EDIT_WORD} {f.label}") for f in answered)
        lead = f"没有「{which}」这一项。" if which else ""
        if field is not None and field.name in progress.prefilled:
            # 修改 房间号 of a companion had opened the list, where 303 then got 没有「303」
            # 这一项: the way that does change it, and the form where it was.
            return [Text(_fixed(form, field, progress)), current(form, progress, local_time(ctx))]
        if field is not None:
            lead = f"「{field.label}」由其他信息自动得出，改那一项即可。"
        if not answered:
            # 修改 at the first question had got 请选择要修改的项目 with nothing to choose.
            return [
                Text(f"{lead}还没有可修改的内容，请接着填写："),
                current(form, progress, local_time(ctx)),
            ]
        # Mid-form too: a label typed after the list (安全出口) had been taken as the
        # answer to the question open; the list's choice then goes back to it.
        progress.current = CHOOSING_EDIT
        return [Choices(f"{lead}请选择要修改的项目：", buttons, first=FORM_FIRST)]
    progress.current = field.name
    return [ask(field)]


#: How an answer carried over from the registration before (a companion's room) is
#: changed, where the form's own owner has a way: said instead of only "not here".
_FIXED_WAYS = {
    ("guest", "room"): (
        "要住别的房间，请先确认提交，再发送「更正登记 {value} 新房号」（如「更正登记 {value} 303」）"
        "并选这一位；或回复「取消」后用「登记旅客」单独登记。"
    ),
}


def _fixed(form: Form, field: FormField, progress: Progress) -> str:
    value = field.show(progress.answers.get(field.name))
    way = _FIXED_WAYS.get((form.name, field.name), "如需不同，请回复「取消」后单独登记。")
    return f"「{field.label}」沿用前面的登记（{value}），不能在这里修改。{way.format(value=value)}"


def choose_edit(form: Form, progress: Progress, text: str, ctx: Context) -> list[Reply]:
    """The answer to 请选择要修改的项目: a number or a label picks the field; 确认
    goes back to the summary (it never submits from here: "1" meant the first item)."""
    answered = _editable(form, progress)
    if text.isdigit() and 1 <= int(text) <= len(answered):
        text = answered[int(text) - 1].label
    if text.lower() in CONFIRM_WORDS:
        return advance(form, progress, ctx)  # the summary, or the question left open
    return _edit(form, progress, text, ctx)
