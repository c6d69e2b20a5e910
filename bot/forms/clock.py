"""The station's clock, which forms (and what they lead to) read dates and times by."""

from __future__ import annotations

from datetime import datetime

from bot.context import Context


def local_time(ctx: Context) -> datetime:
    """The station's wall-clock time."""
    return ctx.now.astimezone(ctx.services.settings.zone)
