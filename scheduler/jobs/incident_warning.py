"""The seven-day incident warning: once the day is over, tell each beat officer whose
(beat, type) level changed, with the figures and a chart."""

from __future__ import annotations

from pathlib import Path

from bot.context import Services
from bot.media import MediaStore
from handlers.services.incidents.levels import last_whole_day
from handlers.services.incidents.warning import announce, evaluate_levels


async def warn_incident_levels(services: Services) -> int:
    """Evaluate yesterday (station time) if not done yet; returns how many levels changed."""
    settings = services.settings
    now = services.clock()
    day = last_whole_day(now, settings.zone)
    media = MediaStore(Path(settings.storage.media_dir))
    async with services.sessions() as session:
        changes = await evaluate_levels(session, settings.incidents, settings.zone, day, now)
        for change in changes:
            await announce(session, settings.incidents, media, change, now)
        await session.commit()
    return len(changes)
