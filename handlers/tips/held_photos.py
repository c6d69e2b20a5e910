"""Photos sent right after the bot offered 举报 or 报案, held for the form picked next.

楼下有人聚众赌博 → 是否要向民警举报？ → a photo → 匿名举报: the photo had been dropped with
已收到图片，但没有保存. It is held (its content hash only, sealed like every memo) for as long
as the offer holds, and the tip or the report started next takes it as its photos. Words
sent with a photo (就是这个人，天天在这卖), its caption, are held with it: the tip's
description had lost them. A photo sent with words of its own and no offer (楼道里堆满了
电动车在充电, answered by the law) is held the same way, and so is one sent with 举报 or
报案 itself.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import timedelta

from bot.context import Context
from storage import memos

HELD = "photos_held"
#: As long as the offer itself holds (`handlers.tips.router.OFFER_FRESH`).
HELD_FOR = timedelta(minutes=30)
#: A form's photo field takes no more.
MOST = 12


@dataclass(frozen=True)
class Held:
    photos: list[str] = field(default_factory=list)
    #: The captions sent with them, in the order sent.
    captions: list[str] = field(default_factory=list)


async def hold(ctx: Context, hashes: list[str], caption: str = "") -> list[str]:
    """Add `hashes` (and the `caption` sent with them) to what is held; all the photos,
    as held now."""
    held = await _recall(ctx)
    photos = held.photos + [h for h in hashes if h not in held.photos]
    captions = held.captions + ([caption] if caption and caption not in held.captions else [])
    kept = json.dumps({"photos": photos[:MOST], "captions": captions}, ensure_ascii=False)
    await memos.remember(ctx.session, ctx.user_key, HELD, kept, ctx.now)
    return photos[:MOST]


async def hold_sent(ctx: Context) -> None:
    """Hold the photos sent with the message that starts a tip or a report (举报 有人卖假药
    with a photo), for the form to take with any held before: the photo had been dropped.
    The words are the command's, not a caption."""
    if ctx.inbound.photos:
        await hold(ctx, [p.sha256 for p in ctx.inbound.photos])


async def _recall(ctx: Context) -> Held:
    kept = await memos.recall(ctx.session, ctx.user_key, HELD, ctx.now, HELD_FOR)
    if not kept:
        return Held()
    loaded = json.loads(kept)
    if isinstance(loaded, list):  # held before captions were
        return Held(list(loaded))
    return Held(list(loaded.get("photos", [])), list(loaded.get("captions", [])))


async def peek(ctx: Context) -> list[str]:
    return (await _recall(ctx)).photos


async def take(ctx: Context) -> list[str]:
    """The photos held, forgotten (captions and all): one form takes them."""
    return (await take_all(ctx)).photos


async def take_all(ctx: Context) -> Held:
    """The photos held and their captions, forgotten: one form takes them."""
    held = await _recall(ctx)
    await memos.forget(ctx.session, ctx.user_key, HELD)
    return held
