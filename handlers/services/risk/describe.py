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


def marked(colour: RiskColour) -> str:
    """`🟠橙`: a colour in a sentence. /风险 had said 黄→橙 and 评定为橙色 in plain words
    while the task replies and the lists marked every colour."""
    return f"{MARKS[colour]}{colour.label}"


def change_text(before: RiskColour, after: RiskColour) -> str:
    """`由🟡黄（一般风险）变为🟠橙（较大风险）`, the same after a rating and a closed task."""
    return f"由{colour_text(before)}变为{colour_text(after)}"


def reasons(risk: VenueRisk) -> list[str]:
    """One line per input that has a colour: the officer's, the department's, each finding."""
    lines = []
    if risk.officer_colour is not None:
        note = ""
        if risk.officer_override:
            note = "，下调" if override_holds(risk) else "，下调已因新情况失效"
        lines.append(
            f"民警评定{marked(risk.officer_colour)}{note}：{risk.officer_reason or '未写理由'}"
        )
    if risk.department_colour is not None:
        lines.append(
            f"上级评定{marked(risk.department_colour)}：{risk.department_reason or '未写理由'}"
        )
    lines.extend(f"规则{marked(f.colour)}：{f.reason}" for f in stored_findings(risk))
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
    """`11月23日 规则评分🟡黄→🟠橙，综合🟡黄→🟠橙：近30天比中1次`, or for a venue not rated
    before `11月23日 首次评定：🟡黄（规则评分）：未登记特种行业许可证/营业执照`."""
    at = change.at.astimezone(zone)
    when = f"{at.month}月{at.day}日"
    if is_first_rating(change):
        assert change.after is not None
        return f"{when} 首次评定：{marked(change.after)}（{change.source.label}）：{change.reason}"
    before = marked(change.before) if change.before else "无"
    after = marked(change.after) if change.after else "无"
    combined = ""
    if change.combined_before != change.combined_after:
        combined = f"，综合{marked(change.combined_before)}→{marked(change.combined_after)}"
    return f"{when} {change.source.label}{before}→{after}{combined}：{change.reason}"
