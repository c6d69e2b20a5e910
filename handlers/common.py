"""Help, cancel, who-am-I, and the fallback for messages no route claims."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from sqlmodel import col, select

from bot.context import Context, Handler
from bot.forms import FormEngine
from bot.forms.words import bare as bare_words
from bot.forms.words import says_yes
from bot.messages import Button, ChatType, Choices, Reply, Text
from bot.router import STAFF, Route, Router, Suggestion
from bot.validators import Invalid
from bot.validators.idcard import mentions_resident_id
from bot.validators.text import parse_free_text
from handlers.help_menu import asks_for_help, help_text, owner_features
from handlers.registration.said_first import SAID_KEPT, keep_said
from handlers.reports.officer import status_after_receipt
from handlers.reports.story import STORY_MEMO
from handlers.services.invites import ALPHABET, normalise_code
from handlers.services.scope import restrict, station_beats
from handlers.services.venues import owned_venues
from handlers.tips.router import OFFERED as TIP_OFFERED
from knowledge.intent import asks, mentions_law, small_talk
from storage import memos
from storage.models import (
    Beat,
    Inspection,
    InspectionItem,
    InspectionStatus,
    Role,
    Venue,
    VenueKind,
)
from storage.models.reports import ReportKind

_SMALL_TALK_REPLIES = {
    "thanks": "不客气。还有需要随时发消息给我。",
    "farewell": "再见，祝您平安。",
    "ack": "好的。需要什么功能，发送「帮助」查看。",
    "laugh": "😄 有需要随时发消息给我，发送「帮助」查看我能做什么。",
}
#: How every "not understood" begins; what follows points to the sender's own features.
NOT_UNDERSTOOD = "抱歉，我没有理解您的意思。"
_RESIDENT_NEXT = "法律问题可以直接问，例如「房东不退押金怎么办」；发送「帮助」查看全部功能。"
_OFFICER_NEXT = "可以发送「日报」「任务」「通报」「命中」「线索」等，或发送「帮助」查看全部功能。"
#: An answer to options is a word or two (第二个, 那个旅馆); a longer message, a question or
#: a request (帮我看下今天的情况) asks for something new.
_ANSWER_LENGTH = 6
#: After 帮助, a sentence (我被骗了) rather than a word to look up in the help.
_SENTENCE = 4
#: A list or a record named (未确认名单, 今天的情况) is asked for too: no option is called so.
_ASKS_ANEW = re.compile(
    r"^(?:帮|看|查|请|我要|我想|给我|有没有)|[?？]|吗|呢|怎么|什么|名单|列表|清单|记录|情况"
)
#: /问题, ／问题 xx, /foo@jingmin_bot: a command's name after the slash.
_SLASH_COMMAND = re.compile(r"[/／]([^\s/／@，,。.？?！!：:；;]+)")
#: A time to come in a sentence (302的客人明天走), unless it says it is done (…走了).
_LATER = re.compile(
    r"明天|明早|明晚|后天|待会|等会|一会|过几天|过两天|下周|下个?月|月底|今晚|下午|要走|要搬|准备|打算"
)
_DONE = re.compile(r"了\W*$|已经")
#: An aside in brackets inside a help's first clause (向民警举报（默认匿名）).
_ASIDE = re.compile(r"[（(]([^（()）]*)[）)]")
_OPEN_ASIDE = re.compile(r"[（(]([^（()）]*)$")
#: No to the buttons just shown (您是想「退租」吗？ 不是): declined, not a wrong answer.
_DECLINED = re.compile(
    r"(?:不是|不对|不用|不要|不需要|算了|没事|不了|否)(?:的|了|啦|吧|呢)?[\W嗯]*"
)


async def help_reply(
    ctx: Context, root: Router, asked: str = "", kinds: set[VenueKind] | None = None
) -> list[Reply]:
    """The welcome for the sender's role, then what they can do (`handlers.help_menu`);
    `asked`, what followed 帮助 (全部, 通报); `kinds`, an owner's, when already known."""
    kinds = kinds if kinds is not None else await _owner_kinds(ctx)
    return [Text(help_text(ctx, root, kinds, asked))]


async def _owner_kinds(ctx: Context) -> set[VenueKind] | None:
    """The kinds of place an owner has (what their help and hints cover); None for others."""
    if ctx.role is not Role.OWNER:
        return None
    return {v.kind for v in await owned_venues(ctx.session, ctx.person.id, tuple(VenueKind))}


