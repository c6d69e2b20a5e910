"""The morning digest for every officer, on a station-sized SQLite database.

    .venv/bin/python bench/digest.py [--officers 200] [--venues 20000] [--days 7]
    .venv/bin/python bench/digest.py --officers 20 --venues 400 --days 365   # a district station

Builds a fresh SQLite database (schema from the models) with one beat per officer and the
venues spread over the beats, a week of guest registrations (one to three a day per hotel),
tenancies, watchlist hits, tips, risk ratings and changes, a month of incidents and a few
tasks per officer. Then runs the digest job as the scheduler does at 07:30: assemble every
officer's digest and queue it in the outbox, in one process. Printed beside it, from the same
run on the same data: one plain `SELECT count(*)` of the beat's venues per officer (the
cheapest query a per-officer digest could make), so the figure is a ratio too; the same
digests made again one at a time (each section's queries once per officer, as before
`ForStation`) and a station's together, alternating, best of two each; then the time per
section and the nightly risk scoring of every venue.

The database gets no `ANALYZE`, as a station's never does: SQLite then plans from the indexes
alone. With a year of registrations (`--days 365`) that is what counts: the sections and the
risk scoring run once more after dropping `ix_guest_stay_venue_created` (the schema before
migration caa5714f6a83), and both figures are printed side by side, with the longest single
statement of each run (SQLite runs on the event loop, so that is how long every chat waits).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import delete, event, func, insert, text, update  # noqa: E402
from sqlalchemy.ext.asyncio import AsyncEngine  # noqa: E402
from sqlmodel import col, select  # noqa: E402
from sqlmodel.ext.asyncio.session import AsyncSession  # noqa: E402

from bot.config import Settings  # noqa: E402
from bot.context import Services  # noqa: E402
from handlers.services.digest import assemble  # noqa: E402
from handlers.services.digest.day import ForStation, OfficerDay, Section  # noqa: E402
from handlers.services.personal import PersonData, seal  # noqa: E402
from handlers.services.risk.ruleset import load_rule_set  # noqa: E402
from scheduler.jobs.digest import send_digests  # noqa: E402
from scheduler.jobs.risk_scoring import score_risks  # noqa: E402
from storage.crypto import BlindIndex, FieldCipher, new_key  # noqa: E402
from storage.db import create_all, make_engine, make_session_factory  # noqa: E402
from storage.models import (  # noqa: E402
    Account,
    Beat,
    GuestStay,
    HitStrength,
    Incident,
    OutboxMessage,
    Person,
    RiskChange,
    RiskColour,
    RiskSource,
    Role,
    Station,
    Task,
    Tenancy,
    Tip,
    TipCategory,
    TipStatus,
    Venue,
    VenueKind,
    VenueRisk,
    WantedPerson,
    WatchHit,
)
from storage.outbox import PAYLOAD  # noqa: E402
from storage.sealed import unseal  # noqa: E402

#: 07:31 on 2026-11-23 in Shanghai: just after the digest time.
NOW = datetime(2026, 11, 22, 23, 31, tzinfo=UTC)
KINDS = (
    [VenueKind.HOTEL] * 2
    + [VenueKind.HOMESTAY]
    + [VenueKind.RENTAL] * 4
    + [VenueKind.SHOP, VenueKind.RESTAURANT, VenueKind.INTERNET_CAFE]
)
INCIDENT_KINDS = ("盗窃", "诈骗", "纠纷", "交通事故")
BATCH = 5000
T = TypeVar("T")
Row = dict[str, Any]


async def bulk(session: AsyncSession, model: type, rows: list[Row]) -> None:
    for start in range(0, len(rows), BATCH):
        await session.exec(insert(model), params=rows[start : start + BATCH])


def ago(days: float = 0, hours: float = 0) -> datetime:
    return NOW - timedelta(days=days, hours=hours)


class Seeder:
    def __init__(self, services: Services, officers: int, venues: int, days: int) -> None:
        self.services = services
        self.officers, self.venues, self.days = officers, venues, days
        self.rng = random.Random(7)
        person = PersonData("王小明", "resident_id", "110105199207012457", phone="13812345678")
        # One sealed person for every registration: the digest never decrypts them.
        self.sealed = seal(services, person, "guest_stay")

    async def run(self) -> None:
        async with self.services.sessions() as session:
            station = Station(name="压测派出所", code="bench")
            session.add(station)
            await session.flush()
            assert station.id is not None
            beats = await self.people(session, station.id)
            rows = await self.places(session, beats)
            await self.registrations(session, rows)
            await self.signals(session, station.id, beats, rows)
            await session.commit()

    async def people(self, session: AsyncSession, station_id: int) -> list[int]:
        await bulk(
            session,
            Beat,
            [
                {"station_id": station_id, "name": f"警务区{n}", "code": f"b{n}"}
                for n in range(self.officers)
            ],
        )
        beats = [b for b in (await session.exec(select(Beat.id).order_by(Beat.id))).all() if b]
        officer = {"role": Role.OFFICER, "station_id": station_id, "created_at": NOW}
        people = [
            {**officer, "display_name": f"民警{n}", "beat_id": b} for n, b in enumerate(beats)
        ]
        await bulk(session, Person, people)
        ids = (await session.exec(select(Person.id).order_by(Person.id))).all()
        accounts = [
            {"channel": "web", "channel_user_id": f"officer-{p}", "person_id": p, "created_at": NOW}
            for p in ids
        ]
        await bulk(session, Account, accounts)
        return beats

    async def places(self, session: AsyncSession, beats: list[int]) -> list[Any]:
        venue = {"contact_phone": "", "licence_no": "L", "notes": "", "created_at": ago(400)}
        rows = [
            {
                **venue,
                "kind": KINDS[n % len(KINDS)],
                "name": f"场所{n}",
                "address": f"某路{n}号",
                "beat_id": beats[n % len(beats)],
                "plate": f"{100000 + n:06d}",
            }
            for n in range(self.venues)
        ]
        await bulk(session, Venue, rows)
        return list((await session.exec(select(Venue.id, Venue.kind, Venue.beat_id))).all())

    async def registrations(self, session: AsyncSession, venues: list[Any]) -> None:
        rng = self.rng
        hotels = [v for v in venues if v.kind in (VenueKind.HOTEL, VenueKind.HOMESTAY)]
        rentals = [v for v in venues if v.kind is VenueKind.RENTAL]
        stay = {**self.sealed, "room": "101", "is_primary": True, "nationality": "中国"}
        stays = []
        for day in range(self.days):
            for hotel in hotels:
                for _ in range(rng.choice((1, 2, 2, 3))):
                    moment = ago(day, rng.uniform(0, 24))
                    stays.append(
                        {
                            **stay,
                            "receipt_no": f"G{len(stays)}",
                            "venue_id": hotel.id,
                            "check_in_at": moment,
                            "created_at": moment,
                            "is_foreign": rng.random() < 0.02,
                        }
                    )
        await bulk(session, GuestStay, stays)
        lease = {**self.sealed, "lease_start": date(2026, 10, 1)}
        tenancies = [
            {
                **lease,
                "receipt_no": f"T{n}",
                "venue_id": r.id,
                "created_at": ago(rng.uniform(0, 60)),
            }
            for n, r in enumerate(rentals)
        ]
        await bulk(session, Tenancy, tenancies)

    async def signals(
        self, session: AsyncSession, station_id: int, beats: list[int], venues: list[Any]
    ) -> None:
        rng, n_officers = self.rng, self.officers
        wanted = WantedPerson(name="某", name_idx="x")
        session.add(wanted)
        await session.flush()
        hotels = [v for v in venues if v.kind is VenueKind.HOTEL]
        hit = {"wanted_id": wanted.id, "registration_kind": "guest", "strength": HitStrength.STRONG}
        hits = [
            {**hit, "registration_id": n, "venue_id": rng.choice(hotels).id,
             "created_at": ago(hours=rng.uniform(0, 48))}
            for n in range(n_officers // 2)
        ]  # fmt: skip
        await bulk(session, WatchHit, hits)
        tip = {"code_enc": "x", "text_enc": "x", "category": TipCategory.OTHER}
        statuses = (TipStatus.RECEIVED, TipStatus.CHECKING, TipStatus.HANDLED)
        tips = [
            {**tip, "alias": f"举报人-{n}", "code_idx": f"c{n}", "station_id": station_id,
             "beat_id": rng.choice(beats), "status": rng.choice(statuses),
             "created_at": ago(rng.uniform(0, 30))}
            for n in range(n_officers * 10)
        ]  # fmt: skip
        await bulk(session, Tip, tips)
        colours = rng.choices(list(RiskColour), (2, 5, 13, 80), k=len(venues))
        risks = [
            {"venue_id": v.id, "colour": c, "rules_colour": c, "rules_findings": "[]",
             "rules_at": ago(hours=8), "updated_at": NOW}
            for v, c in zip(venues, colours, strict=True)
        ]  # fmt: skip
        await bulk(session, VenueRisk, risks)
        change = {
            "source": RiskSource.RULES, "before": RiskColour.BLUE, "after": RiskColour.ORANGE,
            "combined_before": RiskColour.BLUE, "combined_after": RiskColour.ORANGE,
            "reason": "近30天比中在逃人员1次",
        }  # fmt: skip
        changes = [
            {**change, "venue_id": rng.choice(venues).id, "at": ago(hours=rng.uniform(0, 30))}
            for _ in range(n_officers * 3)
        ]
        await bulk(session, RiskChange, changes)
        incidents = [
            {"occurred_at": ago(rng.uniform(0, 35)), "kind": rng.choice(INCIDENT_KINDS),
             "place": "某路", "beat_id": rng.choice(beats), "source": "import",
             "external_no": f"J{n}", "created_at": NOW}
            for n in range(n_officers * 100)
        ]  # fmt: skip
        await bulk(session, Incident, incidents)
        people = (await session.exec(select(Person.id).order_by(Person.id))).all()
        tasks = [
            {"beat_id": beats[n % len(beats)],
             "officer_id": people[n % len(people)] if n % 2 else None,
             "kind": "visit", "subject": f"走访场所{n}",
             "due": date(2026, 11, 20) + timedelta(days=n % 7),
             "source": "bench", "status": "open", "created_at": NOW}
            for n in range(n_officers * 8)
        ]  # fmt: skip
        await bulk(session, Task, tasks)


def timed(section: Section, spent: dict[str, float]) -> Section:
    """`section`, adding the time it takes to `spent`; made for many digests at once still."""
    name = getattr(section, "__name__", "section")
    if isinstance(section, ForStation):
        many = section.many

        async def run_many(days: Sequence[OfficerDay]) -> list[list[str]]:
            started = time.perf_counter()
            try:
                return await many(days)
            finally:
                spent[name] = spent.get(name, 0.0) + time.perf_counter() - started

        run_many.__name__ = name
        return ForStation(run_many)

    async def run(day: OfficerDay) -> list[str]:
        started = time.perf_counter()
        try:
            return await section(day)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - started

    return run


def one_at_a_time(section: Section) -> Section:
    """`section` read for one digest at a time, as every section was before `ForStation`:
    the same queries, once per officer."""

    async def run(day: OfficerDay) -> list[str]:
        return await section(day)

    return run


async def forget_digests(services: Services) -> None:
    """Today's digests not yet sent, to make them again from the same data."""
    async with services.sessions() as session:
        await session.exec(
            delete(OutboxMessage).where(col(OutboxMessage.dedupe_key).startswith("digest:"))
        )
        await session.commit()


