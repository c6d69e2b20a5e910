"""The digest's built-in sections. Each reads only the officer's beat, in a query or two;
those made `ForStation` read every beat of the digests made together in the same query or two
(grouped by beat), so that a station's twenty digests cost what one does."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ScalarSelect, and_, case, func, or_
from sqlmodel import col, select

from handlers.registration.timefmt import to_local
from handlers.services.digest.day import ForStation, OfficerDay, beat_ids, station_ids
from handlers.services.hit_checks import CARD_CLOSED, MATCHED, check_key, hit_of, is_false_hit
from handlers.services.incidents.levels import beats_trends, describe, window_name
from handlers.services.inspections import rectifying, rectifying_line
from handlers.services.questions import OPEN_FOR as QUESTIONS_OPEN_FOR
from handlers.services.risk.describe import MARKS, is_first_rating, marked
from handlers.services.tasks import kind_label, may_do
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


def _beat_venues(days: Sequence[OfficerDay]) -> ScalarSelect[Any]:
    # A subquery rather than a join alone: the planner then walks each venue's registrations
    # by index instead of every registration of the day.
    return select(Venue.id).where(col(Venue.beat_id).in_(beat_ids(days))).scalar_subquery()


def _per_beat(rows: Sequence[Any]) -> dict[int, list[Any]]:
    """`rows` whose first column is a beat id, by beat, in their order."""
    found: dict[int, list[Any]] = defaultdict(list)
    for row in rows:
        found[row[0]].append(row)
    return found


async def _tasks(days: Sequence[OfficerDay]) -> list[list[str]]:
    """Each officer's open tasks due by today (as `open_tasks` finds them: their own, and
    their beat's that name nobody), read for every officer at once."""
    d = days[0]
    officers = [day.officer.id for day in days]
    beats = [day.officer.beat_id for day in days]
    rows = (
        await d.session.exec(
            select(Task)
            .where(
                Task.status == TaskStatus.OPEN,
                col(Task.due) <= d.day,
                or_(
                    col(Task.officer_id).in_(officers),
                    and_(col(Task.officer_id).is_(None), col(Task.beat_id).in_(beats)),
                ),
            )
            .order_by(col(Task.due), col(Task.id))
        )
    ).all()
    return [_task_lines(day, [t for t in rows if may_do(t, day.officer)][:100]) for day in days]


def _task_lines(d: OfficerDay, due: list[Task]) -> list[str]:
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


tasks = ForStation(_tasks)


async def _registered(model: Any, days: Sequence[OfficerDay], *more: Any) -> dict[int, Any]:
    """Yesterday's registrations of `model` (GuestStay, Tenancy) by beat: count, and `more`."""
    d = days[0]
    rows = await d.session.exec(
        select(col(Venue.beat_id), func.count(), *more)
        .select_from(model)
        .join(Venue, col(Venue.id) == col(model.venue_id))
        .where(
            col(model.venue_id).in_(_beat_venues(days)),
            col(model.created_at) >= d.yesterday_start,
            col(model.created_at) < d.today_start,
        )
        .group_by(col(Venue.beat_id))
    )
    return {beat: rest for beat, *rest in rows.all()}


async def _registrations(days: Sequence[OfficerDay]) -> list[list[str]]:
    foreign_guest = func.sum(case((col(GuestStay.is_foreign), 1), else_=0))
    guests = await _registered(GuestStay, days, foreign_guest)
    tenants = await _registered(Tenancy, days)
    lines = []
    for d in days:
        counted, foreign = guests.get(d.beat_id, (0, 0))
        abroad = f"（外国人、港澳台居民 {foreign} 人）" if foreign else ""
        tenanted = tenants.get(d.beat_id, [0])[0]
        # A count of none is left out, as in the alert figures; both none: 无.
        said = [
            *([f"旅客 {counted} 人{abroad}"] if counted else []),
            *([f"租客 {tenanted} 人"] if tenanted else []),
        ]
        lines.append([f"【昨日登记】{'，'.join(said) or '无'}"])
    return lines


