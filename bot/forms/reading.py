"""What a message at an open form is, before it is read as an answer: the form's own
words, a feature named without its slash, a word the step takes as its answer."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from bot.context import Context
from bot.forms.clock import local_time
from bot.forms.photos import says_no_photo
from bot.forms.progress import CHOOSING_EDIT, CONFIRM, Progress
from bot.forms.spec import Advice, Derived, Form, FormEnv, FormField, Misplaced
from bot.forms.words import (
    BACK_WORDS,
    CANCEL_WORDS,
    CONFIRM_BUTTON_WORDS,
    CONFIRM_WORDS,
    HELP_WORDS,
    QUIT_WORDS,
    RESUME_WORDS,
    SAID_CANCEL,
    SKIP_WORDS,
    SUMMARY_YES,
    control_word,
)
from bot.router import normalise_text
from bot.validators import Invalid

#: What `FormEngine.handle` reads as words to the form itself, though a route has them too
#: (取消).
OWN_WORDS = (
    CANCEL_WORDS
    | SAID_CANCEL
    | QUIT_WORDS
    | HELP_WORDS
    | BACK_WORDS
    | RESUME_WORDS
    | SUMMARY_YES
    | SKIP_WORDS
)


def said(ctx: Context) -> str:
    """The message as every step of the form reads it, a control word plain (取消！ as 取消,
    好的👌 as 好的): read so only in `handle`, 取消！ had been taken by the form there and
    also, `set_aside` not knowing it, by the router's /取消, which answered it twice."""
    return control_word(normalise_text(ctx.inbound.text))


def named_only(ctx: Context) -> bool:
    """Whether the message is the word of a feature that has no command (登记完成, the
    button under a receipt): it cannot be used with its slash while the form waits."""
    match = ctx.match
    return (
        match is not None and not match.is_command and not match.args and not match.route.commands
    )


def answers_with(form: Form, progress: Progress, text: str) -> bool:
    """Whether the step asked may take a word of `SAID_CANCEL` as its answer: 不要了 at
    需要配图吗 says there is no photo, and an option may be called so."""
    if progress.current in (CONFIRM, CHOOSING_EDIT):
        return False
    field = form.field(progress.current)
    return field.accepts_photos or text in field.choices


def reads_as_answer(form: Form, progress: Progress, text: str, ctx: Context, word: str) -> bool:
    """Whether the step asked reads `text` as an answer of its own that leaves out `word`
    (算了): 算了 还是匿名吧 at the tip's phone is 匿名. A free-text step (a description, a
    place) keeps the words as they are, `word` too, and so reads none this way."""
    if progress.current in (CONFIRM, CHOOSING_EDIT):
        return False
    field = form.field(progress.current)
    value = read_value(field, text, progress.answers, ctx)
    if value is UNREAD:
        return False
    return value is None or word not in field.show(value)


#: What `read_value` gives for words the field's parser refuses.
UNREAD = object()


def read_value(field: FormField, text: str, answers: Mapping[str, Any], ctx: Context) -> Any:
    """The value `field` reads in `text` (a derived one's own value), or `UNREAD`."""
    local = local_time(ctx)
    try:
        value = field.parse(text, FormEnv(answers, local.date(), local))
    except Invalid:
        return UNREAD
    return value.value if isinstance(value, Derived) else value


def for_another(held: Progress, prefill: Mapping[str, object] | None) -> bool:
    """Whether a start with `prefill` is for another record than the unfinished `held`
    (its prefill another question, another card); a start with none is a coming back."""
    if not prefill:
        return False
    # Compared as stored: the progress is kept as JSON (a tuple comes back a list).
    given = json.loads(json.dumps(dict(prefill), ensure_ascii=False))
    return bool(given != {name: held.answers.get(name) for name in held.prefilled})


def started_by(form: Form, ctx: Context) -> bool:
    """Whether the message names, without its slash, a route that starts `form`: one of
    its `started_by`, or the command called as the form is (通报 for the alert form)."""
    match = ctx.match
    if match is None or match.is_command:
        return False
    route = match.route
    return route.name in form.started_by or form.title in route.commands


def names_a_feature(form: Form, progress: Progress, ctx: Context, text: str) -> bool:
    """A feature's name alone (举报, 在住旅客), typed where a name or a description is
    asked: a tapped shortcut or a change of mind, never an answer worth storing."""
    match = ctx.match
    if match is None or match.is_command or match.args:
        return False
    field = form.field(progress.current)
    if field.accepts_photos:
        # 订阅 at 需要配图吗 had got 请直接发送照片, the form unnamed: a feature's name
        # is no photo, unless it says there is none (不要, 跳过).
        return not says_no_photo(text)
    return not field.choices and text.lower() not in (CONFIRM_WORDS | SKIP_WORDS)


def takes(form: Form, progress: Progress, text: str, ctx: Context) -> bool:
    """Whether the step shown again under "要放弃吗" takes `text` as its own answer: the
    summary's 确认 (its button's value), a self-inspection's 是. Then it is that answer,
    not a yes to giving up; other yes-words (是的 at the summary) still give up."""
    if progress.current == CONFIRM:
        return text in CONFIRM_BUTTON_WORDS
    if progress.current == CHOOSING_EDIT:
        return False
    field = form.field(progress.current)
    if field.choices:
        return text in field.choices
    return parses(field, text, progress, ctx)


def taken(field: FormField, text: str, progress: Progress, ctx: Context) -> bool:
    """Whether the form takes `text` at `field`: as its answer, as the answer to a later
    question it is passed on to (the tip's place typed at its photo), or as a question the
    step answers itself (`Advice`)."""
    local = local_time(ctx)
    try:
        field.parse(text, FormEnv(progress.answers, local.date(), local))
    except (Misplaced, Advice):
        return True
    except Invalid:
        return False
    return True


def parses(field: FormField, text: str, progress: Progress, ctx: Context) -> bool:
    """Whether `field`'s parser takes `text` as its answer, in the chat's own day."""
    local = local_time(ctx)
    try:
        field.parse(text, FormEnv(progress.answers, local.date(), local))
    except Invalid:
        return False
    return True
