"""Set a venue's officer, department and rule colours, and work out the combined colour.

The combined colour is the most severe of the three, except that an officer may rate below
the others on purpose (下调, with a reason). Such an override holds only while nothing more
severe than what the officer overrode turns up: a new red finding ends it. Every rating set
and every change of a rule colour is written to `risk_change`.

A venue nobody has assessed has no combined colour to change from (its row's default, blue,
is no rating): its first change is logged with the combined colour the same before and after,
and reads as a first rating (首次评定), not as 蓝→黄.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from handlers.services.risk.findings import Finding, worst
from storage.models import RiskChange, RiskColour, RiskSource, VenueRisk


def _most_severe(colours: Sequence[RiskColour | None]) -> RiskColour:
    present = [c for c in colours if c is not None]
    return max(present, key=lambda c: c.severity, default=RiskColour.BLUE)


def others_of(risk: VenueRisk) -> RiskColour:
    """The department's and the rules' colour, whichever is more severe."""
    return _most_severe([risk.department_colour, risk.rules_colour])


def override_holds(risk: VenueRisk) -> bool:
    if risk.officer_colour is None or not risk.officer_override:
        return False
    against = risk.override_against or RiskColour.BLUE
    return others_of(risk).severity <= against.severity


def combine(risk: VenueRisk) -> RiskColour:
    if override_holds(risk):
        assert risk.officer_colour is not None
        return risk.officer_colour
    return _most_severe([risk.officer_colour, risk.department_colour, risk.rules_colour])


def assessed(risk: VenueRisk) -> bool:
    """Whether anyone has rated the venue or the rules have scored it."""
    return any(at is not None for at in (risk.officer_at, risk.department_at, risk.rules_at))


async def risk_of(session: AsyncSession, venue_id: int) -> VenueRisk:
    """The venue's rating row, locked for the rest of the transaction (PostgreSQL), so the
    scoring job and an officer cannot combine from each other's stale colours."""
    query = select(VenueRisk).where(VenueRisk.venue_id == venue_id).with_for_update()
    found = (await session.exec(query)).first()
    return found if found is not None else VenueRisk(venue_id=venue_id)


async def latest_changes(session: AsyncSession, venue_id: int, limit: int) -> list[RiskChange]:
    """The venue's last `limit` colour changes, newest first."""
    rows = await session.exec(
        select(RiskChange)
        .where(RiskChange.venue_id == venue_id)
        .order_by(col(RiskChange.id).desc())
        .limit(limit)
    )
    return list(rows.all())


def _log(
    session: AsyncSession,
    risk: VenueRisk,
    source: RiskSource,
    before: RiskColour | None,
    combined_before: RiskColour,
    reason: str,
    now: datetime,
    actor: int | None = None,
) -> None:
    after = {
        RiskSource.OFFICER: risk.officer_colour,
        RiskSource.DEPARTMENT: risk.department_colour,
        RiskSource.RULES: risk.rules_colour,
    }[source]
    session.add(
        RiskChange(
            venue_id=risk.venue_id,
            at=now,
            source=source,
            before=before,
            after=after,
            combined_before=combined_before,
            combined_after=risk.colour,
            reason=reason[:500],
            actor_person_id=actor,
        )
    )


@dataclass(frozen=True)
class Rated:
    risk: VenueRisk
    combined_before: RiskColour
    #: The officer rated below the department/rules colour without overriding it.
    outranked_by: RiskColour | None


async def rate_by_officer(
    session: AsyncSession,
    venue_id: int,
    colour: RiskColour,
    reason: str,
    *,
    override: bool,
    person_id: int | None,
    now: datetime,
) -> Rated:
    risk = await risk_of(session, venue_id)
    first = not assessed(risk)
    combined_before, before = risk.colour, risk.officer_colour
    others = others_of(risk)
    lower = colour.severity < others.severity
    risk.officer_colour, risk.officer_reason = colour, reason[:300]
    risk.officer_override = override and lower
    risk.override_against = others if risk.officer_override else None
    risk.officer_person_id, risk.officer_at = person_id, now
    risk.colour, risk.updated_at = combine(risk), now
    if first:
        combined_before = risk.colour
    session.add(risk)
    note = f"（下调，原{others.label}）" if risk.officer_override else ""
    _log(session, risk, RiskSource.OFFICER, before, combined_before, reason + note, now, person_id)
    return Rated(risk, combined_before, others if lower and not override else None)


