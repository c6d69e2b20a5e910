"""The kinds of rule a rules file can use, each a factory from the file's parameters.

A factory returns None when its data source is not in the schema (tips, inspections and the
like arrive with other features): such a rule contributes nothing until they exist. A new
kind — the broadcast feature's unacknowledged alerts, say — is one more entry in `KINDS`.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import ColumnElement, String, Table, cast, func, or_
from sqlmodel import SQLModel, col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.forms.clock import full_date
from handlers.services.hit_checks import checked_hits
from handlers.services.risk.findings import Finding, Rule, batch_rule
from storage.models import (
    Inspection,
    InspectionItem,
    InspectionStatus,
    RiskColour,
    Venue,
    VenueKind,
    WatchHit,
)

log = logging.getLogger(__name__)


#: The names the rule kinds give their findings, besides the rule's own parameters.
FOUND_NAMES = ("count", "total", "percent", "days", "hours", "date", "items", "checked")


class _AsWritten(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class RuleConfigError(ValueError):
    """A rule's parameters are wrong; the message names the rule and the key."""


@dataclass
class RuleSpec:
    """One `[[rules]]` entry, read key by key so that unknown keys can be reported."""

    id: str
    colour: RiskColour
    reason: str
    venue_kinds: frozenset[VenueKind] | None
    zone: ZoneInfo
    params: Mapping[str, Any]
    used: set[str] = field(default_factory=set)

    def error(self, key: str, problem: str) -> RuleConfigError:
        return RuleConfigError(f"rule {self.id!r}: {key}: {problem}")

    def get(self, key: str, kind: type, default: Any = None) -> Any:
        self.used.add(key)
        if key not in self.params:
            if default is None:
                raise self.error(key, "is required")
            return default
        value = self.params[key]
        # True is an int to Python, not to a rules file.
        if not isinstance(value, kind) or isinstance(value, bool) != (kind is bool):
            raise self.error(key, f"expected {kind.__name__}, got {value!r}")
        return value

    def number(self, key: str, default: int | None = None, minimum: int = 0) -> int:
        value: int = self.get(key, int, default)
        if value < minimum:
            raise self.error(key, f"must be at least {minimum}")
        return value

    def applies(self, venue: Venue) -> bool:
        return self.venue_kinds is None or venue.kind in self.venue_kinds

    def finding(self, **values: object) -> Finding:
        """A finding whose reason reads the rule's own parameters ({days}) and what was
        found ({count}, {percent}…); a found value wins over a parameter of the same name."""
        names = {**self.params, **values}
        # A name this kind does not give (a licence rule's {date} when the licence is only
        # missing) stays as written: scoring runs in a registration's transaction and must
        # never fail on a reason. Unknown names are refused when the rules are read.
        text = self.reason.format_map(_AsWritten(names))
        return Finding(self.id, self.colour, text)

    def check_reason(self) -> None:
        """Refuse, when the rules are read, a reason that names something no finding has:
        found at scoring time it broke the registration that triggered the scoring."""
        names = {**self.params, **dict.fromkeys(FOUND_NAMES, 0)}
        try:
            self.reason.format(**names)
        except (KeyError, IndexError):
            raise self.error("reason", f"uses a name other than {sorted(names)}") from None
        except (ValueError, TypeError):
            raise self.error("reason", "is not a valid {name} template") from None


Factory = Callable[[RuleSpec], Rule | None]


def _table(spec: RuleSpec, default: str | None = None) -> Table | None:
    name: str = spec.get("table", str, default)
    table = SQLModel.metadata.tables.get(name)
    if table is None:
        log.info("risk rule %s: no table %r yet; it finds nothing", spec.id, name)
    return table


def _columns(spec: RuleSpec, table: Table, **keys: str) -> dict[str, Any] | None:
    """Columns named by the spec (or their defaults); None if the table lacks one."""
    found = {}
    for key, default in keys.items():
        name = spec.get(key, str, default)
        if name not in table.c:
            log.warning("risk rule %s: table %s has no column %r", spec.id, table.name, name)
            return None
        found[key] = table.c[name]
    return found


