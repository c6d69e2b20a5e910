"""`/邀请 悦来旅馆`: an officer makes the invite code that binds a venue's new owner.

A hotel changes hands or a shop opens: the owner needs a code to send the bot (`/绑定`),
and only the command line made one, so the officer asked the station's IT staff each
time. The code comes from the same service as `jingmin invite --role owner`; the venue is
found as /场所 finds it, among the officer's own station's venues only.

/邀请 悦来旅馆            a code, how long it holds, and a message to forward to the owner
/邀请 撤销 悦来旅馆       void the venue's codes not yet used (one sent to the wrong person)
/邀请 列表 [悦来旅馆]     the codes made lately and what became of them (`invite_list`)
"""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func
from sqlmodel import select

from bot.audit_trail import audit
from bot.config import Settings
from bot.context import Context
from bot.messages import ChatType, Reply, Text
from bot.router import STAFF, Router
from handlers.help_menu import owner_features
from handlers.registration.timefmt import short
from handlers.services.invites import create_invite, open_owner_invites, revoke_owner_invites
from handlers.services.scope import BeatScope, resolve_venue, station_beats, unresolved
from handlers.services.venues import venue_label
from handlers.services.worklog import log_work
from handlers.venues.invite_list import list_invites
from storage.models import Beat, Role, Venue, VenueOwner

router = Router()

USAGE = (
    "用法：/邀请 场所（门牌号、编号或名称），如 /邀请 悦来旅馆；"
    "/邀请 撤销 悦来旅馆 作废未使用的邀请码；/邀请 列表 查看已生成的邀请码。"
)
REVOKE_WORDS = ("撤销", "作废", "撤回", "取消")
LIST_WORDS = ("列表", "清单", "查看", "记录")


@router.route(
    "owner_invite",
    commands=("邀请", "邀请码", "绑定码", "invite"),
    roles=STAFF,
    help=(
        "为本所场所的负责人生成绑定邀请码，如 /邀请 悦来旅馆"
        "（/邀请 撤销 悦来旅馆 作废，/邀请 列表 查看已生成的及是否已使用）"
    ),
    topic="绑定",
)
async def owner_invite(ctx: Context) -> list[Reply]:
    if ctx.inbound.chat_type is not ChatType.PRIVATE:
        # The code binds whoever sends it first: in a group, any member could. Which venues
        # have a code out is no business of the group either.
        return [Text("邀请码只在与本号的私聊中生成和查看，请私聊发送「/邀请 场所」。")]
    said = (ctx.match.args if ctx.match else "").strip()
    first, _, rest = said.partition(" ")
    revoking = first in REVOKE_WORDS
    if first in LIST_WORDS:
        return [await _list(ctx, rest.strip())]
    key = rest.strip() if revoking else said
    if not key:
        what = "作废哪个场所未使用的邀请码" if revoking else "为哪个场所的负责人生成邀请码"
        return [Text(f"请写明要{what}。\n{USAGE}")]
    scope = await station_beats(ctx.session, ctx.person)
    venue = await resolve_venue(ctx.session, scope, key)
    if isinstance(venue, str):
        # Another station's venue is not found either: its existence is not ours to tell.
        return [unresolved(ctx, venue, "只能为本所辖区的场所生成邀请码。")]
    assert venue.id is not None
    if revoking:
        return [Text(await _revoke(ctx, venue))]
    settings = ctx.services.settings
    hours = settings.security.invite_ttl_hours
    # Counted before this one: each code binds one more owner, a second one by mistake too.
    earlier = await open_owner_invites(ctx.session, venue.id, ctx.now)
    code = await create_invite(
        ctx.session,
        role=Role.OWNER,
        now=ctx.now,
        ttl=timedelta(hours=hours),
        venue_id=venue.id,
    )
    audit(ctx, action="invite:owner", subject_kind="venue", subject_id=str(venue.id))
    # The ledger says a code was given, never the code: it binds whoever holds it.
    log_work(
        ctx.session,
        ctx.person,
        "venue.invite",
        f"{venue.name}：生成负责人邀请码",
        now=ctx.now,
        subject_kind="venue",
        subject_id=venue.id,
    )
    until = short(ctx.now + timedelta(hours=hours), settings.zone, ctx.now)
    beat = await ctx.session.get(Beat, venue.beat_id)
    owners = await _owner_count(ctx, venue.id)
    # As officers know it (name, plate): its #id is the database's, not a number they go by.
    where = f"（{beat.name}）" if beat else ""
    lines = [
        f"已为「{venue_label(venue)}」{where}生成负责人邀请码：",
        code,
        f"仅限一人使用一次，{hours}小时内有效（至 {until}）。请把下一条消息转发给负责人。",
    ]
    if owners:
        # A hotel that changed hands: the former owner stays bound until removed.
        lines.append(
            f"该场所已绑定负责人 {owners} 人，原负责人不会因此解除，如需解除请联系管理员。"
        )
    if earlier:
        lines.append(
            f"注意：该场所已有未使用的邀请码 {earlier} 个，仍然有效，每个码都能再绑定一位负责人。"
            "发送「/邀请 列表」查看。"
        )
    lines.append(f"如发错了人，发送「/邀请 撤销 {await _key(ctx, scope, venue)}」作废。")
    return [Text("\n".join(lines)), Text(_forwarded(settings, venue, code, hours))]