async def clear_by_officer(
    session: AsyncSession, venue_id: int, reason: str, *, person_id: int | None, now: datetime
) -> Rated | None:
    """Withdraw the officer's rating (a 下调 with it): the rules and the department decide
    again. None when there is no officer's rating to withdraw."""
    risk = await risk_of(session, venue_id)
    before = risk.officer_colour
    if before is None:
        return None
    combined_before = risk.colour
    risk.officer_colour, risk.officer_reason = None, ""
    risk.officer_override, risk.override_against = False, None
    risk.officer_person_id, risk.officer_at = person_id, now
    risk.colour, risk.updated_at = combine(risk), now
    session.add(risk)
    note = f"清除民警评定（原{before.label}）" + (f"：{reason}" if reason else "")
    _log(session, risk, RiskSource.OFFICER, before, combined_before, note, now, person_id)
    return Rated(risk, combined_before, None)


async def rate_by_department(
    session: AsyncSession, venue_id: int, colour: RiskColour | None, reason: str, now: datetime
) -> Rated:
    """The department's colour (None clears it), from its CSV or the CLI."""
    risk = await risk_of(session, venue_id)
    first = not assessed(risk)
    combined_before, before = risk.colour, risk.department_colour
    risk.department_colour, risk.department_reason = colour, reason[:300]
    risk.department_at = now
    risk.colour, risk.updated_at = combine(risk), now
    if first:
        combined_before = risk.colour
    session.add(risk)
    _log(session, risk, RiskSource.DEPARTMENT, before, combined_before, reason, now)
    return Rated(risk, combined_before, None)


def apply_findings(
    session: AsyncSession, risk: VenueRisk, findings: Sequence[Finding], now: datetime
) -> bool:
    """Store the rules' findings; logs a change when the rules' colour changes."""
    first = not assessed(risk)
    combined_before, before = risk.colour, risk.rules_colour
    previous = stored_findings(risk)
    risk.rules_colour = worst(findings)
    risk.rules_findings = json.dumps(
        [{"rule": f.rule, "colour": f.colour.value, "reason": f.reason} for f in findings],
        ensure_ascii=False,
    )
    risk.rules_at = now
    risk.colour = combine(risk)
    if first:
        combined_before = risk.colour
    session.add(risk)
    # A first scoring that finds nothing is no change worth a log line (20,000 of them).
    if (before or RiskColour.BLUE) is risk.rules_colour:
        return False
    reason = _rules_reason(previous, findings, risk.rules_colour)
    risk.updated_at = now
    _log(session, risk, RiskSource.RULES, before, combined_before, reason, now)
    return True


def _rules_reason(
    previous: Sequence[Finding], findings: Sequence[Finding], colour: RiskColour
) -> str:
    """Why the rules' colour changed. Up: what the rules find now. Down: the findings that
    held the colour up and no longer do (a hit verified as not the person), then those that
    hold the new one; listing only what was left had named 未登记许可证 as the reason for a
    drop that a hit's check had made."""
    gone = [f.reason for f in previous if f.colour.severity > colour.severity]
    if not gone:
        return "；".join(f.reason for f in findings) or "规则未发现风险"
    ended = "、".join(f"「{reason}」" for reason in gone) + "不再适用"
    # What holds the new colour, not every blue finding beside it.
    held = "；".join(f.reason for f in findings if f.colour is colour is not RiskColour.BLUE)
    return ended + (f"（仍有：{held}）" if held else "")


def stored_findings(risk: VenueRisk) -> list[Finding]:
    return [
        Finding(item["rule"], RiskColour(item["colour"]), item["reason"])
        for item in json.loads(risk.rules_findings or "[]")
    ]
