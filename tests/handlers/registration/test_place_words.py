"""The kind of place said at 登记's question of which place."""

from __future__ import annotations

from bot.context import Services
from storage.models import VenueKind
from tests.support.chat import Chat
from tests.support.places import second_place
from tests.support.seed import Seeded


async def test_the_kind_of_place_said_chooses_the_owners_only_one_of_it(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """民宿 at 请选择要登记旅客的场所 (a hotel and 枫林民宿) got 请点选上面的选项."""
    await second_place(services, seeded, "枫林民宿", VenueKind.HOMESTAY)
    assert "请选择要登记旅客的场所" in await owner_chat.say("登记")
    chosen = await owner_chat.say("民宿")
    assert chosen.startswith("场所：枫林民宿") and chosen.endswith("请输入旅客姓名（与证件一致）：")
    await owner_chat.say("取消")
    await second_place(services, seeded, "河畔民宿", VenueKind.HOMESTAY)
    await owner_chat.say("登记")
    # Two homestays: 民宿 names neither, and the buttons are asked for again.
    assert "场所：" not in await owner_chat.say("民宿")
