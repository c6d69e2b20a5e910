"""A form set aside in the user's own words (来客人了, 等会再弄, 先忙): kept, and taken up
again with 继续.

A hotel owner at the self-inspection's 说明 step wrote 算了先不弄了 来客人了, which was kept
as the item's rectification plan. Words of a pause (`Form.pauses`) park the form, as another
form started meanwhile does (`parked`): it waits a day, and the owner's next messages,
whatever they are, are not taken as its answers. With a form parked already, it stays open.
"""

from __future__ import annotations

from bot.forms import parked, parked_words
from bot.forms.turn import Turn, save
from bot.messages import Reply, Text


def pauses(turn: Turn) -> bool:
    """Whether the message sets the form aside for now."""
    words = turn.form.pauses
    return words is not None and words.fullmatch(turn.text) is not None


async def set_aside(turn: Turn) -> list[Reply]:
    """Park the form (or, with another parked, leave it open) and say how to go on."""
    ctx, form, progress = turn.ctx, turn.form, turn.progress
    hours = ctx.services.settings.forms.expire_minutes // 60
    kept = f"{hours}小时内" if hours else "稍后"
    if await parked.held(ctx) is None:
        await parked.park(ctx, progress)
        await turn.store.clear(ctx.session, ctx.user_key)
        # Named: a bare 继续 after a legal answer asks for the answer's next page.
        resume, drop = f"继续{form.title}", parked_words.drop_words(form)
    else:
        await save(turn.store, ctx, progress, turn.stored)
        resume, drop = "继续", "取消"  # still open: the form's own words
    return [
        Text(
            f"好的，您先忙。{form.title}先放着，已填的内容都保存了，还没有提交；"
            f"{kept}回复「{resume}」接着填写，不要了请回复「{drop}」。"
        )
    ]
