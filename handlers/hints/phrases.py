"""A feature asked for in one's own words, none of them its name (提醒我周五去枫林民宿回访,
哪些场所是红色的, 我想接收附近的警情提醒): the command they lead to, with what was said kept
in it where the command takes it."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from bot.forms import FormEnv
from bot.router import STAFF, Router, Suggestion
from bot.validators import Invalid
from handlers.broadcast.audience_text import parse_audience
from handlers.incidents.form import KIND_WORDS, known_kind
from storage.models import Role

#: Words that tell of something or report it (我要举报…警情提醒牌被偷了): the tip's or the
#: report's, never taken for a request here.
_TELLS = re.compile(r"举报|报警|报案|投诉|反映|被偷|被骗|被盗|求助")


@dataclass(frozen=True)
class Phrase:
    """How people say they want a feature, and the command that does it."""

    #: The words that ask for it; `command` reads its groups.
    said: re.Pattern[str]
    #: The command sent for it, from the match and the whole message.
    command: Callable[[re.Match[str], str], str]
    #: Officers' words (else everyone else's: residents', owners').
    staff: bool
    #: The command carries what was said: offered in a private chat only, as every offer
    #: with a sentence's words in it is (in a group everyone reads the offer).
    keeps_said: bool = False
    #: Words that make the sentence a question of the sender's own, which the command
    #: does not answer (接到警情如何处置 is no wish to see the trend).
    unless: re.Pattern[str] | None = None
    #: The words order it done (我要通报…): the command is sent at once, not offered. Only
    #: for a form that asks before it keeps anything (the alert's 确认), or a help.
    at_once: bool = False


#: A question (提醒一下，酒驾要拘留几天; 把悦来旅馆评为红色要什么条件): asked, not an order to
#: act, so never offered as a task, a rating or an alert (a tap had rated the venue red).
_ASKS = re.compile(r"[吗？?]|什么|怎么|怎样|如何|哪|几|多少|多久|条件|标准")
#: Asking about one incident (能不能告诉我昨晚小区里的警情是怎么回事): a question for the
#: officers, not a wish for alerts (it had been offered 订阅, to one already subscribed).
_ABOUT_ONE = re.compile(r"怎么回事|什么情况|什么事|发生了|昨[天晚]|前[天晚]|刚才|今天|今晚")
#: How to do something (警情如何处置, 警情怎么上报): 如何 or 怎么 with more words after it,
#: not one ending its clause, which asks how things are (警情怎么样, 警情趋势如何).
_HOW_TO = re.compile(r"(?:如何|怎么|怎样|咋)(?!样?[了呢啊呀吧嘛]*(?:[，,。；;！!？?~～\s]|$))")
#: When, said first (提醒我周五去…): the task form reads a due date at the end.
_WHEN_FIRST = re.compile(
    r"^(?P<when>(?:今天|明天|后天|(?:下+)?(?:周|星期|礼拜)[一二三四五六日天]|\d{1,2}月\d{1,2}[日号]"
    r"|\d{1,2}[日号])(?:上午|中午|下午|晚上|早上|傍晚)?)(?:要|得|需要)?(?P<rest>\S.*)$"
)
#: An officer's words for keeping something to do (提醒我, 记一下, 别忘了, 记个待办), said
#: before it or after it (明天下午去悦来旅馆检查消防，提醒我一下 had got the statutes on
#: hotels); a bare 待办 only as a heading (待办：…), as 我的待办 asks for the list.
_REMIND = (
    r"(?:记得|别忘了?)?(?:提醒(?:一下)?我(?:一下)?|提醒一下|帮我记(?:一下|着|住)?"
    r"|记(?:一下|个|下来)?待办|记一下|记下来|别忘了?|加(?:个|一个)?待办)"
)
#: A reminder to ask someone (提醒我明天问问房东几点在家): the question is the one to put
#: to them, the task's words, not one put to the bot (it had not been offered as a task).
#: Only 提醒我 (提醒一下，酒驾要拘留几天 asks the bot), and no question word before the
#: asking (提醒我几点去问…).
_REMINDS_TO_ASK = re.compile(
    r"提醒(?:一下)?我(?:一下)?[：:，,\s]*[^，,。；;！!？?\s几哪吗怎多什]{0,10}?"
    r"(?:问问|问一?下|询问|打听|确认|核实)[^，,。；;！!]*"
)


def _colour(found: re.Match[str]) -> str:
    return next(group for group in found.groups() if group)


def _task(found: re.Match[str], _text: str) -> str:
    task = found["task"] or found["task_"]
    when = _WHEN_FIRST.match(task)
    if when:
        task = f"{when['rest']} {when['when']}"
    return f"/任务 新增 {task}"


def _trend(found: re.Match[str], _text: str) -> str:
    """The warning for the type said before 警情 (最近一个月盗窃警情多不多 had lost 盗窃),
    as the incident form reads types (偷车 is 盗窃 too); all types when the words there
    name none (辖区, 的). Its chart runs four weeks: the nearest it has to 一个月."""
    words = found["kind"] or found["kind_"] or ""
    kind = known_kind(words, tuple(KIND_WORDS)) if words else ""
    return f"/警情趋势 {kind}" if kind in KIND_WORDS else "/警情趋势"


def _alert(found: re.Match[str], text: str) -> str:
    """The alert with the audience and the content as said (给网吧发个通知：今晚起严查…):
    the form had taken the whole sentence, instruction and all, as the content."""
    said = found.groupdict()
    # 紧急通报…, 马上发个通报…: an urgent alert, as /通报 紧急 makes one (it had been
    # offered without its 紧急).
    urgent = "紧急 " if any(said.get(g) for g in ("urgent", "urgent_", "urgent__")) else ""
    if said.get("to") and said.get("body"):
        return f"/通报 {urgent}{said['to']} {said['body']}"
    if said.get("given"):
        return _given_to(said["given"], urgent)
    if said.get("said"):
        return f"/通报 {urgent}{said['said']}"  # 我要通报今晚…: the content, not the asking
    if said.get("whom"):
        return _whom_first(said["whom"])
    return f"/通报 {text}"


#: Whom the alert is for, said after 通报 (发个通报给旅馆 最近有…): up to a mark or a space.
_GIVEN = re.compile(
    r"^(?:发)?(?:给|到)(?P<to>[^，,。：:\s]{1,15}?)[：:，,\s]+(?P<body>\S{2,}.*)", re.S
)


def _given_to(said: str, urgent: str) -> str:
    """发个通报给旅馆 最近有流窜盗窃…: 给旅馆 is whom it is for, as the form's 发给 takes it,
    and what follows the content. The lead-in had been kept as the content and the scope
    asked again; "" (no alert) when no content follows it."""
    found = _GIVEN.match(said)
    if found is not None:
        return f"/通报 {urgent}发给{found['to']}：{found['body']}"
    return _whom_first(said.lstrip("发").removeprefix("给").removeprefix("到"))


#: Where the venues named after 通知 end, at the longest (各旅馆民宿今晚… is 旅馆、民宿).
_WHOM_MAX = 15
#: Between whom and what (通知各旅馆：今晚…).
_MARKS = "：:，,。 "


def _whom_first(said: str) -> str:
    """通知各旅馆今晚严查酒驾: the venues named first (as the alert's scope takes them) and
    the content after them, run together or not; "" when it names no venues (通知他明天来
    所里), which is no alert."""
    for end in range(min(len(said) - 2, _WHOM_MAX), 0, -1):
        whom = said[:end].rstrip(_MARKS)
        try:
            scope = parse_audience(whom, FormEnv({}, date.min, datetime.min))
        except Invalid:
            continue
        content = said[end:].lstrip(_MARKS)
        if scope.get("kinds") and "beat_name" not in scope and len(content) >= 2:
            return f"/通报 {whom} {content}"
    return ""


#: Words that make an alert urgent, said before 通报 (紧急通报…, 马上发个通报…).
_URGENT = r"(?P<urgent__>紧急|加急|马上|立即|立刻|赶紧|急)"

#: What follows 通报 that is no alert's content: another command's name (通报状态), or
#: words about the alerts themselves (通报的事, 通报里…).
_NOT_CONTENT = r"给|到|状态|范围|记录|撤|删|发送|草稿|的|里|中|上|了|内容|是"
#: A sentence about alerts already sent (谁没看, 写错了, 撤回): their own commands'.
_ABOUT_SENT = re.compile(
    r"谁|没(?:看|回|确认|收到|点|读)|看了|读了|几个人|多少人|写错|发错|有误|错了|撤|删|作废|更正"
    r"|状态|记录"
)

#: Officers first, then everyone else; the first that matches is offered.
PHRASES = (
    # 提醒我周五去枫林民宿回访 had got what the bot does with 枫林民宿: a task, as it is said.
    Phrase(
        re.compile(
            rf"^(?:请|麻烦|帮我)?(?:{_REMIND}[：:，,\s]*|待办(?:事项)?[：:]\s*)(?P<task>\S.+)"
            rf"|^(?P<task_>\S.+?)[，,。；;\s]*(?:请|麻烦|你|帮我)?{_REMIND}"
            r"(?:吧|哈|啊|哦|一下)?[。.！!~～\s]*$"
        ),
        _task,
        staff=True,
        keeps_said=True,
    ),
    # 把极速网吧评为橙色，上周查到接纳未成年人 had got what the bot does with 极速网吧: the
    # rating, with its reason.
    Phrase(
        re.compile(
            r"^(?:把|将|给)?(?P<venue>[^，,。；;：:\s]{2,20}?)(?:的风险(?:等级)?)?"
            r"(?:评为|评成|评定为|评个|定为|定成|定个|调为|调成|调到|改为|改成|设为|设成|标为|标成"
            r"|列为|升为|升到|降为|降到)"
            r"(?P<colour>[红橙黄蓝])色?(?:风险)?(?:场所)?[，,。；;：:\s]*(?P<reason>.*)"
        ),
        lambda found, _text: f"/风险 {found['venue']} {found['colour']} {found['reason']}".strip(),
        staff=True,
        keeps_said=True,
    ),
    # 哪些场所是红色的 had been offered 「场所」, the venue records: the venues of that colour.
    Phrase(
        re.compile(
            r"(?:哪些|哪几[个家]|哪家|几[个家]|多少).{0,6}?([红橙黄蓝])色"
            r"|([红橙黄蓝])色的?(?:场所|风险场所)?(?:有哪些|有几|都有|是哪|名单|列表|清单)"
        ),
        lambda found, _text: f"/风险 {_colour(found)}",
        staff=True,
    ),
    # 最近七天警情怎么样 had been offered 「警情」, which enters a new incident: the
    # seven-day warning.
    Phrase(
        re.compile(
            r"(?:最近|近|这)[七7一两三几]?(?:天|日|周|星期|个?月)(?P<kind>.{0,4})警情"
            r"|(?P<kind_>[^，,。\s]{0,4})警情.{0,4}(?:怎么样|咋样|如何|多不多|多吗|趋势|走势|变化|高不高)"
        ),
        _trend,
        staff=True,
        unless=_HOW_TO,
    ),
    # 给网吧发个通知：今晚起严查… had got 没有理解: an alert, to whom and what as said (the
    # /通报 form reads both from the sentence).
    Phrase(
        re.compile(
            r"^(?:请|帮我)?(?:给|向|对|通知)(?P<to>[^，,。：:]{1,15}?)(?:发|下发|发送|推送|群发|发布)"
            r"(?:个|一个|一条|条|一下)?(?:通知|通报|提醒|消息)[：:，,\s]*(?P<body>\S{2,}.*)"
            r"|^(?:请|帮我)?(?P<urgent>紧急|马上|立即|立刻)?(?:发|下发|群发|发布)(?:个|一个|一条|条)?"
            r"(?P<urgent_>紧急)?(?:通知|通报)(?P<given>(?:给|到)[^，,。：:]{1,15}?[：:，,\s]*\S{2,}.*)"
        ),
        _alert,
        staff=True,
        keeps_said=True,
        at_once=True,
    ),
    # 我要通报今晚严查酒驾, 发个通报今晚…, 通知各旅馆今晚…: the alert, with what follows as
    # its content (and the venues named after 通知 as whom to). They had got the FAQ on
    # drunk driving, a legal word beside 通报, or 没有理解. Not 我要通报状态, the name of
    # another command, nor a number (通报3 谁没确认).
    Phrase(
        re.compile(
            r"^(?:请|帮我|麻烦)?(?:(?:我|咱们?)?(?:要|想|得|需要|准备)(?P<urgent>紧急|马上|立即|立刻)?"
            r"(?:发(?:个|一个|一条|条|一下)?|下发|群发|发布)?"
            rf"|{_URGENT}(?:发(?:个|一个|一条|条|一下)?|下发|群发|发布)?"
            r"|(?:发|下发|群发|发布)(?:个|一个|一条|条|一下)?)(?P<urgent_>紧急)?通报(?:一下)?"
            r"(?:(?P<given>(?:发)?(?:给|到)\S.*)|[：:，,\s]*"
            r"(?P<said>(?!给|到|状态|范围|记录|撤|发送|草稿)[^\s\d#＃]\S.*))"
            r"|^(?:请|帮我|麻烦)?通知(?:一下)?(?P<whom>\S{3,}.*)",
            re.S,
        ),
        _alert,
        staff=True,
        keeps_said=True,
        at_once=True,
    ),
    # 通报今晚严查酒驾, typed without the space of 通报 今晚严查酒驾, had got the FAQ on drunk
    # driving: the alert, with what follows as its content. Not what asks after alerts
    # sent (通报谁没看, 通报写错了: their own commands and hints).
    Phrase(
        re.compile(
            rf"^通报(?:一下)?(?P<said>(?!{_NOT_CONTENT})[^\s\d#＃：:，,。！!？?]\S{{3,}}.*)", re.S
        ),
        _alert,
        staff=True,
        keeps_said=True,
        unless=_ABOUT_SENT,
        at_once=True,
    ),
    # 紧急通报 怎么发, 怎么发紧急通报, and an urgent alert told in a group (where nothing
    # said is offered back): the urgent alert, where 「通报」 had dropped its 紧急.
    Phrase(
        re.compile(r"(?:紧急|加急)的?通报|通报.{0,2}(?:紧急|加急)"),
        lambda _found, _text: "/通报 紧急",
        staff=True,
        unless=re.compile(rf"{_ABOUT_SENT.pattern}|区别|不同|和普通"),
    ),
    # 怎么画个圈发通知 had got 没有理解: how to draw a circle, which the alert's help says.
    Phrase(
        re.compile(r"(?:画|划|圈)(?:个|一个)?圈|圈(?:定|出|一下)(?:个|一个)?(?:范围|周边|区域)?"),
        lambda _found, _text: "/帮助 通报",
        staff=True,
        at_once=True,
    ),
    # 不想再收到通知了 had been offered 「收到」, an acknowledgement, and 别再给我发消息了 got
    # 没有理解: the public alerts stopped. Only when that is all it says (房东别再给我发
    # 消息骚扰我了 is a matter of its own).
    Phrase(
        re.compile(
            r"^(?:以后|今后|请|麻烦)?(?:我)?(?:不想|不要|不用|不需要|别|请勿|停止)(?:再|继续)?"
            r"(?:给我)?(?:收到|接收|发|发送|推送|提醒|通知)(?:给我|我)?"
            r"(?:这些|这种|这类|你们的|任何)?(?:通知|消息|信息|提醒|警情|推送|通报)?"
            r"(?:了|啦|吧|啊)?[。.！!~～\s]*$"
        ),
        lambda _found, _text: "/退订",
        staff=False,
    ),
    # 我想接收附近的警情提醒 had got 没有理解 and the legal questions: the public alerts.
    # Not 怎么没收到警情通报, a question of alerts missed (an owner's place's come unasked).
    Phrase(
        re.compile(
            r"(?:想|要|能不能|能否|可以|怎么|如何|希望)[^没不未别]{0,4}"
            r"(?:接收|订阅|关注|收到|推送|通知我|提醒我|发给我|告诉我).{0,10}(?:警情|治安)"
        ),
        lambda _found, _text: "/订阅",
        staff=False,
    ),
)


def own_words(root: Router, text: str, role: Role, *, private: bool) -> Suggestion | None:
    """The feature `text` asks for in words none of which is its name, for `role`; None
    when it asks for none (or tells of something, which the tips and reports take)."""
    staff = role in STAFF
    if not staff and _TELLS.search(text):
        return None
    asks = _ASKS.search(_REMINDS_TO_ASK.sub("", text)) is not None
    if not staff and _ABOUT_ONE.search(text):
        return None
    for phrase in PHRASES:
        if phrase.staff is not staff or (phrase.keeps_said and (not private or asks)):
            continue
        found = phrase.said.search(text)
        if found is None or (phrase.unless is not None and phrase.unless.search(text)):
            continue
        typed = phrase.command(found, text)
        matched = root.match(typed) if typed else None
        if matched is None or role not in matched.route.roles:
            continue
        return Suggestion(matched.route, typed, len(found[0]), at_once=phrase.at_once)
    return None
