"""The feature a sentence names, offered as a button (您是想用「退房 302」吗？) instead of
statutes or 没有理解."""

from __future__ import annotations

import re

from bot.context import Context, Handler
from bot.messages import Button, ChatType, Choices, Reply, Text
from bot.router import STAFF, AtOnce, Route, Router, Suggestion
from bot.validators.idcard import mentions_resident_id
from handlers.emergency import emergency_notice
from handlers.fallback.not_understood import is_not_understood
from handlers.hints.latin import WRITE_IN_CHINESE, latin_only
from handlers.hints.pasted import pasted
from handlers.hints.person_words import person_asked
from handlers.hints.phrases import own_words
from handlers.hints.questions import ask_officer_offer, asks_about, asks_the_way
from handlers.hints.record_words import note_offer, record_offer
from handlers.hints.said import (
    REGISTRATIONS,
    after_name,
    after_phrase,
    only_who,
    registration_offer,
)
from handlers.hints.typos import meant, suggest
from handlers.hints.undo import how_to_undo, undoing
from handlers.registration.said_first import holds_details, tells_a_document
from handlers.reports.officer import status_after_receipt
from handlers.services.venues import owner_kinds
from knowledge.intent import mentions_law, small_talk
from storage.models import Role

#: A phrase this long (我的报案怎么样了 → 报案怎么样) names its feature even beside a legal word.
_SURE = 5
#: A time to come in a sentence (302的客人明天走), unless it says it is done (…走了).
_LATER = re.compile(
    r"明天|明早|明晚|后天|待会|等会|一会|过几天|过两天|下周|下个?月|月底|今晚|下午|要走|要搬|准备|打算"
)
_DONE = re.compile(r"了\W*$|已经")
#: An aside in brackets inside a help's first clause (向民警举报（默认匿名）).
_ASIDE = re.compile(r"[（(]([^（()）]*)[）)]")
_OPEN_ASIDE = re.compile(r"[（(]([^（()）]*)$")
#: A feature's name said after these is the one not wanted (不想再收到这些了): the router
#: reads a 不 just before a name, not 不想再 or 别再给我.
_NOT_WANTED = re.compile(r"(不想|不要|不用|不需要|别|不必|无需)(再|继续)?(给我)?$")
#: A sentence that asks to see what a route shows (有新线索吗, 看看任务, 今天有命中没有; see
#: `AtOnce.SHOWN_WHEN_ASKED`).
_ASKS_TO_SEE = re.compile(
    r"[吗么？?]|有没有|有无|哪些|什么|谁|看看|看一?下|查一?下|多少|几|列表|清单"
    r"|(?:如何|咋样|怎样)[了呢啊呀吧]*[。.！!~～\s]*$"
    r"|(?:有|了).*没有?[呢啊呀]*[。.！!~～\s]*$"
)


def offers_a_feature(root: Router, text: str, role: Role) -> bool:
    """Whether `text` gets one of the role's features offered: a short name beside a legal
    word (租客不交房租怎么办) leaves it to the law search."""
    hint = suggest(root, text, role)
    return hint is not None and (hint.weight >= _SURE or not _law_beside(text, hint.route, role))


