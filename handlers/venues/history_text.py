"""Venue history as officers read it: when, who, what changed from what to what."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from handlers.registration.timefmt import short
from handlers.services.venue_registry import FIELD_LABELS
from storage.models import RiskChange, RiskSource, VenueHistory

_CONTACT_LABELS = {"name": "姓名", "role": "身份", "phone_masked": "电话"}
_ACTIONS = {
    "create": "新建",
    "update": "修改",
    "contact:add": "新增联系人",
    "contact:update": "修改联系人",
    "contact:remove": "移除联系人",
}


def _facts(values: Mapping[str, Any], labels: Mapping[str, str]) -> str:
    return "，".join(f"{labels[k]} {v}" for k, v in values.items() if k in labels and v)


def history_line(row: VenueHistory, who: str, zone: ZoneInfo, now: datetime | None = None) -> str:
    """One record change; given `now`, a change of today reads 今天 HH:MM (`timefmt.short`)."""
    before: dict[str, Any] = json.loads(row.before)
    after: dict[str, Any] = json.loads(row.after)
    head = f"{short(row.at, zone, now)} {who} {_ACTIONS.get(row.action, row.action)}"
    if row.action.startswith("contact:"):
        shown = after if row.action == "contact:add" else before
        if row.action == "contact:update":
            changes = [
                f"{_CONTACT_LABELS[k]} {before.get(k) or '空'}→{after.get(k) or '空'}"
                for k in after
                if k in _CONTACT_LABELS
            ]
            return f"{head}：{'，'.join(changes) or '电话变更'}"
        return f"{head}：{_facts(shown, _CONTACT_LABELS)}"
    if row.action == "create":
        return head
    changes = [
        f"{FIELD_LABELS.get(k, k)} {before.get(k) or '空'}→{after.get(k) or '空'}" for k in after
    ]
    return f"{head}：{'；'.join(changes)}"


def risk_line(change: RiskChange, who: str, zone: ZoneInfo, now: datetime | None = None) -> str:
    """A risk change as a history line: 11-23 09:12 张警官 风险：民警评定黄→橙：理由."""
    before = change.before.label if change.before else "无"
    after = change.after.label if change.after else "无"
    combined = ""
    if change.combined_before != change.combined_after:
        combined = f"，综合{change.combined_before.label}→{change.combined_after.label}"
    reason = f"：{change.reason}" if change.reason else ""
    return (
        f"{short(change.at, zone, now)} {who} "
        f"风险：{change.source.label}{before}→{after}{combined}{reason}"
    )


def shown_in_history(change: RiskChange) -> bool:
    """Every rating but the rules' first look at a venue, which changes nothing anyone
    decided (opening the card scores a venue never scored)."""
    return not (change.source is RiskSource.RULES and change.before is None)


def history_text(
    title: str,
    rows: Sequence[VenueHistory],
    names: Mapping[int, str],
    zone: ZoneInfo,
    risks: Sequence[RiskChange] = (),
    limit: int = 10,
    now: datetime | None = None,
) -> str:
    """The venue's record changes and its risk changes, newest first (a colour raised by
    /风险 had left 暂无变更记录). Given `now` (a chat reply, not the CLI), a change of the
    station's today reads 今天 HH:MM, as the venue card beside it says its times."""
    dated = [
        (
            row.at,
            history_line(
                row, names.get(row.actor_person_id or 0) or _source_label(row.source), zone, now
            ),
        )
        for row in rows
    ]
    dated += [
        (c.at, risk_line(c, names.get(c.actor_person_id or 0) or "系统", zone, now))
        for c in risks
        if shown_in_history(c)
    ]
    if not dated:
        return f"{title} 暂无变更记录。"
    # Rows read back from SQLite carry no zone: compared as UTC, which is what they store.
    dated.sort(key=lambda pair: pair[0].replace(tzinfo=None), reverse=True)
    shown = dated[:limit]
    lines = [f"{title} 变更记录（最近{len(shown)}条）："]
    lines.extend(line for _at, line in shown)
    return "\n".join(lines)


def _source_label(source: str) -> str:
    if source.startswith("import:"):
        return f"导入{source.removeprefix('import:')}"
    return {"cli": "后台", "plate-assign": "门牌编排", "chat": "民警"}.get(source, source)
