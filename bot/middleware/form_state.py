"""Give the message to an unfinished chat form, unless it is a command."""

from __future__ import annotations

from bot.context import Context, Handler
from bot.forms import FormEngine
from bot.messages import Reply, Text
from bot.middleware import Middleware


def form_state(engine: FormEngine) -> Middleware:
    async def middleware(next_handler: Handler, ctx: Context) -> list[Reply]:
        if ctx.match is not None and (ctx.match.is_command or ctx.match.route.in_forms):
            # /今日登记 at 证件类型, and 收到 at a photo, had answered with no word of the
            # form still open.
            return await engine.after_command(ctx, await next_handler(ctx))
        stored = await engine.load(ctx)
        if stored is not None:
            if await engine.gives_way(ctx, stored):
                return await next_handler(ctx)  # the form held nothing: it is dropped
            aside = await engine.set_aside(ctx, stored)
            if aside is not None:
                # 日报 at 什么时候发 had got 请选择「现在发送」…: only /日报 got out. Used as
                # with its slash, the form kept, and said to wait unless the command took
                # it up itself (订阅 at its own summary resumes it: no 回复「继续」 after).
                replies = await next_handler(ctx)
                return replies if ctx.form_waiting else [*replies, Text(aside)]
            return await engine.handle(ctx, stored)
        return (
            await engine.submitted(ctx)
            or await engine.parked_words(ctx)
            or await engine.restore(ctx)
            or await next_handler(ctx)
        )

    return middleware
