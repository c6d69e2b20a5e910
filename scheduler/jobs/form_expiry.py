"""Expire chat forms left unfinished, and tell the user so they are not left wondering."""

from __future__ import annotations

from collections.abc import Mapping

from sqlalchemy import delete
from sqlmodel import col, select

from bot.context import Services
from bot.messages import Text
from storage.models import FormState
from storage.outbox import enqueue

BATCH = 500


async def expire_forms(services: Services, titles: Mapping[str, str]) -> int:
    """Delete expired form state and queue a notice to each chat; returns how many."""
    now = services.clock()
    kept = _span(services.settings.forms.expire_minutes)
    async with services.sessions() as session:
        rows = (
            await session.exec(
                select(FormState).where(col(FormState.expires_at) <= now).limit(BATCH)
            )
        ).all()
        for row in rows:
            title = titles.get(row.form_name, "填写")
            notice = Text(
                f"您未完成的{title}已超过{kept}未操作，已自动取消并删除，内容未提交。"
                "需要时请重新开始。"
            )
            enqueue(
                session,
                dedupe_key=f"form-expired:{row.key}:{row.version}:{row.updated_at.isoformat()}",
                channel=row.channel,
                chat_id=row.chat_id,
                replies=[notice],
                now=now,
            )
        # Delete only what we read, and only if still untouched since (version check).
        for row in rows:
            await session.exec(
                delete(FormState).where(
                    col(FormState.id) == row.id, col(FormState.version) == row.version
                )
            )
        await session.commit()
    return len(rows)


def _span(minutes: int) -> str:
    """1440 as 1天, 90 as 90分钟: how long a form is kept, as the notice says it (超过1440
    分钟 is no length anyone reads)."""
    if minutes % (24 * 60) == 0:
        return f"{minutes // (24 * 60)}天"
    if minutes % 60 == 0:
        return f"{minutes // 60}小时"
    return f"{minutes}分钟"