async def clocked(job: Callable[[], Awaitable[T]]) -> tuple[float, T]:
    started = time.perf_counter()
    result = await job()
    return time.perf_counter() - started, result


class Longest:
    """The longest single statement since `reset` (an engine event listener)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self.seconds = 0.0
        event.listen(engine.sync_engine, "before_cursor_execute", self._before)
        event.listen(engine.sync_engine, "after_cursor_execute", self._after)

    def _before(self, conn: Any, *_args: Any) -> None:
        conn.info["bench_started"] = time.perf_counter()

    def _after(self, conn: Any, *_args: Any) -> None:
        took = time.perf_counter() - conn.info.pop("bench_started", time.perf_counter())
        self.seconds = max(self.seconds, took)

    def reset(self) -> float:
        seconds, self.seconds = self.seconds, 0.0
        return seconds


async def without_stays_index(services: Services) -> None:
    """Back to the schema before caa5714f6a83, and the next day's digests not yet sent."""
    async with services.sessions() as session:
        await session.exec(text("DROP INDEX ix_guest_stay_venue_created"))
        await session.exec(
            delete(OutboxMessage).where(col(OutboxMessage.dedupe_key).startswith("digest:"))
        )
        await session.commit()


async def rescore(services: Services) -> None:
    """Every venue to be scored again, as on the next station day."""
    async with services.sessions() as session:
        await session.exec(update(VenueRisk).values(rules_at=None))
        await session.commit()


