"""Whether what a tipster or reporter says may answer the officer's waiting question.

A message that has an answer of its own (the law's, the offer of a tip or a report) is
offered as the answer only when it may be one: it speaks of what the officer asked or of
the case itself (车库东边那个入口, 还在赌), or it is little more than an answer's shape (晚
上十点以后，七八个人; 不知道). 房东不退押金 or 我的电动车被偷了, said in the hour after an
officer asked 大概几点开始？, had got only 「这条消息是您的回答吗？」 and nothing of the law.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from sqlmodel import col, select

from bot.context import Context
from handlers.reports.form import DETAILS
from handlers.reports.notify import MESSAGE_TEXT as REPORT_MESSAGE
from handlers.tips.form import TEXT as TIP_TEXT
from handlers.tips.relay import MESSAGE_TEXT as TIP_MESSAGE
from storage.models import Report, ReportMessage, Tip, TipMessage

_RUN = re.compile(r"[\u4e00-\u9fff]+")
#: Pairs of characters said of anything (有人, 小区, 民警): sharing one with the question or
#: the case tells nothing of being about them.
_COMMON_PAIRS = (
    "有人 一个 这个 那个 我们 他们 你们 什么 没有 就是 不是 可以 已经 现在 还是 因为 所以 一下"
    " 知道 时候 怎么 一些 民警 警官 您好 你好 谢谢 举报 报案 情况 请问 问题 回复 小区 门口 楼下"
    " 楼上 附近 旁边 对面 隔壁 这里 那里 一直 经常 每天 天天 今天 昨天 晚上 白天 我家 家里"
)
_COMMON = frozenset(_COMMON_PAIRS.split())
#: What an answer tells: when, how many, yes or no, not knowing (晚上十点, 七八个, 不知道).
_TELLING = re.compile(
    r"[\d０-９]+\s*[个人位次笔辆台岁块元点时号日月年天周层楼栋分]?"
    r"|[零一二两三四五六七八九十百千万几半多]+\s*[个人位次笔辆台岁块元点时号日月年天周层楼栋分]"
    r"|早上|上午|中午|下午|傍晚|晚上|夜里|半夜|凌晨|深夜|白天|每天|天天|刚才|刚刚"
    r"|[今昨前明后][天晚早]|下周|下个?星期|改天|星期.|礼拜.|周末|以前|以后|之前|之后|左右"
    r"|有时候?|经常|偶尔"
    r"|不知道|不清楚|不确定|记不清|记不得|没看清|没注意|忘了|说不清"
    r"|^(?:不是|没有|还在|不在|是的|对的|没|有|是|对|在|会|不会|能|不能|行|嗯|恩)"
)
#: Words around an answer that tell nothing by themselves (一般, 大概, 的, 了).
_FILLER = re.compile(
    r"一般|大概|大约|可能|好像|应该|差不多|估计|不太|那个|这个"
    r"|[就都也还又的了吧啊呢呀哦吗好]"
)
#: What may be left of an answer's shape once those words are taken out (东门, 三楼的).
_SHAPE_REST = 3
_CLAUSES = re.compile(r"[\s，,。.；;！!？?、]+")


def _pairs(texts: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for text in texts:
        for run in _RUN.findall(text):
            found.update(run[i : i + 2] for i in range(len(run) - 1))
    return found - _COMMON


def _rest(text: str) -> str:
    """The words of `text` left once what an answer tells, and its filler, are taken out."""
    return "".join(_RUN.findall(_FILLER.sub("", _TELLING.sub("", text))))


def may_answer(text: str, asked: Iterable[str], about: Iterable[str]) -> bool:
    """Whether `text` may answer the questions `asked` about a case told in `about`: it
    shares words with them, it is little more than an answer's shape, or one of its clauses
    is one that tells something (一般晚上11点左右 有时候还在里面赌博打牌)."""
    if _pairs([text]) & _pairs([*asked, *about]):
        return True
    if len(_rest(text)) <= _SHAPE_REST:
        return True
    return any(
        _TELLING.search(clause) is not None and len(_rest(clause)) <= _SHAPE_REST
        for clause in _CLAUSES.split(text)
    )


async def tip_asked(ctx: Context, tip: Tip) -> tuple[list[str], list[str]]:
    """What the officers asked since the tipster last spoke, and what the tip told."""
    rows = await ctx.session.exec(
        select(TipMessage).where(TipMessage.tip_id == tip.id).order_by(col(TipMessage.id).desc())
    )
    cipher = ctx.services.cipher
    asked = []
    for message in rows.all():
        if message.from_tipster:
            break
        asked.append(cipher.decrypt(message.text_enc, TIP_MESSAGE))
    return asked, [cipher.decrypt(tip.text_enc, TIP_TEXT)]


async def report_asked(ctx: Context, report: Report) -> tuple[list[str], list[str]]:
    """What the officers asked since the reporter last spoke, and what the report told."""
    rows = await ctx.session.exec(
        select(ReportMessage)
        .where(ReportMessage.report_id == report.id)
        .order_by(col(ReportMessage.id).desc())
    )
    cipher = ctx.services.cipher
    asked = []
    for message in rows.all():
        if message.from_reporter:
            break
        asked.append(cipher.decrypt(message.text_enc, REPORT_MESSAGE))
    details = json.loads(cipher.decrypt(report.details_enc, DETAILS))
    return asked, [report.kind.label, *(str(value) for _, value in details)]
