"""Photos sent right after the bot offered 举报 or 报案, held for the form picked next.

楼下有人聚众赌博 → 是否要向民警举报？ → a photo → 匿名举报: the photo had been dropped with
已收到图片，但没有保存. It is held (its content hash only, sealed like every memo) for as long
as the offer holds, and the tip or the report started next takes it as its photos.
"""

from __future__ import annotations

import json
from datetime import timedelta

from bot.context import Context
from storage import memos

HELD = "photos_held"
#: As long as the offer itself holds (`handlers.tips.router.OFFER_FRESH`).
HELD_FOR = timedelta(minutes=30)
#: A form's photo field takes no more.
MOST = 12


async def hold(ctx: Context, hashes: list[str]) -> list[str]:
    """Add `hashes` to the photos held; all of them, as held now."""
    held = await peek(ctx)
    held += [h for h in hashes if h not in held]
    held = held[:MOST]
    await memos.remember(ctx.session, ctx.user_key, HELD, json.dumps(held), ctx.now)
    return held


async def peek(ctx: Context) -> list[str]:
    kept = await memos.recall(ctx.session, ctx.user_key, HELD, ctx.now, HELD_FOR)
    return list(json.loads(kept)) if kept else []


async def take(ctx: Context) -> list[str]:
    """The photos held, forgotten: one form takes them."""
    held = await peek(ctx)
    await memos.forget(ctx.session, ctx.user_key, HELD)
    return held
