"""A hotel owner's self-inspection, answered item by item; owners of other kinds of venue."""

from __future__ import annotations

from datetime import timedelta

from bot.config import Settings
from bot.context import Services
from bot.dispatch import Dispatcher
from handlers.services.invites import create_invite
from storage.models import Role, Venue, VenueKind
from tests.support.media import stored_photo
from tests.support.rich_chat import RichChat
from tests.support.seed import Seeded

EBIKE_NOTE = "楼道里有两辆电动车在充电 今天搬走"


async def inspect_hotel(owner: RichChat, settings: Settings) -> str:
    """Answer the built-in checklist for a hotel: everything fine but the e-bikes."""
    assert "场所：平安旅馆" in await owner.say("/自查")
    assert "请拍一张「安全出口」的照片" in await owner.say("是的")  # as owners answer
    assert "【灭火器】" in await owner.photo(stored_photo(settings, "red"))
    await owner.say("是")
    assert "【电动车充电】" in await owner.photo(stored_photo(settings, "blue"))
    assert "请简要说明「电动车充电」的情况" in await owner.say("否")
    assert "【电气线路】" in await owner.say(EBIKE_NOTE)
    await owner.say("是")
    await owner.photo(stored_photo(settings, "green"))
    return await owner.say_all("正常", "对的", "会")  # 应急设施, 用火用气, 员工培训


async def submitted_inspection(dispatcher: Dispatcher, settings: Settings) -> RichChat:
    """The hotel owner's chat, once their self-inspection (#1) is submitted."""
    owner = RichChat(dispatcher, "owner")
    await inspect_hotel(owner, settings)
    await owner.say("确认")
    return owner


async def venue_owner(
    dispatcher: Dispatcher, services: Services, seeded: Seeded, kind: VenueKind, name: str
) -> RichChat:
    """The chat of the owner of a new venue of `kind` on the seeded beat, bound by invite."""
    assert seeded.beat.id is not None
    async with services.sessions() as session:
        venue = Venue(kind=kind, name=name, address="和平路9号", beat_id=seeded.beat.id)
        session.add(venue)
        await session.flush()
        code = await create_invite(
            session,
            role=Role.OWNER,
            venue_id=venue.id,
            now=services.clock(),
            ttl=timedelta(hours=1),
        )
        await session.commit()
    owner = RichChat(dispatcher, f"owner-{kind.value}")
    assert "绑定成功" in await owner.say(f"/绑定 {code}")
    return owner


async def submitted_cafe_inspection(
    dispatcher: Dispatcher, services: Services, seeded: Seeded
) -> RichChat:
    """The net café owner's chat, once its self-inspection (#1) is submitted with three
    items answered 否: 灭火器 (灭火器过期了), 无人住宿 (网管晚上睡在店里) and 实名上网
    (还没装新系统); no photo taken."""
    cafe = await venue_owner(dispatcher, services, seeded, VenueKind.INTERNET_CAFE, "极速网吧")
    assert "场所：极速网吧" in await cafe.say("/自查")
    await cafe.say_all("是", "跳过", "否", "灭火器过期了", "跳过")  # 安全出口, 灭火器
    await cafe.say_all("否", "网管晚上睡在店里", "是")  # 无人住宿, 电动车充电
    await cafe.say_all("是", "跳过", "是", "是")  # 电气线路, 应急设施, 未成年人禁入
    summary = await cafe.say_all("否", "还没装新系统", "是", "是", "是")  # 实名上网 …
    assert "实名上网说明：还没装新系统" in summary, summary
    assert "已提交（编号 #1）" in await cafe.say("确认")
    return cafe