def _where(spec: RuleSpec, table: Table) -> list[ColumnElement[bool]] | None:
    """`where = { status = ["rectify"], spam = false }`. Text is compared as text, so an enum
    column and a value its feature has not defined yet cannot fail the query."""
    where: Mapping[str, Any] = spec.get("where", dict, {})
    clauses: list[ColumnElement[bool]] = []
    for name, wanted in where.items():
        if name not in table.c:
            log.warning("risk rule %s: table %s has no column %r", spec.id, table.name, name)
            return None
        if isinstance(wanted, bool):
            clauses.append(table.c[name].is_(wanted))
            continue
        values = [str(v) for v in (wanted if isinstance(wanted, list) else [wanted])]
        clauses.append(cast(table.c[name], String).in_(values))
    return clauses


def count_rule(spec: RuleSpec) -> Rule | None:
    """Rows about the venue in the last `days`: a finding from `at_least` rows, or — with
    `at_most` — when there were that few (a hotel with no registrations for a week).

    With `older_than_days` instead of `days`, rows older than that count: work still open
    long after it was asked for (an inspection awaiting rectification for two weeks).
    """
    table = _table(spec)
    stale = "older_than_days" in spec.params
    days = spec.number("older_than_days" if stale else "days", minimum=1)
    quiet = "at_most" in spec.params
    at_most = spec.number("at_most") if quiet else 0
    at_least = 0 if quiet else spec.number("at_least", 1, minimum=1)
    if table is None:
        return None
    columns = _columns(spec, table, venue_column="venue_id", time_column="created_at")
    filters = _where(spec, table)
    if columns is None or filters is None:
        return None
    venue_col, time_col = columns["venue_column"], columns["time_column"]

    async def many(
        session: AsyncSession, venues: Sequence[Venue], now: datetime
    ) -> dict[int, list[Finding]]:
        since = now - timedelta(days=days)
        # A venue younger than the window has not had the chance to be quiet.
        ids = [
            v.id
            for v in venues
            if v.id is not None and spec.applies(v) and (not quiet or v.created_at <= since)
        ]
        if not ids:
            return {}
        when = time_col < since if stale else time_col >= since
        query = (
            select(venue_col, func.count())
            .where(venue_col.in_(ids), when, *filters)
            .group_by(venue_col)
        )
        counts: dict[int, int] = {v: n for v, n in (await session.exec(query)).all()}
        found = {}
        for venue_id in ids:
            n = counts.get(venue_id, 0)
            if (n <= at_most) if quiet else (n >= at_least):
                found[venue_id] = [spec.finding(count=n, days=days)]
        return found

    return batch_rule(spec.id, many)


def watch_hits_rule(spec: RuleSpec) -> Rule | None:
    """Watchlist hits at the venue in the last `days`, from `at_least` of them, leaving out
    those whose check found the guest or tenant to be someone else (已核实非本人): a false
    hit says nothing about the venue. A `count` rule over `watch_hit` counts those too.

    A hit whose check is done otherwise (系本人, 已抓获, 证件系伪造) was real and keeps
    counting: a check that confirms a fugitive stayed there must never make the venue look
    safer than the hit unchecked did (the built-in rule had `count_checked = false`, and
    confirming a hit turned the venue from 橙 to 黄). A station's own rule may still set it,
    to mark only what still needs the officer. {checked} in the reason is how many of those
    counted are checked."""
    days = spec.number("days", minimum=1)
    at_least = spec.number("at_least", 1, minimum=1)
    count_checked: bool = spec.get("count_checked", bool, True)

    async def many(
        session: AsyncSession, venues: Sequence[Venue], now: datetime
    ) -> dict[int, list[Finding]]:
        ids = [v.id for v in venues if v.id is not None and spec.applies(v)]
        if not ids:
            return {}
        # Hits are few (a handful a month in a station), so they are read one by one.
        rows = (
            await session.exec(
                select(WatchHit.id, WatchHit.venue_id).where(
                    col(WatchHit.venue_id).in_(ids),
                    col(WatchHit.created_at) >= now - timedelta(days=days),
                )
            )
        ).all()
        ruled_out, dealt_with = await checked_hits(
            session, [hit for hit, _venue in rows if hit is not None]
        )
        left_out = ruled_out if count_checked else ruled_out | dealt_with
        counted = [(hit, venue) for hit, venue in rows if hit not in left_out]
        counts = Counter(venue for _hit, venue in counted)
        checked = Counter(venue for hit, venue in counted if hit in dealt_with)
        return {
            venue_id: [spec.finding(count=n, days=days, checked=checked[venue_id])]
            for venue_id, n in counts.items()
            if n >= at_least
        }

    return batch_rule(spec.id, many)