async def not_understood(ctx: Context) -> str:
    """没有理解, and what the sender's role can send instead: an officer is not pointed to
    the residents' legal questions, nor an owner to them alone."""
    kinds = await _owner_kinds(ctx)
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
        kinds = await _owner_kinds(ctx)
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
        if await forms.cancel(ctx):
            return [Text("已取消当前填写，内容未提交。")]
        if ctx.options_shown:
            # 取消 under a menu (which venue) closes it: 当前没有进行中的填写 had read as if
            # nothing happened.
            return [Text("好的，已取消。")]
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
        lines = [f"您的身份：{ctx.role.label}"]
        if ctx.role is not Role.RESIDENT:  # residents stay nameless: they may be tipsters
            lines.append(f"姓名：{ctx.person.display_name or '（未设置姓名）'}")
        if ctx.person.beat_id is not None:
            beat = await ctx.session.get(Beat, ctx.person.beat_id)
            lines.append(f"警务区：{beat.name if beat else ctx.person.beat_id}")
        if ctx.role is Role.OWNER:
            venues = await owned_venues(ctx.session, ctx.person.id, tuple(VenueKind))
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
            return [await _photo_not_kept(ctx)]
        if not text and ctx.inbound.location:
            return [Text("已收到位置。如需举报，请先发送「举报」。")]
        kind = small_talk(text)
        if kind == "greeting":
            return await help_reply(ctx, root)
        if kind == "about":
            station = ctx.services.settings.station.name
            about = f"我是{station}的自动服务助手，不是民警本人；紧急情况请拨打110。"
            if ctx.role is Role.RESIDENT:  # their welcome ends with 110 already
                about = f"我是{station}的自动服务助手，不是民警本人。"
            return [Text(about), *await help_reply(ctx, root)]
        if kind == "ack" and ctx.options_shown:
            # 好的 under 请选择要登记旅客的场所 had dropped the buttons: 1 then got 没有理解.
            ctx.keep_choices = True
            return [Text(f"好的。{_options_still_open(ctx.options_shown)}")]
        if kind in _SMALL_TALK_REPLIES:
            return [Text(_SMALL_TALK_REPLIES[kind])]
        unknown = _unknown_command(text)
        if unknown:
            # /问题 right after buttons had got 请点选上面的选项: a slash says a command was
            # meant, not a try at the options, and no command is called so.
            return [await _unknown_command_reply(ctx, root, unknown)]
        private = ctx.inbound.chat_type is ChatType.PRIVATE
        if ctx.options_shown and root.match(text, bare=private) is not None:
            # 风险 from an owner under the buttons of an officer's answer had got
            # 请点选上面的选项: a command's name, though of another role's (read as a word,
            # as it is without buttons), is no try at the options.
            return [Text(await not_understood(ctx))]
        if ctx.options_shown and ctx.role in STAFF and bare_words(text) in _NOTHING_TO_CONFIRM:
            # 确认 under 催读 and 撤回 had got 请点选上面的选项: nothing there asks for it.
            # (An owner's 确认 may acknowledge an alert in their own words: not said so.)
            ctx.keep_choices = True
            return [Text(f"现在没有需要您确认的内容。{_options_still_open(ctx.options_shown)}")]
        if ctx.options_shown and _DECLINED.fullmatch(text):
            # 不是 had got 请点选上面的选项: as if the offer could not be turned down.
            return [Text("好的。需要别的，直接告诉我，或发送「帮助」查看。")]
        if ctx.options_shown and _answers_options(text) and not _past_an_offer(ctx, root, text):
            # The last reply asked to choose (which venue, say) and this is not an answer.
            options = ctx.options_shown
            numbers = f"1–{options}" if options > 1 else "1"
            ctx.keep_choices = True
            return [Text(f"请点选上面的选项（或回复序号 {numbers}）。需要其他功能请发送「帮助」。")]
        place = await _venue_named(ctx, text) if ctx.role in STAFF and private else None
        if place is not None and _WHO_STAYS.search(text):
            # 悦来旅馆今天住了谁 had got the offer of its owner's phone: its guest list.
            rental = place.kind is VenueKind.RENTAL
            who, shown = ("租客", "租客") if rental else ("住客", "旅客")
            return [
                Choices(
                    f"要查看{place.name}的在住{shown}吗？点下面的按钮即可（查看记入审计日志）。",
                    (Button(f"{place.name} {who}", f"/场所 {place.id} {who}"),),
                )
            ]
        if place is not None:
            # 悦来老板电话多少 had got the FAQ on a hotel's duties: what the bot does with
            # the place named.
            venue = place.name
            return [
                Choices(
                    f"关于{venue}，我能做的是：负责人的姓名和电话，发送「场所 {venue}」"
                    f"查看；给场所发书面通知，发送「通报」（范围可选场所类型，或"
                    f"「{venue} 50米」圈定周边）。我不能替您直接联系负责人。",
                    (Button(f"场所 {venue}", f"/场所 {venue}"),),
                )
            ]
        if ctx.role in STAFF and _ASKS_THE_DAY.search(text):
            # 今天有什么要做的 had got 没有理解: the day's digest and the tasks.
            return [
                Choices(
                    "今天的情况请看「日报」，待办事项请看「任务」：",
                    (Button("日报", "/日报"), Button("任务", "/任务")),
                )
            ]
        if ctx.role not in STAFF:
            begun = _begun(text)
            if begun:
                return begun
            if _tells_a_situation(text) and not asks(text):
                # A question nothing answered gets the officer offered instead
                # (`handlers.questions`).
                return [await _situation_offer(ctx, text)]
        return [Text(await not_understood(ctx))]

    return fallback


