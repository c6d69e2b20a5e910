"""`/绑定 CODE`: bind this chat account to an officer, owner or admin role."""

from __future__ import annotations

from datetime import timedelta

from bot.audit_trail import audit
from bot.context import Context
from bot.messages import Reply, Text
from bot.router import ALL_ROLES, Router
from handlers.services.invites import InviteError, create_link_code, redeem_invite
from storage.models import Role, VenueKind

router = Router()

LINK_CODE_TTL = timedelta(minutes=10)


@router.route("bind", commands=("绑定", "bind"), help="用邀请码绑定身份，如 /绑定 ABCD-EFGH")
async def bind(ctx: Context) -> list[Reply]:
    code = ctx.match.args if ctx.match else ""
    if not code:
        return [Text("请在「/绑定」后加上邀请码，例如：/绑定 ABCD-EFGH。邀请码由社区民警提供。")]
    try:
        binding = await redeem_invite(
            ctx.session, code, ctx.account, ctx.person, ctx.now, ctx.inbound.sender_name
        )
    except InviteError as exc:
        return [Text(str(exc))]
    audit(
        ctx,
        action="bind",
        detail=binding.role.value,
    )
    if binding.role is Role.OFFICER:
        beat = binding.beat.name if binding.beat else ""
        return [Text(f"绑定成功！您已登记为{beat}民警。发送「帮助」查看民警功能。")]
    if binding.role is Role.OWNER and binding.venue is not None:
        venue = binding.venue
        # What this kind of place does here: a noodle shop registers no one.
        if venue.kind.takes_guests:
            first = "发送「登记」登记入住旅客，"
        elif venue.kind is VenueKind.RENTAL:
            first = "发送「登记租客」登记租客，"
        else:
            # 点通报下的「收到」: a channel without buttons reads it as 回复「收到」.
            first = (
                "民警的通报会发到这里，阅后请点通报下的「收到」确认；发送「自查」做消防安全自查，"
            )
        return [
            Text(f"绑定成功！您已成为「{venue.name}」的负责人。{first}发送「帮助」查看全部功能。")
        ]
    return [Text(f"绑定成功！您的身份：{binding.role.label}。")]


@router.route(
    "link",
    commands=("关联", "link"),
    roles=ALL_ROLES - {Role.RESIDENT},
    help="获取关联码，在其他平台（企业微信/Telegram/网页）绑定同一身份",
    topic="绑定",
)
async def link(ctx: Context) -> list[Reply]:
    code = await create_link_code(ctx.session, ctx.person, now=ctx.now, ttl=LINK_CODE_TTL)
    return [
        Text(f"您的关联码：{code}\n10分钟内在另一平台发送「/绑定 {code}」，即可用同一身份登录。")
    ]