registrations = ForStation(_registrations)


async def _hits(days: Sequence[OfficerDay]) -> list[list[str]]:
    """Yesterday's hits and today's so far, newest first."""
    d = days[0]
    rows = (
        await d.session.exec(
            select(col(Venue.beat_id), WatchHit, Venue, col(WantedPerson.status))
            .join(Venue, col(WatchHit.venue_id) == col(Venue.id))
            .outerjoin(WantedPerson, col(WantedPerson.id) == col(WatchHit.wanted_id))
            .where(
                col(Venue.beat_id).in_(beat_ids(days)),
                col(WatchHit.created_at) >= d.yesterday_start,
                col(WatchHit.created_at) <= d.now,
            )
            .order_by(col(WatchHit.id).desc())
        )
    ).all()
    # A hit of a card closed since (revoked as entered by mistake, or the person caught)
    # still counts, as the officer had its alert, but is nothing to set out for: it says
    # so, and goes after those that are.
    by_beat = {
        beat: sorted(found, key=lambda row: row[3] in CARD_CLOSED)
        for beat, found in _per_beat(rows).items()
    }
    shown = [hit.id for found in by_beat.values() for _b, hit, _v, _s in found[:SHOWN] if hit.id]
    checks = await _hit_checks(d, shown)
    return [_hit_lines(d, by_beat.get(d.beat_id, []), checks) for d in days]


def _hit_lines(d: OfficerDay, ordered: list[Any], checks: dict[int, Task]) -> list[str]:
    if not ordered:
        return []
    zone = d.settings.zone
    today = [hit for _b, hit, _v, _s in ordered if to_local(hit.created_at, zone).date() == d.day]
    # A count of none is left out (昨日 0 次 had come first), and times are written as the
    # rest of the digest writes them (今天 23:14; 今日截至23:15 had been a form of its own).
    counts = [f"昨天 {len(ordered) - len(today)} 次"] if len(ordered) > len(today) else []
    if today:
        counts.append(f"今天 {len(today)} 次（截至 {to_local(d.now, zone):%H:%M}）")
    lines = [f"【比中】{'，'.join(counts)}"]
    for _beat, hit, venue, status in ordered[:SHOWN]:
        local = to_local(hit.created_at, zone)
        when = f"，{'今天' if local.date() == d.day else '昨天'} {local:%H:%M}"
        closed = f"，{CARD_CLOSED[status]}，无需核查" if status in CARD_CLOSED else ""
        checked = _checked(checks.get(hit.id or 0)) if not closed else ""
        lines.append(f"  #{hit.id} {venue.name}（{MATCHED[hit.strength]}{when}{closed}{checked}）")
    lines.append("  发送「/比中 编号」查看详情")
    return lines


hits = ForStation(_hits)


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


async def _open_tips(days: Sequence[OfficerDay]) -> list[list[str]]:
    d = days[0]
    waiting = [TipStatus.RECEIVED, TipStatus.CHECKING]
    open_ = (col(Tip.status).in_(waiting), col(Tip.spam).is_(False))
    rows = (
        await d.session.exec(
            select(col(Tip.beat_id), Tip.status, func.count())
            .where(col(Tip.beat_id).in_(beat_ids(days)), *open_)
            .group_by(col(Tip.beat_id), col(Tip.status))
        )
    ).all()
    counts: dict[int | None, dict[str, int]] = defaultdict(dict)
    for beat, status, n in rows:
        counts[beat][status] = n
    # Tips no place could put on a beat are the station's: /线索 lists them too.
    unplaced = dict(
        (
            await d.session.exec(
                select(col(Tip.station_id), func.count())
                .where(col(Tip.beat_id).is_(None), col(Tip.station_id).in_(station_ids(days)))
                .where(*open_)
                .group_by(col(Tip.station_id))
            )
        ).all()
    )
    return [_tip_lines(counts.get(d.beat_id, {}), unplaced.get(d.beat.station_id, 0)) for d in days]