async def count(services: Services, model: type) -> int:
    async with services.sessions() as session:
        return (await session.exec(select(func.count()).select_from(model))).one()


async def main(officers: int, venues: int, days: int) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="jingmin-digest-"))
    settings = Settings.model_validate(
        {
            "database": {"url": f"sqlite+aiosqlite:///{workdir / 'bench.db'}"},
            "storage": {"media_dir": str(workdir / "media")},
        }
    )
    engine = make_engine(settings.database)
    await create_all(engine)
    cipher = FieldCipher.from_config({"k": new_key()}, "k")
    services = Services(
        settings,
        make_session_factory(engine, cipher),
        cipher,
        BlindIndex.from_config(new_key()),
        lambda: NOW,
    )
    seconds, _ = await clocked(Seeder(services, officers, venues, days).run)
    models = (Venue, GuestStay, Tenancy, Incident, Tip, Task, RiskChange)
    sizes = {m.__name__: await count(services, m) for m in models}
    print(f"seeded in {seconds:.1f} s: " + ", ".join(f"{k} {v}" for k, v in sizes.items()))

    async def baseline() -> None:
        async with services.sessions() as session:
            beats = (
                await session.exec(select(Person.beat_id).where(Person.role == Role.OFFICER))
            ).all()
            for beat in beats:
                query = select(func.count()).select_from(Venue).where(Venue.beat_id == beat)
                (await session.exec(query)).one()

    base_s, _ = await clocked(baseline)
    digest_s, sent = await clocked(lambda: send_digests(services))
    queued = await count(services, OutboxMessage)
    # The same digests again from the same data, made one at a time (before) and a station's
    # together (now), alternating so that neither has the warmer cache.
    singly = [one_at_a_time(s) for s in assemble.SECTIONS]
    made: dict[str, list[float]] = {"one at a time": [], "station pass": []}
    for _round in range(2):
        for how, parts in (("one at a time", singly), ("station pass", assemble.SECTIONS)):
            await forget_digests(services)
            took, _ = await clocked(lambda parts=parts: send_digests(services, parts))
            made[how].append(took)
    async with services.sessions() as session:
        stored = (await session.exec(select(OutboxMessage.payload).limit(1))).one()
        sample = unseal(session, stored, PAYLOAD)
    longest = Longest(engine)
    spent: dict[str, float] = {}
    sections = [timed(s, spent) for s in assemble.SECTIONS]
    next_day = replace(services, clock=lambda: NOW + timedelta(days=1))
    sections_s, _ = await clocked(lambda: send_digests(next_day, sections))
    sections_stall = longest.reset()
    rules = load_rule_set(settings)
    day_after = replace(services, clock=lambda: NOW + timedelta(days=2))
    score_s, changed = await clocked(lambda: score_risks(day_after, rules))
    # Scored again from the same state with and without the index: the first run also
    # wrote its changes.
    await rescore(services)
    longest.reset()
    score_again_s, _ = await clocked(lambda: score_risks(day_after, rules))
    score_stall = longest.reset()
    await without_stays_index(services)
    await rescore(services)
    spent_before: dict[str, float] = {}
    sections = [timed(s, spent_before) for s in assemble.SECTIONS]
    before_s, _ = await clocked(lambda: send_digests(next_day, sections))
    before_stall = longest.reset()
    score_before_s, _ = await clocked(lambda: score_risks(day_after, rules))
    score_before_stall = longest.reset()
    await engine.dispose()

    print(f"\nvenues: {sizes['Venue']}, officers: {officers}")
    print(
        f"morning digest (assemble + queue; {sent} officers, {queued} outbox rows): "
        f"{digest_s:.2f} s, {digest_s / officers * 1000:.1f} ms per officer — budget 10 s: "
        + ("OK" if digest_s <= 10 else "OVER")
    )
    print(
        f"baseline, one SELECT count(*) per officer: {base_s:.3f} s; "
        f"digest / baseline = {digest_s / base_s:.0f}x"
    )
    print(
        "the same digests again, best of 2: "
        + "; ".join(f"{how} {min(times):.2f} s" for how, times in made.items())
    )
    print(
        f"\nper section over all officers (the next day's run, {sections_s:.2f} s in all; "
        f"without ix_guest_stay_venue_created {before_s:.2f} s):"
    )
    for name, took in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<22} {took:.3f} s   without the index {spent_before[name]:.3f} s")
    print(
        f"  longest single statement {sections_stall * 1000:.1f} ms   "
        f"without the index {before_stall * 1000:.1f} ms"
    )
    print(f"\nnightly risk scoring of {sizes['Venue']} venues: {score_s:.2f} s ({changed} changes)")
    print(
        f"  again, nothing changing: {score_again_s:.2f} s, longest statement "
        f"{score_stall * 1000:.1f} ms; without the index {score_before_s:.2f} s, longest "
        f"statement {score_before_stall * 1000:.1f} ms"
    )
    print("\none digest:\n" + json.loads(sample)[0]["text"])


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--officers", type=int, default=200)
    parser.add_argument("--venues", type=int, default=20000)
    parser.add_argument("--days", type=int, default=7, help="days of guest registrations")
    args = parser.parse_args()
    asyncio.run(main(args.officers, args.venues, args.days))
