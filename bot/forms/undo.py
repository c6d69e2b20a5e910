"""A form cancelled with the user's answers in it is kept a while: 恢复 brings it back.

取消 in a tenant registration after the name and the 18-digit ID number had thrown them
away, and 继续 then got 没有理解: nothing the user entered may be lost to one word. The
progress is kept as a memo (sealed at rest, as the form itself is), read while fresh.
"""

from __future__ import annotations

from datetime import timedelta

from bot.context import Context
from bot.forms.progress import CHOOSING_EDIT, CONFIRM, Progress
from storage import memos

#: How long a cancelled form can be brought back.
KEPT_FOR = timedelta(minutes=30)
_MEMO = "form_cancelled"


def holds_input(progress: Progress) -> bool:
    """Whether the form holds anything the user entered: an answer, or photos sent."""
    return bool(progress.typed() or progress.drafts)


async def keep(ctx: Context, progress: Progress) -> str:
    """Keep a cancelled form that holds the user's input; the words that say how to bring
    it back (after 已取消…。, one short pair: a longer reply had said twice that nothing
    was lost), or "" when there is nothing of theirs to keep."""
    if not holds_input(progress):
        return ""
    progress.quitting = False
    progress.asked_back.clear()  # 是 after 恢复 answers the question asked then
    if progress.current == CHOOSING_EDIT:
        progress.current = CONFIRM  # back at the summary, not at a list no longer shown
    await memos.remember(ctx.session, ctx.user_key, _MEMO, progress.to_json(), ctx.now)
    return f"误取消的话，{minutes()}分钟内回复「恢复」可接着填写。"


async def kept(ctx: Context) -> Progress | None:
    """The form cancelled last, if still kept; it stays kept."""
    saved = await memos.recall(ctx.session, ctx.user_key, _MEMO, ctx.now, fresh_for=KEPT_FOR)
    return Progress.from_json(saved) if saved is not None else None


#: How long the cancel's own reply (误取消的话…回复「恢复」) is taken to be fresh in mind: the
#: same form begun again within it does not say so again.
JUST_SAID = timedelta(minutes=5)


async def worth_recalling(ctx: Context) -> bool:
    """Whether the same form begun again should say the cancelled one can come back: not
    right after the cancel, whose reply has just said it (登记 then 悦来旅馆 had put the
    line again in the middle of the new form's opening)."""
    at = await memos.written_at(ctx.session, ctx.user_key, _MEMO)
    return at is not None and ctx.now - at >= JUST_SAID


def minutes() -> int:
    """`KEPT_FOR` as said to the user."""
    return int(KEPT_FOR.total_seconds() // 60)


async def take_back(ctx: Context) -> Progress | None:
    """The form cancelled last, if still kept; it is no longer kept after this."""
    progress = await kept(ctx)
    if progress is not None:
        await memos.forget(ctx.session, ctx.user_key, _MEMO)
    return progress


async def overtaken(ctx: Context) -> bool:
    """Whether a legal answer came after the form was cancelled: 继续 then asks for its next
    page (登记, 取消, 房东不登记租客会被罚款吗, 继续 had brought the form back instead)."""
    cancelled = await memos.written_at(ctx.session, ctx.user_key, _MEMO)
    answered = await memos.written_at(ctx.session, ctx.user_key, memos.LAW_QUESTION)
    return cancelled is not None and answered is not None and answered > cancelled


async def forget(ctx: Context) -> None:
    """A form submitted: a cancelled copy brought back after it could be submitted twice
    (a registration cancelled, typed again in full and sent)."""
    await memos.forget(ctx.session, ctx.user_key, _MEMO)