#: An officer asking what the day holds (今天有什么要做的, 今天干啥).
_ASKS_THE_DAY = re.compile(
    r"(?:今天|今日|现在|这会儿?).{0,6}(?:做|干|忙|安排|待办|事情?)|有什么(?:要|需要|该)?(?:做|干|忙)"
)
#: A resident telling of something (我要反映一个情况，…), or a message long or of several
#: lines that nothing understood: it had got 没有理解 and only the legal questions.
#: (帮我看下今天的情况 asks for something: 情况 alone is not enough.)
_SITUATION = re.compile(r"反映|有(?:一?个)?情况|说(?:一?个|件)事|报告|投诉|求助|举报|报警")
_TELLS_AT_LEAST = 20


def _tells_a_situation(text: str) -> bool:
    return (
        _SITUATION.search(text) is not None or "\n" in text.strip() or len(text) >= _TELLS_AT_LEAST
    )


async def _situation_offer(ctx: Context, text: str) -> Choices:
    """举报 and 报案 offered for what was told, which either takes as told: the tip as its
    description, the report as its story where it fits one (kept sealed, as their own
    offers keep it)."""
    await memos.remember(ctx.session, ctx.user_key, TIP_OFFERED, text, ctx.now)
    await memos.remember(ctx.session, ctx.user_key, STORY_MEMO, text, ctx.now)
    return Choices(
        "您是要向民警反映情况吗？看到的可疑情况、隐患，点「匿名举报」；自己的财物被盗、"
        "被骗等，点「自助报案」，会得到报案号。法律问题可以直接问。紧急情况请直接拨打110。",
        (Button("匿名举报", "/举报"), Button("自助报案", "/报案")),
    )


async def _unknown_command_reply(ctx: Context, root: Router, unknown: str) -> Reply:
    """/任物 had got only 没有这个命令: the command it sounds like, as 帮主 gets 帮助."""
    private = ctx.inbound.chat_type is ChatType.PRIVATE
    name = unknown.removeprefix("/")
    hint = _suggest(root, name, ctx.role, await _owner_kinds(ctx), private=private)
    if hint is None:
        return Text(f"没有「{unknown}」这个命令。发送「帮助」查看可用的功能和命令。")
    label = hint.label
    return Choices(
        f"没有「{unknown}」这个命令。您是想「{label}」吗？", (Button(f"是，{label}", hint.typed),)
    )


async def _photo_not_kept(ctx: Context) -> Reply:
    """A photo sent outside any form is not kept: said so, with where it can go for the
    sender's role. An officer is not pointed to tips."""
    if ctx.role in STAFF:
        return Text(
            "已收到图片，但没有保存：图片要在填写中（如通报、录入）按提示发送。发送「帮助」查看全部功能。"
        )
    if ctx.role is Role.OWNER:
        waiting = await _inspections_waiting_photos(ctx)
        if waiting:
            buttons = tuple(
                Button(f"{word} #{number}", f"/自查 {word} {number}") for word, number in waiting
            )
            return Choices(
                "已收到图片，但没有保存。如果是自查的照片，请点下面的按钮，按提示发到对应的项目：",
                buttons,
            )
        return Text(
            "已收到图片，但没有保存。自查的照片请在「自查」中按提示发送；如需举报，请先发送「举报」。"
        )
    return Choices(
        "已收到图片，但没有保存。如需举报或报案，请先发送「举报」或「报案」（或点下面的按钮），问到照片时再发送。",
        (Button("匿名举报", "/举报"), Button("自助报案", "/报案")),
    )


