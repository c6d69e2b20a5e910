"""The rules file: the built-in one loads, and mistakes are named."""

from __future__ import annotations

import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.config import ConfigError, Settings
from handlers.services.risk.kinds import RuleConfigError
from handlers.services.risk.ruleset import load_rule_set, parse_rule_set
from storage.models import RiskColour

ZONE = ZoneInfo("Asia/Shanghai")


def test_built_in_rules_load_with_visit_intervals() -> None:
    rule_set = load_rule_set(Settings())
    ids = {rule.id for rule in rule_set.rules}
    assert {"watch_hit", "no_guest_registrations", "tips", "inspection_overdue"} <= ids
    assert "unacknowledged_alerts" not in ids  # optional hook, kind not there yet
    assert rule_set.visits == {RiskColour.RED: 7, RiskColour.ORANGE: 30}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[rules]]\nid = "a"\nkind = "nope"\ncolour = "red"', "unknown kind 'nope'"),
        ('[[rules]]\nid = "a"\nkind = "licence"\nwhen = "expired"\ncolour = "pink"', "colour"),
        ('[[rules]]\nid = "a"\nkind = "count"\ntable = "tip"\ncolour = "red"', "days: is required"),
        (
            '[[rules]]\nid = "a"\nkind = "count"\ntable = "tip"\ndays = "7"\ncolour = "red"',
            "days: expected int",
        ),
        (
            '[[rules]]\nid = "a"\nkind = "count"\ntable = "tip"\ndays = 7\nlimit = 1\ncolour = "red"',
            "unknown key(s) ['limit']",
        ),
        ('[[rules]]\nid = "a"\nkind = "licence"\nwhen = "soon"\ncolour = "red"', "when"),
        ("[visits]\npurple = 3", "visits.purple"),
    ],
)
def test_mistakes_name_the_rule_and_key(text: str, message: str) -> None:
    with pytest.raises(RuleConfigError, match=re.escape(message)):
        parse_rule_set(text, ZONE)


def test_optional_rule_of_unknown_kind_is_skipped() -> None:
    text = '[[rules]]\nid = "later"\nkind = "unacknowledged_alerts"\noptional = true\ncolour = "yellow"'
    assert parse_rule_set(text, ZONE).rules == ()


def test_configured_file_errors_stop_start_up(tmp_path: Path) -> None:
    bad = tmp_path / "rules.toml"
    bad.write_text('[[rules]]\nid = "x"\nkind = "count"\ncolour = "red"\n', encoding="utf-8")
    settings = Settings.model_validate({"risk": {"rules_file": str(bad)}})
    with pytest.raises(ConfigError, match=re.escape("rules.toml: rule 'x': table: is required")):
        load_rule_set(settings)
    missing = Settings.model_validate({"risk": {"rules_file": str(tmp_path / "none.toml")}})
    with pytest.raises(ConfigError, match=re.escape("risk.rules_file: cannot read")):
        load_rule_set(missing)
