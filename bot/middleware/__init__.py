"""Middleware around every handler, in this order (outermost first):

1. identity       — who is this? (creates a resident account on first contact)
   emergency      — 110/119/120 first when a message describes an emergency
                    (`handlers.emergency`, added by `bot.assembly`)
2. authorization  — may this role use the route it asked for?
3. rate limit     — after authorization, so refused requests are cheap; before audit, so a
                    flood does not fill the audit log
4. audit          — record commands that were allowed to run
5. form state     — an unfinished chat form takes the message unless it is a command

Each is `(next_handler, ctx) -> replies`, the shape aiogram uses.
"""

from collections.abc import Awaitable, Callable

from bot.context import Context, Handler
from bot.messages import Reply

Middleware = Callable[[Handler, Context], Awaitable[list[Reply]]]


def chain(middlewares: list[Middleware], endpoint: Handler) -> Handler:
    """Wrap `endpoint` so that `middlewares[0]` runs first."""
    handler = endpoint
    for middleware in reversed(middlewares):
        handler = _bind(middleware, handler)
    return handler


def _bind(middleware: Middleware, next_handler: Handler) -> Handler:
    async def run(ctx: Context) -> list[Reply]:
        return await middleware(next_handler, ctx)

    return run


__all__ = ["Middleware", "chain"]
