"""Who an alert reaches, on a station-sized SQLite database with many chat accounts.

    .venv/bin/python bench/audience.py [--venues 400] [--beats 8] [--accounts 20000]

Builds a fresh SQLite database (schema from the models, and no `ANALYZE`, as at a station:
SQLite then plans from the indexes alone) with the venues spread over the beats, an owner
with a chat account for each venue (one in six owns two), 60 bound groups, and `--accounts`
residents' accounts (everyone who ever wrote to the official account has one), one in
twenty of them subscribed to alerts (half with a shared location). The venues lie on a
10 km square, each beat a strip of it. Then resolves the audience of an alert to the whole
station, to one beat and to a 1 km circle with its residents (场所 1公里+群众), as the draft
counts it and the release writes it (`handlers.broadcast.targets.resolve`), several times
each.

Printed beside it, from the same run on the same data: one plain `SELECT` of the chosen
venues (the cheapest query an audience could start from), and the same audiences after
dropping `ix_venueowner_venue_id` (the schema before migration caa5714f6a83). SQLite runs on
the event loop, so each figure is also how long every chat waits while an alert is drafted.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert, text  # noqa: E402
from sqlmodel import col, select  # noqa: E402
from sqlmodel.ext.asyncio.session import AsyncSession  # noqa: E402

from bot.config import Settings  # noqa: E402
from bot.context import Services  # noqa: E402
from handlers.broadcast.audience import Audience  # noqa: E402
from handlers.broadcast.geo import Circle  # noqa: E402
from handlers.broadcast.targets import resolve  # noqa: E402
from storage.crypto import BlindIndex, FieldCipher, new_key  # noqa: E402
from storage.db import create_all, make_engine, make_session_factory  # noqa: E402
from storage.models import (  # noqa: E402
    Account,
    AlertSubscription,
    Beat,
    ChatGroup,
    Person,
    Role,
    Station,
    Venue,
    VenueKind,
    VenueOwner,
)

KINDS = (VenueKind.HOTEL, VenueKind.HOMESTAY, VenueKind.RENTAL, VenueKind.SHOP)
BATCH = 5000
REPEATS = 10
#: The station's square: its south-west corner and side, in degrees (about 10 km).
SOUTH_WEST, SIDE = (30.20, 120.10), 0.09
CENTRE = (SOUTH_WEST[0] + SIDE / 2, SOUTH_WEST[1] + SIDE / 2)


def spot(n: int) -> tuple[float, float]:
    """The n-th point, scattered over the square the same way on every run."""
    across, up = (n * 7919) % 1000 / 1000, (n * 104729) % 997 / 997
    return SOUTH_WEST[0] + up * SIDE, SOUTH_WEST[1] + across * SIDE


def strip(point: tuple[float, float], beats: int) -> int:
    """Which beat's strip of the square a point lies in."""
    return min(beats - 1, int((point[1] - SOUTH_WEST[1]) / SIDE * beats))


async def bulk(session: AsyncSession, model: type, rows: list[dict[str, Any]]) -> None:
    for start in range(0, len(rows), BATCH):
        await session.exec(insert(model), params=rows[start : start + BATCH])


async def ids(session: AsyncSession, column: Any, *where: Any) -> list[int]:
    return [i for i in (await session.exec(select(column).where(*where).order_by(column))).all()]


