"""A level change notifies the beat officer once, with the figures and a PNG chart."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from PIL import Image as PILImage
from sqlmodel import select

from bot import codec
from bot.context import Services
from bot.media import MediaStore
from bot.messages import Image, Text
from scheduler.jobs.incident_warning import warn_incident_levels
from storage.models import IncidentLevel, WarningLevel
from tests.support.beat_data import incidents, store
from tests.support.clock import FakeClock
from tests.support.outbox import opened, queued, texts_to
from tests.support.seed import Seeded

#: The clock's "yesterday" (station time) at noon, in UTC.
YESTERDAY_NOON = datetime(2026, 11, 22, 4, 0, tzinfo=UTC)


async def test_level_change_is_announced_once_with_a_chart(
    services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    assert seeded.beat.id is not None
    # A quiet beat: the first evaluation records green and says nothing.
    await store(services, *incidents(seeded.beat.id, "盗窃", {20: 1}, YESTERDAY_NOON))
    assert await warn_incident_levels(services) == 0
    # Next day: a week of 2 a day after a week of 1 a day: average 2.0 (+100%) -> red.
    clock.advance(days=1)
    week_before = dict.fromkeys(range(7, 14), 1)
    this_week = dict.fromkeys(range(7), 2)
    noon = YESTERDAY_NOON + timedelta(days=1)
    await store(services, *incidents(seeded.beat.id, "盗窃", week_before | this_week, noon))
    assert await warn_incident_levels(services) == 1
    assert await warn_incident_levels(services) == 0  # the same day again: nothing new
    (row,) = await queued(services, "officer")
    text, image = codec.loads(opened(row))
    assert isinstance(text, Text) and isinstance(image, Image)
    assert "七日警情预警：一号警务区 盗窃 升至红色" in text.text
    assert "盗窃 红（较前7天明显上升）：近7天14起（昨天2起），前7天7起" in text.text
    png = MediaStore(Path(services.settings.storage.media_dir)).get(image.sha256)
    assert png is not None
    with PILImage.open(io.BytesIO(png)) as picture:
        assert picture.format == "PNG" and picture.size == (640, 360)
    async with services.sessions() as session:
        state = (await session.exec(select(IncidentLevel))).one()
    assert state.level == WarningLevel.RED and state.as_of == date(2026, 11, 23)


async def test_back_to_green_when_incidents_stop(
    services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    assert seeded.beat.id is not None
    await store(
        services, *incidents(seeded.beat.id, "诈骗", dict.fromkeys(range(7), 1), YESTERDAY_NOON)
    )
    assert await warn_incident_levels(services) == 1  # yellow (and risen from nothing: orange)
    clock.advance(days=30)
    assert await warn_incident_levels(services) == 1
    texts = await texts_to(services, "officer")
    assert "升至橙色" in texts[0] and "诈骗 恢复绿色" in texts[1]
