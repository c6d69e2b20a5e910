"""Reading the audit log: who looked at whose data, for the station admin and IT staff.

Rows are read as they were written (`bot.audit_trail`): identifiers and counts, never
personal data. A subject is shown by its kind and id only (旅客12, guest_stay:12): naming
the guest would decrypt their record, which is itself a view.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, and_, false, or_
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Services
from handlers.services.personal import NAME
from handlers.services.scope import BeatScope, restrict, visible
from storage.models import (
    AuditEvent,
    Beat,
    GuestStay,
    Person,
    Report,
    Tenancy,
    Venue,
    VenueOwner,
    WantedPerson,
)
from storage.voided import INCLUDE_VOIDED

#: What each action did, as the station reads it; others are shown by their code.
ACTION_WORDS = {
    "view:hit": "查看比中详情",
    "view:person": "查看登记详情",
    "lookup:person": "查人（列表，打码）",
    "view:occupants": "查看场所住客",
    "lookup:venue": "查场所",
    "view:wanted": "查看通缉人员",
    "view:wanted_list": "查看通缉列表",
    "view:tips": "查看线索列表",
    "view:tip": "查看线索",
    "view:report": "查看报案",
    "view:questions": "查看提问",
    "close:question": "关闭提问",
    "view:audit": "查看审计日志",
    "correct:phone": "更正旅客电话",
    "correct:room": "更正旅客房间",
    "invite:owner": "生成负责人邀请码",
    "invite:revoke": "作废负责人邀请码",
    "bind": "绑定身份",
    "bind_group": "绑定群",
    "revoke": "撤销身份",
    "wanted:import": "导入通缉名单",
    "wanted:created": "新增通缉人员",
    "wanted:updated": "修改通缉人员",
    "wanted:captured": "通缉人员已抓获",
    "wanted:revoked": "撤销通缉",
}
#: How a subject's kind is named in chat, before its id (旅客12).
KIND_WORDS = {
    "guest_stay": "旅客",
    "tenancy": "租客",
    "wanted_person": "通缉",
    "tip": "线索",
    "report": "报案",
    "question": "提问",
    "venue": "场所",
    "chat_group": "群",
    "person": "人员",
}
#: The key a registration has in the lists of `/查人` (lookup:person rows: 旅客12,租客3).
_LIST_KEYS = {"guest_stay": "旅客", "tenancy": "租客"}
#: Every command staff and owners run is recorded too (`bot.middleware.audit`): beside the
#: views they led to, they are left out unless asked for.
COMMAND = "command:"
#: The commands owners run on their guests and tenants, by route, as the log names them.
#: The row of the command is all the log holds of such an action (no view row follows it,
#: as one follows an officer's /查人), so these are listed among the events.
OWNER_COMMANDS = {
    "register": "登记",
    "guest_checkin": "登记旅客",
    "guest_companion": "登记同住人",
    "guest_checkout": "退房",
    "guest_checkout_undo": "撤销退房",
    "guest_extend": "续住",
    "guest_still_here": "仍在住",
    "guest_guardian": "登记监护人",
    "guest_correct": "更正登记",
    "guest_void": "作废登记",
    "guest_void_undo": "撤销作废",
    "guest_list": "在住旅客",
    "room_guests": "房间住客",
    "tenant_register": "登记租客",
    "tenant_list": "租客名单",
    "tenant_move_out": "退租",
    "tenant_move_out_undo": "撤销退租",
    "tenant_lease_end": "续租",
    "registrations_today": "今日登记",
}
#: A registration purged at the end of its retention period (`keep_purged_names`).
PURGED = "purge:registration"
#: A closed report purged so (`keep_purged_names`): the reporter's name went with it.
PURGED_REPORT = "purge:report"
#: Done by the server itself, not from chat or the command line: the retention purge.
SYSTEM_ACTIONS = {PURGED: "按保存期限清除登记", PURGED_REPORT: "按保存期限清除报案"}


def action_words(action: str) -> str:
    if action.startswith(COMMAND):
        route = action.removeprefix(COMMAND)
        return f"命令「{OWNER_COMMANDS[route]}」" if route in OWNER_COMMANDS else f"命令 {route}"
    return ACTION_WORDS.get(action, SYSTEM_ACTIONS.get(action, action))


@dataclass(frozen=True)
class Subject:
    """Whose data an event was about: `guest_stay` 12."""

    kind: str
    id: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.id}"

    @property
    def said(self) -> str:
        """As chat shows it: 旅客12, the key `/查人 旅客12` opens."""
        return f"{KIND_WORDS.get(self.kind, self.kind)}{self.id}"


def subject_said(event: AuditEvent) -> str:
    """An event's subject as chat shows it: 旅客12, 场所3,5 (a list), or ""."""
    if not event.subject_id:
        return ""
    if event.subject_kind == "registration":  # already 旅客12,租客3
        return event.subject_id
    return Subject(event.subject_kind, event.subject_id).said


