"""A tenant who never moved in (302那个不来租了，没搬进来): the registration is withdrawn.

That sentence had got 没有理解, and 李四不租了，没搬进来 the move-out's 确认 李*已搬离？, which
records the tenant as living in the house from the lease's start until today. The tenant
the sentence names (by full name, matched by its blind index, or by the room) is asked
退租's own withdrawal (撤下登记), as a lease not yet begun is: the record is taken off the
list, the officers of a hit are told, and 撤销退租 puts it back.

```mermaid
flowchart LR
    said([302那个不来租了，没搬进来]) --> who{which tenant?}
    who -- named, the room's, or the only one --> ask[撤下 李* 的登记？]
    who -- several --> pick[哪位租客没有入住？] --> ask
    ask -- 撤下登记 --> done([已撤下; 撤销退租 button])
```
"""

from __future__ import annotations

import re

from bot.context import Context, Handler
from bot.messages import Button, Choices, Reply
from bot.validators.rooms import rooms_in
from handlers.registration.guest import OWNERS
from handlers.registration.guest_labels import named_in
from handlers.registration.tenant import _WITHDRAW, current_tenants
from knowledge.intent import asks
from storage.models import Tenancy

#: 没搬进来, 没入住, 一天都没住, 不来租了: the tenant never came. Not 还没搬进来, which is
#: a tenant still to come, nor 不租了 alone, a tenant leaving (退租's own words).
_NEVER_CAME = re.compile(
    r"(?<!还)没有?(?:搬进来|搬进去|搬过来|搬来|入住|住进来|住进去|来住|来租|住过)"
    r"|不来(?:租|住)?了|一天(?:都|也)没住"
)
_PICKED = 10


def _command(tenancy_id: int | None) -> str:
    return f"/退租 #{tenancy_id} {_WITHDRAW}"


def _label(tenancy: Tenancy) -> str:
    """302 李* 1101…: the room first, as the landlord named it."""
    room = f"{tenancy.room} " if tenancy.room else ""
    return f"{room}{tenancy.name_masked} {tenancy.doc_no_masked}"


def with_never_moved_in(handler: Handler) -> Handler:
    async def wrapped(ctx: Context) -> list[Reply]:
        text = ctx.inbound.text.strip()
        if ctx.retold or ctx.role not in OWNERS or not _NEVER_CAME.search(text):
            return await handler(ctx)
        if asks(text):
            # 租客交了定金没搬进来，定金能退吗: the landlord's question, answered.
            return await handler(ctx)
        current = await current_tenants(ctx)
        if not current:
            return await handler(ctx)
        named = [t for _name, t in named_in(text, current, ctx.services.blind_index)]
        rooms = set(rooms_in(text, [t.room for t in current if t.room]))
        meant = named or [t for t in current if t.room and t.room in rooms] or current
        if len(meant) == 1:
            ctx.retell = _command(meant[0].id)
            return []
        buttons = tuple(Button(_label(t), _command(t.id)) for t in meant[:_PICKED])
        return [Choices("哪位租客没有入住？", buttons)]

    return wrapped
