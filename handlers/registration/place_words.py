"""民宿 typed at 请选择要登记旅客的场所 (悦来旅馆, 枫林民宿): the place it names.

The buttons' titles are taken by title, by number or by the start of a title (悦来 for
悦来旅馆, `bot.choice_memory`), but an owner of a hotel and a homestay says 民宿 for the
homestay: that had got 请点选上面的选项. While the places of a registration are the last
buttons shown, a word that names one of them alone (`said_first.place_named`) chooses it.
"""

from __future__ import annotations

import re

from bot import choice_memory
from bot.context import Context, Handler
from bot.messages import Reply
from handlers.registration.guest import OWNERS
from handlers.registration.said_first import place_named
from handlers.registration.tenant import RENTALS
from handlers.services.venues import GUEST_KINDS, owned_venues

#: A place's button of `venue_choice.choose_venue` for a registration: /登记旅客 2.
_PLACE_BUTTON = re.compile(r"/(?P<command>登记旅客|登记租客) \d+")
#: Longer than a place's name: a sentence, for the handlers after this one.
_WORDS_MAX = 12


def with_place_words(handler: Handler) -> Handler:
    async def wrapped(ctx: Context) -> list[Reply]:
        text = ctx.inbound.text.strip()
        if ctx.retold or not text or len(text) > _WORDS_MAX or ctx.role not in OWNERS:
            return await handler(ctx)
        first = await choice_memory.resolve(ctx.session, ctx.user_key, 1, ctx.now)
        asked = _PLACE_BUTTON.fullmatch(first or "")
        if asked is None:
            return await handler(ctx)
        command = asked["command"]
        kinds = GUEST_KINDS if command == "登记旅客" else RENTALS
        places = list(await owned_venues(ctx.session, ctx.person.id, kinds))
        named, _rest = place_named(places, text)
        if named is None:
            return await handler(ctx)
        ctx.retell = f"/{command} {places.index(named) + 1}"
        return []

    return wrapped