#: How many inspections a photo's reply offers at most.
_WAITING_SHOWN = 3


async def _inspections_waiting_photos(ctx: Context) -> list[tuple[str, int]]:
    """The owner's self-inspections that wait for a photo: (整改, N) sent back by the
    officer, (补拍, N) with a photo not taken at the time."""
    venues = [v.id for v in await owned_venues(ctx.session, ctx.person.id, tuple(VenueKind))]
    if not venues:
        return []
    ours = col(Inspection.venue_id).in_(venues)
    rectify = await ctx.session.exec(
        select(Inspection.id).where(ours, Inspection.status == InspectionStatus.RECTIFY)
    )
    retake = await ctx.session.exec(
        select(InspectionItem.inspection_id)
        .join(Inspection, col(Inspection.id) == col(InspectionItem.inspection_id))
        .where(ours, col(InspectionItem.photo_missing).is_(True))
        .distinct()
    )
    waiting = [("整改", int(n)) for n in rectify.all() if n is not None]
    waiting += [("补拍", n) for n in retake.all() if ("整改", n) not in waiting]
    return sorted(waiting, key=lambda pair: pair[1], reverse=True)[:_WAITING_SHOWN]


#: 我想问一下, 请问: the question is still to come; 没有理解 read as if it were not welcome.
_ABOUT_TO_ASK = re.compile(
    r"(?:你好|您好)?[，,\s]*(?:我)?(?:想|要)?(?:问一?下|问个(?:问题|事)|咨询一?下|请问一?下?|请教一?下|"
    r"有个问题|有件事)(?:可以吗|行吗|好吗)?[。.！!？?~～…]*"
)
#: 我家电瓶车 alone: what is wrong with it is still to come, and the likeliest is offered.
_EBIKE_ALONE = re.compile(
    r"(?:我|我家|我们家)?的?(?:电瓶车|电动车|电驴|小电驴|电单车)(?:呢|啊)?[。.！!？?…]*"
)


def _begun(text: str) -> list[Reply]:
    """What a resident who has only begun to say something gets instead of 没有理解."""
    if _ABOUT_TO_ASK.fullmatch(text):
        return [
            Text(
                "请直接说您的问题，例如「房东不退押金怎么办」「电动车被偷了怎么办」；"
                "想让社区民警回答，请发送「问民警 您的问题」。"
            )
        ]
    if _EBIKE_ALONE.fullmatch(text):
        label = ReportKind.BIKE_THEFT.label
        return [
            Choices(
                "您的电动车怎么了？被偷了可以自助报案；也可以看看常见问题，或直接说明情况。",
                (
                    Button(f"自助报案：{label}", f"/报案 {label}"),
                    Button("电动车被偷了怎么办", "电动车被偷了怎么办"),
                    Button("骑电动车要注意什么", "骑电动车要戴头盔吗"),
                ),
            )
        ]
    return []


#: Words that confirm (确认, 确定): what they would confirm, when no button of the last
#: reply goes on so (`bot.choice_memory.resolve_title` took any that does), is not there.
#: What an owner's /我 can change, and whom to tell of the rest.
_OWNER_CHANGES = (
    "「/我」只能设置您的姓名：发送「/我 姓名 张三」。场所的电话、地址、负责人等登记信息"
    "由民警维护，有变化请发送「问民警 变化内容」告诉社区民警。"
)
_NOTHING_TO_CONFIRM = frozenset({"确认", "确定", "确认提交", "提交", "确认发送"})


def _options_still_open(options: int) -> str:
    """What to say of the buttons still on the screen, after a word that chose none."""
    numbers = f"1–{options}" if options > 1 else "1"
    return f"上面的选项仍可点选（或回复序号 {numbers}）；需要其他功能请发送「帮助」。"


#: What a venue's name ends with that officers leave out (悦来 for 悦来旅馆).
_KIND_ENDING = re.compile(
    r"(?:旅馆|宾馆|酒店|饭店|民宿|客栈|招待所|旅社|出租屋|网吧|超市|商店|便利店|面馆|餐馆|餐厅|诊所)$"
)


#: Asking who stays at a place (悦来旅馆今天住了谁, 和平里5号的租客): its guest list.
_WHO_STAYS = re.compile(r"住了谁|住的谁|谁住|住客|租客|旅客|客人|入住|在住|住了哪些|住着谁")


