"""One message taken by an open form: what each step of `FormEngine.handle` reads."""

from __future__ import annotations

from dataclasses import dataclass

from bot.context import Context
from bot.forms.progress import Progress
from bot.forms.spec import Form
from bot.forms.store import FormStore, StoredProgress


@dataclass
class Turn:
    ctx: Context
    form: Form
    stored: StoredProgress
    store: FormStore
    #: The message as the form's steps read it (`reading.said`), a summary button's
    #: number read as its word.
    text: str
    #: What the last reply asked back (您是选择「护照」吗？), given back to the answer only.
    offered: dict[str, str]
    #: The last reply asked 要放弃吗？: a yes now cancels.
    asked_to_quit: bool
    #: Back after `lines.PAUSE`: the reply says which form goes on, and when it was left.
    paused: bool
    #: Whether the replies already open with the form and when it was left.
    recalled: bool = False

    @property
    def progress(self) -> Progress:
        return self.stored.progress


async def save(
    store: FormStore, ctx: Context, progress: Progress, stored: StoredProgress | None
) -> None:
    """`progress` kept after the message, the reply then known to leave a form waiting."""
    ctx.form_waiting = True
    await store.save(
        ctx.session,
        ctx.user_key,
        progress,
        stored,
        now=ctx.now,
        channel=ctx.inbound.channel,
        chat_id=ctx.inbound.chat_id,
    )
