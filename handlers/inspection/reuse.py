"""Photos sent again: the same picture (the media store keeps each under its content hash)
for several items of one inspection, as the "after" of its own "before", as evidence for
another venue's inspection or another item, or for the same item in a later inspection of
the venue (last month's photo of the extinguisher), which the reviewing officer, shown each
photo under its own item, had no way to notice."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement
from sqlmodel import col, func, or_, select
from sqlmodel.sql.expression import Select, SelectOfScalar

from bot.context import Context
from handlers.services.photos import load
from handlers.services.station_scope import in_station
from storage.models import Inspection, InspectionItem, Venue


def _label(item: InspectionItem, fix: bool) -> str:
    return f"第{item.position}项 {item.name}" + ("（整改后）" if fix else "")


def _uses(item: InspectionItem) -> list[tuple[str, bool]]:
    """The item's photos: (hash, whether it is a photo of the fix)."""
    fault = [(item.photo, False)] if item.photo else []
    return [*fault, *((h, True) for h in load(item.fix_photos))]


def _within(items: list[InspectionItem]) -> list[str]:
    """A line for each photo used twice in this inspection: one for several items (once,
    not once per pair), or an item's fault photo sent again as the photo of its fix."""
    by_hash: dict[str, list[tuple[InspectionItem, bool]]] = {}
    for item in items:
        for h, fix in _uses(item):
            by_hash.setdefault(h, []).append((item, fix))
    lines: list[str] = []
    for uses in by_hash.values():
        for item, fix in uses:
            if not fix and any(i is item and f for i, f in uses):
                # The owner's "after" is the very "before": the most telling reuse.
                lines.append(f"⚠️ {_label(item, False)}：整改后的照片与整改前的照片相同，请核实。")
        shown: dict[str, tuple[InspectionItem, bool]] = {}
        for item, fix in uses:
            shown.setdefault(item.key, (item, fix))  # its fault photo before its fix's
        if len(shown) < 2:
            continue
        fixed = next(((i, f) for i, f in uses if f), None)
        if fixed is None:
            named = "、".join(_label(i, False) for i, _ in shown.values())
            lines.append(f"⚠️ 同一张照片用于{len(shown)}项：{named}，请核实。")
            continue
        others = "、".join(_label(*u) for k, u in shown.items() if k != fixed[0].key)
        lines.append(f"⚠️ {_label(*fixed)}的照片与{others}的照片相同，请核实。")
    return lines


async def _elsewhere(
    ctx: Context, inspection: Inspection, items: list[InspectionItem]
) -> list[str]:
    """A line for each photo of `items` also sent for another venue's inspection, another
    item of this venue's, or the same item in an earlier inspection of this venue, that the
    officer may see. The same item's photo in a later inspection is that one's news: here it
    was the first use."""
    ours: dict[str, tuple[InspectionItem, bool]] = {}
    for item in items:
        for h, fix in _uses(item):
            ours.setdefault(h, (item, fix))
    if not ours:
        return []
    # The officer's stations, in SQL: neither query reads what would be thrown away.
    seen = in_station(select(Inspection.id), col(Inspection.station_id), ctx.person)

    def others(*where: ColumnElement[bool]) -> Select[InspectionItem, Inspection, Venue]:
        return (
            select(InspectionItem, Inspection, Venue)
            .join(Inspection, col(Inspection.id) == col(InspectionItem.inspection_id))
            .join(Venue, col(Venue.id) == col(Inspection.venue_id))
            .where(
                col(InspectionItem.inspection_id) != inspection.id,
                col(InspectionItem.inspection_id).in_(seen),
                *where,
            )
        )

    # Photos of faults by their indexed hash; photos of fixes, which no index finds inside
    # their JSON list, only on the few items rectified. Two queries: an OR of the two had
    # the index skipped for a scan of every item.
    faults = await ctx.session.exec(others(col(InspectionItem.photo).in_(list(ours))))
    fixes = await ctx.session.exec(
        others(
            col(InspectionItem.rectified_at).is_not(None),
            or_(*(col(InspectionItem.fix_photos).contains(h) for h in ours)),
        )
    )
    found = {row[0].id: row for row in [*faults.all(), *fixes.all()]}

    def mine(row: tuple[InspectionItem, Inspection, Venue]) -> bool:
        return row[1].venue_id == inspection.venue_id

    def rank(row: tuple[InspectionItem, Inspection, Venue]) -> tuple[bool, int, int]:
        # Another venue's use first, the more telling; this venue's the latest first: an
        # owner re-sends what was sent last time, whatever was sent before that.
        number = row[1].id or 0
        return mine(row), -number if mine(row) else number, row[0].position

    last = await _previous(ctx, inspection, seen) if any(map(mine, found.values())) else None
    told: set[str] = set()
    lines: list[str] = []
    for other, other_inspection, venue in sorted(found.values(), key=rank):
        for h, other_fix in _uses(other):
            if h not in ours or h in told:
                continue
            item, fix = ours[h]
            number = other_inspection.id or 0
            if other_inspection.venue_id != inspection.venue_id or other.key != item.key:
                where = f"「{venue.name}」自查"
            elif number < (inspection.id or 0):
                where = "本场所上次自查" if number == last else "本场所此前自查"
            else:
                continue  # this was the first use; the later inspection's review says so
            told.add(h)
            lines.append(
                f"⚠️ {_label(item, fix)}：此照片与{where} #{number}"
                f" {_label(other, other_fix)}中的照片相同，请核实。"
            )
    return lines


async def _previous(ctx: Context, inspection: Inspection, seen: SelectOfScalar[Any]) -> int | None:
    """The number of the venue's inspection before this one that the officer may see: 上次."""
    earlier = select(func.max(Inspection.id)).where(
        col(Inspection.venue_id) == inspection.venue_id,
        col(Inspection.id) < (inspection.id or 0),
        col(Inspection.id).in_(seen),
    )
    return (await ctx.session.exec(earlier)).one()


async def reused_photos(
    ctx: Context, inspection: Inspection, items: list[InspectionItem]
) -> list[str]:
    """A line for each photo of `items` sent more than once: within this inspection, or for
    another that the officer may see."""
    return [*_within(items), *await _elsewhere(ctx, inspection, items)]
