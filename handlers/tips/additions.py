"""More about a tip or report already made, said in one's own words.

「补充一下 刚才又看到他在楼下跟人交易」 had got 没有理解, and 「我刚才举报的那个赌场 再补充一点
老板叫王建国」 the offer of 查询: only 「回复 查询码 内容」 added to a tip. A message that says
it adds something, from someone with a tip or report still open, gets one button that
sends it to the newest of them. Nothing is sent without the tap.

A query code in front (补充 K7F3-9Q2M-XA4P 昨晚又看到了) picks the tip and is no part of
what is forwarded. 补充 alone, or 我想补充一下刚才举报的情况, says nothing yet: it is asked
for, and the next message the bot does not otherwise understand is the addition (for the
newest open tip, or the one picked when there are several).
"""

from __future__ import annotations

import re
from datetime import timedelta

from bot.context import Context, Handler
from bot.messages import Button, Choices, Reply, Text
from bot.router import STAFF
from handlers.registration.timefmt import short
from handlers.reports.pending import newest_open_case
from handlers.reports.reporter import answer_report
from handlers.tips.codes import CODE_IN_TEXT, read_code
from handlers.tips.pending import ADDITION_ASKED as ASKED
from handlers.tips.pending import own_tips
from handlers.tips.relay import tip_code
from handlers.tips.tipster import answer_tip, own_tip
from storage import memos
from storage.models import Report, Tip

#: What one says to add to what one told before.
ADDS = re.compile(r"补充|忘了说|忘记说|还有个情况|还有一个情况|还有一点")
#: 补充一下：… at the front: the gist is what follows.
_LEADING = re.compile(
    r"^(?:我)?(?:还)?(?:想|要)?(?:再)?补充(?:一下|一点|几句|个情况|说明)?[\s，,：:。！!]*"
)
#: What is left when nothing was told yet: 我想补充一下「刚才举报的情况」.
_NOTHING_YET = re.compile(
    r"^(?:关于)?(?:我)?(?:刚才|刚刚|之前|上次|昨天|前面)?(?:的)?(?:举报|报案)?(?:的)?"
    r"(?:那个|那条|这个|这条)?(?:举报|报案)?(?:的)?(?:情况|内容|信息|线索|事情|事)?"
    r"[\s，,。.！!～~]*$"
)
#: Longer text, unasked, is no short addition; it goes on to the fallback.
MAX_CHARS = 500
#: The memo of the tip whose addition was asked for, and how long the next message is it.
ASKED_FRESH = timedelta(minutes=15)
ASK_FOR_IT = "请直接发送要补充的内容（文字或照片），会转给处理您举报的民警。"
#: The memo's mark of a report (its receipt number follows); a tip's query code has none.
_REPORT = "report:"


def with_tip_additions(fallback: Handler) -> Handler:
    """Offer a message that adds to a tip or report (补充一下 …) to the newest still open;
    ask for the addition when none is told yet."""

    async def handler(ctx: Context) -> list[Reply]:
        text = ctx.inbound.text.strip()
        if ctx.role in STAFF or not text:
            return await fallback(ctx)
        asked = await memos.recall(ctx.session, ctx.user_key, ASKED, ctx.now, ASKED_FRESH)
        if len(text) > MAX_CHARS and asked is None:
            return await fallback(ctx)
        # Asked for, a long text is taken whole: it is often the rest of a description the
        # tip form cut at its cap and said to send this way (it had been offered as a new
        # tip instead, and the rest never reached the officer).
        adds = ADDS.search(text) is not None
        told = _LEADING.sub("", text).strip() if adds else text
        code, told = _leading_code(told)
        if asked is not None and code is None and not _says_nothing(told):
            # Asked for just before (请直接发送要补充的内容): sent as it is.
            await memos.forget(ctx.session, ctx.user_key, ASKED)
            if asked.startswith(_REPORT):
                return await answer_report(ctx, asked.removeprefix(_REPORT), told)
            return await answer_tip(ctx, asked, told)
        if not adds:
            return await fallback(ctx)
        if code is not None:
            tip = await own_tip(ctx, code)
            if isinstance(tip, str):
                return [Text(tip)]
            return [await _ask(ctx, tip) if _says_nothing(told) else _offer_tip(ctx, tip, told)]
        if _says_nothing(told):
            return await _ask_for_newest(ctx)
        offer = await _offer(ctx, told)
        return [offer] if offer is not None else await fallback(ctx)

    return handler


