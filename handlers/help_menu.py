"""帮助: what the sender can do, on one phone screen.

A resident (or a visitor, not yet bound) reads a few lines of what people come here for
(a legal question, 举报, 报案, 查询, 订阅, 协查通缉): the whole list had opened with /绑定
邀请码, which only owners and officers need. Owners and officers read the routes of
their working day (`Route.daily`), in its order, each by the first clause of its help, and
then how to find the rest: 「帮助 通报」 lists one topic (`Route.topic`: /通报 with /催读,
/撤回 …), 「帮助 全部」 everything. All of it comes from the routes: a new command shows up
without a word changed here.

An officer's 「帮助 全部」 is grouped by topic, commands only (a line each had made 45 lines),
and leaves out what residents and owners use that an officer has another way to (/举报,
/问民警, /订阅, /查询): each command's usage is 「帮助 命令」 away.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Context
from bot.messages import ChatType
from bot.router import STAFF, Route, Router
from handlers.groups import group_routes_unusable
from handlers.help_cache import MenuCache
from handlers.services.inspections import INSPECTED_KINDS
from handlers.services.venues import owned_venues
from storage.models import Role, VenueKind

#: What WeChat shows before the reader must scroll: a longer list is cut to the day's work.
FITS = 400
#: 帮助 全部: everything.
ALL_WORDS = frozenset({"全部", "全部功能", "所有", "所有功能", "更多", "all"})
#: {name}: a command the reader has (officers have no /订阅).
SLASH_OPTIONAL = "在这里发送命令可以不带「/」，如「{name}」与「/{name}」相同。"
FORM_HINT = "填写表单时可随时回复「上一步」，「修改 {field}」这样改已填的一项，或「取消」。"
#: The field named in FORM_HINT: one the reader's own forms have (residents have no room;
#: 地点 is in both 举报 and 报案).
_HINT_FIELD = {Role.RESIDENT: "地点"}


def form_hint(role: Role, kinds: set[VenueKind] | None = None) -> str:
    """How to go back or change an answer, with a field of the reader's own forms: a
    landlord had been shown 「修改 房间号」, a field of the hotels' form."""
    field = _HINT_FIELD.get(role, "房间号")
    if kinds and not any(k.takes_guests for k in kinds):
        field = "到期日期" if VenueKind.RENTAL in kinds else "安全出口"
    return FORM_HINT.format(field=field)


#: Where a help line's first clause ends: its examples and details follow (，如 退房 302；
#: （/线索 第2页 翻页）, ：/通缉 列表).
_CLAUSE_END = re.compile(r"[；;（(]|[，,：:]\s*(?:如|/)")
#: Routes open to every role that an officer does another way, and answers with that way
#: (问民警: 「/答复」; 举报: 「/线索」): not in an officer's help.
NOT_FOR_STAFF = frozenset({"tip", "ask_officer", "subscribe", "unsubscribe", "followup_query"})
#: Where an officer's grouped help puts the topics of a single command.
_OTHER_TOPIC = "其他"

_WELCOME = {
    Role.RESIDENT: "您好，这里是{station}警民通。您可以咨询法律问题，或向社区民警反映情况。",
    # The name as the officer entered it ("张伟", or a post such as "城东社区民警"): a
    # 警官 appended to the latter read "城东社区民警警官".
    Role.OFFICER: "您好，{name}。",
    Role.ADMIN: "您好，管理员。",
}
_RESIDENT_BINDS = "如您是场所负责人或民警，请发送「/绑定 邀请码」绑定身份。"
#: A resident's 帮助 (and 你好): what they come for, each with the word to send.
_RESIDENT_SHORT = (
    "\n· 法律问题直接发来即可，如「房东不退押金怎么办」\n"
    "· 发送「举报」向民警反映线索（默认匿名）\n"
    "· 发送「报案」自助报案（电动车被盗、家中或店铺失窃、诈骗、证件遗失等）\n"
    "· 发送「查询」查看举报或报案的进展\n"
    "· 发送「订阅」接收本片区的警情提示\n"
    "· 发送「协查通缉」查看公开的协查通缉\n"
    "紧急情况请拨打110。其他功能（问民警、回复民警等）请发送「帮助 全部」。"
)


#: Where the sender's greeting goes in a menu kept for every sender (`MenuCache`).
_LEAD = "\x00"
_menus = MenuCache()


@dataclass(frozen=True)
class _Reader:
    """What a menu depends on besides the routes and settings: who reads it, not which
    one of them. `lead_length`: the greeting's, which decides whether the whole list fits
    one screen (`FITS`)."""

    role: Role
    kinds: frozenset[VenueKind] | None
    asked: str
    private: bool
    unusable: frozenset[str]
    lead_length: int