async def _venue_named(ctx: Context, text: str) -> Venue | None:
    """The officer's station's venue that `text` speaks of (悦来 of 悦来老板电话多少, for
    悦来旅馆), if it names one and one only."""
    scope = await station_beats(ctx.session, ctx.person)
    venues = (await ctx.session.exec(restrict(select(Venue), scope))).all()
    named = {
        venue.id: venue
        for venue in venues
        if venue.name in text
        or (len(core := _KIND_ENDING.sub("", venue.name)) >= 2 and core in text)
    }
    return named.popitem()[1] if len(named) == 1 else None


def _not_understood(reply: Reply) -> bool:
    return isinstance(reply, Text) and reply.text.startswith(NOT_UNDERSTOOD)


def _unknown_command(text: str) -> str:
    """The command typed (/问题), when a message no route claims starts with a slash and a
    name; else empty. Telegram's @bot suffix is not part of the name."""
    found = _SLASH_COMMAND.match(text)
    return f"/{found[1]}" if found else ""


def _answers_options(text: str) -> bool:
    """Whether a message nothing understood may be a try at the options just shown (zzz,
    那个), rather than a new request (帮我看下今天的情况), which they must not swallow."""
    return len(text) <= _ANSWER_LENGTH and not _ASKS_ANEW.search(text)


_DIGITS = re.compile(r"\d+")
#: Words of a message (等级一下, 308推房): three characters, or a number.
_WORDS_OF_ITS_OWN = re.compile(r"\d|[\u4e00-\u9fff].*[\u4e00-\u9fff].*[\u4e00-\u9fff]")


def _past_an_offer(ctx: Context, root: Router, text: str) -> bool:
    """Whether a message under buttons says something of its own, which they, dropped, must
    not swallow: 308推房 and 等级一下 had got 请点选上面的选项. Under one button (您是想「退房
    302」吗？) three words or a number are enough; under a list (which venue) 枫林的 and 第一个
    answer it, so only a feature named, of any role or mistyped (等级一下, 308推房), is.
    A yes takes the offer before this; zzz is still pointed to it."""
    if says_yes(text):  # 对对对, 好的: a try at it, pointed to the button
        return False
    if ctx.options_shown == 1:
        return _WORDS_OF_ITS_OWN.search(text) is not None
    # The sender's own features were offered before the fallback: what is left here is
    # another role's (a resident's 等级一下) or one with a number glued to it (308推房).
    said = {text, _DIGITS.sub("", text)} - {""}
    return any(_suggest(root, words, role) is not None for words in said for role in Role)


#: A binding code sent by itself (R9C3-8VP7): what an invite or a group code looks like.
_CODE_SHAPE = re.compile(r"[0-9A-Za-z]{4}[-\s－—]?[0-9A-Za-z]{4}")


def _binding_code(text: str) -> str | None:
    """The code, when a message is nothing but an invite's or a group's binding code."""
    if not _CODE_SHAPE.fullmatch(text):
        return None
    code = normalise_code(text)
    if not all(ch in ALPHABET for ch in code) or code.isdigit() or code.isalpha():
        return None  # 20261123 or a word: no code ever looks so (it mixes both)
    return f"{code[:4]}-{code[4:]}"


def _binding_offer(ctx: Context, code: str) -> Choices:
    """R9C3-8VP7 alone had got 没有理解: in a private chat it binds the sender, in a group
    the group."""
    if ctx.inbound.chat_type is ChatType.PRIVATE:
        return Choices(
            "这是绑定身份的邀请码吗？点下面的按钮即可绑定。", (Button("是，绑定", f"/绑定 {code}"),)
        )
    return Choices(
        "这是绑定本群的绑定码吗？点下面的按钮即可绑定本群。",
        (Button("是，绑定本群", f"/绑定群 {code}"),),
    )


#: The registrations an offer may start with what was said, by route name.
_REGISTRATIONS = {"register": "", "guest_checkin": "登记旅客", "tenant_register": "登记租客"}


