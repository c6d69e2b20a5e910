"""「更多」: the rest of a reply the channel could not show at once (`bot.unshown`: the
official account's reply window), or else the next page of the last legal answer, whichever
the user was shown last."""

from __future__ import annotations

from bot import unshown
from bot.context import Context
from bot.messages import Choices, Reply, Text
from bot.router import Router
from handlers.law import MEMO as LAW_MEMO
from handlers.law import LawDesk
from storage import memos


def build_router(law: LawDesk) -> Router:
    router = Router()

    @router.route("more", keywords=(unshown.MORE, "下一页"))
    async def more(ctx: Context) -> list[Reply]:
        asked = await memos.written_at(ctx.session, ctx.user_key, LAW_MEMO)
        rest = await unshown.take(ctx.session, ctx.user_key, ctx.now, after=asked)
        if rest and not any(isinstance(r, Choices) for r in rest):
            # The options shown with the first part are still on screen, and their numbers
            # still mean them (a rest with options of its own goes on from those numbers).
            ctx.keep_choices = True
        if rest:
            return rest
        if not await law.has_question(ctx):
            # Paged to the end of a shortened alert: nothing is left, and no legal question
            # was asked that the word could page on.
            return [Text("没有更多内容了。需要什么功能，发送「帮助」查看。")]
        return await law.more(ctx)

    return router
