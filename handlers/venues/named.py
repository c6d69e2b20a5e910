"""A venue's name typed alone by an officer (悦来旅馆): its record, as /场所 悦来旅馆 shows it.

Officers think of their venues by name and type just that; it had got 没有理解. Only a
name that is exactly a venue's of the officer's own station is taken: a word that is part
of a name (悦来) may be anything else. A rental's six-digit plate alone (100001) is taken
the same way.
"""

from __future__ import annotations

import re

from sqlmodel import select

from bot.context import Context, Handler
from bot.messages import ChatType, Reply
from bot.router import STAFF
from handlers.services.plates import PLATE
from handlers.services.scope import restrict, station_beats
from knowledge.intent import asks
from storage.models import Venue

#: What a venue's name may look like: no question, no sentence (names run to 40 characters).
_NAME_LIKE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9·（）() ]{2,40}")


def with_venue_names(fallback: Handler) -> Handler:
    async def handler(ctx: Context) -> list[Reply]:
        text = ctx.inbound.text.strip()
        if (
            ctx.role in STAFF
            and ctx.inbound.chat_type is ChatType.PRIVATE
            and not ctx.retold
            and _NAME_LIKE.fullmatch(text)
            and not asks(text)  # 今天有什么事: a question, spared the lookup
        ):
            scope = await station_beats(ctx.session, ctx.person)
            # 100001 alone, a rental's plate, had got 没有理解 too.
            said = Venue.plate == text if PLATE.fullmatch(text) else Venue.name == text
            named = restrict(select(Venue.id).where(said), scope)
            if (await ctx.session.exec(named.limit(1))).first() is not None:
                ctx.retell = f"/场所 {text}"
                return []
        return await fallback(ctx)

    return handler
