"""The scheduled jobs, in one list: name -> (job, schedule).

A schedule is seconds between runs, `Daily(time)` in the station's zone, or `Morning` (a
push checked every few minutes from its time on). The jobs run in the one process holding
the scheduler lease (`scheduler.scheduled`), from a persistent store; each still works from
the database with version checks or unique keys, so a run repeated after a takeover or by
`jingmin jobs run` does no harm.

A run by hand (`jingmin jobs run`, `by_hand`) sends a morning push whatever the time: the
hours it keeps are there so that a server started late does not send it unasked, and station
IT staff running it in the evening (the morning's went missing) mean it to go.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time, timedelta

from bot.context import Services
from bot.dispatch import Dispatcher
from handlers.services.risk.ruleset import load_rule_set
from handlers.wanted.hit_cards import send_hit_cards
from handlers.wanted.rotation import send_rotation
from scheduler.jobs.broadcasts import (
    release_broadcasts,
    remind_unacknowledged,
    send_daily_alerts,
)
from scheduler.jobs.digest import send_digests
from scheduler.jobs.form_expiry import expire_forms
from scheduler.jobs.incident_warning import warn_incident_levels
from scheduler.jobs.inspection_reminders import remind_inspections
from scheduler.jobs.retention import purge_expired
from scheduler.jobs.risk_scoring import score_risks
from scheduler.jobs.stay_reminders import remind_overdue_stays
from scheduler.jobs.tip_escalation import escalate_tips
from scheduler.jobs.tip_relays import forget_tip_relays
from scheduler.jobs.visits import plan_visits
from scheduler.schedule import Daily, Job, Morning, Schedule

__all__ = ["Daily", "Job", "Schedule", "jobs_for"]

log = logging.getLogger(__name__)

#: How late a morning push may still go out. The digest, the day's wanted cards and each
#: beat's daily alert are sent by jobs running every few minutes from their time on, so a
#: server started after it catches up; one started in the evening had sent 「警务日报」 and
#: 「今日在逃人员卡片」 at 23:18. Later than this the day's push is skipped (officers still
#: have /日报 and /通缉).
MORNING_GRACE = timedelta(hours=4)


def in_the_morning(services: Services, name: str, at: time, job: Job) -> Job:
    """`job`, run only from `at` until `MORNING_GRACE` after it (station time); a day
    skipped is logged once."""
    skipped: set[date] = set()

    async def run() -> int:
        local = services.clock().astimezone(services.settings.zone)
        start = datetime.combine(local.date(), at, local.tzinfo)
        if local < start:
            return 0
        if local < start + MORNING_GRACE:
            return await job()
        if local.date() not in skipped:
            skipped.clear()
            skipped.add(local.date())
            log.warning(
                "%s: not sent today, %s is more than %s after %s",
                name,
                f"{local:%H:%M}",
                MORNING_GRACE,
                f"{at:%H:%M}",
            )
        return 0

    return run


def jobs_for(
    services: Services, dispatcher: Dispatcher, *, by_hand: bool = False
) -> dict[str, tuple[Job, Schedule]]:
    """Job name -> (coroutine function, seconds between runs or a daily time). `by_hand`:
    for one run now, by `jingmin jobs run`, when the morning pushes keep no hours."""
    titles = dispatcher.forms.titles()
    rules = load_rule_set(services.settings)

    def morning(name: str, at: time, job: Job, every: int) -> tuple[Job, Schedule]:
        # Run every `every` seconds, but described as what it is: a daily push.
        run = job if by_hand else in_the_morning(services, name, at, job)
        return run, Morning(at, every, MORNING_GRACE)

    return {
        "form_expiry": (lambda: expire_forms(services, titles), 60),
        "retention_purge": (lambda: purge_expired(services), 3600),
        "tip_escalation": (lambda: escalate_tips(services), 60),
        # Within a minute of delivery: a delivered relay only ties a tip to its tipster.
        "tip_relays": (lambda: forget_tip_relays(services), 60),
        "inspection_reminders": (lambda: remind_inspections(services), 3600),
        # Guests never checked out, put to their owners once a day from [registration]
        # overdue_time (the outbox key names the place and the day).
        "stay_reminders": (lambda: remind_overdue_stays(services), 3600),
        # Scores what is not yet scored today, so a frequent run is cheap once done.
        "risk_scoring": (lambda: score_risks(services, rules), 900),
        "visit_tasks": (lambda: plan_visits(services, rules), 3600),
        "incident_warning": (lambda: warn_incident_levels(services), 1800),
        # Sends from [digest] time on (for `MORNING_GRACE`), once per officer and day (the
        # outbox key).
        "officer_digest": morning(
            "officer_digest",
            services.settings.digest.at,
            lambda: send_digests(services, any_time=by_hand),
            300,
        ),
        # Alerts: each beat's daily alert from [broadcast] daily_time on (for
        # `MORNING_GRACE`, once per beat and day, its `daily_key`); scheduled ones released
        # and withdrawals finished; one reminder to who has not acknowledged an important or
        # urgent alert.
        "daily_alert": morning(
            "daily_alert",
            services.settings.broadcast.daily_at,
            lambda: send_daily_alerts(services),
            60,
        ),
        "broadcast_release": (lambda: release_broadcasts(services), 30),
        "broadcast_reminders": (lambda: remind_unacknowledged(services), 300),
        # Wanted cards: each officer's few a day from [wanted] time (for `MORNING_GRACE`,
        # once per officer and day, the outbox key); the card a hit alert could not carry, seconds after it.
        "wanted_rotation": morning(
            "wanted_rotation",
            services.settings.wanted.at,
            lambda: send_rotation(services),
            300,
        ),
        "wanted_hit_cards": (lambda: send_hit_cards(services), 10),
    }
