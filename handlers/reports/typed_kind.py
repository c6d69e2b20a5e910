"""A report's kind typed, not tapped, after the `/报案` menu: that report, started; and a
victim's own story offered as a report where it would have been offered as a tip.

报案, then 电动车被偷了 as people type on a phone, had got the law answer to 东西被偷了, which
says to send 报案: the very message just sent. Soon after the menu, words that name a kind
(电动车, 被骗了, 身份证丢了) start that report, and what they tell is read into its answers
as a story told before 报案 is.
"""

from __future__ import annotations

import re
from datetime import timedelta

from bot.context import Context, Handler
from bot.forms import FormEngine
from bot.messages import Button, Choices, Reply
from bot.router import STAFF
from handlers.reports.form import MENU_MEMO, start_report
from handlers.reports.lost import lost_thing
from handlers.reports.story import STORY_MEMO
from handlers.reports.templates import LOST_DOCUMENT, Template, find_template, template_for_story
from storage import memos

#: After this, a message is read for itself again (a legal question, a tip).
MENU_WINDOW = timedelta(minutes=10)
#: Whose loss it is: 我, 我家, 俺 (有人把车划了 may be someone else's car, seen).
_MINE = re.compile(r"我|俺|咱|自己|本人")
#: What the tip offer's button sends (`handlers.tips.suggest`).
TIP = "/举报"

#: 捡到钱包怎么办 names 钱包, yet asks the law: a question names a kind only as a story does.
_QUESTION = re.compile(r"[?？吗]|怎么|如何|什么|能不能|可以")


def typed_kind(text: str) -> Template | None:
    """The kind of report `text` names, typed at the menu: 电动车被偷了, or 电动车 alone."""
    story = template_for_story(text)
    if story is not None or _QUESTION.search(text):
        return story
    named = find_template(text)
    # 手机丢了 names no kind (丢失 names the document report's): lost or stolen is asked.
    return lost_thing(text) or named if named in (None, LOST_DOCUMENT) else named


def _tip_offer(reply: Reply) -> bool:
    return isinstance(reply, Choices) and any(b.value == TIP for b in reply.buttons)


def _offers_report(reply: Reply) -> bool:
    return isinstance(reply, Choices) and any(b.value.startswith("/报案") for b in reply.buttons)


async def _report_not_tip(ctx: Context, text: str, replies: list[Reply]) -> list[Reply]:
    """有人把我车划了 had got only 是否要向民警举报？: what a victim tells of their own loss
    is a report of that kind, offered where a tip was; told once more, it fills the report."""
    template = template_for_story(text)
    if (
        template is None
        or not _MINE.search(text)
        or any(_offers_report(r) for r in replies)
        or not any(_tip_offer(r) for r in replies)
    ):
        return replies
    # The tip's memo stays: 匿名举报 starts the tip with the story, as 是，我要举报 did.
    await memos.remember(ctx.session, ctx.user_key, STORY_MEMO, text, ctx.now)
    label = template.kind.label
    offer = Choices(
        f"如果是您自己的事，可以自助报案（{label}），会得到报案号，社区民警会跟进。"
        "只想匿名反映情况，请点「匿名举报」。紧急情况请直接拨打110。",
        (Button(f"自助报案：{label}", f"/报案 {label}"), Button("匿名举报", TIP)),
    )
    return [offer if _tip_offer(r) else r for r in replies]


def with_typed_kinds(forms: FormEngine, handler: Handler) -> Handler:
    async def wrapped(ctx: Context) -> list[Reply]:
        text = ctx.inbound.text.strip()
        template = typed_kind(text) if text else None
        if template is None or ctx.role in STAFF:
            return await handler(ctx)
        shown = await memos.recall(ctx.session, ctx.user_key, MENU_MEMO, ctx.now, MENU_WINDOW)
        if shown is None:
            return await _report_not_tip(ctx, text, await handler(ctx))
        return await start_report(ctx, forms, template.kind.label, story=text)

    return wrapped