def with_command_hints(root: Router, handler: Handler) -> Handler:
    """A sentence that names one of the sender's features (今天有什么任务, 302退房了) gets
    that feature offered as a button, instead of statutes or 没有理解; a legal word in it
    (租客不交房租怎么办) leaves it to the law search."""

    async def wrapped(ctx: Context) -> list[Reply]:
        text = ctx.inbound.text.strip()
        if not text or small_talk(text) is not None:
            return await handler(ctx)
        code = await pasted(ctx, text) if not ctx.retold else None
        if isinstance(code, str):
            # The query code or report number alone, pasted from its receipt: its progress.
            ctx.retell = code
            return []
        if code is not None:
            return [code]  # a binding code (R9C3-8VP7): offered to bind with
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
        # 线索2已经转给市场监管了 可以结了: what is asked of that record, not its command
        # with the rest as its argument (which only showed the usage).
        told_of = await record_offer(ctx, text)
        if told_of is not None:
            return told_of
        looked_up = person_asked(root, text, ctx.role) if not ctx.retold else None
        if looked_up is not None:
            # 帮我查下张伟住哪 had got 没有理解: the lookup, audited as 查人 张伟 is.
            ctx.retell = looked_up
            return []
        phrased = own_words(root, text, ctx.role, private=private)
        if phrased is not None:
            kind = phrased.route.at_once_kind(ctx.role)
            if not ctx.retold and (
                kind is AtOnce.ANSWERS_OWN_WORDS
                or phrased.at_once
                or _at_once(text, phrased, ctx.role)
            ):
                if _tells_of_danger(text) and not phrased.at_once:
                    # Not an alert ordered (紧急通报 …有持刀男子…): the danger is its content.
                    return await handler(ctx)
                # 警情趋势如何 names the view it asks to see: shown, not offered as a guess.
                ctx.retell = phrased.typed
                return []
            # 提醒我周五去…回访, 哪些场所是红色的: no name of the feature in it, or the name of
            # another (最近七天警情怎么样 had been offered 「警情」, a new incident).
            return [await _feature_offer(ctx, text, phrased, told=False)]
        hint = suggest(root, text, ctx.role, private=private)
        if hint is not None and hint.route.kinds and ctx.role is Role.OWNER:
            # A landlord's 陈小梅搬走了 is no 退房: only features of their kinds of place.
            # Asked only then: most messages name no feature, and need no venue lookup.
            hint = suggest(root, text, ctx.role, await owner_kinds(ctx), private=private)
        if hint is not None and _not_wanted(text, hint):
            # 不想再收到这些了 had been offered 「收到」, the opposite of what it says.
            hint = None
        if hint is None and latin_only(text):
            # The statutes and the features are in Chinese: 没有找到…法律条文 had told an
            # English speaker nothing they could read.
            return [Text(WRITE_IN_CHINESE)]
        # An ID number in it: a registration said in one breath (身份证 is a legal word too);
        # an owner's 护照M12345678 too (a Korean guest had been offered 匿名举报/自助报案).
        told = mentions_resident_id(text) or (ctx.role is Role.OWNER and tells_a_document(text))
        registers = hint is not None and hint.route.name in REGISTRATIONS
        # 还有一个人 李娜 <ID>: a companion's details, which 「同住」 offered alone had dropped.
        companion = hint is not None and hint.route.name == "guest_companion"
        if told and (hint is None or registers or companion):
            # 登记王小明3201…，302房: the offer of /登记 302 had dropped the name and number.
            command = REGISTRATIONS[hint.route.name] if hint is not None and registers else ""
            said = after_name(text, hint.route.commands) if hint is not None else text
            offer = await registration_offer(ctx, said, command)
            if offer is not None:
                return [offer]
        if registers and hint is not None and not told and undoing(text, hint) is None:
            # 登记客人 赵六: the offer of a bare /登记旅客 had dropped the name. Not when it
            # asks a removal: 客人没住 登记要删掉 had been offered a check-in of 要删掉.
            route = hint.route
            said = after_phrase(text, (*route.commands, *route.keywords, *route.hints))
            offer = (
                await registration_offer(ctx, said, REGISTRATIONS[route.name])
                if holds_details(said)
                else None
            )
            if offer is not None:
                return [offer]
            if only_who(said) and not ctx.retold:
                # 登记个客人 had been offered 「登记 个客人」, a guest called 个客人: the
                # registration, which asks before it keeps anything.
                ctx.retell = f"/{REGISTRATIONS[route.name] or route.commands[0]}"
                return []
        if hint is None:
            # 灭火器3天内换好 under /审核 1's buttons had got the law search's 没有找到.
            noted = await note_offer(ctx, text)
            return noted if noted is not None else await handler(ctx)
        if (undone := hint.unable or undoing(text, hint)) is not None:
            # 我要删掉一条登记 had been offered 「登记」, a new one: the way to put one right.
            way = await how_to_undo(ctx, root, hint, undone)
            return [way] if way is not None else []
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
            if not all(is_not_understood(r) for r in replies):
                if asks_the_way(ctx, text, hint.route, replies):
                    # 去哪里报案, 怎么报案: the law says what reporting is; the feature is
                    # how to do it here, one tap away.
                    return [*replies, await _feature_offer(ctx, text, hint, told=False, asked=True)]
                return replies
        if ctx.role not in STAFF and not told and asks_about(text, hint.route):
            # 外国人入住要怎么登记？ had been offered 「登记」: the question goes to what
            # answers it (the FAQ, the law), else to the officer; officers, who have nobody
            # to ask, still get their feature.
            replies = await handler(ctx)
            if any(not is_not_understood(r) for r in replies):
                return replies
            return [ask_officer_offer(text, hint.label)]
        if hint.route.picks is not None and private:
            hint = await hint.route.picks(ctx, hint)
        if not told and not ctx.retold and (hint.at_once or _at_once(text, hint, ctx.role)):
            if _tells_of_danger(text):
                return await handler(ctx)
            # Nothing is kept without a further 确认: what was asked for, not a button.
            ctx.retell = hint.typed
            return []
        return [await _feature_offer(ctx, text, hint, told)]

    return wrapped


