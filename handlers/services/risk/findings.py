"""What a risk rule is: a function from a venue to what it found there.

The contract every rule meets is `check(session, venue, now) -> list[Finding]`; a rule whose
data source does not exist (yet) simply finds nothing. Rules that can answer for many venues
in one query also offer `check_many`, which the nightly scoring uses so that 20,000 venues
cost a few queries per rule rather than one each.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from storage.models import RiskColour, Venue


@dataclass(frozen=True)
class Finding:
    rule: str
    colour: RiskColour
    #: Chinese, shown to officers: 「近30天比中2次」
    reason: str


Check = Callable[[AsyncSession, Venue, datetime], Awaitable[list[Finding]]]
CheckMany = Callable[[AsyncSession, Sequence[Venue], datetime], Awaitable[dict[int, list[Finding]]]]


@dataclass(frozen=True)
class Rule:
    id: str
    check: Check
    check_many: CheckMany | None = None


def batch_rule(rule_id: str, many: CheckMany) -> Rule:
    """A rule written for many venues, usable for one as well."""

    async def check(session: AsyncSession, venue: Venue, now: datetime) -> list[Finding]:
        assert venue.id is not None
        return (await many(session, [venue], now)).get(venue.id, [])

    return Rule(rule_id, check, many)


async def evaluate(
    session: AsyncSession, rules: Sequence[Rule], venues: Sequence[Venue], now: datetime
) -> dict[int, list[Finding]]:
    """Every rule over every venue: venue id -> findings (venues with none map to [])."""
    found: dict[int, list[Finding]] = {v.id: [] for v in venues if v.id is not None}
    for rule in rules:
        if rule.check_many is not None:
            for venue_id, findings in (await rule.check_many(session, venues, now)).items():
                found[venue_id].extend(findings)
            continue
        for venue in venues:
            assert venue.id is not None
            found[venue.id].extend(await rule.check(session, venue, now))
    return found


def worst(findings: Sequence[Finding]) -> RiskColour:
    """The rules' colour: the most severe finding, blue when nothing was found."""
    return max((f.colour for f in findings), key=lambda c: c.severity, default=RiskColour.BLUE)
