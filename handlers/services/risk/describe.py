"""A venue's colour and the reasons for it, as officers read them."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from handlers.services.risk.rating import override_holds, stored_findings
from storage.models import RiskChange, RiskColour, VenueRisk

MARKS = {
    RiskColour.RED: "🔴",
    RiskColour.ORANGE: "🟠",
    RiskColour.YELLOW: "🟡",
    RiskColour.BLUE: "🔵",
}


def colour_text(colour: RiskColour) -> str:
    return f"{MARKS[colour]}{colour.label}（{colour.meaning}）"


def reasons(risk: VenueRisk) -> list[str]:
    """One line per input that has a colour: the officer's, the department's, each finding."""
    lines = []
    if risk.officer_colour is not None:
        note = ""
        if risk.officer_override:
            note = "，下调" if override_holds(risk) else "，下调已因新情况失效"
        lines.append(
            f"民警评定{risk.officer_colour.label}{note}：{risk.officer_reason or '未写理由'}"
        )
    if risk.department_colour is not None:
        lines.append(
            f"上级评定{risk.department_colour.label}：{risk.department_reason or '未写理由'}"
        )
    lines.extend(f"规则{f.colour.label}：{f.reason}" for f in stored_findings(risk))
    return lines


def short_reasons(risk: VenueRisk, limit: int = 3) -> str:
    found = reasons(risk)
    text = "；".join(found[:limit])
    return text + ("等" if len(found) > limit else "") if text else "无"


def is_first_rating(change: RiskChange) -> bool:
    """A venue's first rating: nothing before it, and no combined colour it changed from
    (see `handlers.services.risk.rating`)."""
    return (
        change.before is None
        and change.after is not None
        and change.combined_before == change.combined_after == change.after
    )


def change_line(change: RiskChange, zone: ZoneInfo) -> str:
    """`11-23 规则评分黄→橙，综合黄→橙：近30天比中1次`, or for a venue not rated before
    `11-23 首次评定：黄（规则评分）：未登记特种行业许可证/营业执照`."""
    when = change.at.astimezone(zone)
    if is_first_rating(change):
        assert change.after is not None
        return (
            f"{when:%m-%d} 首次评定：{change.after.label}（{change.source.label}）：{change.reason}"
        )
    before = change.before.label if change.before else "无"
    after = change.after.label if change.after else "无"
    combined = ""
    if change.combined_before != change.combined_after:
        combined = f"，综合{change.combined_before.label}→{change.combined_after.label}"
    return f"{when:%m-%d} {change.source.label}{before}→{after}{combined}：{change.reason}"
