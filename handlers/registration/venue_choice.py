"""Pick which of the owner's venues a registration is for."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from bot.context import Context
from bot.messages import Button, Choices, Reply, Text
from handlers.services.venues import owned_venues
from storage.models import Venue, VenueKind


async def choose_venue(
    ctx: Context,
    kinds: Iterable[VenueKind],
    command: str,
    what: str,
    venues: Sequence[Venue] | None = None,
) -> Venue | list[Reply]:
    """The venue named by the command's argument, the owner's only venue, or a question.
    `venues`: the owner's venues of `kinds`, when the caller has them already."""
    if venues is None:
        venues = await owned_venues(ctx.session, ctx.person.id, kinds)
    if not venues:
        return [Text(f"您名下没有可{what}的场所。如有疑问请联系社区民警。")]
    if len(venues) == 1:
        return venues[0]
    arg = ctx.match.args if ctx.match else ""
    if arg.isdigit() and 1 <= int(arg) <= len(venues):
        return venues[int(arg) - 1]
    buttons = tuple(
        Button(f"{i}. {v.name}", f"/{command} {i}") for i, v in enumerate(venues, start=1)
    )
    return [Choices(f"您名下有多个场所，请选择要{what}的场所：", buttons)]
