"""Questions about this service itself, answered by it and not by the statutes.

我们社区的民警是谁啊 had got 《戒毒条例》第17条, 我报了案以后会怎么样 《监督法》第61条, 我的
报案处理到哪一步了 the FAQ on how to report, 可以报警吗 a wall of statutes on 报案, and 民警回复
我了吗 「您是想「回复」吗」. Each is a whole question of a few words about the bot, the
officers, the asker's own cases or how one incident turned out (昨晚小区门口那起打架后来怎么
处理了, which only the officers know): the patterns are narrow, so that a legal question
that only shares a word (报案后多久立案, 报假警会怎么样) still goes to the law.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable

from bot.context import Context, Handler
from bot.messages import Button, Choices, Reply, Text
from bot.router import STAFF
from handlers.emergency import emergency_notice
from handlers.messaging import own_follow_ups
from handlers.police_calls import asks_alone
from handlers.reports.pending import own_reports
from handlers.services import questions
from handlers.tips.pending import own_tips
from handlers.tips.reward import asks_own_tip, asks_reward, own_tip_status, reward_answer
from handlers.tips.worry import hesitates, worry_answer
from storage.models import Beat

#: 我们社区的民警是谁, 片警叫什么, 谁是我们小区的民警.
_WHO_IS_OFFICER = re.compile(
    r"(民警|片警|警官|社区警察|管片的?警察)(是谁|叫什么|叫啥|是哪位|是哪个|有谁)"
    r"|谁是.{0,8}(民警|片警)"
    r"|(哪个|哪位)(民警|警察|警官)(管|负责)"
)
#: 我报了案以后会怎么样, 报案后多久有人联系我: what happens next.
_AFTER_REPORT = re.compile(
    r"报(了|完)?(案|警)(以后|之后|后|完了?).{0,12}"
    r"(怎么样|会怎样|会怎么|联系|流程|然后|接下来|谁来|有人)"
    r"|报案.{0,4}(多久|多长时间|几天).{0,6}(联系|回复|有人|有消息)"
)
#: What the law and the FAQ answer, said beside those words: 报案后多久立案 and 报警后多久有
#: 结果 are the procedure's questions (治安案件 are settled within 30 days).
_LEGAL_STEP = re.compile(r"立案|受理|结案|办结|处理完|结果|判|处罚|拘留|追究|责任|赔")
#: 我的报案处理到哪一步了, 我报的案有结果了吗: the asker's own cases.
_OWN_CASE = re.compile(
    r"(我的|我报的|我那个|我之前的|我提交的|我上次的?)(报案|案子|案件|案|举报)"
    r".{0,8}(处理|进展|到哪|哪一步|结果|消息|办得)"
)
#: 民警回复我了吗, 我问的问题有人回了吗: the asker's own questions.
_ANSWERED = re.compile(
    r"(民警|警察|警官|你们|派出所|有人).{0,4}(回复|答复|回)(我|了)"
    r"|(我问的|我的)(问题|提问).{0,8}(回|答)"
    r"|问民警.{0,8}(回复|答复|回)"
)
#: 可以报警吗, 在这里能报警吗, 怎么报警: the whole message, asking for the police.
_CALL_POLICE = re.compile(
    r"(请问)?(我)?(要|想|想要|需要)?"
    r"(可以|能|能不能|可不可以|能否|怎么|如何|在哪里?|去哪里?|哪里)?"
    r"(在这里?|这里|这儿|线上|网上)?(可以|能)?报警(吗|呢|啊|呀|么|吧|可以吗|行吗)?"
)
#: An incident asked about may take a sentence.
_LONGEST_MATTER = 40
#: 昨晚我们小区门口那起打架后来怎么处理了, 我家楼下昨天被偷的电动车找到了吗: how one
#: incident turned out, which only the officers know; the statutes found nothing or a
#: general answer (打架了会怎么处理).
_OUTCOME = re.compile(
    r"(?:后来|最后|现在)(?:怎么样|咋样|如何)"
    r"|(?:怎么|如何)(?:处理|解决|处置|判|办)(?:的|了)"
    r"|(?:找|抓|追)(?:到|回|回来|住|着)(?:了(?:吗|么|没有?)|没有?)"
    r"|(?:破案|结案|抓人|立案)了(?:吗|么|没有?)"
    r"|有(?:结果|进展|消息|下落)了?(?:吗|么|没有?)"
    r"|是怎么回事|是什么情况|出什么事了|发生了什么"
)
#: The one incident: pointed at (那起, 那个), or when it was (昨晚).
_ONE_INCIDENT = re.compile(
    r"那[起个件场次辆]|这[起件]|昨[天晚日]|前[天晚]|前几天|上周|上个?星期|上个月|刚才|今天|今早|今晚"
)
#: What the law answers of an incident (那个打人的抓到了会判几年): still the law's.
_CONSEQUENCE = re.compile(r"判几|判多|会判|坐牢|拘留|罚款|罚多少|违法|犯法|犯罪|赔偿|责任|会怎么")
#: 你们警察都是吃干饭的, 派出所不作为, 我要投诉民警: a complaint about the police, said at
#: them. It gets the way to be heard (12389), not 没有理解 and not an argument.
_COMPLAINT = re.compile(
    r"(警察|民警|警官|派出所|公安|你们).{0,8}"
    r"(吃干饭|吃白饭|吃闲饭|干什么吃的|干啥吃的|不作为|拿钱不干活)"
    # Not 你们 here: 你们小区的垃圾没人收 is no complaint about the police.
    r"|(警察|民警|警官|派出所|公安).{0,6}"
    r"(不办事|不管事|没用|废物|垃圾|态度(太|很|真|特别)?(差|恶劣|不好)|有什么用|有啥用)"
    r"|(投诉|举报)(民警|警察|警官|派出所)|(民警|警察|警官|派出所).{0,4}(怎么|去哪|在哪|哪里)投诉"
)
#: A complaint may be told at more length than a question about the service.
_LONGEST_COMPLAINT = 60
#: Longer than this, a message tells of something; these questions are short.
_LONGEST = 25
_END = re.compile(r"[\s，,。.!！?？~～]+")

CALL_POLICE = (
    "需要民警到场、或者危险正在发生，请直接拨打110（不方便通话可以发短信到12110）。"
    "这里的消息不能代替110报警。\n"
    "不紧急的事（比如东西被偷了、被骗了要登记），可以在这里发送「报案」填写，"
    "提交后会收到报案号，之后发送「查询」就能看到进展。"
)
ONE_INCIDENT = (
    "具体某件事后来怎么处理，这里查不到，社区民警才清楚。要把这个问题转给社区民警吗？"
    "答复会发到这里。如果是您自己报的案，发送「查询」可以看进展。"
)
#: After the asker's own cases, for an incident that is none of them.
OTHER_MATTER = "问的是别的事，点「转给民警」把问题转给社区民警，答复会发到这里。"
#: Cases shown as buttons beside 转给民警 (查询 shows eight).
_MOST_CASES = 7
COMPLAINT = (
    "您的意见我们收到了。对民警执法或服务不满意，可以拨打12389（公安机关执法监督举报电话）"
    "反映，也可以到派出所或上级公安机关当面反映，说清时间、地点、涉及的民警和事情经过。"
    "需要民警帮忙的事，可以发送「问民警 您的问题」；紧急情况请直接拨打110。"
)
AFTER_REPORT = (
    "在这里报案后：\n"
    "1. 提交后马上会收到报案号，请保存好；\n"
    "2. 社区民警会查看您的报案并尽快与您联系；需要了解更多情况时，会在这里向您提问，直接回复即可；\n"
    "3. 处理进展会发到这里，也可以随时发送「查询」查看。\n"
    "多久联系要看事情的轻重缓急；紧急情况请直接拨打110。"
)


async def _officer_reply(ctx: Context) -> list[Reply]:
    """Who the asker's officer is: their area, if known, and the way to reach them. The
    officer is not named: officers speak to residents here under the station's name."""
    station = ctx.services.settings.station.name
    target = await questions.find_target(ctx, None)
    beat = None
    if isinstance(target, questions.Target) and target.beat_id is not None:
        beat = await ctx.session.get(Beat, target.beat_id)
    area = f"您所在的{beat.name}由{station}的社区民警负责。" if beat else ""
    return [
        Text(
            f"{area}这里不公布民警的个人信息。有事可以发送「问民警 您的问题」，"
            "会转给您所在片区的社区民警，答复会发到这里。紧急情况请直接拨打110。"
        )
    ]


