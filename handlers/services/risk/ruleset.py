"""Read the risk rules file: which rules run, with what parameters, and how often red and
orange venues are visited. A mistake in the file stops start-up with a line naming it."""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.config import ConfigError, Settings
from handlers.services.risk.findings import Rule
from handlers.services.risk.kinds import KINDS, RuleConfigError, RuleSpec
from storage.models import RiskColour, VenueKind

BUILT_IN = Path(__file__).resolve().parents[2] / "venues" / "risk_rules.toml"
_COMMON = {"id", "kind", "colour", "reason", "venue_kinds", "optional"}


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]
    #: Days between visits the visit rule asks for, by combined colour.
    visits: Mapping[RiskColour, int]
    source: str


def _colour(spec_id: str, value: object) -> RiskColour:
    try:
        return RiskColour.parse(str(value))
    except ValueError:
        raise RuleConfigError(
            f"rule {spec_id!r}: colour: expected red/orange/yellow/blue"
        ) from None


def _venue_kinds(spec_id: str, value: object) -> frozenset[VenueKind] | None:
    if value is None:
        return None
    if not isinstance(value, list):
        raise RuleConfigError(f"rule {spec_id!r}: venue_kinds: expected a list")
    try:
        return frozenset(VenueKind.parse(str(v)) for v in value)
    except ValueError as exc:
        raise RuleConfigError(f"rule {spec_id!r}: venue_kinds: {exc}") from None


def _build(entry: Mapping[str, Any], zone: ZoneInfo) -> Rule | None:
    rule_id = str(entry.get("id") or "")
    if not rule_id:
        raise RuleConfigError("a [[rules]] entry has no id")
    kind = entry.get("kind")
    factory = KINDS.get(str(kind))
    if factory is None:
        if entry.get("optional") is True:
            return None  # a hook for a feature that is not there yet
        raise RuleConfigError(f"rule {rule_id!r}: kind: unknown kind {kind!r} ({', '.join(KINDS)})")
    spec = RuleSpec(
        id=rule_id,
        colour=_colour(rule_id, entry.get("colour")),
        reason=str(entry.get("reason") or rule_id),
        venue_kinds=_venue_kinds(rule_id, entry.get("venue_kinds")),
        zone=zone,
        params={k: v for k, v in entry.items() if k not in _COMMON},
    )
    rule = factory(spec)
    spec.check_reason()
    unknown = set(spec.params) - spec.used
    if unknown:
        raise RuleConfigError(f"rule {rule_id!r}: unknown key(s) {sorted(unknown)}")
    return rule


def parse_rule_set(text: str, zone: ZoneInfo, source: str = "<rules>") -> RuleSet:
    data = tomllib.loads(text)
    rules = []
    seen: set[str] = set()
    for entry in data.get("rules", []):
        rule = _build(entry, zone)
        if rule is not None:
            if rule.id in seen:
                raise RuleConfigError(f"rule {rule.id!r}: the id is used twice")
            seen.add(rule.id)
            rules.append(rule)
    visits = {}
    for name, days in data.get("visits", {}).items():
        if not isinstance(days, int) or isinstance(days, bool) or days < 0:
            raise RuleConfigError(f"visits.{name}: expected a number of days (0: no visits)")
        try:
            visits[RiskColour.parse(name)] = days
        except ValueError:
            raise RuleConfigError(f"visits.{name}: expected red/orange/yellow/blue") from None
    return RuleSet(tuple(rules), {c: d for c, d in visits.items() if d > 0}, source)


@functools.cache
def _load(path: str, zone: str) -> RuleSet:
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"risk.rules_file: cannot read {file}: {exc.strerror}") from None
    try:
        return parse_rule_set(text, ZoneInfo(zone), str(file))
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"risk rules file {file} is not valid TOML: {exc}") from None
    except RuleConfigError as exc:
        raise ConfigError(f"risk rules file {file}: {exc}") from None


def load_rule_set(settings: Settings) -> RuleSet:
    """The configured rules (read once per process)."""
    return _load(settings.risk.rules_file or str(BUILT_IN), settings.station.timezone)