def subject_typed(event: AuditEvent) -> str:
    """An event's subject as the command line shows it: guest_stay:12, or ""."""
    if not (event.subject_kind or event.subject_id):
        return ""
    return f"{event.subject_kind}:{event.subject_id}"


def read_subject(said: str) -> Subject | None:
    """guest_stay:12, 旅客12 or 租客 3: the subject meant; None if it names none."""
    kind, colon, number = said.strip().partition(":")
    if colon:
        return Subject(kind.strip(), number.strip()) if kind.strip() and number.strip() else None
    compact = said.replace(" ", "").lstrip("#")
    for kind, word in KIND_WORDS.items():
        number = compact.removeprefix(word).lstrip("#")
        if number != compact and number.isdigit():
            return Subject(kind, str(int(number)))
    return None


@dataclass(frozen=True)
class Entry:
    event: AuditEvent
    #: Who acted; None for the command line (or a person since deleted).
    viewer: Person | None

    @property
    def viewer_name(self) -> str:
        if self.viewer is None:
            if self.event.person_id is not None:
                return f"人员{self.event.person_id}"
            return "系统" if self.event.action in SYSTEM_ACTIONS else "命令行"
        return self.viewer.display_name or f"人员{self.viewer.id}"

    @property
    def viewer_role(self) -> str:
        return self.viewer.role.label if self.viewer is not None else ""


def _in_list(value: str) -> ColumnElement[bool]:
    """`value` is the subject id, or one of the comma-separated ids in it (12 of 3,12,40)."""
    field = col(AuditEvent.subject_id)
    return or_(
        field == value,
        field.like(f"{value},%"),
        field.like(f"%,{value}"),
        field.like(f"%,{value},%"),
    )


def _about(subject: Subject) -> ColumnElement[bool]:
    kind = col(AuditEvent.subject_kind)
    found = [and_(kind == subject.kind, _in_list(subject.id))]
    if subject.kind in _LIST_KEYS:
        # Shown masked in a /查人 list: a look at the record all the same.
        key = f"{_LIST_KEYS[subject.kind]}{subject.id}"
        found.append(and_(kind == "registration", _in_list(key)))
    return or_(*found)


def _of_station(station_id: int) -> ColumnElement[bool]:
    """Done by the station's officers and admins, by the owners of places on its beats
    (who belong to no station), or by no one in chat: the command line and the server's
    own jobs, which act for every station."""
    owners = (
        select(VenueOwner.person_id)
        .join(Venue, col(Venue.id) == col(VenueOwner.venue_id))
        .join(Beat, col(Beat.id) == col(Venue.beat_id))
        .where(Beat.station_id == station_id)
    )
    return or_(
        col(Person.station_id) == station_id,
        col(AuditEvent.person_id).in_(owners),
        and_(col(AuditEvent.person_id).is_(None), col(AuditEvent.account_id).is_(None)),
    )


