"""城西 typed under 您已订阅「城东警务区」…[换片区] [退订]: the new area, as 换片区 takes it.

Before the status with its two buttons, 订阅 when subscribed asked the area at once, and a
beat's name, a place or a location sent was the new one; under the buttons they got
请点选上面的选项. While those buttons are the last shown, a message that names a beat or a
place (`subscribe.beat_by_name`), or a location, opens the form as 换片区 does and is its
answer: the review follows, as it did.
"""

from __future__ import annotations

from bot import choice_memory
from bot.context import Context, Handler
from bot.forms import FormEngine
from bot.messages import Reply
from handlers.broadcast.subscribe import CHANGE_BUTTON, FORM_NAME, beat_by_name

#: Longer than a place's name: a sentence, for the handlers after this one.
_WORDS_MAX = 20


def with_area_words(forms: FormEngine, handler: Handler) -> Handler:
    async def wrapped(ctx: Context) -> list[Reply]:
        # The cheap look at the message first: every message passes here, and most are
        # sentences, which need no memo read.
        if ctx.retold or not _may_name_an_area(ctx):
            return await handler(ctx)
        if not await _under_status(ctx) or not await _names_an_area(ctx):
            return await handler(ctx)
        await forms.start(ctx, FORM_NAME)  # its question is answered by this very message
        stored = await forms.load(ctx)
        assert stored is not None  # just saved, in this transaction
        return await forms.handle(ctx, stored)

    return wrapped


async def _under_status(ctx: Context) -> bool:
    """Whether the last buttons shown are the subscription's (换片区 first)."""
    first = await choice_memory.resolve(ctx.session, ctx.user_key, 1, ctx.now)
    return first == CHANGE_BUTTON


def _may_name_an_area(ctx: Context) -> bool:
    """A location, or words short enough to be a beat's or a place's name."""
    return ctx.inbound.location is not None or 0 < len(ctx.inbound.text.strip()) <= _WORDS_MAX


async def _names_an_area(ctx: Context) -> bool:
    if ctx.inbound.location is not None:
        return True
    return await beat_by_name(ctx, ctx.inbound.text.strip()) is not None