def _tip_lines(counts: dict[str, int], unplaced: int) -> list[str]:
    if not counts and not unplaced:
        return []
    new, checking = counts.get(TipStatus.RECEIVED, 0), counts.get(TipStatus.CHECKING, 0)
    received, checking_label = TipStatus.RECEIVED.label, TipStatus.CHECKING.label
    # Counts of none left out: 已收到 0，核查中 1 had listed what was not there.
    said = "，".join(
        f"{label} {n}" for label, n in ((received, new), (checking_label, checking)) if n
    )
    line = (
        f"【线索】本警务区待处理 {new + checking} 条（{said}）"
        if said
        else "【线索】本警务区无待处理"
    )
    if unplaced:
        line += f"，另有 {unplaced} 条未定位到警务区"
    return [line + "，发送「/线索」查看"]


open_tips = ForStation(_open_tips)


async def _rectifications(days: Sequence[OfficerDay]) -> list[list[str]]:
    """Venues sent back to rectify, waiting on their owners: the officer's task for one
    comes due only on its deadline, and until then nothing had named it."""
    found = await rectifying(days[0].session, beat_ids=beat_ids(days))
    lines = []
    for d in days:
        mine = [r for r in found if r.inspection.beat_id == d.beat_id]
        lines.append(
            [f"【自查整改】{rectifying_line(mine, d.day)}，发送「/自查 编号」查看"] if mine else []
        )
    return lines


rectifications = ForStation(_rectifications)


