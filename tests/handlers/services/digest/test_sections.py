"""Digest sections over a station's history: what they count, and how they find it."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.context import Services
from handlers.services.digest.day import OfficerDay
from handlers.services.digest.sections import registrations
from storage.models import Beat, Person
from tests.support.beat_data import guest_stay, store
from tests.support.clock import FakeClock
from tests.support.plans import plans, sqlite_only, statements
from tests.support.seed import Seeded

#: 2026-11-22 10:00 in Shanghai: the digest of the 23rd counts this day.
YESTERDAY = datetime(2026, 11, 22, 2, 0, tzinfo=UTC)


async def test_yesterdays_guests_are_counted_from_that_day_alone(
    services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    """A year of a beat's stays were read to count one day's: SQLite found them by venue and
    checked each one's time (25 to 65 ms a beat at a district station, every chat waiting,
    and more as the year filled up)."""
    sqlite_only(services)
    assert seeded.hotel.id is not None
    earlier = [
        guest_stay(services, seeded.hotel.id, YESTERDAY - timedelta(days=n)) for n in range(60)
    ]
    await store(services, *earlier, guest_stay(services, seeded.hotel.id, YESTERDAY, foreign=True))
    async with services.sessions() as session:
        officer = await session.get(Person, seeded.officer.id)
        beat = await session.get(Beat, seeded.beat.id)
        assert officer is not None and beat is not None
        day = OfficerDay(session, services.settings, officer, beat, date(2026, 11, 23), clock.now)
        async with statements(session) as sent:
            lines = await registrations(day)
        (stays_plan,) = await plans(session, sent, "guest_stay")
    assert lines == ["【昨日登记】旅客 2 人（外国人、港澳台居民 1 人）"]  # 租客 0 人 left out
    assert "ix_guest_stay_venue_created (venue_id=? AND created_at>? AND created_at<?)" in (
        stays_plan
    ), stays_plan
