"""A station with venues on the map, bound groups, a second owner and a subscriber."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlmodel import select

from bot.channels.base import DeliveryError, Progress
from bot.context import Services
from bot.dispatch import Dispatcher
from bot.messages import ChatType, Inbound, Reply
from scheduler.delivery import DeliveryWorker
from storage.models import (
    Account,
    ChatGroup,
    OutboxMessage,
    Person,
    Role,
    Venue,
    VenueKind,
    VenueOwner,
)
from tests.support.chat import Chat, text_of
from tests.support.seed import Seeded

#: 和平路1号 and nearby; the far venue is about 2.2 km east.
HOTEL_AT = (30.2500, 120.1500)
RENTAL_AT = (30.2520, 120.1510)
FAR_AT = (30.2500, 120.1730)


class RecordingChannel:
    """The messenger platform: takes everything, remembers what went to whom."""

    def __init__(self, name: str = "test", *, down: bool = False) -> None:
        self.name = name
        self.sent: list[tuple[str, list[Reply]]] = []
        #: A platform that does not answer: every send fails, to be retried later.
        self.down = down

    async def send(
        self, chat_id: str, replies: list[Reply], progress: Progress | None = None
    ) -> None:
        if self.down:
            raise DeliveryError("platform unreachable")
        self.sent.append((chat_id, replies))

    def texts_to(self, chat_id: str) -> list[str]:
        return ["\n".join(text_of(r) for r in replies) for c, replies in self.sent if c == chat_id]


@dataclass
class Area:
    seeded: Seeded
    shop: Venue
    far_hotel: Venue
    group: ChatGroup
    robot_group: ChatGroup


@pytest.fixture
async def area(services: Services, seeded: Seeded) -> Area:
    async with services.sessions() as session:
        hotel = await session.get(Venue, seeded.hotel.id)
        rental = await session.get(Venue, seeded.rental.id)
        assert hotel and rental
        hotel.latitude, hotel.longitude = HOTEL_AT
        rental.latitude, rental.longitude = RENTAL_AT
        shop = Venue(
            kind=VenueKind.SHOP,
            name="便民小店",
            beat_id=seeded.beat.id,
            latitude=HOTEL_AT[0],
            longitude=HOTEL_AT[1] + 0.001,
        )
        far = Venue(
            kind=VenueKind.HOTEL,
            name="远方宾馆",
            beat_id=seeded.beat.id,
            latitude=FAR_AT[0],
            longitude=FAR_AT[1],
        )
        session.add_all([hotel, rental, shop, far])
        await session.flush()
        # The hotel owner also runs the shop: one copy for both.
        assert seeded.owner.id and shop.id and far.id
        session.add(VenueOwner(person_id=seeded.owner.id, venue_id=shop.id))
        far_owner = Person(role=Role.OWNER, display_name="宾馆老板")
        session.add(far_owner)
        await session.flush()
        assert far_owner.id
        session.add(Account(channel="test", channel_user_id="far-owner", person_id=far_owner.id))
        session.add(VenueOwner(person_id=far_owner.id, venue_id=far.id))
        group = ChatGroup(
            channel="test",
            chat_id="g-hotels",
            name="一号旅馆群",
            beat_id=seeded.beat.id,
            venue_kind=VenueKind.HOTEL,
        )
        robot = ChatGroup(
            channel="wecom_robot",
            chat_id="robot-key-0001",
            name="一号全体群",
            beat_id=seeded.beat.id,
        )
        session.add_all([group, robot])
        await session.commit()
        return Area(seeded, shop, far, group, robot)


def worker(services: Services, *channels: RecordingChannel) -> DeliveryWorker:
    skip_locked = services.settings.database.url.startswith("postgresql")
    return DeliveryWorker(
        services.sessions, {c.name: c for c in channels}, services.clock, skip_locked=skip_locked
    )  # type: ignore[dict-item]


async def outbox(services: Services) -> list[OutboxMessage]:
    async with services.sessions() as session:
        rows = await session.exec(select(OutboxMessage).order_by(OutboxMessage.id))  # type: ignore[arg-type]
        return list(rows.all())


async def in_group(dispatcher: Dispatcher, sender: str, text: str, chat: str = "g-hotels") -> str:
    inbound = Inbound("test", chat, sender, text, chat_type=ChatType.GROUP, sender_name=sender)
    return "\n".join(text_of(r) for r in await dispatcher.dispatch(inbound))


async def compose(officer: Chat, *answers: str) -> str:
    """Run `/通报` with answers; returns the last reply."""
    return await officer.say_all("/通报", *answers)
