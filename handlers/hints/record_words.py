"""An officer's words about one record: its command's name and number, then words of their
own (线索2已经转给市场监管了 可以结了, 通报3改到明天早上8点发, 比中1核实了 不是本人), or
words typed just after the record was shown (灭火器3天内换好 under /审核 1's buttons, the
answer after /答复 listed one question). What they ask of that record, one tap away.

The router had read the number and the words after it as one argument of the command's
name: 「/线索 2已经转给…」 only showed the usage, and 「/通报 3改到…」 would have started a
new alert reading those words.
"""

from __future__ import annotations

import re

from bot import choice_memory
from bot.context import Context
from bot.messages import Button, ChatType, Choices, Reply
from bot.router import STAFF
from handlers.services.hit_checks import says_verdict
from storage.models import Broadcast, BroadcastStatus

_MARKS = " ，,。.；;：:！!~～"
#: A record's command, its number, and what is said of it (线索2已经转给…, 通报 #3 改到…).
_RECORD = re.compile(
    r"^(?P<name>线索|通报|比中|命中)\s*(?:[#＃]|第)?(?P<n>\d{1,9})\s*号?[，,：:\s]*(?P<rest>.+)$"
)
#: A tip said to be done with (可以结了, 结案吧, 可以关了), closing what is said of it.
_TIP_CLOSED = re.compile(
    r"[，,。\s]*(?:可以|能|就|直接)?(?:结了|结案|办结|了结|结掉|关了|关掉|关闭|销号|结束)"
    r"(?:了|吧|啦|哈)?[。.！!~～\s]*$"
)
#: An alert asked to go out at another time (改到明天早上8点发, 推迟到下午3点).
_RETIMED = re.compile(
    r"^(?:的?(?:发送)?时间)?(?:改到|改成|改为|改在|推迟到|推到|延后到|延到|提前到|挪到|调到|换到|放到)"
    r"(?P<when>.+?)(?:再|才)?(?:发送|发出|发|推送)?(?:吧|啊|哈)?[。.！!~～\s]*$"
)
#: What /审核 N's 整改 button sends, and /答复's when it lists one question.
_RECTIFY_BUTTON = re.compile(r"/审核 (\d+) 整改")
_ANSWER_BUTTON = re.compile(r"/答复 (\d+)")


async def record_offer(ctx: Context, text: str) -> list[Reply] | None:
    """The reply to an officer's `text` that names a tip, an alert or a hit by its number
    and says what to do with it; None for anything else. Private chats only: the offer
    quotes what was said."""
    if ctx.role not in STAFF or ctx.inbound.chat_type is not ChatType.PRIVATE:
        return None
    said = _RECORD.match(text.strip())
    if said is None:
        return None
    number, rest = int(said["n"]), said["rest"].strip()
    if said["name"] == "线索":
        return _tip_closed(number, rest)
    if said["name"] == "通报":
        return await _alert_retimed(ctx, number, rest)
    glued = text.strip()[said.end("n") : said.end("n") + 1] == rest[:1]
    if glued and says_verdict(rest) and not ctx.retold:
        # 比中1核实了 不是本人 身份证号对不上 had got the law's answer on ID cards: the
        # hit's check result, as /比中 1 核实了 … asks to confirm it. (With a space after
        # the number, 命中1 已核实 …, the hit's own offer reads it.)
        ctx.retell = f"/比中 {number} {rest}"
        return []
    return None


def _tip_closed(number: int, rest: str) -> list[Reply] | None:
    """线索2已经转给市场监管了 可以结了: tip 2 marked 已处理, with what was said as its note
    (the tipster is told, so it is offered, not done)."""
    closing = _TIP_CLOSED.search(rest)
    if closing is None:
        return None
    note = rest[: closing.start()].strip(_MARKS)
    typed = f"/线索状态 {number} 已处理 {note}".strip()
    told = f"（处理说明：{note}）" if note else ""
    return [
        Choices(
            f"要把线索 #{number} 标为「已处理」{told}吗？举报人会收到处理结果的通知。",
            (Button(f"是，线索 #{number} 已处理", typed),),
        )
    ]


async def _alert_retimed(ctx: Context, number: int, rest: str) -> list[Reply] | None:
    """通报3改到明天早上8点发: an alert's time is not changed once it is confirmed; how to
    send it at the new time instead (withdraw it, then write it again)."""
    retimed = _RETIMED.match(rest)
    if retimed is None:
        return None
    when = retimed["when"].strip(_MARKS)
    broadcast = await ctx.session.get(Broadcast, number)
    if broadcast is None or broadcast.author_person_id != ctx.person.id:
        # Never the new alert 「/通报 3改到…」 the words had been offered as.
        return [
            Choices(
                f"没有找到您发布的通报#{number}。点下面的按钮查看您最近的通报。",
                (Button("最近的通报", "/通报状态"),),
            )
        ]
    status = broadcast.status
    if status in (BroadcastStatus.CANCELLED, BroadcastStatus.REJECTED):
        return [
            Choices(
                f"通报#{number}当前为「{status.label}」，不会再发出。要在{when}发，请发送"
                f"「/通报」重新编写，在「什么时候发」回答「{when}」。",
                (Button("重新编写通报", "/通报"),),
            )
        ]
    if status in (BroadcastStatus.SENDING, BroadcastStatus.DONE):
        return [
            Choices(
                f"通报#{number}已经发出，不能再改发送时间。如需在{when}再提醒一次，请发送"
                f"「/通报」重新编写，在「什么时候发」回答「{when}」。",
                (Button("查看送达", f"/通报状态 {number}"),),
            )
        ]
    return [
        Choices(
            f"通报#{number}（{status.label}）的发送时间不能直接修改。要改到{when}发，请先"
            f"「/撤回 {number}」（尚未发出，不会通知任何人），再发送「/通报」重新编写，在"
            f"「什么时候发」回答「{when}」。",
            (Button(f"撤回 {number}", f"/撤回 {number}"),),
        )
    ]


async def note_offer(ctx: Context, text: str) -> list[Reply] | None:
    """An officer's sentence that nothing else took, typed under the buttons of a record
    that asks for one: an inspection's 整改, its rectification; the one question /答复
    listed, its answer. None otherwise."""
    if (
        ctx.role not in STAFF
        or ctx.inbound.chat_type is not ChatType.PRIVATE
        or not ctx.options_shown
    ):
        return None
    values = await choice_memory.shown_values(ctx.session, ctx.user_key, ctx.now)
    rectify = [found[1] for v in values if (found := _RECTIFY_BUTTON.fullmatch(v))]
    answer = [found[1] for v in values if (found := _ANSWER_BUTTON.fullmatch(v))]
    if len(rectify) == 1 and not answer:
        return [
            Choices(
                f"要把「{text}」作为自查 #{rectify[0]} 的整改要求通知场所负责人吗？"
                "点下面的按钮即发出（项目和期限按这段话识别）。",
                (Button("是，要求整改", f"/审核 {rectify[0]} 整改 {text}"),),
            )
        ]
    if len(answer) == 1 and not rectify:
        return [
            Choices(
                f"要把「{text}」作为提问 #{answer[0]} 的答复发给提问人吗？点下面的按钮即发出。",
                (Button(f"是，答复 #{answer[0]}", f"/答复 {answer[0]} {text}"),),
            )
        ]
    return None