async def _risk_changes(days: Sequence[OfficerDay]) -> list[list[str]]:
    d = days[0]
    rows = (
        await d.session.exec(
            select(col(Venue.beat_id), RiskChange, Venue)
            .join(Venue, col(RiskChange.venue_id) == col(Venue.id))
            .where(
                col(Venue.beat_id).in_(beat_ids(days)),
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
    by_beat = _per_beat(rows)
    return [_change_lines(by_beat.get(d.beat_id, [])) for d in days]


def _change_lines(rows: list[Any]) -> list[str]:
    if not rows:
        return []
    lines = [f"【风险变化】{len(rows)} 处"]
    for _beat, change, venue in rows[:SHOWN]:
        moved = (
            f"首次评定{marked(change.combined_after)}"
            if is_first_rating(change)
            else f"{marked(change.combined_before)}→{marked(change.combined_after)}"
        )
        lines.append(f"  {venue.name} {moved}（{change.source.label}：{change.reason[:40]}）")
    return lines


risk_changes = ForStation(_risk_changes)


async def _risky_venues(days: Sequence[OfficerDay]) -> list[list[str]]:
    """The beat's red and orange venues by name, every day: the changes section only says
    what moved yesterday, and a venue that stays red is the one to visit."""
    rows = (
        await days[0].session.exec(
            select(col(Venue.beat_id), col(Venue.name), col(VenueRisk.colour))
            .join(VenueRisk, col(VenueRisk.venue_id) == col(Venue.id))
            .where(
                col(Venue.beat_id).in_(beat_ids(days)),
                col(VenueRisk.colour).in_([RiskColour.RED, RiskColour.ORANGE]),
            )
            .order_by(col(VenueRisk.colour) == RiskColour.ORANGE, col(Venue.name))
        )
    ).all()
    by_beat = _per_beat(rows)
    return [_risky_lines(by_beat.get(d.beat_id, [])) for d in days]


def _risky_lines(rows: list[Any]) -> list[str]:
    if not rows:
        return []
    shown = "、".join(f"{MARKS[colour]}{name}" for _beat, name, colour in rows[:SHOWN])
    more = f" 等 {len(rows)} 处" if len(rows) > SHOWN else ""
    return [f"【红橙场所】{shown}{more}"]


risky_venues = ForStation(_risky_venues)


async def _incident_levels(days: Sequence[OfficerDay]) -> list[list[str]]:
    d = days[0]
    settings = d.settings
    found = await beats_trends(
        d.session, settings.incidents, settings.zone, beat_ids(days), d.yesterday
    )
    title = f"【{window_name(settings.incidents.window_days)}警情】"
    lines = []
    for day in days:
        trends = found.get(day.beat_id, [])
        raised = [t for t in trends if t.level is not WarningLevel.GREEN]
        if not raised:
            lines.append([f"{title}各类警情处于绿色（正常）"] if trends else [])
            continue
        # The officer reads where the spike was (幸福里车棚): it is where the night patrol goes.
        lines.append([title, *(f"  {describe(t, place=True)}" for t in raised[:SHOWN])])
    return lines


incident_levels = ForStation(_incident_levels)


async def _waiting_reviews(days: Sequence[OfficerDay]) -> list[list[str]]:
    """Questions not yet answered, self-service reports not yet accepted and
    self-inspections not yet reviewed: what people sent that waits on the officer, as much
    as a tip does."""
    return await _waiting(days, [d.officer.id for d in days])


async def _beat_waiting_reviews(days: Sequence[OfficerDay]) -> list[list[str]]:
    """`waiting_reviews` of a beat with no officer: questions to the beat, none to a person."""
    return await _waiting(days, [None for _d in days])


waiting_reviews = ForStation(_waiting_reviews)
beat_waiting_reviews = ForStation(_beat_waiting_reviews)


async def _waiting(days: Sequence[OfficerDay], officers: Sequence[int | None]) -> list[list[str]]:
    d = days[0]
    beats, stations = beat_ids(days), station_ids(days)
    # Accepted and not yet closed: still the officer's (a stolen bike being looked for).
    reports: dict[tuple[int | None, str], int] = {
        (beat, status): n
        for beat, status, n in (
            await d.session.exec(
                select(col(Report.beat_id), Report.status, func.count())
                .where(
                    col(Report.beat_id).in_(beats),
                    col(Report.status).in_([ReportStatus.QUEUED, ReportStatus.ACCEPTED]),
                )
                .group_by(col(Report.beat_id), col(Report.status))
            )
        ).all()
    }
    # Reports no place put on a beat are the station's (a fraud has no place): /报案 lists them.
    unplaced = dict(
        (
            await d.session.exec(
                select(col(Report.station_id), func.count())
                .where(
                    col(Report.beat_id).is_(None),
                    col(Report.station_id).in_(stations),
                    Report.status == ReportStatus.QUEUED,
                )
                .group_by(col(Report.station_id))
            )
        ).all()
    )
    inspections = dict(
        (
            await d.session.exec(
                select(col(Inspection.beat_id), func.count())
                .where(
                    col(Inspection.beat_id).in_(beats),
                    Inspection.status == InspectionStatus.PENDING,
                )
                .group_by(col(Inspection.beat_id))
            )
        ).all()
    )
    # Questions to the beat, or to an officer about their alert; those no place puts on a
    # beat (a resident's) are the station's, as /答复 lists them. Few are open at a time:
    # each is read once and counted for every digest it is on.
    to = [officer for officer in officers if officer]
    asked = (
        await d.session.exec(
            select(Question.beat_id, Question.officer_person_id, Question.station_id).where(
                or_(
                    col(Question.beat_id).in_(beats),
                    col(Question.officer_person_id).in_(to),
                    and_(col(Question.beat_id).is_(None), col(Question.station_id).in_(stations)),
                ),
                col(Question.answered_at).is_(None),
                col(Question.asked_at) >= d.now - QUESTIONS_OPEN_FOR,
            )
        )
    ).all()
    found = []
    for day, officer in zip(days, officers, strict=True):
        questions = sum(
            1
            for beat, person, station in asked
            if beat == day.beat_id
            or (officer and person == officer)
            or (beat is None and station == day.beat.station_id)
        )
        found.append(
            _waiting_lines(
                questions,
                reports.get((day.beat_id, ReportStatus.QUEUED), 0),
                reports.get((day.beat_id, ReportStatus.ACCEPTED), 0),
                unplaced.get(day.beat.station_id, 0),
                inspections.get(day.beat_id, 0),
            )
        )
    return found


def _waiting_lines(
    asked: int, reports: int, handling: int, unplaced: int, inspections: int
) -> list[str]:
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
