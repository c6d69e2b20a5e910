"""Photos sent again: the same picture (the media store keeps each under its content hash)
as evidence for another venue's inspection, or for another item, which the reviewing
officer, shown each photo under its own item, had no way to notice."""

from __future__ import annotations

from sqlalchemy import or_
from sqlmodel import col, select

from bot.context import Context
from handlers.services.photos import load
from handlers.services.station_scope import may_see
from storage.models import Inspection, InspectionItem, Venue


def _label(item: InspectionItem, fix: bool) -> str:
    return f"第{item.position}项 {item.name}" + ("（整改后）" if fix else "")


def _uses(item: InspectionItem) -> list[tuple[str, bool]]:
    """The item's photos: (hash, whether it is a photo of the fix)."""
    fault = [(item.photo, False)] if item.photo else []
    return [*fault, *((h, True) for h in load(item.fix_photos))]


async def reused_photos(
    ctx: Context, inspection: Inspection, items: list[InspectionItem]
) -> list[str]:
    """A line for each photo of `items` also sent for another item of this inspection (as a
    fix's photo: the fault photos shared by two items are said by the review itself) or for
    another venue's inspection, or another item of this venue's, that the officer may see.
    The same item's photo in this venue's earlier inspections is not news."""
    ours: dict[str, tuple[InspectionItem, bool]] = {}
    for item in items:
        for h, fix in _uses(item):
            ours.setdefault(h, (item, fix))
    if not ours:
        return []
    uses = [(h, item, fix) for item in items for h, fix in _uses(item)]
    lines: list[str] = []
    for h, item, fix in uses:
        same = next(((o, f) for oh, o, f in uses if oh == h and o.key != item.key), None)
        if fix and same is not None:
            lines.append(f"⚠️ {_label(item, fix)}的照片与{_label(*same)}的照片相同，请核实。")
    # Fault photos by their indexed hash; photos of fixes only on items rectified, the few
    # that have any.
    found = await ctx.session.exec(
        select(InspectionItem, Inspection, Venue)
        .join(Inspection, col(Inspection.id) == col(InspectionItem.inspection_id))
        .join(Venue, col(Venue.id) == col(Inspection.venue_id))
        .where(
            col(InspectionItem.inspection_id) != inspection.id,
            or_(
                col(InspectionItem.photo).in_(list(ours)),
                *(
                    col(InspectionItem.rectified_at).is_not(None)
                    & col(InspectionItem.fix_photos).contains(h)
                    for h in ours
                ),
            ),
        )
        .order_by(col(Inspection.id), col(InspectionItem.position))
    )
    told: set[str] = set()
    for other, other_inspection, venue in found.all():
        if not may_see(ctx.person, other_inspection.station_id):
            continue
        for h, other_fix in _uses(other):
            if h not in ours or h in told:
                continue
            item, fix = ours[h]
            if other_inspection.venue_id == inspection.venue_id and other.key == item.key:
                continue
            told.add(h)
            lines.append(
                f"⚠️ {_label(item, fix)}：此照片与「{venue.name}」自查 #{other_inspection.id}"
                f" {_label(other, other_fix)}中的照片相同，请核实。"
            )
    return lines
