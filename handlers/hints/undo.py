"""Removing a record in a sentence (我要删掉一条登记): what puts one right, if anything."""

from __future__ import annotations

import re
from dataclasses import replace

from bot.context import Context
from bot.messages import Button, ChatType, Choices, Reply, Text
from bot.router import Route, Router, Suggestion
from handlers.hints.typos import meant
from handlers.services.venues import owner_kinds
from storage.models import Role, VenueKind

#: Removing a record in a sentence (我要删掉一条登记), the verb anywhere in it.
_UNDOING = re.compile(r"删掉|删除|删去|删了|撤销|作废|撤掉")
#: The verb of the features that remove a record (作废登记).
_VOID = "作废"


def undoing(text: str, hint: Suggestion) -> str | None:
    """The removal `text` asks of a feature offered bare that makes none (删掉 of 登记), or
    None. An offer with an action after its name (任务 取消 3 for 删除任务 3) has read the
    removal already; a record after it (登记 302) is the one to remove."""
    found = _UNDOING.search(text)
    route = hint.route
    if found is None:
        return None
    verb = found[0]
    # 删掉302的登记 had been offered 「登记 302」, a new one: a room after the name is the
    # record to remove; only an action there (任务 取消 3) has read the removal.
    said = hint.typed.split()[1:]
    if any(word == verb or word in route.actions for word in said):
        return None
    names = (*route.commands, *route.keywords, *route.hints, *route.actions)
    knows = any(verb in name for name in names) or verb in route.help + route.staff_help
    return None if knows else verb


async def how_to_undo(ctx: Context, root: Router, hint: Suggestion, verb: str) -> Reply | None:
    """What puts a record of `hint`'s feature right: the feature of its topic that makes
    the very change (作废登记 of 李四那条登记错了 要作废), offered for the record named, or
    told again to it (`ctx.retell`, and None) when its picker finds it would only refuse
    (a registration past the window); else one that corrects (有误: /更正登记 for a
    guest's check-in); else that nothing here removes one (`_unable`)."""
    kinds = await owner_kinds(ctx) or set()
    rentals = {VenueKind.RENTAL}
    if hint.route.kinds & rentals and (hint.route.kinds <= rentals or kinds == rentals):
        # A tenant's feature, or a landlord's 登记: theirs are tenants, not guests.
        return _tenant_undo(hint.route.topic_name, verb)
    topic = hint.route.topic_name

    def usable(route: Route) -> bool:
        return (
            route.topic_name == topic
            and bool(route.commands)
            and ctx.role in route.roles
            and bool(not route.kinds or route.kinds & kinds or ctx.role is not Role.OWNER)
        )

    # Any removal verb (删掉, 撤销) finds the topic's 作废 too: 客人没住 登记要删掉 had been
    # sent to 更正登记, which cannot remove a registration.
    made = {f"{verb}{topic}", f"{_VOID}{topic}"}
    doer = next((r for r in root.routes if usable(r) and made & set(r.commands)), None)
    fixes = [route for route in root.routes if usable(route) and "有误" in route.help]
    if doer is not None:
        # 李四那条登记错了 要作废 had been told 登记提交后不能直接作废, 作废登记 at hand.
        offer = Suggestion(doer, f"/{doer.commands[0]}")
        if doer.picks is not None and ctx.inbound.chat_type is ChatType.PRIVATE:
            offer = await doer.picks(ctx, offer)
        if offer.at_once and not ctx.retold:
            ctx.retell = offer.typed
            return None
        buttons = [Button(f"是，{offer.label}", offer.typed)]
        also = ""
        if verb != _VOID and fixes:
            # 删掉 may mean a wrong detail as well as a stay that never was.
            name = fixes[0].commands[0]
            also = f"只是信息填错或换房的，请发送「{name}」。"
            buttons.append(Button(name, f"/{name}"))
        return Choices(f"{meant(offer.label, '')}点下面的按钮即可。{also}", tuple(buttons))
    if not fixes:
        return _unable(ctx, replace(hint, unable=verb))
    name = fixes[0].commands[0]
    # Its help's first clause (已提交的旅客登记有误或换房), without the example.
    gist = re.split(r"[；;，,]\s*如", fixes[0].help_for(ctx.role), maxsplit=1)[0].strip()
    return Choices(
        f"{hint.route.topic_name}提交后不能直接{verb}。{gist}，请发送「{name}」，"
        "按提示更正或撤下错的那条。",
        (Button(name, f"/{name}"),),
    )


def _tenant_undo(topic: str, verb: str) -> Choices:
    """删掉租客, 删除租客登记: a landlord's tenant record is put right by a move-out, or an
    undone one; the guests' 更正登记 (and 撤销退房, a hotel's) is not theirs."""
    return Choices(
        f"租客登记提交后不能直接{verb}。租客已搬走请发送「退租」；搬离登记错了发送「撤销退租」；"
        f"登记的信息有误请联系社区民警更正。发送「帮助 {topic}」查看用法。",
        (Button("退租", "/退租"), Button("撤销退租", "/撤销退租")),
    )


def _unable(ctx: Context, hint: Suggestion) -> Text:
    """删除警情 6: said plainly that nothing here does it, with what the feature does do;
    its offer had entered a new incident instead."""
    route = hint.route
    name = route.name_shown.removeprefix("/")
    gist = re.split(r"[；;，,（(]", route.help_for(ctx.role), maxsplit=1)[0].strip()
    does = f"「{name}」是{gist}，" if gist else ""
    return Text(
        f"这里还不能{hint.unable}{name}：{does}不会{hint.unable}已有的记录。"
        f"发送「帮助 {route.topic_name}」查看它的用法。"
    )