async def _registration_offer(ctx: Context, text: str, command: str = "") -> Choices | None:
    """302 李四 <ID number> 138…, with no command, or 登记王小明3201…，302房 with it glued:
    an owner registering someone in one breath. Offered with what was said, kept sealed
    (`keep_said`) for the registration to take as its answers, never in the button; in a
    private chat only, where personal data may be asked for. `command`: 登记旅客 or
    登记租客 when the sentence named one."""
    if ctx.inbound.chat_type is not ChatType.PRIVATE:
        return None
    kinds = await _owner_kinds(ctx) or set()
    forms = [
        name
        for name, has in (
            ("登记旅客", any(kind.takes_guests for kind in kinds)),
            ("登记租客", VenueKind.RENTAL in kinds),
        )
        if has and command in ("", name)
    ]
    if not forms or not await keep_said(ctx, text):
        return None
    buttons = tuple(
        Button(f"是，{name}" if len(forms) == 1 else name, f"/{name} {SAID_KEPT}") for name in forms
    )
    # A landlord's people are 租客, a hotel's 旅客: 住客 only for one who has both.
    who = {"登记旅客": "旅客", "登记租客": "租客"}[forms[0]] if len(forms) == 1 else "住客"
    return Choices(
        f"您是想登记这位{who}吗？点下面的按钮，刚才写的姓名、证件号等会直接填入登记。", buttons
    )


def _after_name(text: str, names: tuple[str, ...]) -> str:
    """登记王小明3201…: what follows the command's name the sentence starts with."""
    for name in sorted(names, key=len, reverse=True):
        if text.startswith(name):
            return text[len(name) :].lstrip(" ：:，,")
    return text


#: A phrase this long (我的报案怎么样了 → 报案怎么样) names its feature even beside a legal word.
_SURE = 5
#: Asking how, or whether one must (外国人入住要怎么登记？, 退房要不要登记身份证, 要登记吗):
#: not asking for the feature's list (今天有什么任务, 谁没回) or how a case goes (我的报案
#: 怎么样了), which its offer shows.
_ASKS_HOW = re.compile(
    r"怎么(?!样)|怎麼|咋(?!样)|怎样(?![了啦])|如何|要不要|需不需要|用不用|是否|能不能|可不可以"
    r"|(?:要|需要|必须|得|应该|可以|能|用)[^，,。！!]*?(?:吗|么|[?？])"
    r"|行不行|行吗|好不好|合法吗|违法吗|犯法吗|会怎么样"
)
#: Words around a question that say nothing of its matter (警官你好，…我们要…的…呢), and
#: the room and days a feature takes (302能不能续住两天 asks to do it), and putting right
#: what it did (刚才登记的208房间号错了 应该是218 怎么改 asks for the correction).
_NO_MATTER = re.compile(
    r"[\W\d_A-Za-z]|警官|民警|你好|您好|请问|我们?|这边|需要|要|想|的|呢|啊|呀|吧|一下|该|去|弄|办"
    r"|错了?|应该是|改"
    r"|操作|做|才能|可以|能|房间?|[零一二两三四五六七八九十半个]|[天晚夜周月号日]"
)


def asks_about(text: str, route: Route) -> bool:
    """Whether `text` asks how or whether to do something beyond working the feature it
    names: 外国人入住要怎么登记 asks the rules for foreign guests, which the FAQ or the
    officer answers, and pressing 登记 does not; 怎么退房 asks how to here, which the offer
    of 退房 shows."""
    if not _ASKS_HOW.search(text):
        return False
    rest = _ASKS_HOW.sub("", text)
    for name in sorted((*route.commands, *route.keywords, *route.hints), key=len, reverse=True):
        rest = rest.replace(name, "")
    return len(_NO_MATTER.sub("", rest)) >= 2


def _ask_officer_offer(text: str, label: str) -> Choices:
    """A question about a feature that nothing here answers: the officer's, one tap away;
    the feature itself only named, for one who meant to do it after all."""
    return Choices(
        "这个问题我这里还没有现成的答案。要把它转给社区民警吗？答复会发到这里。"
        f"如果是要办理，直接发送「{label}」即可。",
        (Button("转给民警", f"/问民警 {text}"),),
    )


#: Asking how or where to do a thing (去哪里报案, 怎么报案, 在哪举报).
_ASKS_THE_WAY = re.compile(r"怎么|怎样|如何|哪里|哪儿|在哪|去哪|找谁|哪个部门")


def _asks_the_way(ctx: Context, text: str, route: Route, replies: list[Reply]) -> bool:
    """Whether the law's answer to `text` is followed by the offer of the feature it
    names: asked how or where to do what the feature does here (去哪里报案), by someone
    it is for, and no offer given already (电动车被偷了怎么报案 has its own)."""
    return (
        ctx.role not in STAFF
        and _ASKS_THE_WAY.search(text) is not None
        and not asks_about(text, route)
        and not any(isinstance(r, Choices) for r in replies)
    )


