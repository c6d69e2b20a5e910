"""Helpers for the wanted-card tests: an officer entering a person through the real form."""

from __future__ import annotations

from datetime import date

from sqlmodel import col, select

from bot import codec
from bot.context import Services
from bot.messages import Image, Inbound, Photo, Reply
from bot.validators.idcard import build_resident_id
from handlers.services.personal import NAME
from storage.models import CardDelivery, OutboxMessage, WantedPerson
from tests.support.chat import Chat
from tests.support.outbox import opened

NEW_ID = build_resident_id("510104", date(1990, 5, 1), 233)
OTHER_ID = build_resident_id("510104", date(1991, 6, 2), 245)


async def send_photo(chat: Chat, photo: Photo) -> list[Reply]:
    inbound = Inbound(
        channel=chat.channel,
        chat_id=chat.sender,
        sender_id=chat.sender,
        chat_type=chat.chat_type,
        photos=(photo,),
    )
    chat.last = await chat.dispatcher.dispatch(inbound)
    return chat.last


async def enter_person(
    officer: Chat,
    *,
    name: str = "乙某某",
    visibility: str = "内部",
    photo: Photo | None = None,
    doc_no: str = NEW_ID,
) -> list[Reply]:
    """`/通缉 新增` answered through to the end; returns the last replies."""
    await officer.say("/通缉 新增")
    if photo is not None:
        await send_photo(officer, photo)
    await officer.say_all(
        "完成" if photo is not None else "跳过",
        name,
        "阿乙、小乙",
        doc_no or "跳过",
    )
    if not doc_no:
        await officer.say_all("男", "约30-40岁")
    await officer.say_all(
        "175",
        "中等",
        "四川口音",
        "左手背有龙形纹身",
        "涉嫌诈骗罪，卷款潜逃",
        "跳过",
        "悬赏2万元",
        "跳过",
        visibility,
    )
    return await officer.send("确认")


def images(replies: list[Reply]) -> list[Image]:
    return [r for r in replies if isinstance(r, Image)]


async def wanted_named(services: Services, name: str) -> WantedPerson:
    async with services.sessions() as session:
        # Names are sealed at rest: a person is found by the blind index of the name.
        named = WantedPerson.name_idx == services.blind_index(name, NAME)
        found = (await session.exec(select(WantedPerson).where(named))).one()
        return found


async def deliveries(services: Services, wanted_id: int) -> list[CardDelivery]:
    async with services.sessions() as session:
        rows = await session.exec(
            select(CardDelivery)
            .where(CardDelivery.wanted_id == wanted_id)
            .order_by(col(CardDelivery.id))
        )
        return list(rows.all())


def card_images(row: OutboxMessage) -> list[Image]:
    return [r for r in codec.loads(opened(row)) if isinstance(r, Image)]