async def read_events(
    session: AsyncSession,
    *,
    viewers: Sequence[int] | None = None,
    subjects: Sequence[Subject] | None = None,
    action: str = "",
    since: datetime | None = None,
    until: datetime | None = None,
    station_id: int | None = None,
    limit: int = 20,
) -> list[Entry]:
    """Events newest first. `viewers`: person ids who acted; `subjects`: any of them;
    `action`: a code (view:hit) or its first part (view); without it, the row of every
    command is left out. `until` is exclusive. `station_id`: only what that station's
    people did."""
    query = select(AuditEvent, Person).outerjoin(
        Person, col(Person.id) == col(AuditEvent.person_id)
    )
    if viewers is not None:
        query = query.where(col(AuditEvent.person_id).in_(list(viewers)) if viewers else false())
    if subjects is not None:
        query = query.where(or_(*(_about(s) for s in subjects)) if subjects else false())
    if action:
        column = col(AuditEvent.action)
        query = query.where(
            column == action if ":" in action else or_(column == action, column.like(f"{action}:%"))
        )
    else:
        owners = [f"{COMMAND}{route}" for route in OWNER_COMMANDS]
        query = query.where(
            or_(col(AuditEvent.action).not_like(f"{COMMAND}%"), col(AuditEvent.action).in_(owners))
        )
    if since is not None:
        query = query.where(col(AuditEvent.at) >= since)
    if until is not None:
        query = query.where(col(AuditEvent.at) < until)
    if station_id is not None:
        query = query.where(_of_station(station_id))
    query = query.order_by(col(AuditEvent.at).desc(), col(AuditEvent.id).desc()).limit(limit)
    return [Entry(event, person) for event, person in (await session.exec(query)).all()]


async def subjects_named(
    session: AsyncSession,
    services: Services,
    name: str,
    scope: BeatScope,
    station_id: int | None,
) -> list[Subject]:
    """The guests, tenants, wanted persons and reporters named `name`, through the blind
    index (nothing is decrypted): in `scope`'s venues, and `station_id`'s wanted list and
    reports (None: every station's)."""
    index = services.blind_index(name, NAME)
    guests = (
        select(GuestStay.id)
        .join(Venue, col(Venue.id) == col(GuestStay.venue_id))
        .where(GuestStay.name_idx == index)
        .execution_options(**{INCLUDE_VOIDED: True})
    )
    tenants = (
        select(Tenancy.id)
        .join(Venue, col(Venue.id) == col(Tenancy.venue_id))
        .where(Tenancy.name_idx == index)
    )
    found = [Subject("guest_stay", str(i)) for i in (await session.exec(restrict(guests, scope)))]
    found += [Subject("tenancy", str(i)) for i in (await session.exec(restrict(tenants, scope)))]
    wanted = select(WantedPerson.id).where(WantedPerson.name_idx == index)
    reports = select(Report.id).where(Report.name_idx == index)
    if station_id is not None:
        wanted = wanted.where(
            or_(col(WantedPerson.station_id).is_(None), col(WantedPerson.station_id) == station_id)
        )
        reports = reports.where(Report.station_id == station_id)
    found += [Subject("wanted_person", str(i)) for i in (await session.exec(wanted)).all()]
    found += [Subject("report", str(i)) for i in (await session.exec(reports)).all()]
    # Registrations and reports purged since: their trail is found by the name their purge
    # row keeps, in the scope's beats (a report: the station) as one kept is.
    purged = select(AuditEvent).where(
        AuditEvent.name_idx == index, col(AuditEvent.action).in_([PURGED, PURGED_REPORT])
    )
    for event in (await session.exec(purged)).all():
        if _purged_in(event, scope, station_id):
            subject = Subject(event.subject_kind, event.subject_id)
            found += [] if subject in found else [subject]
    return found


#: The beat a purge row's registration was on (beat=3), the station of its report
#: (station=1).
_BEAT = re.compile(r"\bbeat=(\d+)")
_STATION = re.compile(r"\bstation=(\d+)")


def _purged_in(event: AuditEvent, scope: BeatScope, station_id: int | None) -> bool:
    """Whether the record a purge row is about was one the reader could find by name."""
    if event.action == PURGED_REPORT:
        station = _STATION.search(event.detail)
        return station is not None and station_id in (None, int(station[1]))
    beat = _BEAT.search(event.detail)
    return beat is not None and visible(scope, int(beat[1]))


@dataclass(frozen=True)
class Purged:
    """A record about to be purged: its id, its name's blind index, and where it was (a
    registration's beat, a report's station: `where`, as the purge row's detail keeps it)."""

    id: int
    name_idx: str
    beat_id: int | None = None
    station_id: int | None = None

    @property
    def where(self) -> str:
        if self.station_id is not None:
            return f"station={self.station_id}"
        return f"beat={self.beat_id}"