def _hours_late(session: AsyncSession, later: Any, earlier: Any) -> ColumnElement[Any]:
    # No portable date difference: SQLite has julianday, PostgreSQL subtracts timestamps.
    if session.bind is not None and session.bind.dialect.name == "sqlite":
        return (func.julianday(later) - func.julianday(earlier)) * 24.0
    return func.extract("epoch", later - earlier) / 3600.0


def late_registration_rule(spec: RuleSpec) -> Rule | None:
    """Registrations entered more than `hours` after the guest arrived (timeliness)."""
    table = _table(spec, "guest_stay")
    days = spec.number("days", minimum=1)
    hours = spec.number("hours", 24, minimum=1)
    at_least = spec.number("at_least", 1, minimum=1)
    if table is None:
        return None
    columns = _columns(
        spec, table, venue_column="venue_id", time_column="created_at", event_column="check_in_at"
    )
    if columns is None:
        return None
    venue_col, created, event = (
        columns["venue_column"],
        columns["time_column"],
        columns["event_column"],
    )

    async def many(
        session: AsyncSession, venues: Sequence[Venue], now: datetime
    ) -> dict[int, list[Finding]]:
        ids = [v.id for v in venues if v.id is not None and spec.applies(v)]
        if not ids:
            return {}
        query = (
            select(venue_col, func.count())
            .where(
                venue_col.in_(ids),
                created >= now - timedelta(days=days),
                _hours_late(session, created, event) > hours,
            )
            .group_by(venue_col)
        )
        counts: dict[int, int] = {v: n for v, n in (await session.exec(query)).all()}
        return {
            venue_id: [spec.finding(count=n, days=days, hours=hours)]
            for venue_id, n in counts.items()
            if n >= at_least
        }

    return batch_rule(spec.id, many)


def missing_field_rule(spec: RuleSpec) -> Rule | None:
    """Registrations with `column` left empty, as a share of the last `days` (completeness)."""
    table = _table(spec, "guest_stay")
    days = spec.number("days", minimum=1)
    percent = spec.number("percent", 50, minimum=1)
    min_count = spec.number("min_count", 5, minimum=1)
    if table is None:
        return None
    columns = _columns(
        spec, table, venue_column="venue_id", time_column="created_at", column="phone_enc"
    )
    if columns is None:
        return None
    venue_col, time_col, checked = (
        columns["venue_column"],
        columns["time_column"],
        columns["column"],
    )

    async def many(
        session: AsyncSession, venues: Sequence[Venue], now: datetime
    ) -> dict[int, list[Finding]]:
        ids = [v.id for v in venues if v.id is not None and spec.applies(v)]
        if not ids:
            return {}
        query = (
            select(venue_col, func.count(), func.count(checked))
            .where(venue_col.in_(ids), time_col >= now - timedelta(days=days))
            .group_by(venue_col)
        )
        found = {}
        for venue_id, total, filled in (await session.exec(query)).all():
            missing = total - filled
            if total >= min_count and missing * 100 >= percent * total:
                share = round(missing * 100 / total)
                found[venue_id] = [spec.finding(count=missing, total=total, percent=share)]
        return found

    return batch_rule(spec.id, many)


