"""A report's kind typed, not tapped, after the `/报案` menu: that report, started.

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
from bot.messages import Reply
from bot.router import STAFF
from handlers.reports.form import MENU_MEMO, start_report
from handlers.reports.templates import Template, find_template, template_for_story
from storage import memos

#: After this, a message is read for itself again (a legal question, a tip).
MENU_WINDOW = timedelta(minutes=10)
#: 捡到钱包怎么办 names 钱包, yet asks the law: a question names a kind only as a story does.
_QUESTION = re.compile(r"[?？吗]|怎么|如何|什么|能不能|可以")


def typed_kind(text: str) -> Template | None:
    """The kind of report `text` names, typed at the menu: 电动车被偷了, or 电动车 alone."""
    story = template_for_story(text)
    if story is not None or _QUESTION.search(text):
        return story
    return find_template(text)


def with_typed_kinds(forms: FormEngine, handler: Handler) -> Handler:
    async def wrapped(ctx: Context) -> list[Reply]:
        text = ctx.inbound.text.strip()
        template = typed_kind(text) if text else None
        if template is None or ctx.role in STAFF:
            return await handler(ctx)
        shown = await memos.recall(ctx.session, ctx.user_key, MENU_MEMO, ctx.now, MENU_WINDOW)
        if shown is None:
            return await handler(ctx)
        return await start_report(ctx, forms, template.kind.label, story=text)

    return wrapped
