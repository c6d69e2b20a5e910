"""Refuse routes the sender's role may not use, with a hint of what to do instead."""

from __future__ import annotations

from dataclasses import replace

from bot.context import Context, Handler
from bot.messages import Reply, Text
from bot.router import STAFF
from storage.models import Role

_STAFF_ONLY = "该功能仅限本所民警使用。如您是民警，请先用「/绑定 邀请码」绑定身份。"
_BOUND_ONLY = "该功能需先绑定身份（场所负责人或民警）。请发送「/绑定 邀请码」完成绑定。"
_OWNER_ONLY = (
    "该功能供已绑定的场所负责人使用。请向社区民警索取邀请码，发送「/绑定 邀请码」完成绑定。"
)
_OWNER_ONLY_STAFF = "该功能供场所负责人使用。民警可发送「帮助」查看可用的命令。"
#: The station admin (所长) owns no place: their work is the station's.
_OWNER_ONLY_ADMIN = (
    "该功能供场所负责人使用。您是管理员，发送「帮助」查看可用的命令，如「/日报」看各警务区日报。"
)
_OTHER = "您当前的身份不能使用该功能。发送「帮助」查看可用功能。"


async def authorization(next_handler: Handler, ctx: Context) -> list[Reply]:
    match = ctx.match
    if match is None or ctx.role in match.route.roles:
        return await next_handler(ctx)
    if match.route.staff_way and ctx.role in STAFF:
        return [Text(match.route.staff_way)]
    if match.bare:
        # 通缉 from a resident is a word, not a command they have: the route that answers
        # it for them (the public notices), else the fallback reads it.
        other = next((r for r in match.others if ctx.role in r.roles), None)
        ctx.match = None if other is None else replace(match, route=other, others=())
        return await next_handler(ctx)
    roles = match.route.roles
    if roles <= {Role.OFFICER, Role.ADMIN}:
        return [Text(_STAFF_ONLY)]
    if Role.OWNER in roles and Role.OFFICER in roles:
        return [Text(_BOUND_ONLY)]
    if Role.OWNER in roles:
        # An officer is not sent to ask an officer for an invitation code.
        if ctx.role is Role.ADMIN:
            return [Text(_OWNER_ONLY_ADMIN)]
        return [Text(_OWNER_ONLY_STAFF if ctx.role in STAFF else _OWNER_ONLY)]
    return [Text(_OTHER)]
