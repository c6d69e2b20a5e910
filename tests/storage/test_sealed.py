"""Message text is sealed at rest: the database shows no tip, question or button text."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import text

from bot import choice_memory
from bot.context import Services
from bot.messages import Button, Choices, Text
from storage.outbox import enqueue, replies_of
from tests.support.clock import FakeClock

SECRET = "张三住三楼东户，晚上十点后回来"


async def _raw(services: Services, sql: str) -> list[str]:
    async with services.sessions() as session:
        return [row[0] for row in (await session.exec(text(sql))).all()]  # type: ignore[call-overload]


async def test_an_outbox_row_keeps_its_text_sealed_and_delivers_it_whole(
    services: Services, clock: FakeClock
) -> None:
    async with services.sessions() as session:
        row = enqueue(
            session,
            dedupe_key="tip-reply:1",
            channel="test",
            chat_id="resident",
            replies=[Text(SECRET), Choices("要回复吗？", (Button("回复", "回复 T1"),))],
            now=clock.now,
        )
        await session.commit()
        assert replies_of(session, row)[0] == Text(SECRET)
    [payload] = await _raw(services, "SELECT payload FROM outbox")
    assert "张三" not in payload and "回复" not in payload
    assert row.parts == 2


async def test_remembered_buttons_keep_their_values_sealed(
    services: Services, clock: FakeClock
) -> None:
    offer = Choices("要转给民警吗？", (Button("转给民警", f"/问民警 {SECRET}"),))
    async with services.sessions() as session:
        await choice_memory.remember(session, "web|r|r", [offer], clock.now)
        await session.commit()
    # The buttons on screen and the earlier sets a title typed may name: both sealed.
    values = await _raw(services, "SELECT value FROM user_memo")
    assert len(values) == 2 and not any("张三" in value for value in values)
    async with services.sessions() as session:
        found = await choice_memory.resolve(session, "web|r|r", 1, clock.now + timedelta(minutes=1))
    assert found == f"/问民警 {SECRET}"
