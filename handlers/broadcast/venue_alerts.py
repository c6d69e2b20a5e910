"""What an owner is told who asks to stop the alerts (不想再收到通知, 退订).

An owner gets the station's alerts as their place's owner (`RecipientKind.OWNER`), not as
a subscriber: 退订 had told them 您没有订阅警情提示。需要时发送「/订阅」, which invited them to
subscribe to more, while the alerts went on. They are told why these alerts go on, and the
ways there are: the group's alerts stop when the station stops them, and an owner who no
longer runs the place asks to be unbound.
"""

from __future__ import annotations

from bot.context import Context
from handlers.services.venues import owned_venues
from storage.models import Role

#: Places named in the answer before 等: a phone screen's line.
_NAMED = 3


async def venue_alerts_told(ctx: Context) -> str:
    """Why an owner's alerts cannot be stopped, and what they can do; "" for anyone who
    owns no place (a resident's 退订 is theirs to make)."""
    if ctx.role is not Role.OWNER:
        return ""
    places = await owned_venues(ctx.session, ctx.person.id)
    if not places:
        return ""
    names = "、".join(v.name for v in places[:_NAMED]) + ("等" if len(places) > _NAMED else "")
    return (
        f"您作为场所负责人（{names}）收到的通报是派出所发给辖区场所的，不能退订："
        "民警要确认各场所都已阅知，未回复「收到」的还会再提醒。阅后点「收到」即可。\n"
        "群里的通报是发给全群的，个人也不能退订；群不再使用的，请发送「问民警」告诉社区民警停发。\n"
        "已不再负责场所的，请发送「解绑」。"
    )
