"""A message at a question: a change said in a sentence, a feature named instead of an
answer, or the answer itself (with a photo kept or said not to be)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from bot.forms import undo
from bot.forms.answer import answer
from bot.forms.clock import local_time
from bot.forms.edit import edit_with_value, said_change
from bot.forms.lines import still_waiting
from bot.forms.more import asks_for_more
from bot.forms.photos import keep_photos
from bot.forms.progress import CHOOSING_EDIT, CONFIRM
from bot.forms.prompts import current
from bot.forms.reading import answers_with, named_only, names_a_feature, started_by, takes
from bot.forms.spec import Form, FormField
from bot.forms.turn import Turn
from bot.messages import Reply, Text


def _changes(turn: Turn, change: str) -> bool:
    """Whether a change said in a sentence at a question (`said_change`) is one: it
    names another question, or the one asked while it is no answer to it."""
    progress = turn.progress
    if progress.current == CHOOSING_EDIT:
        return False
    named = turn.form.find(change.partition(" ")[0])
    if named is None or (
        progress.current in named.depends_on and progress.current not in progress.answers
    ):
        # 身份证号是… at the document-type question: the question asked takes the number
        # that says its answer (`FormField.implied`). At another (证件号码是… at the name)
        # it is a change like any other, the type it needs taken with it (`edit_with_value`).
        return False
    return named.name != progress.current or not takes(turn.form, progress, turn.text, turn.ctx)


def _taken(
    form: Form,
    field: FormField,
    before: Mapping[str, object],
    after: Mapping[str, object],
    now: datetime,
) -> str:
    """What a change said at another question did: 已把「房间号」改为 310, or, for an
    answer not given before, 已记下 with the answers it brought (证件类型 居民身份证,
    证件号码 ****2346), shown as the summary shows them (the number masked)."""
    if field.name in before:
        return f"已把「{field.label}」改为 {field.shown(after[field.name], now)}。"
    taken = _newly_answered(form, (*field.depends_on, field.name), before, after, now)
    return f"已记下：{taken}。"


def _newly_answered(
    form: Form,
    names: Sequence[str],
    before: Mapping[str, object],
    after: Mapping[str, object],
    now: datetime,
) -> str:
    """Of `names`, those answered now and not before, each as 证件类型 居民身份证."""
    return "，".join(
        f"{form.field(name).label} {form.field(name).shown(after[name], now)}"
        for name in names
        if name not in before and name in after
    )


async def reply(turn: Turn) -> list[Reply]:
    """The reply to a message at the question asked (not the form's own word)."""
    form, progress, text, ctx = turn.form, turn.progress, turn.text, turn.ctx
    if (change := said_change(form, text)) and _changes(turn, change):
        # 不对 房间是310 不是308, 改身份证号 at another question: the change, then on to
        # the question left (it had been read as that question's answer).
        left = progress.current
        field = form.find(change.partition(" ")[0])
        before = dict(progress.answers)
        replies = await edit_with_value(form, progress, change, ctx)
        if field is not None and progress.current != field.name:
            # Taken, and the question left asked again: said, or it looked ignored.
            if progress.current == CONFIRM and left in before:
                # 修改 入住时间, then 房间改成312: back to the change begun, not past it.
                # Not the question the change answered (范围改成旅馆 at the scope): it
                # had been asked again under its new answer.
                progress.current = left
                replies = [current(form, progress, local_time(ctx))]
            if field.name in progress.answers:
                replies = [
                    Text(_taken(form, field, before, progress.answers, local_time(ctx))),
                    *replies,
                ]
        elif field is not None and (
            implied := _newly_answered(
                form, field.depends_on, before, progress.answers, local_time(ctx)
            )
        ):
            # The answer refused, its own question asked: the type its number said (身份证号
            # with a wrong check digit at the name) is kept all the same, and said so.
            replies = [Text(f"已记下：{implied}。"), *replies]
        return replies
    if names_a_feature(form, progress, ctx, text) and started_by(form, ctx):
        return [
            Text(f"您正在填写{form.title}，接着填写即可："),
            current(form, progress, local_time(ctx)),
        ]
    if asks_for_more(ctx) and not answers_with(form, progress, text):
        # No legal answer just read to page on (see `set_aside`): 更多 is for later.
        return still_waiting(form, progress, f"您正在填写{form.title}，", local_time(ctx))
    if named_only(ctx) and not answers_with(form, progress, text):
        # 登记完成 (a button's word, with no command) had been told to be sent, again
        # and again: it waits for the form.
        return still_waiting(
            form,
            progress,
            f"「{text}」要在填完或取消本次{form.title}后才能用。本次{form.title}",
            local_time(ctx),
        )
    if names_a_feature(form, progress, ctx, text):
        route = ctx.match.route if ctx.match else None
        # The command's own name: 在住 is a keyword of /在住旅客, and /在住 is nothing.
        command = f"/{route.commands[0]}" if route and route.commands else text
        keeps = f"{form.title}已填的内容会保留；" if undo.holds_input(progress) else ""
        return [
            Text(f"「{text}」是另一项功能。先用它请发送「{command}」，{keeps}继续填写请直接回答："),
            current(form, progress, local_time(ctx)),
        ]
    # Control words are matched on the normalised text; the answer itself goes to the
    # parser as typed (validators normalise what they need), so free text such as a
    # tip's description keeps the user's own punctuation.
    typed = ctx.inbound.text.strip()
    note, kept = keep_photos(form, progress, ctx)
    if note and not typed:
        then = "这一步还要用文字回答：" if kept else "请接着回答："
        return [Text(f"{note}{then}"), current(form, progress, local_time(ctx))]
    # A caption is the answer; the photo is kept or said not to be.
    progress.asked_back.update(turn.offered)
    replies = await answer(form, progress, typed, text, ctx)
    return [Text(note), *replies] if note else replies
