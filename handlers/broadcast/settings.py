"""`[broadcast]`: the daily alert, approval, reminders and the CAP export.

Kept free of other project imports: `bot.config` imports this module.
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

from handlers.services.clock_setting import ClockSetting, clock_time


class BroadcastSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    #: Assemble and send each beat's daily alert (queued items, seasonal warnings, wanted
    #: notices, incident trends).
    daily_enabled: bool = True
    #: When, in the station's time zone: HH:MM (HH:MM:SS is accepted too).
    daily_time: ClockSetting = "07:00"
    #: Alerts to more than the author's own beat wait for a station leader (admin) to
    #: approve them with /批准.
    approval_beyond_beat: bool = False
    #: Minutes after which recipients who have not acknowledged an important or urgent
    #: alert are reminded once (0: never).
    remind_after_minutes: int = Field(default=120, ge=0)
    #: Hours an alert stays current when the officer names no expiry.
    expire_hours: int = Field(default=24, ge=1, le=24 * 30)
    #: Hours an officer can still correct or withdraw an alert.
    revise_hours: int = Field(default=72, ge=1)
    #: Token for GET /api/broadcasts/{id}.cap.xml of non-public alerts (header
    #: `Authorization: Bearer TOKEN` or `?token=`). Empty: only public alerts are exported
    #: over HTTP; `jingmin broadcast export` always works. Keep it in JINGMIN_BROADCAST__CAP_TOKEN.
    cap_token: str = ""
    #: CAP `sender`; empty: jingmin@<station code>.
    cap_sender: str = ""
    #: A TOML file of seasonal warnings replacing handlers/broadcast/seasonal.toml.
    seasonal_file: str = ""

    @property
    def daily_at(self) -> dt.time:
        return clock_time(self.daily_time)
