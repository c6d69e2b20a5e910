"""The digest's built-in sections. Each reads only the officer's beat, in a query or two."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ScalarSelect, and_, case, false, func, or_
from sqlmodel import col, select

from handlers.registration.timefmt import to_local
from handlers.services.digest.day import OfficerDay
from handlers.services.hit_checks import CARD_CLOSED, MATCHED, check_key, hit_of, is_false_hit
from handlers.services.incidents.levels import beat_trends, describe, window_name
from handlers.services.inspections import rectifying, rectifying_line
from handlers.services.questions import OPEN_FOR as QUESTIONS_OPEN_FOR
from handlers.services.risk.describe import MARKS, is_first_rating
from handlers.services.tasks import kind_label, open_tasks
from storage.models import (
    GuestStay,
    Inspection,
    InspectionStatus,
    Question,
    Report,
    ReportStatus,
    RiskChange,
    RiskColour,
    Task,
    TaskStatus,
    Tenancy,
    Tip,
    TipStatus,
    Venue,
    VenueRisk,
    WantedPerson,
    WarningLevel,
    WatchHit,
)

SHOWN = 5


def _beat_venues(d: OfficerDay) -> ScalarSelect[Any]:
    # A subquery rather than a join: the planner then walks each venue's registrations by
    # index instead of every registration of the day.
    return select(Venue.id).where(Venue.beat_id == d.beat_id).scalar_subquery()


async def tasks(d: OfficerDay) -> list[str]:
    due = await open_tasks(d.session, d.officer, due_by=d.day, limit=100)
    if not due:
        return []
    overdue = sum(1 for t in due if t.due is not None and t.due < d.day)
    # 【任务】, not 【待办】: beside 【待办理】 the two had read as the same thing.
    lines = [f"【任务】今日到期 {len(due) - overdue} 项，逾期 {overdue} 项"]
    for task in due[:SHOWN]:
        late = (d.day - task.due).days if task.due else 0
        note = f"（逾期{late}天）" if late > 0 else ""
        lines.append(f"  #{task.id} {kind_label(task.kind)}：{task.subject}{note}")
    return lines


async def registrations(d: OfficerDay) -> list[str]:
    foreign_guest = func.sum(case((col(GuestStay.is_foreign), 1), else_=0))
    guests, foreign = (
        await d.session.exec(
            select(func.count(), foreign_guest).where(
                col(GuestStay.venue_id).in_(_beat_venues(d)),
                col(GuestStay.created_at) >= d.yesterday_start,
                col(GuestStay.created_at) < d.today_start,
            )
        )
    ).one()
    tenants = (
        await d.session.exec(
            select(func.count()).where(
                col(Tenancy.venue_id).in_(_beat_venues(d)),
                col(Tenancy.created_at) >= d.yesterday_start,
                col(Tenancy.created_at) < d.today_start,
            )
        )
    ).one()
    abroad = f"（外国人、港澳台居民 {foreign} 人）" if foreign else ""
    return [f"【昨日登记】旅客 {guests} 人{abroad}，租客 {tenants} 人"]


async def hits(d: OfficerDay) -> list[str]:
    """Yesterday's hits and today's so far, newest first."""
    rows = (
        await d.session.exec(
            select(WatchHit, Venue, col(WantedPerson.status))
            .join(Venue, col(WatchHit.venue_id) == col(Venue.id))
            .outerjoin(WantedPerson, col(WantedPerson.id) == col(WatchHit.wanted_id))
            .where(
                Venue.beat_id == d.beat_id,
                col(WatchHit.created_at) >= d.yesterday_start,
                col(WatchHit.created_at) <= d.now,
            )
            .order_by(col(WatchHit.id).desc())
        )
    ).all()
    if not rows:
        return []
    zone = d.settings.zone
    today = [hit for hit, _venue, _status in rows if to_local(hit.created_at, zone).date() == d.day]
    lines = [
        f"【比中】昨日 {len(rows) - len(today)} 次，今日截至{to_local(d.now, zone):%H:%M} {len(today)} 次"
    ]
    # A hit of a card closed since (revoked as entered by mistake, or the person caught)
    # still counts, as the officer had its alert, but is nothing to set out for: it says
    # so, and goes after those that are.
    ordered = sorted(rows, key=lambda row: row[2] in CARD_CLOSED)
    checks = await _hit_checks(d, [hit.id for hit, _venue, _status in ordered[:SHOWN] if hit.id])
    for hit, venue, status in ordered[:SHOWN]:
        local = to_local(hit.created_at, zone)
        when = f"，{'今日' if local.date() == d.day else '昨日'}{local:%H:%M}"
        closed = f"，{CARD_CLOSED[status]}，无需核查" if status in CARD_CLOSED else ""
        checked = _checked(checks.get(hit.id or 0)) if not closed else ""
        lines.append(f"  #{hit.id} {venue.name}（{MATCHED[hit.strength]}{when}{closed}{checked}）")
    lines.append("  发送「/命中 编号」查看详情")
    return lines


async def _hit_checks(d: OfficerDay, hit_ids: list[int]) -> dict[int, Task]:
    """The check task of each hit (`hit:N`), by hit."""
    if not hit_ids:
        return {}
    keys = [check_key(n) for n in hit_ids]
    found = await d.session.exec(select(Task).where(col(Task.key).in_(keys)))
    return {n: t for t in found.all() if (n := hit_of(t.key)) is not None}


def _checked(task: Task | None) -> str:
    """Where a hit's check stands, as /命中 says it: a hit already checked had read as
    one still to go out for."""
    if task is None or task.status is TaskStatus.CANCELLED:
        return ""
    if task.status is TaskStatus.OPEN:
        return "，待核查"
    return "，已核实非本人" if is_false_hit(task) else "，已核查"


async def open_tips(d: OfficerDay) -> list[str]:
    waiting = [TipStatus.RECEIVED, TipStatus.CHECKING]
    open_ = (col(Tip.status).in_(waiting), col(Tip.spam).is_(False))
    rows = (
        await d.session.exec(
            select(Tip.status, func.count())
            .where(Tip.beat_id == d.beat_id, *open_)
            .group_by(col(Tip.status))
        )
    ).all()
    counts = {status: n for status, n in rows}
    # Tips no place could put on a beat are the station's: /线索 lists them too.
    unplaced = (
        await d.session.exec(
            select(func.count()).where(
                col(Tip.beat_id).is_(None), Tip.station_id == d.beat.station_id, *open_
            )
        )
    ).one()
    if not counts and not unplaced:
        return []
    new, checking = counts.get(TipStatus.RECEIVED, 0), counts.get(TipStatus.CHECKING, 0)
    received, checking_label = TipStatus.RECEIVED.label, TipStatus.CHECKING.label
    line = f"【线索】本警务区待处理 {new + checking} 条（{received} {new}，{checking_label} {checking}）"
    if unplaced:
        line += f"，另有 {unplaced} 条未定位到警务区"
    return [line + "，发送「/线索」查看"]


async def rectifications(d: OfficerDay) -> list[str]:
    """Venues sent back to rectify, waiting on their owners: the officer's task for one
    comes due only on its deadline, and until then nothing had named it."""
    found = await rectifying(d.session, beat_id=d.beat_id)
    if not found:
        return []
    return [f"【自查整改】{rectifying_line(found, d.day)}，发送「/自查 编号」查看"]


async def risk_changes(d: OfficerDay) -> list[str]:
    rows = (
        await d.session.exec(
            select(RiskChange, Venue)
            .join(Venue, col(RiskChange.venue_id) == col(Venue.id))
            .where(
                Venue.beat_id == d.beat_id,
                col(RiskChange.at) >= d.yesterday_start,
                col(RiskChange.at) < d.today_start,
                or_(
                    col(RiskChange.combined_before) != col(RiskChange.combined_after),
                    # A venue's first rating (see `is_first_rating`).
                    and_(
                        col(RiskChange.before).is_(None),
                        col(RiskChange.after) == col(RiskChange.combined_after),
                    ),
                ),
            )
            .order_by(col(RiskChange.id))
        )
    ).all()
    if not rows:
        return []
    lines = [f"【风险变化】{len(rows)} 处"]
    for change, venue in rows[:SHOWN]:
        moved = (
            f"首次评定{change.combined_after.label}"
            if is_first_rating(change)
            else f"{change.combined_before.label}→{change.combined_after.label}"
        )
        lines.append(f"  {venue.name} {moved}（{change.source.label}：{change.reason[:40]}）")
    return lines


async def risky_venues(d: OfficerDay) -> list[str]:
    """The beat's red and orange venues by name, every day: the changes section only says
    what moved yesterday, and a venue that stays red is the one to visit."""
    rows = (
        await d.session.exec(
            select(col(Venue.name), col(VenueRisk.colour))
            .join(VenueRisk, col(VenueRisk.venue_id) == col(Venue.id))
            .where(
                Venue.beat_id == d.beat_id,
                col(VenueRisk.colour).in_([RiskColour.RED, RiskColour.ORANGE]),
            )
            .order_by(col(VenueRisk.colour) == RiskColour.ORANGE, col(Venue.name))
        )
    ).all()
    if not rows:
        return []
    shown = "、".join(f"{MARKS[colour]}{name}" for name, colour in rows[:SHOWN])
    more = f" 等 {len(rows)} 处" if len(rows) > SHOWN else ""
    return [f"【红橙场所】{shown}{more}"]


async def incident_levels(d: OfficerDay) -> list[str]:
    settings = d.settings
    trends = await beat_trends(d.session, settings.incidents, settings.zone, d.beat_id, d.yesterday)
    raised = [t for t in trends if t.level is not WarningLevel.GREEN]
    title = f"【{window_name(settings.incidents.window_days)}警情】"
    if not raised:
        return [f"{title}各类警情处于绿色（正常）"] if trends else []
    # The officer reads where the spike was (幸福里车棚): it is where the night patrol goes.
    return [title, *(f"  {describe(t, place=True)}" for t in raised[:SHOWN])]


async def waiting_reviews(d: OfficerDay) -> list[str]:
    """Questions not yet answered, self-service reports not yet accepted and
    self-inspections not yet reviewed: what people sent that waits on the officer, as much
    as a tip does."""
    return await _waiting(d, d.officer.id)


async def beat_waiting_reviews(d: OfficerDay) -> list[str]:
    """`waiting_reviews` of a beat with no officer: questions to the beat, none to a person."""
    return await _waiting(d, None)


async def _waiting(d: OfficerDay, officer_id: int | None) -> list[str]:
    queued = Report.status == ReportStatus.QUEUED
    reports = (
        await d.session.exec(select(func.count()).where(Report.beat_id == d.beat_id, queued))
    ).one()
    # Accepted and not yet closed: still the officer's (a stolen bike being looked for).
    handling = (
        await d.session.exec(
            select(func.count()).where(
                Report.beat_id == d.beat_id, Report.status == ReportStatus.ACCEPTED
            )
        )
    ).one()
    # Reports no place put on a beat are the station's (a fraud has no place): /报案 lists them.
    unplaced = (
        await d.session.exec(
            select(func.count()).where(
                col(Report.beat_id).is_(None), Report.station_id == d.beat.station_id, queued
            )
        )
    ).one()
    inspections = (
        await d.session.exec(
            select(func.count()).where(
                Inspection.beat_id == d.beat_id, Inspection.status == InspectionStatus.PENDING
            )
        )
    ).one()
    # Questions to the beat, or to this officer about their alert.
    asked = (
        await d.session.exec(
            select(func.count()).where(
                # Those no place puts on a beat (a resident's) are the station's, as
                # /答复 lists them.
                or_(
                    col(Question.beat_id) == d.beat_id,
                    # `== None` would be IS NULL: every question to no officer.
                    col(Question.officer_person_id) == officer_id if officer_id else false(),
                    and_(
                        col(Question.beat_id).is_(None),
                        col(Question.station_id) == d.beat.station_id,
                    ),
                ),
                col(Question.answered_at).is_(None),
                col(Question.asked_at) >= d.now - QUESTIONS_OPEN_FOR,
            )
        )
    ).one()
    parts = []
    if asked:
        parts.append(f"提问待答复 {asked} 条（「/答复」）")
    if reports or unplaced or handling:
        elsewhere = f"，另有 {unplaced} 件未定位到警务区" if unplaced else ""
        doing = f"，已受理未办结 {handling} 件" if handling else ""
        parts.append(f"自助报案待受理 {reports} 件{elsewhere}{doing}（「/报案」）")
    if inspections:
        parts.append(f"自查待审核 {inspections} 份（「/自查」）")
    # 【来件待处理】 (what people sent in), not 【待办理】, which read as the same as
    # 【待办】 (now 【任务】, the officer's own).
    return [f"【来件待处理】{'，'.join(parts)}"] if parts else []
