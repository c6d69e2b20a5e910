"""How a form moves on: the next question due, the summary once none is, and what a
changed answer takes with it."""

from __future__ import annotations

from bot.context import Context
from bot.forms.clock import local_time
from bot.forms.progress import CHOOSING_EDIT, CONFIRM, Progress
from bot.forms.prompts import ask, summary
from bot.forms.spec import Derived, Form, FormEnv, FormField, More
from bot.messages import Reply, Text
from bot.validators import Invalid


def due(form: Form, progress: Progress) -> FormField | None:
    """The next field to ask, in the form's order."""
    return next(
        (f for f in form.fields if f.name not in progress.answers and f.ask_when(progress.answers)),
        None,
    )


def advance(form: Form, progress: Progress, ctx: Context) -> list[Reply]:
    """Ask the next field that still needs an answer, or show the confirmation."""
    notes = take_pending(form, progress, ctx)
    for field in form.fields:
        if field.name in progress.answers or not field.ask_when(progress.answers):
            continue
        progress.current = field.name
        return [*notes, ask(field, progress.drafts.get(field.name), progress.answers)]
    progress.current = CONFIRM
    # Drop answers typed for fields that no longer apply (a changed document type, say);
    # values another field derived under the same name stay.
    # A photo kept before its question was asked (`keep_photos`) is not in the history.
    for field in form.fields:
        kept = field.name in progress.history or field.accepts_photos
        if kept and not field.ask_when(progress.answers):
            progress.forget(field.name)
    return [*notes, summary(form, progress, local_time(ctx))]


def take_pending(form: Form, progress: Progress, ctx: Context) -> list[Reply]:
    """Words said for a question before the answers it needs (住两晚 before the check-in
    time), read now that those are in: kept as its answer, or the reason it was not
    (it is then asked). Fields with a database check are left to be asked."""
    notes: list[Reply] = []
    for name, said in list(progress.pending.items()):
        field = form.find(name)
        if field is None or field.name in progress.answers or field.check is not None:
            progress.pending.pop(name)
            continue
        if any(n not in progress.answers for n in field.depends_on):
            continue  # still waiting
        progress.pending.pop(name)
        if not field.ask_when(progress.answers):
            continue
        local = local_time(ctx)
        try:
            parsed = field.parse(said, FormEnv(progress.answers, local.date(), local))
        except Invalid as exc:
            notes.append(Text(f"前面说的「{said}」没能记为「{field.label}」：{exc.reason}"))
            continue
        if isinstance(parsed, More):
            continue
        value, extra = (parsed.value, parsed.extra) if isinstance(parsed, Derived) else (parsed, {})
        progress.take(field.name, value, extra)
        # The value too: what 一年 came to (2027-11-29) is not for the user to work out.
        notes.append(
            Text(f"已按前面说的「{said}」记下「{field.label}」：{field.shown(value, local)}。")
        )
    return notes


def forget_dependants(form: Form, progress: Progress, changed: str) -> None:
    for f in form.fields:
        # One taken back by 上一步 too: what it derived would be stale with it.
        if changed in f.depends_on and (
            f.name in progress.answers or f.name in progress.taken_back
        ):
            progress.forget(f.name)
            forget_dependants(form, progress, f.name)


def take_implied(form: Form, progress: Progress, text: str, ctx: Context) -> bool:
    """Answer the choice field now due with the choice `text` implies (see
    `FormField.implied`), and move on to the next question; False if it implies none."""
    asked = progress.current
    field = form.field(asked) if asked not in ("", CONFIRM, CHOOSING_EDIT) else None
    choice = field.implied(text.strip()) if field and field.implied else None
    if field is None or choice is None:
        return False
    local = local_time(ctx)
    try:
        value = field.parse(choice, FormEnv(progress.answers, local.date(), local))
    except Invalid:
        return False
    # What depends on the choice is asked again even if the choice is unchanged (修改
    # 证件类型 answered with a number): the text is that answer.
    progress.forget(field.name)
    forget_dependants(form, progress, field.name)
    progress.answers[field.name] = value
    progress.history.append(field.name)
    advance(form, progress, ctx)
    return True


def needs_open(form: Form, progress: Progress, field: FormField) -> list[FormField]:
    """The questions `field` needs answered first that are still open (证件类型 for the
    number): its answer cannot be read before them."""
    return [form.field(n) for n in field.depends_on if n not in progress.answers]


def take_implied_needs(
    form: Form, progress: Progress, field: FormField, text: str, ctx: Context
) -> bool:
    """Answer the questions `field` needs first and still open with the choice `text`
    implies for each (证件号码是1101… at the name: 居民身份证, see `FormField.implied`),
    so that `text` can then be read as `field`'s answer; False, nothing taken, when one
    of them is implied by nothing."""
    local = local_time(ctx)
    env = FormEnv(progress.answers, local.date(), local)
    chosen: dict[str, object] = {}
    for need in needs_open(form, progress, field):
        choice = need.implied(text.strip()) if need.implied else None
        if choice is None:
            return False
        try:
            chosen[need.name] = need.parse(choice, env)
        except Invalid:
            return False
    for name, value in chosen.items():
        progress.forget(name)
        forget_dependants(form, progress, name)
        progress.answers[name] = value
        progress.history.append(name)
    return True
