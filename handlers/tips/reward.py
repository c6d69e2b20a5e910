"""Questions a tipster asks about their tip, not about the law: 举报有奖励吗 and 我刚才举报的
有人管吗.

谢谢 那我能拿奖励吗 after a tip had got a traffic-police regulation, 举报有奖励吗 「您是想用
「举报」…吗？」, and 我刚才举报的有人管吗 the offer of a new tip. A reward is the local public
security organ's to decide under its own rules, so the answer promises nothing and offers
to ask the officer with the tip's query code; the tip asked after gets its 查询 progress.
"""

from __future__ import annotations

import re

from bot.context import Context
from bot.messages import Button, Choices, Reply, Text
from handlers.registration.timefmt import short
from handlers.tips.codes import read_code
from handlers.tips.form import TEXT
from handlers.tips.pending import own_tips
from handlers.tips.relay import tip_code
from handlers.tips.tipster import query_tip
from knowledge.intent import asks
from storage.models import Tip, TipCategory, TipStatus

#: 奖励, 奖金, 有奖, 给钱吗: what a reward is called.
_REWARD = re.compile(r"奖励|奖金|奖赏|赏金|有奖|奖品|(?:给|发|拿|领)(?:钱|红包)")
#: What the reward is asked for (举报有奖励吗, 提供线索有奖金吗); without these words only a
#: tipster's question (谢谢 那我能拿奖励吗 after their tip) is about a tip.
_FOR_A_TIP = re.compile(r"举报|线索|提供|报案|破案|通缉|悬赏")
#: 我刚才举报的有人管吗, 我举报的那个事处理了没, 昨天举报的有回复吗: the asker's own tip, told
#: as done (举报的, 举报了, 举报过), and whether anyone took it up.
_OWN_TIP = re.compile(
    r"举报(?:的|了|过)(?:那个|那件|这个|的那个)?(?:事情?|情况|线索|东西)?.{0,6}?"
    r"(?P<asked>有人|管|处理|受理|理|看|收到|回复|回音|消息|进展|结果|怎么样|咋样|查)"
)
#: The words around what the tip was about (我之前举报的那个传销的 处理了没: 传销).
_NOT_ABOUT = re.compile(
    r"我们?|刚才|刚刚|之前|以前|上次|前几天|昨天|前天|今天|举报|那个|那件|那条|这个|这件|这条"
    r"|事情?|情况|线索|东西|[的了过]|\W"
)
#: How much of a tip's own words the list of the asker's tips shows.
_EXCERPT = 16
#: What the tip asked after must be: told as one's own (我, or a time it was sent).
_MINE = re.compile(r"我|刚才|刚刚|之前|上次|昨天|前天|今天")
#: 处理了没, 有人管没有: asked without 吗.
_NOT_YET = re.compile(r"没有?[\s?？。.!！]*$")

REWARD = (
    "举报奖励按当地公安机关的规定执行：线索经核实属实、对查处违法犯罪起了作用的，"
    "是否奖励、奖励多少由公安机关认定，具体由处理线索的民警按规定办理，这里不能事先承诺。"
    "匿名举报也可以凭查询码询问，不用留姓名。"
)
_ASK_WITH_CODE = (
    "想问问您这条举报（查询码 {code}）能不能申请奖励，点「问问民警」，会带上查询码发给处理的民警。"
)
_NO_TIP = "举报提交后会收到查询码，之后可以发送「回复 查询码 内容」向处理的民警询问。"
_QUESTION = "请问这条举报核实后能申请举报奖励吗？"


def asks_reward(text: str) -> bool:
    """Whether `text` asks about a reward (举报有奖励吗, 谢谢 那我能拿奖励吗)."""
    return _REWARD.search(text) is not None and asks(text)


def asks_own_tip(text: str) -> bool:
    """Whether `text` asks whether the asker's own tip was taken up (我刚才举报的有人管吗)."""
    asked = asks(text) or _NOT_YET.search(text) is not None
    return _OWN_TIP.search(text) is not None and _MINE.search(text) is not None and asked


async def _newest(ctx: Context) -> Tip | None:
    """The sender's newest tip still theirs to ask about (not withdrawn)."""
    return next((t for t in await own_tips(ctx) if t.status is not TipStatus.WITHDRAWN), None)


async def reward_answer(ctx: Context, text: str) -> list[Reply] | None:
    """What rewards follow, and the officer one tap away with the newest tip's code; None
    for a reward asked of something else by someone with no tip (见义勇为有奖励吗)."""
    tip = await _newest(ctx)
    if tip is None and _FOR_A_TIP.search(text) is None:
        return None
    if tip is None:
        return [Text(f"{REWARD}\n{_NO_TIP}")]
    code = tip_code(ctx.services, tip)
    return [
        Choices(
            f"{REWARD}\n{_ASK_WITH_CODE.format(code=code)}",
            (Button("问问民警", f"回复 {code} {_QUESTION}"),),
        )
    ]


def _about(text: str) -> str:
    """What the tip asked after was about, in the asker's words ("" when they name
    nothing: 我刚才举报的有人管吗)."""
    found = _OWN_TIP.search(text)
    return _NOT_ABOUT.sub("", text[: found.start("asked")]) if found else ""


def _is_about(ctx: Context, tip: Tip, about: str) -> bool:
    """Whether `about` (传销, 吸毒, 涉赌) is what `tip` told of: its category or its words."""
    if about in tip.category.label or TipCategory.told_in(about) is tip.category:
        return True
    return about in ctx.services.cipher.decrypt(tip.text_enc, TEXT)


async def own_tip_status(ctx: Context, text: str = "") -> list[Reply] | None:
    """The 查询 progress of the sender's tip asked after: the one whose category or words
    `text` names (我之前举报的那个传销的 处理了没 had been shown the newer 涉毒 one), else
    the newest; their tips listed with their codes when the words fit none or several.
    None when they have none."""
    tips = await own_tips(ctx)
    if not tips:
        return None
    about = _about(text)
    fits = [t for t in tips if _is_about(ctx, t, about)] if about else tips[:1]
    if len(fits) == 1:
        return await query_tip(ctx, read_code(tip_code(ctx.services, fits[0])) or "")
    return [_listed(ctx, fits or tips, about, found=bool(fits))]


def _listed(ctx: Context, tips: list[Tip], about: str, *, found: bool) -> Choices:
    """The asker's tips, each with its code, what it told and its progress: which one they
    meant is theirs to pick."""
    head = (
        f"您有几条举报都和「{about}」有关，请点要查看的一条："
        if found
        else f"没有找到和「{about}」有关的举报。您最近的举报如下，请点要查看的一条："
    )
    zone = ctx.services.settings.zone
    lines, buttons = [head], []
    for tip in tips:
        code = tip_code(ctx.services, tip)
        told = ctx.services.cipher.decrypt(tip.text_enc, TEXT)
        told = told if len(told) <= _EXCERPT else f"{told[:_EXCERPT]}…"
        when = short(tip.created_at, zone, ctx.now)
        lines.append(f"· {code}（{tip.category.label}，{when} 提交）{told}：{tip.status.label}")
        buttons.append(Button(f"举报 {code}", f"查询 {code}"))
    return Choices("\n".join(lines), tuple(buttons))