def licence_rule(spec: RuleSpec) -> Rule | None:
    """`when = "expired"`: the licence's date has passed; `"missing"`: no licence number."""
    when = spec.get("when", str)
    if when not in ("expired", "missing"):
        raise spec.error("when", 'expected "expired" or "missing"')

    async def many(
        _session: AsyncSession, venues: Sequence[Venue], now: datetime
    ) -> dict[int, list[Finding]]:
        today = now.astimezone(spec.zone).date()
        found = {}
        for v in venues:
            if v.id is None or not spec.applies(v):
                continue
            if when == "missing" and not v.licence_no:
                found[v.id] = [spec.finding()]
            elif when == "expired" and v.licence_valid_until and v.licence_valid_until < today:
                found[v.id] = [spec.finding(date=full_date(v.licence_valid_until))]
        return found

    return batch_rule(spec.id, many)


def inspection_items_rule(spec: RuleSpec) -> Rule | None:
    """Hazards the venue's latest fire self-inspection reports and nobody has yet fixed: items
    answered 否 or sent back by the officer (整改), not rectified, while the officer has not
    passed the inspection. `keys` narrows it to some checklist items (people sleeping in a
    shop, e-bikes charged inside: the pattern of fatal small-venue fires), `except_keys`
    leaves some out (those a rule of their own reports); {count} and {items} name what was
    found. With `photo_missing = true` it finds instead the items whose required photo the
    owner could not take (未拍照), until they send it or the officer passes the inspection."""
    keys: list[str] = spec.get("keys", list, [])
    except_keys: list[str] = spec.get("except_keys", list, [])
    unshot: bool = spec.get("photo_missing", bool, False)

    async def many(
        session: AsyncSession, venues: Sequence[Venue], _now: datetime
    ) -> dict[int, list[Finding]]:
        ids = [v.id for v in venues if v.id is not None and spec.applies(v)]
        if not ids:
            return {}
        latest = (
            select(Inspection.venue_id, func.max(Inspection.id).label("latest"))
            .where(col(Inspection.venue_id).in_(ids))
            .group_by(col(Inspection.venue_id))
            .subquery()
        )
        query = (
            select(Inspection.venue_id, InspectionItem.name)
            .join(latest, col(Inspection.id) == latest.c.latest)
            .join(InspectionItem, col(InspectionItem.inspection_id) == col(Inspection.id))
            .where(Inspection.status != InspectionStatus.APPROVED)
            .order_by(col(InspectionItem.position))
        )
        if unshot:
            query = query.where(InspectionItem.photo_missing == True)  # noqa: E712
        else:
            # Sent back (安全出口 堆放杂物) although answered 是: as much a hazard as a 否.
            query = query.where(
                or_(col(InspectionItem.ok).is_(False), col(InspectionItem.rectify_note) != ""),
                col(InspectionItem.rectified_at).is_(None),
            )
        if keys:
            query = query.where(col(InspectionItem.key).in_(keys))
        if except_keys:
            query = query.where(col(InspectionItem.key).not_in(except_keys))
        names: dict[int, list[str]] = {}
        for venue_id, name in (await session.exec(query)).all():
            names.setdefault(venue_id, []).append(name)
        return {
            venue_id: [spec.finding(count=len(found), items="、".join(found))]
            for venue_id, found in names.items()
        }

    return batch_rule(spec.id, many)


KINDS: dict[str, Factory] = {
    "count": count_rule,
    "watch_hits": watch_hits_rule,
    "late_registration": late_registration_rule,
    "missing_field": missing_field_rule,
    "licence": licence_rule,
    "inspection_items": inspection_items_rule,
    # "unacknowledged_alerts": the broadcast feature adds its factory here.
}