def _tells_of_danger(text: str) -> bool:
    """Whether `text` raises an emergency notice, and so asks for no feature it names: a
    landlord's 说是派出所的，要我把租客名单发给他 had been shown the tenant list (the message
    told again as 租客名单), and the warning not to send it was lost with the first reply."""
    return emergency_notice(text) is not None


def _at_once(text: str, hint: Suggestion, role: Role) -> bool:
    """Whether the feature `text` names is done at once rather than offered, as its route
    declares (`Route.at_once`); never a name guessed from a slip (通报壮态 3), which is not
    in the text."""
    route = hint.route
    kind = route.at_once_kind(role)
    if kind is AtOnce.SHOWN:
        names = (*route.commands, *route.keywords, *route.hints)
    elif kind is AtOnce.STARTED:
        names = route.commands
    elif kind is AtOnce.SHOWN_WHEN_ASKED and _ASKS_TO_SEE.search(text):
        # The list, a page of it or one record: never a record's number with more said
        # after it (/线索 12 垃圾 marks a tip), nor one of its actions (加个任务吗: /任务
        # 新增 writes one).
        said = hint.typed.split()
        if len(said) > 2 or (len(said) == 2 and said[1] in route.actions):
            return False
        names = (*route.commands, *route.keywords, *route.hints)
    elif kind is AtOnce.OWN_CASES:
        names = route.hints
    else:
        return False
    return any(name and name not in route.too_wide and name in text for name in names)


def _not_wanted(text: str, hint: Suggestion) -> bool:
    """Whether each name of the feature in `text` is said as not wanted (不想再收到)."""
    route = hint.route
    names = [n for n in (*route.commands, *route.keywords, *route.hints) if n and n in text]
    if not names:
        return False
    return all(
        _NOT_WANTED.search(text[: at.start()]) is not None
        for name in names
        for at in re.finditer(re.escape(name), text)
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


async def _feature_offer(
    ctx: Context,
    text: str,
    hint: Suggestion,
    told: bool,
    *,
    asked: bool = False,
) -> Choices:
    """「您是想用「退房 302」吗？」 with the button that does it; `asked`: after the answer
    to how or where to do it (去哪里报案), which the feature does here."""
    label = hint.label
    # The help's first clause, as the sender's role reads it (an officer's /报案 is the
    # reports waiting, not 自助报案); its examples (，如 …) nest brackets here.
    shown = hint.route.help_for(ctx.role, await owner_kinds(ctx))
    gist = re.split(r"[；;]|[，,]\s*如", shown, maxsplit=1)[0].strip()
    # 向民警举报（默认匿名） in brackets of its own nested them: its aside after a comma;
    # an aside the split left open (七日警情预警（可加类型，如 …）) is one too.
    aside = _OPEN_ASIDE.sub(r"，\1", _ASIDE.sub(r"，\1", gist))
    # An offer that does another command's work (比中的核查结果 is /完成's) says what it
    # does in its name, not the route's help.
    named = hint.typed.split(maxsplit=1)[0].removeprefix("/")
    own = named in hint.route.commands or named in hint.route.keywords
    what = aside if gist and own else ""
    later = hint.route.later if _LATER.search(text) and not _DONE.search(text) else ""
    steps = "证件号等信息请在登记中按提示逐项填写。" if told else ""
    if asked:
        doing = gist or f"「{label}」"  # 自助报案（电动车被盗…）, as help says it
        return Choices(f"如需在这里{doing}，点下面的按钮即可。", (Button(label, hint.typed),))
    # One wording for every offer, typed by a slip (租可) or told in words (民警回复我了吗):
    # 您是想「租客」吗？ had asked whether the sender wants a word, while a typo's offer
    # read 您是想用「租客」（查看在租租客）吗？.
    return Choices(
        f"{meant(label, what)}{later or '点下面的按钮即可。'}{steps}",
        (Button(f"是，{label}", hint.typed),),
    )
