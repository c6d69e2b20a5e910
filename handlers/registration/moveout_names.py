"""A tenant's name typed under 退租's own picker (请选择搬离的租客：王* 1101…).

The picker's buttons are taken by title or number like any others (`bot.choice_memory`),
but a landlord types the tenant's name, as 退租 王五 takes it and as 退房 takes a guest's.
王五 there had got 请点选上面的选项. While those buttons are the last ones shown, a message
that is the full name of exactly one current tenant is read as that tenant's button.
"""

from __future__ import annotations

import re

from bot import choice_memory
from bot.context import Context, Handler
from bot.messages import Reply
from handlers.registration.guest import OWNERS
from handlers.registration.tenant import current_tenants
from handlers.services.personal import NAME

#: A picker button's value: /退租 #12, with the day said (/退租 #12 昨天).
_PICK_BUTTON = re.compile(r"/?退租 #\d+(?: (?P<when>\S+))?")
#: A full name as typed: Han characters (with the · of a minority name), nothing else.
_NAME = re.compile(r"[\u4e00-\u9fff·]{2,12}")


def with_tenant_names(handler: Handler) -> Handler:
    async def wrapped(ctx: Context) -> list[Reply]:
        text = ctx.inbound.text.strip(" 。.!！")
        if ctx.retold or ctx.role not in OWNERS or not _NAME.fullmatch(text):
            return await handler(ctx)
        first = await choice_memory.resolve(ctx.session, ctx.user_key, 1, ctx.now)
        asked = _PICK_BUTTON.fullmatch(first or "")
        if asked is None:
            return await handler(ctx)
        # Matched by the name's blind index, never decrypted (as 退租 王五 is).
        named = ctx.services.blind_index(text, NAME)
        same = [t for t in await current_tenants(ctx) if t.name_idx == named]
        if len(same) != 1:
            return await handler(ctx)
        when = f" {asked['when']}" if asked["when"] else ""
        ctx.retell = f"/退租 #{same[0].id}{when}"
        return []

    return wrapped
