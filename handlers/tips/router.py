"""`举报` / `/举报` / `/tip`: start a tip. `/举报 在逃 N` is a sighting of published wanted
person N (the wanted cards' button)."""

from __future__ import annotations

import json
import re
from datetime import timedelta

from bot import choice_memory
from bot.context import Context
from bot.forms import FormEngine
from bot.messages import Reply, Text
from bot.router import Router
from handlers.tips import held_photos
from handlers.tips.form import over_limit, start_tip
from handlers.tips.sighting_reply import OFFER_FRESH as SIGHTING_FRESH
from handlers.tips.sighting_reply import SIGHTING_OFFERED, read_offer
from handlers.tips.worry import hesitates, worry_answer
from knowledge.followups import is_followup
from storage import memos
from storage.models import Role

WANTED_WORD = "在逃"
DECLINE = "不用举报"
#: The memo holding a message the bot offered to make a tip of (handlers.tips.suggest).
OFFERED = "tip_offer"
#: The memo of when 不用举报 was said: the offer leaves answers alone for a while.
DECLINED = "tip_declined"
#: What 「不用了」 under photos held for a 报案 offer alone sends (`handlers.reports.pending`).
DROP_HELD = "不用保存照片"
#: The value of the buttons that take the offer up (是，我要举报, 匿名举报).
_TIP_BUTTON = "/举报"
#: How long 「是，我要举报」 starts the tip with what was said.
OFFER_FRESH = timedelta(minutes=30)


async def decline_offer(ctx: Context) -> tuple[str, bool]:
    """不用了 said to an offer to report: the offer is forgotten, the photos held after it
    dropped, and the offer left alone for a while. What was offered ("" once lapsed), and
    whether photos were dropped."""
    offered = await memos.recall(ctx.session, ctx.user_key, OFFERED, ctx.now, OFFER_FRESH)
    await memos.forget(ctx.session, ctx.user_key, OFFERED)
    dropped = await held_photos.take(ctx)
    await memos.remember(ctx.session, ctx.user_key, DECLINED, DECLINE, ctx.now)
    return offered or "", bool(dropped)


def _plain(text: str) -> str:
    return re.sub(r"[\s，,。.!！?？~～…]", "", text)


async def _still_offered(ctx: Context) -> str | None:
    """What the offer to report was made for, while it is the last thing shown: a button
    that starts the tip (是，我要举报, or 匿名举报 under a photo sent after the offer) is still
    among the last shown, or the buttons of a later page of the same question are (更多;
    a page without buttons, 全文 N, leaves the answer's, see `handlers.law`). Anything else
    said takes them off. 打架了怎么处理, then 查询 and 谢谢, had started a tip 已记下情况：
    打架了怎么处理, and so had 全文 1 before them; 举报 typed after 房东不退押金 and 被人打了,
    one about 邻居半夜唱歌扰民怎么办."""
    offered = await memos.recall(ctx.session, ctx.user_key, OFFERED, ctx.now, OFFER_FRESH)
    if offered is None:
        return None
    shown = await choice_memory.shown_values(ctx.session, ctx.user_key, ctx.now)
    if _TIP_BUTTON in shown:
        return offered
    if not any(is_followup(value) for value in shown):
        return None  # answered with something else since
    made = await memos.written_at(ctx.session, ctx.user_key, OFFERED)
    asked_at = await memos.written_at(ctx.session, ctx.user_key, memos.LAW_QUESTION)
    if made is None or asked_at is None or asked_at <= made:
        return None
    kept = await memos.recall(ctx.session, ctx.user_key, memos.LAW_QUESTION, ctx.now, OFFER_FRESH)
    asked = str(json.loads(kept).get("question", "")) if kept else ""
    return offered if _plain(asked) == _plain(offered) else None


def build_router(forms: FormEngine) -> Router:
    router = Router()

    @router.route(
        "tip",
        commands=("举报", "tip"),
        keywords=("举报", "我要举报", "我想举报"),
        # What is typed after 举报 starts the description: the example says so.
        help="向民警举报（默认匿名），如：举报 小区地下室有人聚众赌博",
        # Reporting something suspicious is part of an owner's week: in their short help.
        daily=78,
        daily_for=(Role.OWNER,),
    )
    async def tip(ctx: Context) -> list[Reply]:
        args = ctx.match.args if ctx.match else ""
        head, _, rest = args.partition(" ")
        await held_photos.hold_sent(ctx)
        # Refused before what was offered and held is taken: a later 举报 still has them.
        if (refused := await over_limit(ctx)) is not None:
            return refused
        if head == WANTED_WORD and rest.strip().isdigit():
            wanted_id = int(rest.strip())
            # 我好像在菜市场看到这个人了, said before the button: the description.
            kept = await memos.recall(
                ctx.session, ctx.user_key, SIGHTING_OFFERED, ctx.now, SIGHTING_FRESH
            )
            await memos.forget(ctx.session, ctx.user_key, SIGHTING_OFFERED)
            # A photo sent with 举报 在逃 N (or just before it) is the sighting's, as any
            # tip's: it had been dropped.
            held = await held_photos.take_all(ctx)
            told = "；".join(
                s for s in dict.fromkeys((read_offer(kept, wanted_id), *held.captions)) if s
            )
            return await start_tip(ctx, forms, text=told, wanted_id=wanted_id, photos=held.photos)
        if hesitates(args, of_a_tip=True):
            # 我想举报，但是怕被报复: the worry answered, not a tip about it.
            return [worry_answer()]
        offered = await _still_offered(ctx)
        await memos.forget(ctx.session, ctx.user_key, OFFERED)
        # A photo sent after the offer (`handlers.reports.pending`) is the tip's, and the
        # words sent with it (就是这个人) are the description's, after what was offered.
        held = await held_photos.take_all(ctx)
        # dict.fromkeys: the words the offer was made for may come again as a caption.
        told = "；".join(s for s in dict.fromkeys((args or offered or "", *held.captions)) if s)
        return await start_tip(ctx, forms, text=told, photos=held.photos)

    @router.route("tip_declined", keywords=(DECLINE,))
    async def declined(ctx: Context) -> list[Reply]:
        # A photo sent after the offer goes with it, and is said to: a later 举报 had
        # quietly carried it when the decline was not heard.
        _, dropped = await decline_offer(ctx)
        said = "好的，刚才的照片没有保存。" if dropped else "好的。"
        return [Text(f"{said}如需帮助请发送「帮助」；以后想举报，随时发送「举报」即可。")]

    @router.route("tip_photos_dropped", keywords=(DROP_HELD,))
    async def photos_dropped(ctx: Context) -> list[Reply]:
        # 「不用了」 under photos held for the 自助报案 offer: no tip was offered to decline.
        dropped = await held_photos.take(ctx)
        said = "好的，刚才的照片没有保存。" if dropped else "好的。"
        return [Text(f"{said}需要时随时发送「报案」或「举报」，问到照片时再发送。")]

    return router
