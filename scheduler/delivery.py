"""Deliver outbox rows through their channels: one lane per channel, each paced to its limits.

A lane claims only what it can send now (its free concurrency), just before sending, under a
short lease (`scheduler.claims`): a row is marked sent only after the channel accepted it,
and a worker killed mid-send leaves at most its in-flight rows to be sent again once their
lease runs out. Rows for a chat that has had its share are pushed back in the table
(`scheduler.limits`), and the channel as a whole waits for its overall rate
(`scheduler.gates`), so a broadcast to 500 robot groups goes out at the platform's rate
rather than being refused, and one busy channel never holds up another.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import json
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from prometheus_client import Counter

from bot import choice_memory
from bot.channels.base import Cause, Channel, DeliveryError, OverBudget, Progress, raised_at
from bot.messages import Choices, Reply
from scheduler.claims import Claims
from scheduler.gates import Gate, LocalGate, OpenGate, SharedGate
from scheduler.limits import ChannelPolicy, Windows, policy_for
from scheduler.outcome import MAX_ATTEMPTS, after_failure, backoff
from storage.db import SessionFactory
from storage.models import OutboxMessage, OutboxStatus
from storage.outbox import forgets_chat_when_sent, repack, replies_of

log = logging.getLogger(__name__)

DELIVERED = Counter(
    "jingmin_outbox_total",
    "Outbox delivery attempts by this worker (jingmin_worker) since it started",
    ["channel", "outcome"],
)

LEASE = timedelta(seconds=60)
#: Longest one send may take (real seconds). A send also ends by the middle of its row's
#: lease (`_time_to_send`), however short the lease: a slow platform never lets a second
#: worker claim a row that is still being sent, and the other half is left for writing the
#: outcome under the claim.
SEND_TIMEOUT = 30.0
#: Rows `run_once` takes per channel.
BATCH = 50
#: Seconds of a channel's overall rate a lane books at once (one round trip to the shared
#: count per batch); the rows wait at most this long for their turn.
RESERVE_AHEAD = 0.3
#: Seconds `stop` waits for sends in flight.
DRAIN_SECONDS = 10.0
#: Seconds `stop` then gives the sends it cancels to record how far they got.
_RECORD_SECONDS = 5.0
#: Per-chat windows idle this long are forgotten.
_PRUNE_AFTER = 300.0

__all__ = ["BATCH", "LEASE", "MAX_ATTEMPTS", "DeliveryWorker", "backoff"]


@dataclass
class _Lane:
    name: str
    channel: Channel
    policy: ChannelPolicy
    gate: Gate
    tasks: set[asyncio.Task[None]] = field(default_factory=set)
    kick: asyncio.Event = field(default_factory=asyncio.Event)


async def _woken(kick: asyncio.Event, seconds: float) -> None:
    """Wait until `kick` is set or `seconds` have passed.

    Not `asyncio.wait_for`: on Python 3.11, when `stop()` cancels the loop just as `kick` is
    set (a send finishing, a message queued), it returns instead of raising, the loop goes
    round again, and a server told to stop never exits. `asyncio.timeout` lets the cancel
    through."""
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(seconds):
            await kick.wait()


@dataclass
class _Failures:
    """Failures in a row of one delivery loop. The first is logged with its traceback, the
    rest only once it works again: with the database down, every lane failed twice a second
    and wrote a hundred-line traceback each time, enough to fill a disk in a night."""

    what: str
    count: int = 0

    def failed(self) -> None:
        self.count += 1
        if self.count == 1:
            log.exception("outbox: %s failed (not logged again until it works)", self.what)

    def worked(self) -> None:
        if self.count:
            log.warning("outbox: %s works again after %d failures", self.what, self.count)
        self.count = 0


def _log_failure(row: OutboxMessage, channel: str, outcome: str, values: dict[str, object]) -> None:
    """One line per failed attempt, naming the row, never its chat or content."""
    if values.get("status") is OutboxStatus.FAILED:
        then = "given up"
    else:
        then = f"attempt {values.get('attempts')}, next at {values.get('next_attempt_at')}"
    level = logging.INFO if outcome == "retry" else logging.WARNING
    log.log(
        level,
        "outbox row %s on %s %s (%s): %s",
        row.id,
        channel,
        outcome,
        then,
        values.get("last_error"),
    )


def _message_count(row: OutboxMessage) -> int:
    return max(row.parts, 1)


class DeliveryWorker:
    def __init__(
        self,
        sessions: SessionFactory,
        channels: Mapping[str, Channel],
        clock: Callable[[], datetime],
        *,
        skip_locked: bool,
        poll_seconds: float = 0.5,
        lease: timedelta = LEASE,
        time_scale: float = 1.0,
        shared_rates: bool | None = None,
    ) -> None:
        """`skip_locked`: PostgreSQL, where several processes may deliver. `shared_rates`:
        whether several processes deliver (default: with `skip_locked`), so that overall
        rates are counted in the database. `time_scale`: how much faster than real time
        `clock` runs (benchmarks speed up the fakes and the clocks together)."""
        self._clock = clock
        self._sessions = sessions
        self._claims = Claims(sessions, skip_locked=skip_locked, lease=lease)
        self._windows = Windows(lambda: clock().timestamp())
        self._poll = poll_seconds
        self._scale = time_scale
        self._lanes: dict[str, _Lane] = {}
        for name, channel in channels.items():
            policy = policy_for(name)
            gate: Gate = OpenGate()
            if policy.overall is not None:
                key = f"delivery:{name}"
                gate = (
                    SharedGate(sessions, key, policy.overall, clock)
                    if (skip_locked if shared_rates is None else shared_rates)
                    else LocalGate(self._windows, key, policy.overall)
                )
            self._lanes[name] = _Lane(name, channel, policy, gate)
        self._loops: list[asyncio.Task[None]] = []
        self._strays_kick = asyncio.Event()

    # -- lifecycle ------------------------------------------------------------------------

    def wake(self) -> None:
        """Something was queued: look now instead of at the next poll."""
        for lane in self._lanes.values():
            lane.kick.set()
        self._strays_kick.set()

    async def start(self) -> None:
        for lane in self._lanes.values():
            self._loops.append(asyncio.create_task(self._run(lane), name=f"outbox-{lane.name}"))
        self._loops.append(asyncio.create_task(self._run_strays(), name="outbox-strays"))

    async def stop(self) -> None:
        """Stop claiming, and let sends in flight finish (their rows are then marked)."""
        for task in self._loops:
            task.cancel()
        await asyncio.gather(*self._loops, return_exceptions=True)
        self._loops.clear()
        in_flight = {t for lane in self._lanes.values() for t in lane.tasks}
        if in_flight:
            _done, late = await asyncio.wait(in_flight, timeout=DRAIN_SECONDS)
            # A send cancelled part way keeps only its rest (`_deliver`), written before the
            # database closes; the others' leases run out and another worker sends them.
            for task in late:
                task.cancel()
            if late:
                await asyncio.wait(late, timeout=_RECORD_SECONDS)

    async def run_once(self) -> int:
        """Deliver what may be sent now, and wait for it; returns how many rows were taken."""
        taken = await self._claims.strays(self._lanes, self._clock(), BATCH)
        for lane in self._lanes.values():
            taken += await self._pass(lane, BATCH, wait=False)
            if lane.tasks:
                await asyncio.gather(*lane.tasks, return_exceptions=True)
        return taken

    # -- lanes ----------------------------------------------------------------------------

    async def _sleep(self, clock_seconds: float) -> None:
        await asyncio.sleep(clock_seconds / self._scale)

    async def _run(self, lane: _Lane) -> None:
        passes = 0
        failures = _Failures(f"claiming for {lane.name}")
        while True:
            lane.kick.clear()
            free = lane.policy.concurrency - len(lane.tasks)
            got = 0
            if free > 0:
                try:
                    got = await self._pass(lane, free, wait=True)
                except Exception:
                    failures.failed()
                else:
                    failures.worked()
            passes += 1
            if passes % 1000 == 0:
                self._windows.prune(_PRUNE_AFTER)
            if got == 0 or len(lane.tasks) >= lane.policy.concurrency:
                # Woken by a finished send, something queued, or the poll.
                await _woken(lane.kick, self._poll)

    async def _run_strays(self) -> None:
        failures = _Failures("failing rows of unknown channels")
        while True:
            self._strays_kick.clear()
            try:
                await self._claims.strays(self._lanes, self._clock(), BATCH)
            except Exception:
                failures.failed()
            else:
                failures.worked()
            await _woken(self._strays_kick, max(self._poll, 5.0))

    def _pick(
        self, lane: _Lane, rows: list[OutboxMessage]
    ) -> tuple[list[OutboxMessage], dict[int, datetime]]:
        """Rows whose chat still has room now; the rest with when to look again."""
        now = self._clock()
        ready: list[OutboxMessage] = []
        later: dict[int, datetime] = {}
        for row in rows:
            rate = lane.policy.per_chat(row.chat_id)
            assert row.id is not None
            wait = (
                self._windows.take(f"{lane.name}:{row.chat_id}", rate, _message_count(row))
                if rate is not None
                else 0.0
            )
            if wait > 0:
                later[row.id] = now + timedelta(seconds=wait)
            else:
                ready.append(row)
        return ready, later

    async def _pass(self, lane: _Lane, limit: int, *, wait: bool) -> int:
        """Claim up to `limit` rows and start sending them at the channel's overall rate.

        With `wait`, pace by sleeping; without, push back what does not fit now."""
        rows = await self._claims.take(
            lane.name, self._clock(), limit, pick=lambda found: self._pick(lane, found)
        )
        started = 0
        loop = asyncio.get_running_loop()
        while started < len(rows):
            delays, pause = await lane.gate.reserve(
                len(rows) - started, RESERVE_AHEAD if wait else 0.0
            )
            base = loop.time()
            for offset, (row, delay) in enumerate(zip(rows[started:], delays, strict=False)):
                # Times are on the (possibly sped-up) clock; sleep in real seconds.
                ahead = base + delay / self._scale - loop.time()
                if ahead > 0:
                    await asyncio.sleep(ahead)
                if self._too_late(row):
                    await self._release_late(lane, rows[started + offset :])
                    return len(rows)
                task = asyncio.create_task(self._deliver(lane, row))
                lane.tasks.add(task)
                task.add_done_callback(functools.partial(self._done, lane))
            started += len(delays)
            if started < len(rows):
                if not wait:
                    for row in rows[started:]:
                        if lane.policy.per_chat(row.chat_id) is not None:
                            self._windows.give_back(
                                f"{lane.name}:{row.chat_id}", _message_count(row)
                            )
                    # One write for the rest: a row at a time took most of a broadcast test.
                    later = self._clock() + timedelta(seconds=pause)
                    await self._claims.put_off(rows[started:], later)
                    break
                # `pause` counts from the booking, and the sends above took some of it.
                rest = base + pause / self._scale - loop.time()
                if rest > 0:
                    await asyncio.sleep(rest)
        return len(rows)

    @staticmethod
    def _done(lane: _Lane, task: asyncio.Task[None]) -> None:
        lane.tasks.discard(task)
        lane.kick.set()

    def _time_to_send(self, row: OutboxMessage) -> tuple[float, float]:
        """(real seconds the send of `row` may take from now, the most any send may take).

        A send must end by the middle of its row's lease, counted from the claim: pacing
        may have held the row since. A send cut by this deadline may still have reached the
        platform, but a send outliving the lease is sent again for certain, by whichever
        worker claims the row next."""
        assert row.claimed_until is not None
        half = self._claims.lease / 2
        left = (row.claimed_until - half - self._clock()).total_seconds() / self._scale
        most = min(SEND_TIMEOUT, half.total_seconds() / self._scale)
        return min(left, most), most

    def _too_late(self, row: OutboxMessage) -> bool:
        """Held so long before its turn that its send would likely be cut."""
        left, most = self._time_to_send(row)
        return left < most / 2

    async def _release_late(self, lane: _Lane, rows: list[OutboxMessage]) -> None:
        """Put back a row whose turn came too late, with the rest of its batch, for a later
        claim with the whole time. The rest were claimed with it and are later still; and
        they go back in the same write, before this lane claims again, so that no worker
        sends a chat's next message while the one before it is out of reach."""
        log.info(
            "outbox row %s on %s: its turn came too late in its lease; %d rows put back",
            rows[0].id,
            lane.name,
            len(rows),
        )
        for row in rows:
            if lane.policy.per_chat(row.chat_id) is not None:
                self._windows.give_back(f"{lane.name}:{row.chat_id}", _message_count(row))
        await self._claims.release(rows)

    async def _deliver(self, lane: _Lane, row: OutboxMessage) -> None:
        assert row.id is not None
        key = f"{lane.name}:{row.chat_id}"
        left, _most = self._time_to_send(row)
        progress = Progress()
        refs: list[str] = []
        failure: DeliveryError | None = None
        outcome = ""
        try:
            async with self._sessions() as session:  # opens no connection: only the cipher
                replies = replies_of(session, row)
            async with asyncio.timeout(left):
                refs = await lane.channel.send(row.chat_id, replies, progress)
        except asyncio.CancelledError:
            # `stop` (the server shutting down) ended the send mid-call: what went out is
            # recorded as after a timeout, so that the next start sends only the rest.
            if progress.unsent is not None:
                await self._stopped_part_way(row, progress.unsent)
            raise
        except DeliveryError as exc:
            failure = exc
            unsent = exc.unsent if exc.unsent is not None else progress.unsent
        except Exception as exc:  # a bug in a channel, or the timeout: may pass, so retry
            # The platform not answering in time is the platform out of reach.
            cause = Cause.UNREACHABLE if isinstance(exc, TimeoutError) else Cause.OTHER
            failure, outcome = DeliveryError(raised_at(exc), cause=cause), "error"
            unsent = progress.unsent  # the timeout cancels mid-call: the channel said nothing
        else:
            unsent = None
        if failure is not None and unsent == []:
            # Every message had gone out when the send failed or timed out: the row is done,
            # and a retry would send all of it again.
            log.info("outbox row %s on %s: all sent before %s", row.id, lane.name, failure)
            failure = None
        if failure is None:
            values = _sent(row, self._clock())
            if refs:
                values["sent_refs"] = json.dumps(refs)[:1000]
            outcome = "sent"
            await self._remember_choices(lane, row.chat_id, replies)
        else:
            values = after_failure(row, failure, self._clock())
            if failure.retry_after:
                self._windows.block(key, failure.retry_after)
            if not outcome:
                outcome = "failed" if values.get("status") is OutboxStatus.FAILED else "retry"
            if not isinstance(failure, OverBudget):
                _log_failure(row, lane.name, outcome, values)
            if unsent and values.get("status") is not OutboxStatus.FAILED:
                # Some messages went out: the retry sends only the rest (never one twice).
                async with self._sessions() as session:
                    values["payload"] = repack(session, unsent)
                values["parts"] = len(unsent)
        DELIVERED.labels(lane.name, outcome).inc()
        await self._claims.finish(row, values)

    async def _stopped_part_way(self, row: OutboxMessage, unsent: list[Reply]) -> None:
        """A send cancelled after some messages went out: the row keeps only the rest (or is
        sent, if nothing was left), and is free for the next worker. No attempt is counted:
        the platform did not fail."""
        assert row.id is not None
        values: dict[str, object]
        if unsent:
            async with self._sessions() as session:
                values = {"payload": repack(session, unsent), "parts": len(unsent)}
        else:
            values = _sent(row, self._clock())
        log.info("outbox row %s on %s stopped part way: %d left", row.id, row.channel, len(unsent))
        await self._claims.finish(row, values)

    async def _remember_choices(self, lane: _Lane, chat_id: str, replies: list[Reply]) -> None:
        """Options pushed as numbered lines are what a number typed next refers to, as if a
        reply had shown them (an officer's 「1」 after a hit alert opens its details)."""
        key_of = getattr(lane.channel, "pushed_choices_key", None)
        user = key_of(chat_id) if key_of is not None else None
        if user is None or not any(isinstance(r, Choices) for r in replies):
            return
        try:
            async with self._sessions() as session:
                await choice_memory.remember(session, user, replies, self._clock())
                await session.commit()
        except Exception:  # the message went out; only typing its number will not work
            log.warning("outbox: could not remember the options sent on %s", lane.name)


def _sent(row: OutboxMessage, now: datetime) -> dict[str, object]:
    """The outcome of a row all of whose messages went out."""
    values: dict[str, object] = {"status": OutboxStatus.SENT, "sent_at": now, "last_error": ""}
    if forgets_chat_when_sent(row.dedupe_key):
        # A tipster's chat, beside the minute of the officer's message to the tip, ties an
        # anonymous tip to them: it goes in the write that marks the row sent, not a minute
        # later with the row (scheduler.jobs.tip_relays, still the sweep for failed ones).
        values["chat_id"] = ""
    return values
