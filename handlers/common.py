"""Help, cancel, who-am-I, and the fallback for messages no route claims."""

from __future__ import annotations

from bot import choice_memory
from bot.context import Context, Handler
from bot.forms import FormEngine
from bot.messages import Button, Choices, Reply, Text
from bot.numbering import options_still_open
from bot.router import STAFF, Router
from bot.validators import Invalid
from bot.validators.text import parse_free_text
from handlers.fallback.attachments import LOCATION_NOT_KEPT, photo_not_kept
from handlers.fallback.not_understood import NOT_UNDERSTOOD, not_understood
from handlers.fallback.officers import for_officer
from handlers.fallback.options import under_options
from handlers.fallback.situation import begun, situation_offer, tells_a_situation
from handlers.fallback.small_talk import SMALL_TALK_REPLIES, about
from handlers.help_menu import asks_for_help, help_text
from handlers.hints.offer import offers_a_feature, with_command_hints
from handlers.hints.questions import asks_about
from handlers.hints.typos import unknown_command, unknown_command_reply
from handlers.hits import confirm_open_question
from handlers.services.venues import owned_venues, owner_kinds, role_title
from knowledge.intent import asks, small_talk
from storage.models import Beat, Role, Venue, VenueKind

# Other modules import these from here: the fallback's word and the command hints.
__all__ = [
    "NOT_UNDERSTOOD",
    "asks_about",
    "build_fallback",
    "build_router",
    "help_reply",
    "not_understood",
    "offers_a_feature",
    "with_command_hints",
]

#: After 帮助, a sentence (我被骗了) rather than a word to look up in the help.
_SENTENCE = 4
#: What an owner's /我 can change, and whom to tell of the rest.
_OWNER_CHANGES = (
    "「/我」只能设置您的姓名：发送「/我 姓名 张三」。场所的电话、地址、负责人等登记信息"
    "由民警维护，有变化请发送「问民警 变化内容」告诉社区民警。"
)


async def help_reply(
    ctx: Context, root: Router, asked: str = "", kinds: set[VenueKind] | None = None
) -> list[Reply]:
    """The welcome for the sender's role, then what they can do (`handlers.help_menu`);
    `asked`, what followed 帮助 (全部, 通报); `kinds`, an owner's, when already known."""
    kinds = kinds if kinds is not None else await owner_kinds(ctx)
    return [Text(help_text(ctx, root, kinds, asked))]


def _rename(ctx: Context, name: str) -> list[Reply]:
    try:
        name = parse_free_text(name, max_length=20)
    except Invalid:
        return [Text("请在「姓名」后写上姓名（最多20字），如「/我 姓名 张三」。")]
    ctx.person.display_name = name
    ctx.session.add(ctx.person)
    return [Text(f"好的，您的姓名已设为「{name}」。")]


