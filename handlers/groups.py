"""`/绑定群 CODE` binds the group it is sent in; `/群绑定码` makes such a code.

An officer's code binds a group to their beat (and a venue kind, if given: `/群绑定码 旅馆`);
an owner's code binds a group to their venue. Alerts for the beat and kind then go to the
group (see `handlers.services.groups.groups_for`).

Only a channel that reads group messages (Telegram) can bind a group this way: the others
(the web chat, the official account, the WeCom app) say where it works instead, and their
help leaves out what leads nowhere (`group_routes_unusable`). Each channel says which it is
(`Services.channels`); a handler knows no channel by name.
"""

from __future__ import annotations

from datetime import timedelta

from bot.audit_trail import audit
from bot.context import Context
from bot.messages import Button, ChatType, Choices, Reply, Text
from bot.router import Router
from handlers.broadcast.audience_text import named_kind
from handlers.registration.said_first import place_named
from handlers.services.groups import bind_group, create_group_code
from handlers.services.invites import InviteError
from handlers.services.venues import owned_venues
from storage.models import Beat, Role, Venue, VenueKind

router = Router()

BINDERS = (Role.OFFICER, Role.ADMIN, Role.OWNER)
CODE_TTL = timedelta(hours=24)


@router.route(
    "bind_group",
    commands=("绑定群", "bindgroup"),
    roles=BINDERS,
    help="在群里发送，把本群绑定到警务区，如 /绑定群 ABCD-EFGH",
    topic="绑定",
)
async def bind_this_group(ctx: Context) -> list[Reply]:
    code = ctx.match.args if ctx.match else ""
    if "bind_group" in group_routes_unusable(ctx):
        return [Text(_no_groups_here(ctx))]
    if ctx.inbound.chat_type is not ChatType.GROUP:
        return [Text("请在要绑定的群里发送「/绑定群 绑定码」。绑定码可发送「/群绑定码」获取。")]
    if not code:
        return [Text("请在「/绑定群」后加上绑定码，例如：/绑定群 ABCD-EFGH。")]
    try:
        group = await bind_group(
            ctx.session,
            code,
            channel=ctx.inbound.channel,
            chat_id=ctx.inbound.chat_id,
            name="",
            now=ctx.now,
        )
    except InviteError as exc:
        return [Text(str(exc))]
    audit(
        ctx,
        action="bind_group",
        subject_kind="chat_group",
        subject_id=str(group.id),
    )
    kind = VenueKind(group.venue_kind) if group.venue_kind else None
    venue = await ctx.session.get(Venue, group.venue_id) if group.venue_id else None
    where = await _scope(ctx, group.beat_id, kind, venue)
    return [
        Text(f"本群已绑定：{where}。今后相关的警情通报将发送到本群，群成员阅后可回复「收到」确认。")
    ]


@router.route(
    "group_code",
    commands=("群绑定码", "groupcode"),
    roles=BINDERS,
    help="获取群绑定码，如 /群绑定码 旅馆（民警可指定场所类型）",
    topic="绑定",
)
async def group_code(ctx: Context) -> list[Reply]:
    args = ctx.match.args if ctx.match else ""
    if "group_code" in group_routes_unusable(ctx):
        return [Text(_no_groups_here(ctx))]
    chosen: Venue | None = None
    kind: VenueKind | None = None
    try:
        if ctx.role in (Role.OFFICER, Role.ADMIN) and ctx.person.beat_id is not None:
            kind = named_kind(args) if args else None
            if args and kind is None:
                raise ValueError(args)
            code = await create_group_code(
                ctx.session,
                now=ctx.now,
                ttl=CODE_TTL,
                beat_id=ctx.person.beat_id,
                venue_kind=kind,
                created_by=ctx.person.id,
            )
        else:
            venues = await owned_venues(ctx.session, ctx.person.id)
            chosen = _place(venues, args)
            if chosen is None:
                if not venues:
                    return [Text("您名下没有场所，无法生成群绑定码。如有疑问请联系社区民警。")]
                buttons = tuple(
                    Button(v.name, f"/群绑定码 {n}") for n, v in enumerate(venues, start=1)
                )
                return [Choices("您名下有多个场所，请选择要绑定群的场所：", buttons)]
            code = await create_group_code(
                ctx.session,
                now=ctx.now,
                ttl=CODE_TTL,
                venue_id=chosen.id,
                created_by=ctx.person.id,
            )
    except ValueError:
        kinds = "、".join(k.label for k in VenueKind)
        return [Text(f"不认识该场所类型。可选：{kinds}")]
    except InviteError as exc:
        return [Text(str(exc))]
    if chosen is None:
        where = await _scope(ctx, ctx.person.beat_id, kind, None)
    else:
        where = chosen.name
    readers = "或".join(_group_readers(ctx))
    group = f" {readers} 群" if readers else "群"
    return [
        Text(
            f"群绑定码：{code}（用于{where}）\n24小时内有效，仅可使用一次。"
            f"请把机器人拉进{group}，然后在群里发送「/绑定群 {code}」。"
        )
    ]


async def _scope(
    ctx: Context, beat_id: int | None, kind: VenueKind | None, venue: Venue | None
) -> str:
    """What a group code binds, as both replies say it: 城东警务区 · 小网吧."""
    beat = await ctx.session.get(Beat, beat_id) if beat_id else None
    where = f"{beat.name if beat else ''} · {kind.label if kind else '全部场所'}"
    # An owner's group is their place's, not every 旅馆 of the beat.
    return f"{venue.name}（{where}）" if venue is not None else where


def _place(venues: list[Venue], said: str) -> Venue | None:
    """The owner's place `said` names (悦来旅馆, 悦来, or its number in the list); the
    only one if nothing is said."""
    said = said.strip()
    if not said:
        return venues[0] if len(venues) == 1 else None
    if said.isdigit():
        return venues[int(said) - 1] if 1 <= int(said) <= len(venues) else None
    exact = [v for v in venues if v.name == said]
    return exact[0] if len(exact) == 1 else place_named(venues, said)[0]


def _group_readers(ctx: Context) -> list[str]:
    """The station's channels that read group messages (Telegram), where a group can be
    bound with `/绑定群`, as users call them."""
    return [facts.label for facts in ctx.services.channels.values() if facts.reads_groups]


def group_routes_unusable(ctx: Context) -> frozenset[str]:
    """The group routes that lead nowhere for `ctx`'s sender, which help leaves out:
    `/绑定群` in a channel that reads no groups, and `/群绑定码` too where none does.
    A channel the server does not run (a test's) counts as one that reads groups."""
    facts = ctx.services.channels.get(ctx.inbound.channel)
    if facts is None or facts.reads_groups:
        return frozenset()
    if _group_readers(ctx):
        return frozenset({"bind_group"})
    return frozenset({"bind_group", "group_code"})


def _no_groups_here(ctx: Context) -> str:
    facts = ctx.services.channels.get(ctx.inbound.channel)
    here = facts.label if facts is not None else "这里"
    if ctx.role is Role.OWNER:
        robots = "企业微信群可请社区民警联系管理员添加群机器人"
    else:
        robots = "企业微信群由管理员用「jingmin group add」添加群机器人"
    readers = "或".join(_group_readers(ctx))
    if readers:
        return (
            f"{here}不能绑定群：请把机器人拉进 {readers} 群，在群里发送「/绑定群 绑定码」"
            f"（绑定码在私聊中发送「/群绑定码」获取）；{robots}。"
        )
    return f"{here}不能绑定群，本所也没有开通能进群的机器人；{robots}。"
