"""A time of day in the configuration ("07:30", or "07:30:15"), station time.

Kept free of other project imports: `bot.config` imports the settings that use it.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import AfterValidator

_CLOCK = re.compile(r"([01]\d|2[0-3]):([0-5]\d)(?::([0-5]\d))?")


def _checked(value: str) -> str:
    if not _CLOCK.fullmatch(value):
        raise ValueError("expected HH:MM (24-hour), such as 07:30")
    return value


#: A setting holding a time of day, refused at start-up unless it reads HH:MM[:SS].
ClockSetting = Annotated[str, AfterValidator(_checked)]


def clock_time(value: str) -> dt.time:
    """The `datetime.time` of a checked `ClockSetting`."""
    match = _CLOCK.fullmatch(value)
    assert match is not None, value
    hours, minutes, seconds = match.groups()
    return dt.time(int(hours), int(minutes), int(seconds or 0))
