"""When a message nobody understood sounds like a tip, ask instead of guessing.

"楼下有人吸毒" matches no command; rather than "没有理解" or a guess, the bot asks whether
the user wants to tell the police, with buttons. The message is kept, sealed, for half an
hour so that 「是，我要举报」 starts the tip with it as the description; 「不用了」 forgets it.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from datetime import timedelta

from bot.context import Context, Handler
from bot.forms import FormEngine
from bot.messages import Button, Choices, Reply
from bot.router import STAFF
from handlers.emergency import seen_in_progress
from handlers.tips.form import FORM_NAME, SAYS_TIP, start_tip
from handlers.tips.router import DECLINE, DECLINED, OFFERED, decline_offer
from knowledge.intent import asks, asks_what_follows
from storage import memos

#: Words that make a message sound like something to report.
SIGNALS = (
    "举报",
    "反映情况",
    "反映个情况",
    "反映一下",
    "可疑",
    "吸毒",
    "贩毒",
    "毒品",
    "赌博",
    "赌场",
    "聚赌",
    "赌钱",
    "诈骗",
    "骗子",
    "传销",
    "卖淫",
    "嫖娼",
    "偷东西",
    "小偷",
    "打架",
    "斗殴",
    "持刀",
    "管制刀具",
    "消防隐患",
    "扰民",
    "噪音",
    "黑车",
    "鬼鬼祟祟",
    "形迹可疑",
    "转悠",
    "管管",
    # What a shopkeeper sees at the counter: stolen goods sold cheap, cards for fraud.
    "偷来的",
    "抢来的",
    "来路不明",
    "赃物",
    "销赃",
    "跑分",
    "洗钱",
    "不对劲",
)
#: 拿了好几张银行卡轮流刷: someone moving money through other people's cards.
_MANY_CARDS = re.compile(r"(?:好几|很多|多|一堆|一沓|一叠|十几|几十)张(?:银行)?卡")
#: "有人…" at the start ("有人在楼道里抽烟") usually describes what someone saw.
LEADS = ("有人", "有个人", "有几个人", "一伙人", "发现有人", "有个男的", "有个女的")
#: Where something was seen, said before 有人… (楼下有人卖假烟, 小区门口有个男的…).
_SEEN_AT = re.compile(
    r"^(?:楼下|楼上|楼道里?|隔壁|对面|小区(?:门口|里)?|门口|路口|街上|菜市场"
    r"|我们(?:小区|楼|村|这)里?)\s*(?=有人|有个人|有几个人|一伙人|有个男的|有个女的)"
)

MIN_CHARS = 4
#: 这个通报说的可疑情况指什么？: a question on what words mean (an alert's, most often),
#: which its 可疑 had made sound like a tip.
_ASKS_MEANING = re.compile(
    r"(?:指|指的是|是指|说的是)(?:什么|啥|哪些|哪种|哪类)|(?:是|有)?(?:什么|啥)意思|什么叫|何为"
)


def looks_like_tip(text: str) -> bool:
    text = text.strip()
    if len(text) < MIN_CHARS or _ASKS_MEANING.search(text) is not None:
        return False
    text = re.sub(r"^(我发现|我看到|我看见|发现|看到|看见)", "", text)
    # 楼下有人卖假烟: the place it was seen comes first (我家有人生病了 names no such place).
    text = _SEEN_AT.sub("", text)
    return (
        text.startswith(LEADS)
        or any(word in text for word in SIGNALS)
        or _MANY_CARDS.search(text) is not None
    )


#: Words of the law on what one did oneself (吸毒会坐牢吗, 我赌博被抓了会怎样): a question
#: of one's own liability, which an offer to report reads as suspicion.
_OWN_LIABILITY = re.compile(
    r"我|自己|本人|被抓|抓吗|案底"
    # 打架了会怎么处理: what follows from it, asked of no one seen (it had been offered
    # 是否要向民警举报？ under its answer).
    r"|会(?:被)?怎么(?:处理|办|判)|会怎样|会怎么样"
)
#: What one may or must do oneself (能租给他吗, 要不要登记, 需要报警吗): a question of one's
#: own duty.
_MAY_I = re.compile(
    r"能不能|能否|可不可以|可以|能.{0,8}吗|要不要|需不需要|该不该|应不应该|应该|必须|允许|有责任"
)
#: What the asker does, or what is theirs (租我房子, 我店里): the duty is theirs.
_MINE = re.compile(r"我|自己|本人")
#: A law or an article named (反电信网络诈骗法第三十八条, 刑法诈骗), or a crime (诈骗罪判几年):
#: a question about the law, which an offer to report had kept from its answer. 违法,
#: 非法集资, 想办法 and 犯罪 name none.
_ABOUT_THE_LAW = re.compile(
    r"第\s*[0-9零〇一二三四五六七八九十百千]+\s*条|《|条例"
    r"|(?<![违犯合非办方想说做用守执司立])法(?![院律规子人])"
    r"|(?<![犯得认定无有谢赔怪受获判死请])罪"
)
#: Words of something seen (楼下几个人, 隔壁, 我看到): a sighting, never a question.
_SEEN = re.compile(r"人|男的|女的|楼|隔壁|对面|门口|小区|邻居|看到|看见|发现|举报|那边|这边")
#: The 「不用了」 under an offer of a topic (电信诈骗) that may be a question: declined, it is
#: answered (`handlers.law` routes it; `take_declined` hands over what was said).
DECLINE_ASKING = "不用举报看解答"
#: How long 不用举报 keeps the offer from trailing answers.
DECLINED_FOR = timedelta(hours=2)


def about_the_law(text: str) -> bool:
    """Whether `text` names a law, an article or a crime: a question about the law."""
    return _ABOUT_THE_LAW.search(text) is not None


async def take_declined(ctx: Context) -> str:
    """「不用了」 said to an offer (`DECLINE_ASKING`): forgets the offer, as 不用举报 does
    (`handlers.tips.router`), and gives back what was said, which may be a question; ""
    once the offer has lapsed."""
    offered, _ = await decline_offer(ctx)
    return offered


def _tells_of_someone(text: str) -> bool:
    """Whether `text` tells of someone (有人…) or says it is a tip (举报)."""
    return any(lead in text for lead in LEADS) or "举报" in text


def _asks_what_follows(text: str) -> bool:
    """Whether `text` asks what follows from a deed, of no one seen, said without 吗 (小偷会
    坐牢, 吸毒违法): a question in chat. It had been offered 是否要向民警举报？ alone,
    without the answer."""
    return asks_what_follows(text) and not _tells_of_someone(text) and _SEEN.search(text) is None


def _own_liability(text: str) -> bool:
    """Whether `text` asks about the asker's own case, or what follows from a deed, rather
    than something seen."""
    return (
        (asks(text) or _asks_what_follows(text))
        and not _tells_of_someone(text)
        and (asks_what_follows(text) or _OWN_LIABILITY.search(text) is not None)
    )


def _own_duty(text: str) -> bool:
    """Whether `text` asks what the asker may or must do about someone (有个人没身份证想
    租我房子 能租给他吗), rather than telling of wrongdoing seen (有人在楼下吸毒怎么办):
    its 有个人 made it sound like a tip, and the landlord was asked 是否要向民警举报."""
    wrong = any(word in text for word in SIGNALS) or _MANY_CARDS.search(text) is not None
    return (
        asks(text)
        and not wrong
        and _MINE.search(text) is not None
        and _MAY_I.search(text) is not None
    )


async def _written_for_none(_ctx: Context, _text: str) -> bool:
    return False


def with_tip_suggestion(
    fallback: Handler,
    written_for: Callable[[Context, str], Awaitable[bool]] = _written_for_none,
    forms: FormEngine | None = None,
) -> Handler:
    """Wrap the fallback, ahead of the law search: a tip-like statement (对面楼有人吸毒)
    gets the question and no statutes; a tip-like question (楼下有人吸毒怎么办), or a
    statement a curated answer was `written_for` (被人拉进赌博群了; read for the sender as
    the answer will be: an owner's for their kind of place), its answer, then the
    question. A message that says it is a tip (匿名举报一下，…) starts one (with `forms`);
    a question of one's own liability (吸毒会坐牢吗), one about the law itself (反电信网络诈骗法
    第三十八条, 诈骗罪判几年), or any answer soon after 不用举报, gets its answer alone. A
    topic offered without its answer (电信诈骗) is answered on 「不用了」 (`DECLINE_ASKING`)."""

    async def handler(ctx: Context) -> list[Reply]:
        text = ctx.inbound.text
        if ctx.role in STAFF or not looks_like_tip(text):
            return await fallback(ctx)
        if forms is not None and await forms.unfinished(ctx, FORM_NAME) is not None:
            # 打架了怎么处理 asked aside in the middle of a tip had been offered a tip: the
            # answer alone, and the form's own line after it.
            return await fallback(ctx)
        if forms is not None and SAYS_TIP.match(text.strip()) and not asks(text):
            # 匿名举报一下，… had been asked 是否要向民警举报？: it said so. (举报有奖励吗
            # asks about it.)
            return await start_tip(ctx, forms, text=text.strip())
        if about_the_law(text) and not _tells_of_someone(text):
            # 反电信网络诈骗法第三十八条 had got 是否要向民警举报？ for its 诈骗, and no article.
            return await fallback(ctx)
        if seen_in_progress(text):
            # 楼下有人在偷电动车电瓶 had got the victim's 东西被偷了怎么办 and its 自助报案:
            # who sees it calls 110 (the notice before this) and may tip the police.
            await memos.remember(ctx.session, ctx.user_key, OFFERED, text, ctx.now)
            return [_offer(DECLINE)]
        answered = asks(text) or await written_for(ctx, text) or _asks_what_follows(text)
        if answered and (
            _own_liability(text)
            or _own_duty(text)
            or await memos.recall(ctx.session, ctx.user_key, DECLINED, ctx.now, DECLINED_FOR)
        ):
            return await fallback(ctx)
        await memos.remember(ctx.session, ctx.user_key, OFFERED, text, ctx.now)
        # A topic (电信诈骗) may be a question the law desk answers when no tip is meant;
        # something seen (楼下几个人天天在赌钱) is not asked about.
        decline = DECLINE if answered or _SEEN.search(text) else DECLINE_ASKING
        offer = _offer(decline)
        if not answered:
            return [offer]  # 楼下有人吸毒怎么办 wants its answer as well as the offer
        return [*await fallback(ctx), offer]

    return handler


def _offer(decline: str) -> Choices:
    return Choices(
        "是否要向民警举报？举报默认匿名，民警看不到您的账号和姓名。紧急情况请直接拨打110。",
        (Button("是，我要举报", "/举报"), Button("不用了", decline)),
    )
