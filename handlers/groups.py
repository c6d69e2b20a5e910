"""`/绑定群 CODE` binds the group it is sent in; `/群绑定码` makes such a code.

An officer's code binds a group to their beat (and a venue kind, if given: `/群绑定码 旅馆`);
an owner's code binds a group to their venue. Alerts for the beat and kind then go to the
group (see `handlers.services.groups.groups_for`).
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
    beat = await ctx.session.get(Beat, group.beat_id) if group.beat_id else None
    scope = VenueKind(group.venue_kind).label if group.venue_kind else "全部场所"
    where = f"{beat.name if beat else ''} · {scope}"
    venue = await ctx.session.get(Venue, group.venue_id) if group.venue_id else None
    if venue is not None:
        # An owner's group is their place's, not every 旅馆 of the beat.
        where = f"{venue.name}（{where}）"
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
    return [
        Text(
            f"群绑定码：{code}\n24小时内有效，仅可使用一次。请把机器人拉进群，"
            f"然后在群里发送「/绑定群 {code}」。"
        )
    ]


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