def help_text(ctx: Context, root: Router, kinds: set[VenueKind] | None, asked: str = "") -> str:
    """The help `ctx`'s sender reads: `kinds`, an owner's kinds of place (None for others);
    `asked`, what followed 帮助 (全部, or a topic such as 通报)."""
    role = ctx.role
    asked = asked.strip().removeprefix("/")
    lead = _welcome(ctx, kinds)
    if role is Role.RESIDENT and not asked:
        # Before the routes are gathered: a resident's plain 帮助 (and 你好) names none of
        # them, and it is the commonest help there is.
        return lead.removesuffix("。") + "：" + _RESIDENT_SHORT
    reader = _Reader(
        role=role,
        kinds=None if kinds is None else frozenset(kinds),
        asked=asked,
        private=ctx.inbound.chat_type is ChatType.PRIVATE,
        unusable=group_routes_unusable(ctx),
        lead_length=len(lead),
    )
    built = _menus.get(root, ctx.services.settings, reader, lambda: _menu(root, reader))
    return lead.join(built)


def _menu(root: Router, reader: _Reader) -> tuple[str, ...]:
    """The menu `reader` reads, split where the sender's greeting goes."""
    return tuple(_menu_text(root, reader).split(_LEAD))


def _menu_text(root: Router, reader: _Reader) -> str:
    role, asked, private = reader.role, reader.asked, reader.private
    kinds = None if reader.kinds is None else set(reader.kinds)
    routes = _routes_for(root, role, kinds, reader.unusable)
    if asked and asked.lower() not in ALL_WORDS:
        topic = _topic(routes, asked)
        if topic:
            lines = [f"{route.name_shown} — {route.help_for(role, kinds)}" for route in topic]
            heading = f"「{topic[0].topic_name}」相关功能："
            return "\n".join([heading, *lines, "发送「帮助」查看常用功能。"])
    lead = _LEAD
    everything = _everything(role, routes, lead, kinds, private=private)
    daily = sorted((r for r in routes if r.is_daily_for(role)), key=lambda r: r.daily)
    if role in STAFF and (asked.lower() in ALL_WORDS or not daily):
        return _grouped(routes, lead, private=private)
    fits = len(everything) - len(_LEAD) + reader.lead_length <= FITS
    if asked.lower() in ALL_WORDS or not daily or (fits and not asked):
        return everything
    unknown = [f"没有找到「{asked}」的说明。"] if asked else []
    # An owner's welcome says what the list is about; an officer's greets.
    heading = "以下是常用功能：" if role in (Role.OFFICER, Role.ADMIN) else ""
    lines = [
        f"{route.name_shown} — {_first_clause(route.help_for(role, kinds))}" for route in daily
    ]
    return "\n".join([*unknown, lead + heading, *lines, _more(routes, daily)])


#: Routes an owner finds under another topic than an officer does: an owner's 今日登记 is
#: their own registrations (帮助 登记), an officer's the beat's places (帮助 场所).
_OWNER_TOPICS = {"registrations_today": "登记"}


def _helped(ctx: Context, root: Router, kinds: set[VenueKind] | None) -> list[Route]:
    """The routes help names for `ctx`'s sender: for staff, not those they do another way;
    not the group routes where they lead nowhere (the web chat has no groups)."""
    return _routes_for(root, ctx.role, kinds, group_routes_unusable(ctx))


def _routes_for(
    root: Router, role: Role, kinds: set[VenueKind] | None, unusable: frozenset[str]
) -> list[Route]:
    routes = [r for r in root.helped(role, kinds) if r.name not in unusable]
    if role in STAFF:
        return [r for r in routes if r.name not in NOT_FOR_STAFF]
    return [replace(r, topic=_OWNER_TOPICS.get(r.name, r.topic)) for r in routes]


def _welcome(ctx: Context, kinds: set[VenueKind] | None) -> str:
    station = ctx.services.settings.station.name
    if kinds is not None:
        return _owner_welcome(station, kinds)
    return _WELCOME[ctx.role].format(station=station, name=ctx.person.display_name or "警官")


def owner_features(kinds: set[VenueKind]) -> tuple[list[str], bool]:
    """What an owner's kinds of place have them do: whom they register (旅客, 租客) and
    whether they inspect their own fire safety (the welcome and the hints say it so)."""
    registers = [
        who
        for who, has in (
            ("旅客", any(k.takes_guests for k in kinds)),
            ("租客", VenueKind.RENTAL in kinds),
        )
        if has
    ]
    return registers, bool(kinds & set(INSPECTED_KINDS))


async def owner_profile(session: AsyncSession, person_id: int) -> dict[str, object]:
    """`owner_features` of what `person_id` owns, as the web chat's GET /me tells it."""
    registers, inspects = owner_features({v.kind for v in await owned_venues(session, person_id)})
    return {"registers": registers, "inspects": inspects}