async def keep_purged_names(
    session: AsyncSession,
    kind: str,
    purged: Sequence[Purged],
    since: datetime,
    now: datetime,
) -> int:
    """Before records of `kind` (guest_stay, tenancy, report) are purged: a row for each the
    log has events about (since `since`, when the oldest was made), holding its name's blind
    index, never the name, so that /审计 王强 still finds who looked at it. Those nobody
    looked at leave nothing behind. Returns how many rows were written."""
    if not purged:
        return 0
    # A report is never in a /查人 list (`registration` rows): it has no key there.
    key = _LIST_KEYS.get(kind)
    about = select(AuditEvent.subject_kind, AuditEvent.subject_id).where(
        col(AuditEvent.subject_kind).in_([kind, "registration", ""]),
        col(AuditEvent.subject_id) != "",
        col(AuditEvent.at) >= since,
    )
    looked_at: set[str] = set()
    for subject_kind, ids in (await session.exec(about)).all():
        for one in ids.split(","):
            if subject_kind == kind:
                looked_at.add(one)
            elif subject_kind == "registration" and key and one.startswith(key):
                looked_at.add(one.removeprefix(key))
            elif one.startswith(f"{kind}:"):  # a reading of the log about several kinds
                looked_at.add(one.removeprefix(f"{kind}:"))
    kept = [p for p in purged if str(p.id) in looked_at]
    session.add_all(
        AuditEvent(
            at=now,
            action=PURGED_REPORT if kind == "report" else PURGED,
            subject_kind=kind,
            subject_id=str(p.id),
            name_idx=p.name_idx,
            detail=f"retention {p.where}",
        )
        for p in kept
    )
    return len(kept)


def joined_ids(subjects: Sequence[Subject], width: int = 64) -> tuple[str, str]:
    """(subject_kind, subject_id) for an audit row about `subjects`: of one kind, its ids
    (3,12, as /查人 lists are written); of several, "" and kind:id pairs. As many whole ones
    as fit in the column."""
    kinds = {s.kind for s in subjects}
    one = len(kinds) == 1
    kept = ""
    for subject in subjects:
        said = subject.id if one else str(subject)
        more = f"{kept},{said}" if kept else said
        if len(more) > width:
            break
        kept = more
    return (kinds.pop() if one else ""), kept


def id_ranges(ids: Sequence[int]) -> str:
    """12,13,14,20 as 12-14,20."""
    runs: list[list[int]] = []
    for i in sorted(set(ids)):
        if runs and i == runs[-1][1] + 1:
            runs[-1][1] = i
        else:
            runs.append([i, i])
    return ",".join(f"{a}-{b}" if b > a else str(a) for a, b in runs)


#: The detail's width (`AuditEvent.detail`).
_DETAIL = 300


def import_detail(
    batch: str, *, added: int, updated: int, unchanged: int, rejected: int, ids: Sequence[int]
) -> str:
    """A wanted-list import's detail: the file's digest, the counts, and the ids written as
    ranges (cut at a whole range, with … said, where they do not all fit)."""
    head = (
        f"batch={batch} added={added} updated={updated} unchanged={unchanged} rejected={rejected}"
    )
    if not ids:
        return head
    ranges = id_ranges(ids).split(",")
    kept: list[str] = []
    for each in ranges:
        if len(f"{head} ids={','.join([*kept, each])},…") > _DETAIL:
            break
        kept.append(each)
    return f"{head} ids={','.join(kept)}{',…' if len(kept) < len(ranges) else ''}"


_COUNT = re.compile(r"\b(added|updated)=(\d+)")


def import_said(event: AuditEvent) -> str:
    """What a wanted-list import wrote, as chat shows it: 新增3，更新1; "" for another
    event, or an import's row written before its counts were kept so."""
    if event.action != "wanted:import":
        return ""
    counts = dict(_COUNT.findall(event.detail))
    if not counts:
        return ""
    return f"新增{counts.get('added', '0')}，更新{counts.get('updated', '0')}"
