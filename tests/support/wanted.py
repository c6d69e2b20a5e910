"""Public wanted cards for 协查通缉 to show, and the sighting their 「我见过此人」 starts."""

from __future__ import annotations

from sqlmodel import col, select

from bot.context import Services
from handlers.services.personal import NAME
from storage.models import Tip, Visibility, WantedPerson
from tests.support.seed import Seeded

#: A sighting's answers after 「我见过此人」, to the end: what was seen, no photo, where,
#: when, anonymous, confirmed.
SIGHTING = ("穿灰色外套 往菜市场方向走了", "跳过", "平安旅馆门口", "刚才", "匿名提交", "确认")


async def public_cards(services: Services, seeded: Seeded) -> list[int]:
    """The seeded person (甲某某) made public, and 乙某某 and 丙某某 entered after: their
    ids in the order 协查通缉 shows them (newest first: 丙, 乙, 甲)."""
    async with services.sessions() as session:
        seeded.wanted.visibility = Visibility.PUBLIC
        session.add(seeded.wanted)
        added = [
            WantedPerson(
                name=name,
                name_idx=services.blind_index(name, NAME),
                case_summary="诈骗案",
                visibility=Visibility.PUBLIC,
            )
            for name in ("乙某某", "丙某某")
        ]
        session.add_all(added)
        await session.commit()
        ids = [added[1].id, added[0].id, seeded.wanted.id]
    assert None not in ids
    return [i for i in ids if i is not None]


async def sighted(services: Services) -> int | None:
    """Whom the last tip says was seen."""
    async with services.sessions() as session:
        tip = (await session.exec(select(Tip).order_by(col(Tip.id).desc()))).first()
    assert tip is not None, "no tip was submitted"
    return tip.wanted_id
