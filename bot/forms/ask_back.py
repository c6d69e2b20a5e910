"""A question asked back (您是选择「护照」吗？, 房间号是「302」吗？): how it is shown, and
that only the message right after it answers it.

A check returns a `bot.forms.spec.AskedBack`; a yes typed next takes the answer it offers
(`bot.forms.answer`). Whatever else comes in between (取消 and 恢复, 帮助, another feature
used) leaves nothing for a later 是: it had still chosen 护照, answering a question no longer
on the screen.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.context import Context
from bot.forms.progress import Progress
from bot.forms.prompts import FORM_FIRST
from bot.forms.spec import AskedBack, Form, FormField
from bot.forms.store import FormStore, StoredProgress
from bot.messages import Button, Choices, Reply, Text


def shown(reason: AskedBack, field: FormField) -> Reply:
    """The question asked back, one bubble: the field's question again under it had shown
    the same question twice in a row. Its options stay under it, to pick another at once."""
    # What it asks back first (极速网吧 500米 for 极速网巴 500米), then the field's own.
    options = tuple(dict.fromkeys((*reason.offers, *field.choices)))
    if not options:
        return Text(reason)
    return Choices(reason, tuple(Button(c, c) for c in options), first=FORM_FIRST)


def open_on(form: Form, progress: Progress, asked: Mapping[str, AskedBack]) -> Reply | None:
    """A form begun with a word asked back (登记 张三 … 3O2): it waits at that field with the
    question asked back, before the ones still open, a yes taking it (`bot.forms.steps.advance`
    then asks those in order). None when nothing asked back is still open."""
    name = next((n for n in asked if n not in progress.answers), None)
    if name is None:
        return None
    progress.current = name
    progress.asked_back[name] = asked[name].answer
    return shown(asked[name], form.field(name))


async def forget(store: FormStore, ctx: Context, stored: StoredProgress) -> None:
    """Another feature used while the form waits (今日登记 after 您是选择「护照」吗？): the
    question asked back is no longer what a 是 answers. Saved as it is, not as the form's
    reply (`FormEngine._save`): the form is not what answered."""
    if not stored.progress.asked_back:
        return
    stored.progress.asked_back.clear()
    await store.save(
        ctx.session,
        ctx.user_key,
        stored.progress,
        stored,
        now=ctx.now,
        channel=ctx.inbound.channel,
        chat_id=ctx.inbound.chat_id,
    )