def _owner_welcome(station: str, kinds: set[VenueKind]) -> str:
    registers, inspects = owner_features(kinds)
    can = [f"登记{who}" for who in registers]
    if inspects:
        can.append("做消防安全自查")
    # How an alert is acknowledged (收到), and that legal questions are answered here (咨询),
    # had been said nowhere in an owner's short help; a line each would push it off the
    # screen.
    can.append("接收警情通报（阅后回复「收到」确认）")
    return (
        f"您好，这里是{station}警民通。您可以在这里{'、'.join(can)}；"
        "法律问题可以直接问，或发送「咨询 问题」。"
    )


def _everything(
    role: Role, routes: list[Route], lead: str, kinds: set[VenueKind] | None, *, private: bool
) -> str:
    if role in (Role.OFFICER, Role.ADMIN):
        lead += "以下是全部功能："
    lines = [lead, *_lines(role, routes, kinds)]
    if private:
        # The list names /订阅 where the short help and replies say 「订阅」: both work here
        # (in a group the slash is needed, `Router.match`).
        lines.append(SLASH_OPTIONAL.format(name="订阅"))
    if role is Role.RESIDENT:
        lines.append(_RESIDENT_BINDS)
    lines.append(form_hint(role, kinds))
    return "\n".join(lines)


def _lines(role: Role, routes: list[Route], kinds: set[VenueKind] | None) -> list[str]:
    """A line a route: one whose help for the owner's kinds of place is another route's
    command (a landlord's /登记 — 登记租客) names that command, which buttons send
    (继续登记租客: /登记租客), and takes its line, which had said the same again."""
    by_command = {command: r for r in routes for command in r.commands}
    lines, said = [], set()
    for route in routes:
        help = route.help_for(role, kinds)
        same = by_command.get(help) if route.kind_help else None
        if same is not None and same is not route:
            help += f"（也可发送「{same.name_shown}」）"
            said.add(same.name)
        lines.append((route, f"{route.name_shown} — {help}"))
    return [line for route, line in lines if route.name not in said]


def _grouped(routes: list[Route], lead: str, *, private: bool) -> str:
    """Every command of an officer, a line per topic (「帮助 通报」 gives their usage);
    commands alone in their topic share one line at the end."""
    groups: dict[str, list[Route]] = {}
    for route in routes:
        groups.setdefault(route.topic_name, []).append(route)
    lines = [lead + "以下是全部功能（按类）："]
    alone = []
    for topic, group in groups.items():
        if len(group) == 1:
            alone.append(group[0].name_shown)
        else:
            lines.append(f"【{topic}】{'、'.join(r.name_shown for r in group)}")
    if alone:
        lines.append(f"【{_OTHER_TOPIC}】{'、'.join(alone)}")
    lines.append("用法请发送「帮助 类名」或「帮助 命令」，如「帮助 通报」「帮助 风险」。")
    if private:
        # As residents and owners read it: officers type commands too.
        lines.append(SLASH_OPTIONAL.format(name="通报"))
    lines.append(form_hint(Role.OFFICER))
    return "\n".join(lines)


def asks_for_help(ctx: Context, root: Router, kinds: set[VenueKind] | None, asked: str) -> bool:
    """Whether what followed 帮助 names a part of the help (全部, a topic, a command); else
    it is something the sender wants help with (帮助，我被骗了)."""
    asked = asked.strip().removeprefix("/")
    return asked.lower() in ALL_WORDS or bool(_topic(_helped(ctx, root, kinds), asked))


def _topic(routes: list[Route], asked: str) -> list[Route]:
    """The routes of the topic `asked` names, or of the route it names (帮助 催读: the
    通报 topic, where 催读 is)."""
    named = next((r for r in routes if asked in (r.topic_name, *r.commands, *r.keywords)), None)
    if named is None:
        return []
    return [r for r in routes if r.topic_name == named.topic_name]


def _more(routes: list[Route], daily: list[Route]) -> str:
    """How to find what the short list left out: the topics of more than one route that
    hold some of it, those of the day's work first; the example, the one of these that
    holds the most (通报 for an officer)."""
    members: dict[str, list[Route]] = {}
    for route in [*daily, *routes]:
        if route not in members.setdefault(route.topic_name, []):
            members[route.topic_name].append(route)
    hidden = {
        topic: sum(r not in daily for r in group)
        for topic, group in members.items()
        if len(group) > 1 and any(r not in daily for r in group)
    }
    if not hidden:
        return "全部功能请发送「帮助 全部」。"
    worked = [t for t in hidden if any(r in daily for r in members[t])] or list(hidden)
    example = max(worked, key=lambda t: hidden[t])  # the first of equals
    return (
        f"更多功能可按类查看，如「帮助 {example}」：{'、'.join(hidden)}；"
        "全部功能请发送「帮助 全部」。"
    )


def _first_clause(help: str) -> str:
    return _CLAUSE_END.split(help, maxsplit=1)[0].strip()