def _law_beside(text: str, route: Route, role: Role) -> bool:
    """Whether `text` holds a legal word beside the feature's name (租客不交房租怎么办:
    房租). An officer's feature names their own work, though the word be a legal one too:
    看看报案 asks for the reports waiting for them, not how to report; for others the
    word is their matter as much as the feature's (怎么报案 is the FAQ's, a landlord's
    租客 the law's)."""
    if role in STAFF:
        for name in sorted((*route.commands, *route.keywords, *route.hints), key=len, reverse=True):
            text = text.replace(name, " ")
    return mentions_law(text)


def _acts_on_feature(hint: Suggestion, role: Role) -> bool:
    """Whether an officer's sentence says what to do with their feature (加个任务 检查网吧
    消防 周五 → 任务 新增 …): its legal words (网吧, 消防) are then the task's matter, and it
    had got the FAQ 网吧要办什么证 while the task was never written down."""
    said = hint.typed.split(maxsplit=2)
    return role in STAFF and len(said) > 1 and said[1] in hint.route.actions


#: A command's name typed with 一下 after it (等级一下, 登记下): the name, heard alone, may
#: be one mistyped (等级 for 登记), which the router puts right only as a word of its own.
_NAME_THEN_A_BIT = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:一下子?|下)[\s。.!！~～]*")


def _suggest(
    root: Router,
    text: str,
    role: Role,
    kinds: Iterable[VenueKind] | None = None,
    *,
    private: bool = False,
) -> Suggestion | None:
    """`root.suggest`, and for a name glued to 一下 (等级一下) the name alone: 等级一下 had got
    没有理解 while 等级 was offered 「登记」."""
    hint = root.suggest(text, role, kinds, private=private)
    if hint is None and (glued := _NAME_THEN_A_BIT.fullmatch(text)) is not None:
        hint = root.suggest(glued[1], role, kinds, private=private)
    return hint


def offers_a_feature(root: Router, text: str, role: Role) -> bool:
    """Whether `text` gets one of the role's features offered: a short name beside a legal
    word (租客不交房租怎么办) leaves it to the law search."""
    hint = _suggest(root, text, role)
    return hint is not None and (hint.weight >= _SURE or not _law_beside(text, hint.route, role))


def with_command_hints(root: Router, handler: Handler) -> Handler:
    """A sentence that names one of the sender's features (今天有什么任务, 302退房了) gets
    that feature offered as a button, instead of statutes or 没有理解; a legal word in it
    (租客不交房租怎么办) leaves it to the law search."""

    async def wrapped(ctx: Context) -> list[Reply]:
        text = ctx.inbound.text.strip()
        if not text or small_talk(text) is not None:
            return await handler(ctx)
        # What follows a feature's name is offered with it in a private chat only: in a
        # group everyone reads the offer.
        private = ctx.inbound.chat_type is ChatType.PRIVATE
        reported = status_after_receipt(text) if ctx.role in STAFF else None
        if reported is not None and (found := root.match(reported)) is not None:
            # B20261129-C75EC5办结 had matched nothing (or, with 已处理, offered 线索状态):
            # the report's status, as 报案 B20261129-C75EC5 办结 sets it.
            receipt, said = reported.split(maxsplit=2)[1:]
            shown = f"报案 {receipt[-6:]} {said}"
            status = Suggestion(found.route, reported, shown=shown)
            return [await _feature_offer(ctx, text, status, told=False)]
        hint = _suggest(root, text, ctx.role, private=private)
        if hint is not None and hint.route.kinds and ctx.role is Role.OWNER:
            # A landlord's 陈小梅搬走了 is no 退房: only features of their kinds of place.
            # Asked only then: most messages name no feature, and need no venue lookup.
            hint = _suggest(root, text, ctx.role, await _owner_kinds(ctx), private=private)
        code = _binding_code(text)
        if code is not None:
            return [_binding_offer(ctx, code)]
        # An ID number in it: a registration said in one breath (身份证 is a legal word too).
        told = mentions_resident_id(text)
        registers = hint is not None and hint.route.name in _REGISTRATIONS
        if told and (hint is None or registers):
            # 登记王小明3201…，302房: the offer of /登记 302 had dropped the name and number.
            command = _REGISTRATIONS[hint.route.name] if hint is not None else ""
            said = _after_name(text, hint.route.commands) if hint is not None else text
            offer = await _registration_offer(ctx, said, command)
            if offer is not None:
                return [offer]
        if hint is None:
            return await handler(ctx)
        if (undoing := hint.unable or _undoing(text, hint)) is not None:
            # 我要删掉一条登记 had been offered 「登记」, a new one: the way to put one right.
            return [await _how_to_undo(ctx, root, hint, undoing)]
        if (
            _law_beside(text, hint.route, ctx.role)
            and hint.weight < _SURE
            and not told
            and not _acts_on_feature(hint, ctx.role)
        ):
            # A legal word beside a feature's (租客不交房租怎么办) is the law's to answer; when
            # the law has nothing, the feature is offered. An officer's 看看报案 had got the
            # FAQ 怎么报案 (报案 is a legal word too) instead of the reports waiting.
            replies = await handler(ctx)
            if not all(_not_understood(r) for r in replies):
                if _asks_the_way(ctx, text, hint.route, replies):
                    # 去哪里报案, 怎么报案: the law says what reporting is; the feature is
                    # how to do it here, one tap away.
                    return [*replies, await _feature_offer(ctx, text, hint, told=False, asked=True)]
                return replies
        if ctx.role not in STAFF and not told and asks_about(text, hint.route):
            # 外国人入住要怎么登记？ had been offered 「登记」: the question goes to what
            # answers it (the FAQ, the law), else to the officer; officers, who have nobody
            # to ask, still get their feature.
            replies = await handler(ctx)
            if any(not _not_understood(r) for r in replies):
                return replies
            return [_ask_officer_offer(text, hint.label)]
        if hint.route.picks is not None and private:
            hint = await hint.route.picks(ctx, hint)
        return [await _feature_offer(ctx, text, hint, told)]

    return wrapped


