"""A hit's check that found the person caught (已抓获, 抓到了, 已到案): the card is offered
to be marked caught with one tap.

The check's result had been recorded alone: the card stayed 在逃 on `/通缉`, and the same
person registered again (a landlord's tenant list entered late) made a new hit and a new
alert. Marking the card caught stops the matching (only active cards are compared),
closes the person's other open checks and tells everyone who had the card; it cannot be
taken back, so it is asked, never done from the words of a note.
"""

from __future__ import annotations

from sqlmodel import select

from bot.context import Context
from bot.messages import Button, Choices
from handlers.wanted.access import in_view, visible_station_ids
from handlers.wanted.caught_said import says_caught
from handlers.wanted.commands import capture_effect
from handlers.wanted.facts import card_no
from storage.models import WantedPerson, WantedStatus, WatchHit


async def capture_offer(ctx: Context, hit_id: int, note: str) -> Choices | None:
    """The question whether to mark the card of hit `hit_id` caught, when its check's
    result `note` says so and the card is still active and in the officer's view."""
    if not says_caught(note):
        return None
    hit = await ctx.session.get(WatchHit, hit_id)
    if hit is None:
        return None
    stations = await visible_station_ids(ctx.session, ctx.services.settings, ctx.person)
    query = in_view(select(WantedPerson).where(WantedPerson.id == hit.wanted_id), stations)
    wanted: WantedPerson | None = (await ctx.session.exec(query)).first()
    if wanted is None or wanted.status is not WantedStatus.ACTIVE:
        return None
    number = card_no(wanted)
    text = (
        f"比中 #{hit_id} 的核查结果是已抓获，但 {number} {wanted.name} 在通缉列表中仍为在逃。\n"
        f"是否将 {number} 标记为已抓获（不再比对）？{capture_effect(wanted)}"
    )
    return Choices(
        text,
        (
            Button("标记为已抓获", f"/通缉 抓获 {wanted.id} 比中 #{hit_id} 核查时抓获"),
            Button("查看卡片", f"/通缉 {wanted.id}"),
        ),
    )
