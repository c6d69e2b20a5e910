"""A photo or a location sent outside any form: not kept, and where it can go."""

from __future__ import annotations

from sqlmodel import col, select

from bot.context import Context
from bot.messages import Button, Choices, Reply, Text
from bot.router import STAFF
from handlers.services.venues import owned_venues
from storage.models import Inspection, InspectionItem, InspectionStatus, Role, VenueKind

LOCATION_NOT_KEPT = "已收到位置。如需举报，请先发送「举报」。"
#: How many inspections a photo's reply offers at most.
_WAITING_SHOWN = 3


async def photo_not_kept(ctx: Context) -> Reply:
    """A photo sent outside any form is not kept: said so, with where it can go for the
    sender's role. An officer is not pointed to tips."""
    if ctx.role in STAFF:
        return Text(
            "已收到图片，但没有保存：图片要在填写中（如通报、录入）按提示发送。发送「帮助」查看全部功能。"
        )
    if ctx.role is Role.OWNER:
        waiting = await _inspections_waiting_photos(ctx)
        if waiting:
            buttons = tuple(
                Button(f"{word} #{number}", f"/自查 {word} {number}") for word, number in waiting
            )
            return Choices(
                "已收到图片，但没有保存。如果是自查的照片，请点下面的按钮，按提示发到对应的项目：",
                buttons,
            )
        return Text(
            "已收到图片，但没有保存。自查的照片请在「自查」中按提示发送；如需举报，请先发送「举报」。"
        )
    return Choices(
        "已收到图片，但没有保存。如需举报或报案，请先发送「举报」或「报案」（或点下面的按钮），问到照片时再发送。",
        (Button("匿名举报", "/举报"), Button("自助报案", "/报案")),
    )


async def _inspections_waiting_photos(ctx: Context) -> list[tuple[str, int]]:
    """The owner's self-inspections that wait for a photo: (整改, N) sent back by the
    officer, (补拍, N) with a photo not taken at the time."""
    venues = [v.id for v in await owned_venues(ctx.session, ctx.person.id, tuple(VenueKind))]
    if not venues:
        return []
    ours = col(Inspection.venue_id).in_(venues)
    rectify = await ctx.session.exec(
        select(Inspection.id).where(ours, Inspection.status == InspectionStatus.RECTIFY)
    )
    retake = await ctx.session.exec(
        select(InspectionItem.inspection_id)
        .join(Inspection, col(Inspection.id) == col(InspectionItem.inspection_id))
        .where(
            ours,
            col(InspectionItem.photo_missing).is_(True),
            # An approved one waits for nothing: 补拍 had been offered on it.
            col(Inspection.status) != InspectionStatus.APPROVED,
        )
        .distinct()
    )
    waiting = [("整改", int(n)) for n in rectify.all() if n is not None]
    waiting += [("补拍", n) for n in retake.all() if ("整改", n) not in waiting]
    return sorted(waiting, key=lambda pair: pair[1], reverse=True)[:_WAITING_SHOWN]