#: Removing a record in a sentence (我要删掉一条登记), the verb anywhere in it.
_UNDOING = re.compile(r"删掉|删除|删去|删了|撤销|作废|撤掉")


def _undoing(text: str, hint: Suggestion) -> str | None:
    """The removal `text` asks of a feature offered bare that makes none (删掉 of 登记), or
    None. An offer with words after its name (任务 取消 3 for 删除任务 3, 撤回 6) has read
    the removal already."""
    found = _UNDOING.search(text)
    route = hint.route
    if found is None or " " in hint.typed.strip():
        return None
    verb = found[0]
    names = (*route.commands, *route.keywords, *route.hints, *route.actions)
    knows = any(verb in name for name in names) or verb in route.help + route.staff_help
    return None if knows else verb


async def _how_to_undo(ctx: Context, root: Router, hint: Suggestion, verb: str) -> Reply:
    """What puts a record of `hint`'s feature right, when one of its topic does (有误:
    /更正登记 for a guest's check-in); else that nothing here removes one (`_unable`)."""
    kinds = await _owner_kinds(ctx) or set()
    fixes = [
        route
        for route in root.routes
        if route.topic_name == hint.route.topic_name
        and route.commands
        and ctx.role in route.roles
        and (not route.kinds or route.kinds & kinds or ctx.role is not Role.OWNER)
        and "有误" in route.help
    ]
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


async def _feature_offer(
    ctx: Context, text: str, hint: Suggestion, told: bool, *, asked: bool = False
) -> Choices:
    """「您是想「退房 302」吗？」 with the button that does it; `asked`: after the answer to
    how or where to do it (去哪里报案), which the feature does here."""
    label = hint.label
    # The help's first clause, as the sender's role reads it (an officer's /报案 is the
    # reports waiting, not 自助报案); its examples (，如 …) nest brackets here.
    shown = hint.route.help_for(ctx.role, await _owner_kinds(ctx))
    gist = re.split(r"[；;]|[，,]\s*如", shown, maxsplit=1)[0].strip()
    # 向民警举报（默认匿名） in brackets of its own nested them: its aside after a comma;
    # an aside the split left open (七日警情预警（可加类型，如 …）) is one too.
    aside = _OPEN_ASIDE.sub(r"，\1", _ASIDE.sub(r"，\1", gist))
    # An offer that does another command's work (比中的核查结果 is /完成's) says what it
    # does in its name, not the route's help.
    named = hint.typed.split(maxsplit=1)[0].removeprefix("/")
    own = named in hint.route.commands or named in hint.route.keywords
    what = f"（{aside}）" if gist and own else ""
    later = hint.route.later if _LATER.search(text) and not _DONE.search(text) else ""
    steps = "证件号等信息请在登记中按提示逐项填写。" if told else ""
    if asked:
        doing = gist or f"「{label}」"  # 自助报案（电动车被盗…）, as help says it
        return Choices(f"如需在这里{doing}，点下面的按钮即可。", (Button(label, hint.typed),))
    return Choices(
        f"您是想「{label}」吗？{what}{later or '点下面的按钮即可。'}{steps}",
        (Button(f"是，{label}", hint.typed),),
    )