def service_question(text: str) -> str | None:
    """What about the service `text` asks ("police", "may_call", "incident", "reward",
    "own_tip", "answers", "cases", "after", "officer", "complaint", "worry"), or None if it
    is no such question."""
    plain = _END.sub("", text)
    if len(plain) <= _LONGEST_COMPLAINT and _COMPLAINT.search(plain):
        return "complaint"
    if hesitates(plain):
        return "worry"  # 我想举报但是怕被报复: the worry answered, 匿名举报 offered
    if asks_alone(plain):
        return "may_call"
    if _CALL_POLICE.fullmatch(plain):
        return "police"  # 怎么报警, 在这里能报警吗: the way to report here
    if len(plain) > _LONGEST_MATTER:
        return None  # a story told, not a question about the service
    short = len(plain) <= _LONGEST
    if short and asks_reward(plain):
        return "reward"  # 举报有奖励吗: the station's rules, not a statute
    if short and asks_own_tip(plain):
        return "own_tip"  # 我刚才举报的有人管吗: that tip's progress
    if short and _ANSWERED.search(plain):
        return "answers"
    if short and _OWN_CASE.search(plain):
        return "cases"
    if _OUTCOME.search(plain) and _ONE_INCIDENT.search(plain) and not _CONSEQUENCE.search(plain):
        return "incident"
    if not short:
        return None  # a story told, not a question about the service
    if _AFTER_REPORT.search(plain) and not _LEGAL_STEP.search(plain):
        return "after"
    if _WHO_IS_OFFICER.search(plain):
        return "officer"
    return None


