"""Record every command that runs: who, which command, never the message text."""

from __future__ import annotations

from bot.context import Context, Handler
from bot.messages import Reply
from storage.models import AuditEvent


async def audit(next_handler: Handler, ctx: Context) -> list[Reply]:
    if ctx.match is not None and ctx.match.is_command:
        ctx.session.add(
            AuditEvent(
                at=ctx.now,
                account_id=ctx.account.id,
                person_id=ctx.person.id,
                action=f"command:{ctx.match.route.name}",
            )
        )
    return await next_handler(ctx)