def build_router(root: Router, forms: FormEngine) -> Router:
    router = Router()

    @router.route(
        "help",
        commands=("帮助", "help", "start"),
        keywords=("帮助", "菜单", "help"),
        actions=("全部",),  # 帮助全部, typed as one word
    )
    async def show_help(ctx: Context) -> list[Reply]:
        asked = ctx.match.args if ctx.match else ""
        said = root.match(asked) if asked else None
        while said is not None and said.route.name == "help" and said.args:  # 帮助 菜单 …
            asked, said = said.args, root.match(said.args)
        kinds = await owner_kinds(ctx)
        if (
            len(asked.strip()) >= _SENTENCE
            and not ctx.retold
            and not await forms.active(ctx)  # /帮助 … in a form: the form keeps its question
            and not asks_for_help(ctx, root, kinds, asked)
            and (said is None or ctx.role in said.route.roles)
        ):
            # 帮助，我被骗了 asks for help with being cheated, not for the menu: handled as
            # 我被骗了. A word (帮助 天气) or a command of another role (a resident's 帮助 通报)
            # gets the menu, saying the word is not in it.
            ctx.retell = asked
            return []
        return await help_reply(ctx, root, asked, kinds)

    @router.route("cancel", commands=("取消", "cancel"), keywords=("取消",))
    async def cancel(ctx: Context) -> list[Reply]:
        said = await forms.withdraw(ctx)
        if said is not None:
            return said
        if not ctx.retold:
            # 取消 typed under buttons whose 取消 cancels something of its own (a check's
            # result asked about): as if tapped. Typed, it had only closed the menu, and
            # the 确认 still on screen recorded the result all the same. The buttons are
            # read from the database, not this process's memory of what it showed: after a
            # restart, or on another replica, 取消 must still cancel.
            value = await choice_memory.resolve_title(
                ctx.session, ctx.user_key, ctx.inbound.text, ctx.now
            )
            if value is not None and value.strip() != ctx.inbound.text.strip():
                ctx.retell = value
                return []
        if ctx.options_shown:
            # 取消 under a menu (which venue) closes it: 当前没有进行中的填写 had read as if
            # nothing happened. A form set aside is said, with how to drop it.
            return [Text("好的，已取消。"), *await forms.parked_note(ctx)]
        return [Text("当前没有进行中的填写。")]

    @router.route(
        "unbind",
        commands=("解绑", "解除绑定"),
        keywords=("解绑", "解除绑定"),
        hints=("不做负责人", "不当负责人", "不再负责", "店转让", "转让了"),
        roles=(Role.OWNER,),
    )
    async def unbind(ctx: Context) -> list[Reply]:
        # 店转让了，不做负责人了 had got 没有理解: a binding is undone by the station.
        return [
            Choices(
                "不再负责场所的，请告诉社区民警，由民警解除绑定并为新负责人生成邀请码；"
                "点下面的按钮即可留言。",
                (Button("问民警", "/问民警 我已不再负责本场所，请解除我的绑定"),),
            )
        ]

    @router.route("whoami", commands=("我", "whoami"), help="查看我的身份")
    async def whoami(ctx: Context) -> list[Reply]:
        args = ctx.match.args if ctx.match else ""
        if args.startswith("姓名") and ctx.role is not Role.RESIDENT:
            return _rename(ctx, args.removeprefix("姓名").strip(" ：:"))
        if args and ctx.role is Role.OWNER:
            # /我 电话 139… had shown the profile as if it were set: only the name is the
            # owner's to change; a venue's contacts are the station's register.
            return [Text(_OWNER_CHANGES)]
        venues: list[Venue] = []
        if ctx.role is Role.OWNER:
            venues = await owned_venues(ctx.session, ctx.person.id, tuple(VenueKind))
        # A landlord had read 您的身份：场所负责人, as officers' questions call them 房东.
        lines = [f"您的身份：{role_title(ctx.role, venues)}"]
        if ctx.role is not Role.RESIDENT:  # residents stay nameless: they may be tipsters
            lines.append(f"姓名：{ctx.person.display_name or '（未设置姓名）'}")
        if ctx.person.beat_id is not None:
            beat = await ctx.session.get(Beat, ctx.person.beat_id)
            lines.append(f"警务区：{beat.name if beat else ctx.person.beat_id}")
        if ctx.role is Role.OWNER:
            lines.append("场所：" + ("、".join(v.name for v in venues) or "（无）"))
        if ctx.role is not Role.RESIDENT:
            # Officers read this name in 通报状态 and replies: 悦来旅馆（张三）.
            lines.append("设置姓名请发送「/我 姓名 张三」。")
        return [Text("\n".join(lines))]

    return router


def build_fallback(root: Router) -> Handler:
    """What a message no route claims gets: a greeting is welcomed like 帮助, a thank-you
    answered, anything else a hint of what to send."""

    async def fallback(ctx: Context) -> list[Reply]:
        text = ctx.inbound.text.strip()
        if not text and ctx.inbound.photos:
            return [await photo_not_kept(ctx)]
        if not text and ctx.inbound.location:
            return [Text(LOCATION_NOT_KEPT)]
        kind = small_talk(text)
        if kind == "greeting":
            return await help_reply(ctx, root)
        if kind == "about":
            return [Text(about(ctx)), *await help_reply(ctx, root)]
        if kind == "ack" and ctx.options_shown:
            # 好的 under 请选择要登记旅客的场所 had dropped the buttons: 1 then got 没有理解.
            ctx.keep_choices = True
            return [Text(f"好的。{options_still_open(ctx.options_shown)}")]
        if kind in SMALL_TALK_REPLIES:
            return [Text(SMALL_TALK_REPLIES[kind])]
        unknown = unknown_command(text)
        if unknown:
            # /问题 right after buttons had got 请点选上面的选项: a slash says a command was
            # meant, not a try at the options, and no command is called so.
            return [await unknown_command_reply(ctx, root, unknown)]
        # A verdict asked of a hit's check outlives the screens looked at since.
        answered = (
            await confirm_open_question(ctx, text)
            or await under_options(ctx, root, text)
            or await for_officer(ctx, text)
        )
        if answered is not None:
            return answered
        if ctx.role not in STAFF:
            told = begun(text)
            if told:
                return told
            if tells_a_situation(text) and not asks(text):
                # A question nothing answered gets the officer offered instead
                # (`handlers.questions`).
                return [await situation_offer(ctx, text)]
        return [Text(await not_understood(ctx))]

    return fallback