#: What the statutes say of a matter, or of the last legal question when given ""
#: (`handlers.law.LawDesk.on_the_matter`).
OnTheMatter = Callable[[Context, str], Awaitable[list[Reply]]]


async def _nothing(_ctx: Context, _text: str) -> list[Reply]:
    return []


async def _may_call(ctx: Context, on_the_matter: OnTheMatter) -> list[Reply]:
    """这种情况能报警吗 just after a legal question: whether its matter is one for the
    police (it had got that question's articles alone, and 能报警吗 the way to report, the
    matter forgotten). With no matter, what to do."""
    return await on_the_matter(ctx, "") or [Text(CALL_POLICE)]


async def _incident(ctx: Context, text: str) -> list[Reply]:
    """How one incident turned out: the words go to the officer as asked, one tap away.
    An asker with reports or tips of their own sees their status first, as 查询 shows it
    (我昨天报的案有结果了吗 had got only the offer of the officer)."""
    officer = Button("转给民警", f"/问民警 {text}")
    if not (await own_reports(ctx, open_only=False) or await own_tips(ctx)):
        return [Choices(ONE_INCIDENT, (officer,))]
    shown = await own_follow_ups(ctx, cases_only=True)
    status = shown[0] if len(shown) == 1 else None
    if not isinstance(status, Choices):
        return [*shown, Choices(ONE_INCIDENT, (officer,))]
    # One set of buttons: a second `Choices` would number its options on from these.
    return [
        Choices(
            f"{status.text}\n{OTHER_MATTER}",
            (*status.buttons[:_MOST_CASES], officer),
        )
    ]


async def service_answer(
    ctx: Context, text: str, on_the_matter: OnTheMatter = _nothing
) -> list[Reply] | None:
    """The answer to a question about the service, or None if `text` is no such question."""
    asked = service_question(text)
    if asked == "may_call":
        return await _may_call(ctx, on_the_matter)
    if asked == "incident":
        return await _incident(ctx, text)
    if asked == "police":
        # After the emergency notice (我要报警), 110 once is enough: the way to report here.
        urgent = emergency_notice(text) is not None
        return [Text(CALL_POLICE.split("\n", 1)[1] if urgent else CALL_POLICE)]
    if asked == "reward":
        return await reward_answer(ctx, text)
    if asked == "own_tip":
        return await own_tip_status(ctx, text) or await own_follow_ups(ctx, cases_only=True)
    if asked == "answers":
        return await own_follow_ups(ctx)
    if asked == "cases":
        return await own_follow_ups(ctx, cases_only=True)
    if asked == "after":
        return [Text(AFTER_REPORT)]
    if asked == "complaint":
        return [Text(COMPLAINT)]
    if asked == "worry":
        return [worry_answer()]
    if asked == "officer":
        return await _officer_reply(ctx)
    return None


def with_service_questions(handler: Handler, on_the_matter: OnTheMatter = _nothing) -> Handler:
    """Answer residents' and owners' questions about the service before feature hints and
    the law search take their words (回复, 报案) for something else."""

    async def wrapped(ctx: Context) -> list[Reply]:
        if ctx.role not in STAFF and not ctx.inbound.photos:
            answered = await service_answer(ctx, ctx.inbound.text.strip(), on_the_matter)
            if answered is not None:
                return answered
        return await handler(ctx)

    return wrapped
