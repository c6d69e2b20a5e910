"""`[scheduler]`: which process runs the scheduled jobs, and outbox delivery leases.

Kept free of other project imports: `bot.config` imports this module.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field, model_validator


class SchedulerSettings(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    #: Run scheduled jobs in this process (when it holds the lease). Delivery always runs.
    enabled: bool = True
    #: Seconds the scheduler lease lasts; the holder renews it every third of that. When
    #: the holder dies, another replica takes over within about this long.
    lease_seconds: float = Field(default=30.0, ge=1.0, le=600.0)
    #: Seconds a job may start late (after a restart or a takeover) and still run; runs
    #: missed together are run once (coalesced).
    misfire_grace_seconds: int = Field(default=3600, ge=1)
    #: Seconds a delivery worker holds an outbox row while sending it; a worker that dies
    #: mid-send leaves the row to another after this long. Longer than any one send.
    delivery_lease_seconds: float = Field(default=60.0, ge=1.0, le=3600.0)
    #: Seconds between looks at the outbox when nothing woke the worker.
    delivery_poll_seconds: float = Field(default=0.5, gt=0, le=60.0)

    @model_validator(mode="after")
    def _lease_outlives_sends(self) -> SchedulerSettings:
        if self.delivery_lease_seconds < 2 * self.delivery_poll_seconds:
            raise ValueError("delivery_lease_seconds must be at least twice the poll")
        return self