def _forwarded(settings: Settings, venue: Venue, code: str, hours: int) -> str:
    """The message the owner reads: where to send what, and what they will then do.

    The bot is named as it names itself in 帮助 ([station] name), which is what the owner
    will see once there; `jingmin serve` warns when the stations table says otherwise.
    """
    where = []
    if settings.wechat_mp.enabled:
        where.append("微信公众号")
    if not settings.server.public_url_is_local:  # 127.0.0.1 opens nothing on their phone
        where.append(f"网页 {settings.server.public_url}/")
    station = settings.station.name
    at = f"（{'、'.join(where)}）" if where else ""
    registers, inspects = owner_features({venue.kind})
    can = [f"登记{who}" for who in registers]
    if inspects:
        can.append("做消防安全自查")
    can.append("接收警情通报")
    lines = [
        f"您好！请在「{station}警民通」{at}私聊发送：",
        f"/绑定 {code}",
        f"即可成为「{venue.name}」的负责人，{'、'.join(can)}。",
    ]
    if link := settings.telegram.deep_link(code):
        lines.append(f"使用 Telegram 的，直接打开：{link}")
    lines.append(f"邀请码{hours}小时内有效，仅限使用一次，请勿转给他人。")
    return "\n".join(lines)


async def _list(ctx: Context, key: str) -> Reply:
    if not key:
        return Text(await list_invites(ctx, None))
    venue = await resolve_venue(ctx.session, await station_beats(ctx.session, ctx.person), key)
    if isinstance(venue, str):
        return unresolved(ctx, venue, "发送「/邀请 列表」查看本所全部场所的邀请码。")
    return Text(await list_invites(ctx, venue))


async def _key(ctx: Context, scope: BeatScope, venue: Venue) -> str:
    """What names `venue` in a command the officer types: its plate, else its name; its
    number only where those find another venue too (two 如家酒店 with no plate)."""
    key = venue.plate or venue.name
    found = await resolve_venue(ctx.session, scope, key)
    return key if isinstance(found, Venue) and found.id == venue.id else f"#{venue.id}"


async def _owner_count(ctx: Context, venue_id: int) -> int:
    query = select(func.count()).where(VenueOwner.venue_id == venue_id)
    return int((await ctx.session.exec(query)).one())


async def _revoke(ctx: Context, venue: Venue) -> str:
    assert venue.id is not None
    count = await revoke_owner_invites(ctx.session, venue.id, ctx.now)
    if not count:
        return f"「{venue.name}」没有未使用的负责人邀请码。"
    audit(
        ctx,
        action="invite:revoke",
        subject_kind="venue",
        subject_id=str(venue.id),
        detail=str(count),
    )
    return f"✅ 已作废「{venue.name}」未使用的负责人邀请码 {count} 个，已绑定的负责人不受影响。"
