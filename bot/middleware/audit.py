"""Record every command staff and owners run: who, which command, never the message text."""

from __future__ import annotations

from bot.audit_trail import audit as record
from bot.context import Context, Handler
from bot.messages import Reply
from storage.models import Role


async def audit(next_handler: Handler, ctx: Context) -> list[Reply]:
    # Residents' commands are not recorded: the audit log is about who handled whose data,
    # and a row per resident command would let anyone reading it line a tipster up with a
    # tip by its time.
    match = ctx.match
    if match is not None and (match.is_command or match.bare) and ctx.role is not Role.RESIDENT:
        record(ctx, f"command:{match.route.name}")
    return await next_handler(ctx)
