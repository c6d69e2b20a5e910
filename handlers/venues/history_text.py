"""Venue history as officers read it: when, who, what changed from what to what."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any
from zoneinfo import ZoneInfo

from handlers.services.venue_registry import FIELD_LABELS
from storage.models import VenueHistory

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


def history_line(row: VenueHistory, who: str, zone: ZoneInfo) -> str:
    before: dict[str, Any] = json.loads(row.before)
    after: dict[str, Any] = json.loads(row.after)
    head = f"{row.at.astimezone(zone):%m-%d %H:%M} {who} {_ACTIONS.get(row.action, row.action)}"
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


def history_text(
    title: str, rows: Sequence[VenueHistory], names: Mapping[int, str], zone: ZoneInfo
) -> str:
    if not rows:
        return f"{title} 暂无变更记录。"
    lines = [f"{title} 变更记录（最近{len(rows)}条）："]
    for row in rows:
        who = names.get(row.actor_person_id or 0) or _source_label(row.source)
        lines.append(history_line(row, who, zone))
    return "\n".join(lines)


def _source_label(source: str) -> str:
    if source.startswith("import:"):
        return f"导入{source.removeprefix('import:')}"
    return {"cli": "后台", "plate-assign": "门牌编排", "chat": "民警"}.get(source, source)