async def populate(
    services: Services, venues: int, beats: int, accounts: int
) -> tuple[int, list[int]]:
    async with services.sessions() as session:
        station = Station(name="压测派出所", code="bench")
        session.add(station)
        await session.flush()
        assert station.id is not None
        await bulk(
            session,
            Beat,
            [
                {"station_id": station.id, "name": f"警务区{n}", "code": f"b{n}"}
                for n in range(beats)
            ],
        )
        beat_ids = await ids(session, Beat.id)
        await bulk(
            session,
            Venue,
            [
                {"kind": KINDS[n % len(KINDS)], "name": f"场所{n}",
                 "beat_id": beat_ids[strip(spot(n), beats)],
                 "latitude": spot(n)[0], "longitude": spot(n)[1]}
                for n in range(venues)
            ],
        )  # fmt: skip
        venue_ids = await ids(session, Venue.id)
        # Owners first, as a station binds them; residents' accounts keep coming afterwards.
        owners = venues - venues // 6
        await bulk(session, Person, [{"role": Role.OWNER} for _ in range(owners)])
        owner_ids = await ids(session, Person.id, Person.role == Role.OWNER)
        await bulk(
            session,
            VenueOwner,
            [
                {"person_id": owner_ids[n % owners], "venue_id": venue_id}
                for n, venue_id in enumerate(venue_ids)
            ],
        )
        await bulk(session, Person, [{"role": Role.RESIDENT} for _ in range(accounts)])
        people = await ids(session, Person.id)
        await bulk(
            session,
            Account,
            [
                {"channel": "wecom" if n < owners else "wechat_mp", "channel_user_id": f"u{p}",
                 "person_id": p}
                for n, p in enumerate(people)
            ],
        )  # fmt: skip
        residents = select(Account.id, Account.person_id).where(Account.channel == "wechat_mp")
        subscribed = (await session.exec(residents.order_by(Account.id))).all()[::20]
        await bulk(
            session,
            AlertSubscription,
            [
                {"account_id": a, "person_id": p, "created_at": datetime.now(UTC),
                 **({"beat_id": beat_ids[strip(spot(n + venues), beats)], "label": "",
                     "latitude": spot(n + venues)[0], "longitude": spot(n + venues)[1]}
                    if n % 2 else {"beat_id": beat_ids[n % beats], "label": ""})}
                for n, (a, p) in enumerate(subscribed)
            ],
        )  # fmt: skip
        await bulk(
            session,
            ChatGroup,
            [
                {"channel": "wecom_robot", "chat_id": f"robot-{n}", "name": f"群{n}",
                 "beat_id": beat_ids[n % beats], "venue_kind": KINDS[n % len(KINDS)]}
                for n in range(60)
            ],
        )  # fmt: skip
        await session.commit()
        return station.id, beat_ids


async def median_ms(job: Callable[[], Awaitable[Any]]) -> float:
    took = []
    for _ in range(REPEATS):
        started = time.perf_counter()
        await job()
        took.append(time.perf_counter() - started)
    return statistics.median(took) * 1000


async def main(venues: int, beats: int, accounts: int) -> None:
    workdir = Path(tempfile.mkdtemp(prefix="jingmin-audience-"))
    settings = Settings.model_validate(
        {"database": {"url": f"sqlite+aiosqlite:///{workdir / 'bench.db'}"}}
    )
    engine = make_engine(settings.database)
    await create_all(engine)
    cipher = FieldCipher.from_config({"k": new_key()}, "k")
    services = Services(
        settings, make_session_factory(engine, cipher), cipher, BlindIndex.from_config(new_key()),
        lambda: datetime.now(UTC),
    )  # fmt: skip
    station_id, beat_ids = await populate(services, venues, beats, accounts)
    audiences = {
        "whole station": Audience(beats=tuple(beat_ids), label="全所"),
        "one beat": Audience(beats=(beat_ids[0],), label="本警务区"),
        "1 km circle": Audience(
            circle=Circle(*CENTRE, 1000), subscribers=True, label="场所周边1000米"
        ),
    }
    reached: dict[str, int] = {}

    def resolving(name: str) -> Callable[[], Awaitable[None]]:
        async def job() -> None:
            async with services.sessions() as session:
                reached[name] = len(
                    await resolve(session, services.channels, audiences[name], station_id)
                )

        return job

    def baseline(name: str) -> Callable[[], Awaitable[None]]:
        async def job() -> None:
            audience = audiences[name]
            if audience.circle is not None:
                box = audience.circle.bounds()
                chosen = col(Venue.latitude).between(box.south, box.north) & col(
                    Venue.longitude
                ).between(box.west, box.east)
            else:
                chosen = col(Venue.beat_id).in_(audience.beats)
            async with services.sessions() as session:
                (await session.exec(select(Venue).where(chosen))).all()

        return job

    with_index = {name: await median_ms(resolving(name)) for name in audiences}
    plain = {name: await median_ms(baseline(name)) for name in audiences}
    async with services.sessions() as session:
        await session.exec(text("DROP INDEX ix_venueowner_venue_id"))
        await session.commit()
    without = {name: await median_ms(resolving(name)) for name in audiences}
    await engine.dispose()

    print(
        f"{venues} venues in {beats} beats, {venues - venues // 6} owners, {accounts:,} other "
        f"chat accounts, 60 groups; SQLite, median of {REPEATS}"
    )
    for name in audiences:
        print(
            f"  {name:<14} {reached[name]:4d} chats: {with_index[name]:7.1f} ms   "
            f"baseline (SELECT its venues) {plain[name]:5.1f} ms   "
            f"without ix_venueowner_venue_id {without[name]:7.1f} ms "
            f"({without[name] / with_index[name]:.0f}x)"
        )
    print("an alert resolves its audience twice: when the draft counts it and when it is sent")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--venues", type=int, default=400)
    parser.add_argument("--beats", type=int, default=8)
    parser.add_argument("--accounts", type=int, default=20_000)
    args = parser.parse_args()
    asyncio.run(main(args.venues, args.beats, args.accounts))
