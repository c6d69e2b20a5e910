"""没有理解, and what the sender's role can send instead."""

from __future__ import annotations

from bot.context import Context
from bot.messages import Reply, Text
from handlers.help_menu import owner_features
from handlers.services.venues import owner_kinds
from storage.models import Role, VenueKind

#: How every "not understood" begins; what follows points to the sender's own features.
NOT_UNDERSTOOD = "抱歉，我没有理解您的意思。"
#: How the fallback begins when buttons wait and a message answers none of them.
CHOOSE_ABOVE = "请点选上面的选项"
_RESIDENT_NEXT = "法律问题可以直接问，例如「房东不退押金怎么办」；发送「帮助」查看全部功能。"
_OFFICER_NEXT = "可以发送「日报」「任务」「通报」「比中」「线索」等，或发送「帮助」查看全部功能。"


async def not_understood(ctx: Context) -> str:
    """没有理解, and what the sender's role can send instead: an officer is not pointed to
    the residents' legal questions, nor an owner to them alone."""
    kinds = await owner_kinds(ctx)
    if kinds is not None:
        return NOT_UNDERSTOOD + _owner_next(kinds)
    if ctx.role is Role.RESIDENT:
        return NOT_UNDERSTOOD + _RESIDENT_NEXT
    return NOT_UNDERSTOOD + _OFFICER_NEXT


def _owner_next(kinds: set[VenueKind]) -> str:
    registers, inspects = owner_features(kinds)
    can = [f"「登记」登记{'或'.join(registers)}"] if registers else []
    if inspects:
        can.append("「自查」做消防自查")
    can.append("「收到」确认通报")
    return f"可以发送{'、'.join(can)}，或发送「帮助」查看全部功能。"


def is_not_understood(reply: Reply) -> bool:
    """Whether `reply` is a 没有理解 (of the fallback or of a handler that gave up)."""
    return isinstance(reply, Text) and reply.text.startswith(NOT_UNDERSTOOD)


def is_given_up(reply: Reply) -> bool:
    """Whether `reply` is the fallback's: 没有理解, or 请点选上面的选项 while buttons wait."""
    return isinstance(reply, Text) and reply.text.startswith((NOT_UNDERSTOOD, CHOOSE_ABOVE))
