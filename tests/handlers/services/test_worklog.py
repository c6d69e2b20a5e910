"""The officer's work record, exported by month in station time."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

from bot.context import Services
from handlers.services.worklog import log_work, month_csv
from storage.models import Person
from tests.support.seed import Seeded


async def test_month_export_uses_station_time(services: Services, seeded: Seeded) -> None:
    async with services.sessions() as session:
        officer = await session.get(Person, seeded.officer.id)
        assert officer is not None
        moments = (
            datetime(2026, 10, 31, 15, 59, tzinfo=UTC),  # 10-31 23:59 in Shanghai
            datetime(2026, 10, 31, 16, 0, tzinfo=UTC),  # 11-01 00:00
            datetime(2026, 11, 30, 15, 59, tzinfo=UTC),  # 11-30 23:59
            datetime(2026, 11, 30, 16, 0, tzinfo=UTC),  # 12-01 00:00
        )
        for n, moment in enumerate(moments):
            summary = f"第{n}件"
            log_work(
                session,
                officer,
                "task.done",
                summary,
                now=moment,
                subject_kind="task",
                subject_id=n,
            )
        await session.commit()
        text = await month_csv(session, officer, date(2026, 11, 1), services.settings.zone)
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["时间", "民警", "警务区", "事项", "对象", "内容"]
    assert rows[1:] == [
        ["2026-11-01 00:00", "一号民警", "一号警务区", "完成任务", "task#1", "第1件"],
        ["2026-11-30 23:59", "一号民警", "一号警务区", "完成任务", "task#2", "第2件"],
    ]
