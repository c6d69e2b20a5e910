"""`/场所`: officers keep a venue's record; each change is kept in its history."""

from __future__ import annotations

from datetime import date, timedelta

from sqlmodel import col, select

from bot.context import Services
from bot.validators.idcard import build_resident_id
from storage.models import (
    AuditEvent,
    Incident,
    InspectionStatus,
    RiskColour,
    Venue,
    VenueHistory,
    VenueKind,
    VenueRisk,
    WorkLog,
)
from tests.support.beat_data import inspection, store
from tests.support.chat import Chat
from tests.support.clock import FakeClock, said_day
from tests.support.seed import GUEST_ID, Seeded

OTHER_ID = build_resident_id("110105", date(1990, 1, 2), 318)


async def test_officer_updates_a_venue_and_reads_its_history(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    assert "平安旅馆（旅馆）" in await officer_chat.say("/场所 平安旅馆")
    assert "已更新「平安旅馆」的地址" in await officer_chat.say("/场所 平安 地址 和平路2号")
    assert "地址未变化" in await officer_chat.say("/场所 平安旅馆 地址 和平路2号")
    assert "已更新" in await officer_chat.say("/场所 平安旅馆 备注 前台登记不规范")
    assert "已更新" in await officer_chat.say("/场所 平安旅馆 许可证 TH-7 2027-01-31")
    reply = await officer_chat.say("/场所 200001 联系人 张三 13812345678 房东")
    assert "已为「和平里5号」登记房东 张三" in reply
    assert "手机号" in await officer_chat.say("/场所 200001 联系人 李四 1381234")
    card = await officer_chat.say(f"/场所 {seeded.hotel.id}")
    assert (
        "地址：和平路2号" in card
        and f"许可证：TH-7，有效期至 {said_day(date(2027, 1, 31))}" in card
    )
    assert "一号民警：前台登记不规范" in card
    history = await officer_chat.say("/场所 平安旅馆 历史")
    assert "最近4条" in history and "一号民警 修改：地址 和平路1号→和平路2号" in history
    # The licence entered lowered the colour the rules give; their first look is no change.
    assert "系统 风险：规则评分黄→蓝，综合黄→蓝" in history and "无→黄" not in history
    async with services.sessions() as session:
        rows = (await session.exec(select(VenueHistory).order_by(col(VenueHistory.id)))).all()
        work = (await session.exec(select(WorkLog.action).order_by(col(WorkLog.id)))).all()
    assert [r.action for r in rows] == ["update", "update", "update", "contact:add"]
    assert all(r.actor_person_id == seeded.officer.id for r in rows)
    updates = ["venue.update"] * 3
    assert work == ["venue.view", *updates, "venue.contact", "venue.view"]


async def test_a_licence_entered_clears_the_missing_licence_finding_at_once(
    officer_chat: Chat, seeded: Seeded
) -> None:
    """After 许可证 was entered the card still said 规则黄：未登记特种行业许可证 until the
    nightly scoring."""
    assert "未登记特种行业许可证" in await officer_chat.say("/风险 平安旅馆")
    await officer_chat.say("/场所 平安旅馆 许可证 TH-7 2027-01-31")
    card = await officer_chat.say("/场所 平安旅馆")
    assert "许可证：TH-7" in card and "未登记特种行业许可证" not in card


async def test_unknown_or_ambiguous_venues(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    assert seeded.beat.id is not None
    async with services.sessions() as session:
        session.add(Venue(kind=VenueKind.SHOP, name="平安超市", beat_id=seeded.beat.id))
        await session.commit()
    assert "没有找到场所「月球」" in await officer_chat.say("/场所 月球")
    assert "对应多个场所" in await officer_chat.say("/场所 平安")
    assert "不认识「颜色」" in await officer_chat.say("/场所 平安旅馆 颜色 红")
    assert "用法" in await officer_chat.say("/场所")


async def test_a_name_of_several_venues_gets_a_button_per_venue(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """「平安」对应多个场所 listed them with no buttons: the command had to be typed again."""
    assert seeded.beat.id is not None
    async with services.sessions() as session:
        shop = Venue(kind=VenueKind.SHOP, name="平安超市", beat_id=seeded.beat.id)
        session.add(shop)
        await session.commit()
        shop_id = shop.id
    listed = await officer_chat.say("/场所 平安 备注 门口堆放纸箱")
    assert "「平安」对应多个场所" in listed and f"#{shop_id}　平安超市" in listed
    assert f"/场所 #{shop_id} 备注 门口堆放纸箱" in officer_chat.buttons()
    assert "平安超市" in await officer_chat.say(f"/场所 #{shop_id} 备注 门口堆放纸箱")
    assert "门口堆放纸箱" in await officer_chat.say(f"/场所 {shop_id}")
    rated = await officer_chat.say("/风险 平安 蓝 经营规范")
    assert "对应多个场所" in rated and "用法：" in rated
    assert f"/风险 #{shop_id} 蓝 经营规范" in officer_chat.buttons()


async def test_a_name_typed_by_its_sound_or_another_kind_word_is_offered(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """场所 越来 (a pinyin keyboard's 悦来) and 风险 悦来旅店 (for 旅馆) had got 没有找到."""
    assert seeded.beat.id is not None
    async with services.sessions() as session:
        inn = Venue(kind=VenueKind.HOTEL, name="悦来旅馆", beat_id=seeded.beat.id)
        session.add(inn)
        await session.commit()
        inn_id = inn.id
    offered = await officer_chat.say("场所 越来")
    assert "没有找到场所「越来」。您是想找「悦来旅馆」吗？" in offered
    assert officer_chat.buttons() == [f"/场所 #{inn_id}"]
    assert "悦来旅馆" in await officer_chat.say(officer_chat.buttons()[0])
    offered = await officer_chat.say("风险 悦来旅店 橙 堵了")
    assert "您是想找「悦来旅馆」吗？" in offered
    assert officer_chat.buttons() == [f"/风险 #{inn_id} 橙 堵了"]
    # A name that sounds like nothing known is still not found.
    assert "可用门牌号、场所编号或名称查找" in await officer_chat.say("场所 月亮湾")


async def test_several_venues_sounding_alike_get_a_button_each(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    assert seeded.beat.id is not None
    async with services.sessions() as session:
        inn = Venue(kind=VenueKind.HOTEL, name="悦来旅馆", beat_id=seeded.beat.id)
        shop = Venue(kind=VenueKind.SHOP, name="悦来超市", beat_id=seeded.beat.id)
        session.add_all([inn, shop])
        await session.commit()
        ids = [inn.id, shop.id]
    offered = await officer_chat.say("场所 越来")
    assert "您是想找「悦来旅馆」、「悦来超市」吗？" in offered
    assert officer_chat.buttons() == [f"/场所 #{i}" for i in ids]
    # The kind word says which: 悦来便利店 is the shop, not the inn.
    await officer_chat.say("场所 悦来便利店")
    assert officer_chat.buttons() == [f"/场所 #{ids[1]}"]


async def test_notes_keep_growing_and_history_keeps_the_old(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    for n in range(3):
        await officer_chat.say(f"/场所 平安旅馆 备注 第{n}次检查")
    async with services.sessions() as session:
        hotel = await session.get(Venue, seeded.hotel.id)
    assert hotel is not None and hotel.notes.count("次检查") == 3


async def test_venue_without_a_name_lists_the_beats_venues(officer_chat: Chat) -> None:
    listing = await officer_chat.say("/场所")
    assert listing.startswith("本警务区场所") and "平安旅馆" in listing and "用法" in listing


async def test_the_list_shows_the_colours_risk_shows_before_risk_ran(
    officer_chat: Chat, seeded: Seeded
) -> None:
    """The first /场所 showed every venue ⚪ 尚未评估风险 while /风险 蓝 listed them blue:
    only /风险 scored venues never assessed."""
    listing = await officer_chat.say("/场所")
    assert "⚪" not in listing and "尚未评估" not in listing
    blue = await officer_chat.say("/风险 蓝")
    for line in listing.splitlines():
        if line.startswith("🔵 #"):
            name = line.split(" ", 2)[2].split("（")[0]
            assert f"🔵{name}" in blue, (name, blue)
    assert any(line.startswith("🔵 #") for line in listing.splitlines()), listing


async def test_the_card_shows_the_inspection_and_the_incidents_at_the_venue(
    officer_chat: Chat, services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    """/场所 N said nothing of the venue's self-inspection or of incidents recorded there."""
    assert seeded.hotel.id is not None and seeded.beat.id is not None
    first = await officer_chat.say(f"/场所 {seeded.hotel.id}")
    assert "消防自查：尚未提交过" in first
    assert "风险：" in first  # never scored, it had shown no risk line at all
    now = clock()
    await store(
        services,
        inspection(seeded, seeded.hotel.id, now - timedelta(days=2), InspectionStatus.APPROVED),
        *(
            Incident(
                occurred_at=now - timedelta(days=n),
                kind="盗窃",
                description=f"第{n}起",
                place=f"{seeded.hotel.name}门口",
                beat_id=seeded.beat.id,
            )
            for n in range(1, 6)
        ),
        Incident(occurred_at=now, kind="纠纷", place="别处", beat_id=seeded.beat.id),
    )
    card = await officer_chat.say(f"/场所 {seeded.hotel.id}")
    assert "消防自查：#1 已通过" in card and "下次应于" in card and "/自查 1" in card
    assert "盗窃：第1起" in card and "盗窃：第3起" in card and "第4起" not in card
    assert "纠纷" not in card and "更多警情发送「/警情列表」查看" in card


async def test_the_cards_times_of_today_say_today(
    officer_chat: Chat, services: Services, seeded: Seeded, clock: FakeClock
) -> None:
    """The card printed today's inspection and incident as 11-23 10:00, as if another day."""
    assert seeded.hotel.id is not None and seeded.beat.id is not None
    now = clock()
    await store(
        services,
        inspection(seeded, seeded.hotel.id, now, InspectionStatus.PENDING),
        Incident(occurred_at=now, kind="盗窃", place=seeded.hotel.name, beat_id=seeded.beat.id),
    )
    card = await officer_chat.say(f"/场所 {seeded.hotel.id}")
    assert "（今天 10:00 提交）" in card and "· 今天 10:00 盗窃" in card
    clock.advance(days=1)  # the next day: 昨天, as short() says it
    card = await officer_chat.say(f"/场所 {seeded.hotel.id}")
    assert "（昨天 10:00 提交）" in card and "· 昨天 10:00 盗窃" in card


async def test_a_risk_change_is_in_the_venues_history(officer_chat: Chat, seeded: Seeded) -> None:
    """/场所 N 历史 said 暂无变更记录 just after /风险 raised the venue's colour."""
    assert seeded.hotel.id is not None
    await officer_chat.say(f"/风险 {seeded.hotel.name} 红 多次发现未登记住客")
    history = await officer_chat.say(f"/场所 {seeded.hotel.id} 历史")
    assert "暂无变更记录" not in history
    assert "一号民警 风险：民警评定无→红" in history and "多次发现未登记住客" in history


async def test_the_historys_changes_of_today_say_today(
    officer_chat: Chat, seeded: Seeded, clock: FakeClock
) -> None:
    """The history printed a change made that morning as 11-23 10:00, beside a card that
    says 今天 10:00."""
    assert seeded.hotel.id is not None
    await officer_chat.say(f"/场所 {seeded.hotel.id} 备注 前台登记不规范")
    await officer_chat.say(f"/风险 {seeded.hotel.name} 红 多次发现未登记住客")
    history = await officer_chat.say(f"/场所 {seeded.hotel.id} 历史")
    assert "今天 10:00 一号民警 修改：备注" in history
    assert "今天 10:00 一号民警 风险：民警评定" in history
    clock.advance(days=2)
    history = await officer_chat.say(f"/场所 {seeded.hotel.id} 历史")
    assert "11-23 10:00 一号民警 修改：备注" in history


async def test_a_beat_of_many_venues_is_listed_a_page_at_a_time_riskiest_first(
    officer_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """A beat has dozens of venues; the list showed the first 30 and said how many more
    there were, with no way to see them."""
    assert seeded.beat.id is not None
    async with services.sessions() as session:
        shops = [
            Venue(kind=VenueKind.SHOP, name=f"便民店{n:02d}", beat_id=seeded.beat.id)
            for n in range(40)
        ]
        session.add_all(shops)
        await session.flush()
        assert shops[-1].id is not None
        session.add(VenueRisk(venue_id=shops[-1].id, colour=RiskColour.RED))
        await session.commit()
    first = await officer_chat.say("/场所")
    assert first.startswith("本警务区场所 42 处：\n🔴 #") and "便民店39" in first.split("\n")[1]
    assert "第1/3页，共42条。发送「/场所 第2页」看下一页。" in first and "用法" in first
    assert officer_chat.buttons() == ["/场所 第2页"]
    assert "便民店30" not in first
    second = await officer_chat.say("/场所 第二页")
    assert "便民店30" in second and "第2/3页" in second and "用法" not in second
    last = await officer_chat.say("/场所 第3页")
    assert "便民店38" in last and "第3/3页，共42条。" in last and officer_chat.buttons() == []


async def test_an_officer_sees_who_stays_at_a_place_masked_and_audited(
    officer_chat: Chat, owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """The officer had no way to list a hotel's guests (/场所 1 旅客 → 不认识)."""
    await owner_chat.say_all(
        "登记", "王小明", "身份证", GUEST_ID, "跳过", "302", "现在", "跳过", "确认"
    )
    card = await officer_chat.say("/场所 平安旅馆")
    assert f"在住旅客 1 人（「/场所 {seeded.hotel.id} 住客」查看）" in card
    listed = await officer_chat.say("/场所 平安旅馆 旅客")
    assert "在住旅客 1" in listed and "302　王**" in listed and GUEST_ID not in listed
    # Each row named as /查人 names it, with a button opening it (the list had none, and
    # said 本次查看已记入审计日志 of nothing shown in full); checked in today: 今天, not the date.
    assert "\n旅客1｜302　王**" in listed and "入住 今天 10:00" in listed
    assert "本次查看已记入审计日志" not in listed
    assert "（如 /查人 旅客1）查看完整信息，将记入审计日志。" in listed
    assert officer_chat.buttons() == ["/查人 旅客1"]
    opened = await officer_chat.say(officer_chat.buttons()[0])
    assert "姓名：王小明" in opened and "入住：今天 10:00" in opened
    assert "目前没有在租住户" in await officer_chat.say("/场所 200001 住客")
    async with services.sessions() as session:
        views = (
            await session.exec(select(AuditEvent).where(AuditEvent.action == "view:occupants"))
        ).all()
    assert len(views) == 2
    assert "仅限本所民警" in await owner_chat.say("/场所 平安旅馆 旅客")


async def test_stays_never_checked_out_are_counted_and_listed_apart(
    officer_chat: Chat, owner_chat: Chat, seeded: Seeded, clock: FakeClock
) -> None:
    """A hotel showed 45 guests in the house, most of them gone months ago."""
    await owner_chat.say_all(
        "登记", "王小明", "身份证", GUEST_ID, "跳过", "302", "现在", "跳过", "确认"
    )
    clock.advance(days=8)  # no check-out day given: overdue after 7 days
    await owner_chat.say_all(
        "登记", "李娜", "身份证", OTHER_ID, "跳过", "305", "现在", "跳过", "确认"
    )
    card = await officer_chat.say("/场所 平安旅馆")
    assert f"在住旅客 1 人，另有 1 人逾期未退房（「/场所 {seeded.hotel.id} 住客」查看）" in card
    listed = await officer_chat.say("/场所 平安旅馆 住客")
    # 在住旅客 1： read as an item number, not a count of people.
    assert "「平安旅馆」在住旅客 1 人：\n旅客2｜305　李*" in listed
    assert "逾期未退房 1 人" in listed and "302 王**（11月23日 入住）" in listed
    assert "302　王**" not in listed and GUEST_ID not in listed


async def test_an_officer_reads_a_guest_from_hong_kong_as_such(
    officer_chat: Chat, owner_chat: Chat
) -> None:
    """A compatriot of Hong Kong was listed as 境外 beside the name."""
    await owner_chat.say_all(
        "登记", "Chan Tai Man", "回乡证", "H12345678", "男", "1980-02-03", "跳过", "306",
        "现在", "跳过", "确认",
    )  # fmt: skip
    listed = await officer_chat.say("/场所 平安旅馆 住客")
    assert "306　C*** T** M**（港澳居民）" in listed and "境外" not in listed