def _leading_code(text: str) -> tuple[str | None, str]:
    """A query code at the front of `text`, and the rest."""
    found = CODE_IN_TEXT.match(text)
    code = read_code(found.group()) if found else None
    if found is None or code is None:
        return None, text
    return code, text[found.end() :].lstrip(" \t，,：:。")


def _says_nothing(told: str) -> bool:
    return len(told) < 2 or _NOTHING_YET.fullmatch(told) is not None


async def _ask_for_newest(ctx: Context) -> list[Reply]:
    newest = await newest_open_case(ctx)
    if isinstance(newest, Report):
        # The report form cuts a long 经过 with 提交后发送「补充」: 补充 alone had got 没有理解,
        # and the rest sent after it the statutes its words fetched; the officer got neither.
        await memos.remember(ctx.session, ctx.user_key, ASKED, _REPORT + newest.receipt_no, ctx.now)
        return [
            Text(
                "请直接发送要补充的内容，会转给处理您报案的民警。"
                f"（补充到报案 {newest.receipt_no}）"
            )
        ]
    tips = [tip for tip in await own_tips(ctx) if tip.status.is_open]
    if not tips:
        return [
            Text(
                "您目前没有正在处理的举报。补充已处理的举报请发送「回复 查询码 内容」，"
                "补充报案请发送「回复 报案号 内容」。"
            )
        ]
    if len(tips) == 1:
        return [await _ask(ctx, tips[0])]
    zone = ctx.services.settings.zone
    lines = ["您有几条正在处理的举报，要补充哪一条？请点选："]
    buttons = []
    for tip in tips:
        code = tip_code(ctx.services, tip)
        lines.append(
            f"· {tip.category.label}，{short(tip.created_at, zone, ctx.now)}，查询码 {code}"
        )
        buttons.append(Button(f"补充 {code}", f"补充 {code}"))
    return [Choices("\n".join(lines), tuple(buttons))]


async def _ask(ctx: Context, tip: Tip) -> Reply:
    code = tip_code(ctx.services, tip)
    # Kept canonical (no dashes): what `answer_tip` looks a code up by.
    await memos.remember(ctx.session, ctx.user_key, ASKED, read_code(code) or code, ctx.now)
    return Text(f"{ASK_FOR_IT}（补充到查询码 {code} 的举报）")


def _offer_tip(ctx: Context, tip: Tip, text: str) -> Choices:
    code = tip_code(ctx.services, tip)
    when = short(tip.created_at, ctx.services.settings.zone, ctx.now)
    return Choices(
        f"要把这段话补充到您的举报（{tip.category.label}，{when}，查询码 {code}），转给民警吗？\n"
        f"「{text}」\n是的话请点下面的按钮；不是请忽略。",
        (Button("补充到这条举报", f"回复 {code} {text}"),),
    )


async def _offer(ctx: Context, text: str) -> Choices | None:
    case = await newest_open_case(ctx)
    if isinstance(case, Report):
        about = f"报案 {case.receipt_no}（{case.kind.label}）"
        button = Button("补充到这条报案", f"回复 {case.receipt_no} {text}")
    elif case is not None:
        code = tip_code(ctx.services, case)
        when = short(case.created_at, ctx.services.settings.zone, ctx.now)
        about = f"举报（{case.category.label}，{when}，查询码 {code}）"
        button = Button("补充到这条举报", f"回复 {code} {text}")
    else:
        return None
    return Choices(
        f"要把这段话补充到您最近的{about}，转给民警吗？\n「{text}」\n"
        "是的话请点下面的按钮；不是请忽略。",
        (button,),
    )
