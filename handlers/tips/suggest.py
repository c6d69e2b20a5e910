"""When a message nobody understood sounds like a tip, ask instead of guessing.

"楼下有人吸毒" matches no command; rather than "没有理解" or a guess, the bot asks whether
the user wants to tell the police, with buttons. The message is kept, sealed, for half an
hour so that 「是，我要举报」 starts the tip with it as the description; 「不用了」 forgets it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.context import Context, Handler
from bot.messages import Button, Choices, Reply
from bot.router import STAFF
from handlers.tips.router import DECLINE, OFFERED
from knowledge.intent import asks
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

MIN_CHARS = 4


def looks_like_tip(text: str) -> bool:
    text = text.strip()
    if len(text) < MIN_CHARS:
        return False
    text = re.sub(r"^(我发现|我看到|我看见|发现|看到|看见)", "", text)
    return (
        text.startswith(LEADS)
        or any(word in text for word in SIGNALS)
        or _MANY_CARDS.search(text) is not None
    )


def with_tip_suggestion(
    fallback: Handler, written_for: Callable[[str], bool] = lambda _: False
) -> Handler:
    """Wrap the fallback, ahead of the law search: a tip-like statement (对面楼有人吸毒)
    gets the question and no statutes; a tip-like question (楼下有人吸毒怎么办), or a
    statement a curated answer was `written_for` (被人拉进赌博群了), its answer, then the
    question."""

    async def handler(ctx: Context) -> list[Reply]:
        text = ctx.inbound.text
        if ctx.role in STAFF or not looks_like_tip(text):
            return await fallback(ctx)
        await memos.remember(ctx.session, ctx.user_key, OFFERED, text, ctx.now)
        buttons = (Button("是，我要举报", "/举报"), Button("不用了", DECLINE))
        offer = Choices(
            "是否要向民警举报？举报默认匿名，民警看不到您的账号和姓名。紧急情况请直接拨打110。",
            buttons,
        )
        if not asks(text) and not written_for(text):
            return [offer]  # 楼下有人吸毒怎么办 wants its answer as well as the offer
        return [*await fallback(ctx), offer]

    return handler
