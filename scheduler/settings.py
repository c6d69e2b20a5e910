"""`[scheduler]`: which process runs the scheduled jobs, and outbox delivery leases.

Kept free of other project imports: `bot.config` imports this module.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel, ConfigDict, Field, model_validator

#: A send may use the first half of its lease (`scheduler.delivery`) and its outcome is
#: written in the second. Half must outlast one platform call, or a send cut mid-call may
#: have reached the chat and is sent again: with a 2 s lease, two replicas under load cut
#: robot sends at 1 s and groups read alerts twice. The channels' own `api_timeout`s are
#: checked against the lease where both are known (`lease_problem`, from `bot.config`);
#: this floor also covers channels without one.
SAFE_DELIVERY_LEASE = 10.0


def lease_problem(lease: float, timeouts: Mapping[str, float]) -> str | None:
    """Why a delivery lease of `lease` seconds is too short for the platform calls of the
    channels that are on (`timeouts`: each one's timeout by its config key), or None."""
    if not timeouts:
        return None
    key, longest = max(timeouts.items(), key=lambda item: item[1])
    if lease >= 2 * longest:
        return None
    return (
        f"scheduler.delivery_lease_seconds must be at least twice {key} "
        f"({2 * longest:g}, got {lease:g}): a send is cut at half the lease, and a call "
        "cut before the platform answers may have reached the chat and is sent twice; "
        f"raise scheduler.delivery_lease_seconds or lower {key}"
    )


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
    #: mid-send leaves the row to another after this long. A send is cut at half of it (and
    #: at 30 s), so that no other worker can claim a row still being sent; half must also
    #: outlast the `api_timeout` of each channel that is on (checked in `bot.config`).
    delivery_lease_seconds: float = Field(default=60.0, le=3600.0)
    #: Seconds between looks at the outbox when nothing woke the worker.
    delivery_poll_seconds: float = Field(default=0.5, gt=0, le=60.0)

    @model_validator(mode="after")
    def _lease_outlives_sends(self) -> SchedulerSettings:
        least = max(SAFE_DELIVERY_LEASE, 2 * self.delivery_poll_seconds)
        if self.delivery_lease_seconds < least:
            raise ValueError(
                f"scheduler.delivery_lease_seconds must be at least {least:g} "
                f"(got {self.delivery_lease_seconds:g}): a send is cut at half of it, and "
                "half must outlast a platform call, or a message cut mid-call is sent "
                "twice; it must also be at least twice scheduler.delivery_poll_seconds"
            )
        return self
