"""The checklist is data a station may replace; mistakes in it stop start-up, named."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlmodel import select

from bot.config import ConfigError, load_settings
from bot.context import Services
from bot.dispatch import Dispatcher
from bot.forms import Derived, FormEnv
from bot.validators import Invalid
from handlers.inspection.checklist import ChecklistError, load_checklist, parse_checklist
from handlers.inspection.form import _item_answer, says_no_gas
from storage.models import InspectionItem, VenueKind
from tests.handlers.inspection.support import venue_owner
from tests.support.chat import Chat
from tests.support.outbox import texts_to
from tests.support.seed import Seeded


def test_built_in_checklist() -> None:
    items = load_checklist()
    assert [i.key for i in items][:2] == ["exits", "extinguishers"]
    lodging = next(i for i in items if i.key == "no_lodging")
    assert lodging.applies_to(VenueKind.SHOP) and not lodging.applies_to(VenueKind.HOTEL)
    assert lodging.absent and not any(i.absent for i in items if i is not lodging)
    assert {i.key for i in items if i.photo} == {"exits", "extinguishers", "wiring"}


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("", "no [[item]]"),
        ("[[item]]\nkey = 'A'\nname = 'x'\nquestion = 'y'\n", "'key' must be"),
        ("[[item]]\nkey = 'a'\nname = ''\nquestion = 'y'\n", "'name' must be"),
        ("[[item]]\nkey = 'a'\nname = 'x'\nquestion = 'y'\nphoto = 'yes'\n", "'photo'"),
        ("[[item]]\nkey = 'a'\nname = 'x'\nquestion = 'y'\nkinds = ['bar']\n", "'kinds'"),
        ("[[item]]\nkey = 'a'\nname = 'x'\nquestion = 'y'\ncolour = 1\n", "unknown key"),
        ("[[item]]\nkey = 'a'\nname = 'x'\nquestion = 'y'\nabsent = 1\n", "'absent'"),
        ("[[item]]\nkey = 'a'\nname = 'x'\nquestion = 'y'\nhow = 1\n", "'how' must be text"),
        (
            "[[item]]\nkey = 'a'\nname = 'x'\nquestion = 'y'\n"
            "[[item]]\nkey = 'a'\nname = 'z'\nquestion = 'y'\n",
            "key 'a' is used twice",
        ),
        ("[[item]\n", "not valid TOML"),
    ],
)
def test_bad_checklists_are_named(toml: str, message: str) -> None:
    with pytest.raises(ChecklistError, match=message.replace("[", r"\[")):
        parse_checklist(toml)


def test_config_points_at_a_station_checklist(tmp_path: Path) -> None:
    checklist = tmp_path / "checklist.toml"
    checklist.write_text(
        "[[item]]\nkey = 'exits'\nname = '安全出口'\nquestion = '畅通吗？'\nphoto = true\n",
        encoding="utf-8",
    )
    config = tmp_path / "c.toml"
    config.write_text(f"[inspection]\nchecklist = '{checklist}'\nevery_days = 14\n", "utf-8")
    settings = load_settings(config, environ={})
    assert settings.inspection.every_days == 14
    assert [i.name for i in load_checklist(settings.inspection.checklist)] == ["安全出口"]
    config.write_text("[inspection]\nchecklist = 'missing.toml'\n", "utf-8")
    with pytest.raises(ConfigError, match=r"inspection\.checklist: cannot read checklist"):
        load_settings(config, environ={})


#: The items only some kinds of venue answer, by kind.
_OWN_ITEMS = {
    VenueKind.RESTAURANT: {"gas_alarm", "gas_hose", "gas_valve"},
    VenueKind.INTERNET_CAFE: {"minors", "real_name", "aisles", "no_smoking"},
    VenueKind.ENTERTAINMENT: {"minors", "no_smoking", "exit_signs", "room_doors"},
}


def test_restaurants_net_cafes_and_ktvs_answer_their_own_items() -> None:
    """A restaurant was asked nothing of its gas alarm, hose or valve; a net café nothing of
    minors, real names or its aisles; a KTV nothing of its exit signs or room doors."""
    items = load_checklist()
    own = set().union(*_OWN_ITEMS.values())
    for kind in VenueKind:
        asked = {i.key for i in items if i.applies_to(kind)}
        assert asked & own == _OWN_ITEMS.get(kind, set()), kind


def test_how_owners_answer_the_venue_kinds_own_items() -> None:
    """没有内锁 at 包间门锁 is no hazard; a bare 没有 at a gas item asks whether there is gas."""
    items = {i.key: i for i in load_checklist()}

    def read(key: str, text: str) -> object:
        answer = _item_answer(items[key])(text, _RESTAURANT)
        return answer.value if isinstance(answer, Derived) else answer

    assert read("room_doors", "没有内锁") == "是"
    assert read("gas_alarm", "不用燃气") == "不适用：不用燃气"
    assert read("gas_valve", "关了") == "是" and read("gas_valve", "没关") == "否"
    assert read("real_name", "都登记的") == "是" and read("aisles", "能") == "是"
    assert read("exit_signs", "都亮着") == "是" and read("minors", "没挂") == "否"
    with pytest.raises(Invalid, match="是说没有燃气吗"):
        read("gas_hose", "没有")
    with pytest.raises(Invalid, match="是说没有内锁吗"):
        read("room_doors", "没有")


_RESTAURANT = FormEnv(
    {"venue_kind": VenueKind.RESTAURANT.value}, date(2026, 11, 23), datetime(2026, 11, 23, 10)
)


@pytest.mark.parametrize(
    "said", ["不用燃气", "用电磁炉", "用电的", "没有燃气 用电磁炉", "全是电磁炉", "没有煤气罐"]
)
def test_a_kitchen_without_gas_is_read_from_how_owners_say_it(said: str) -> None:
    """用电磁炉 and 用电的 had got 请回答「是」或「否」."""
    assert says_no_gas(said)


@pytest.mark.parametrize(
    "said", ["是", "有燃气", "电磁炉和煤气灶都有", "没有燃气报警器", "没装报警器", "电线老化"]
)
def test_gas_or_a_missing_alarm_is_no_kitchen_without_gas(said: str) -> None:
    assert not says_no_gas(said)


def test_a_missing_gas_alarm_is_a_fault_not_a_kitchen_without_gas() -> None:
    """没有燃气报警器 had been read as 没有燃气: 是, no hazard."""
    items = {i.key: i for i in load_checklist()}
    answer = _item_answer(items["gas_alarm"])("没有燃气报警器", _RESTAURANT)
    assert isinstance(answer, Derived) and answer.value == "否"


async def test_a_kitchen_without_gas_says_so_once(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """A restaurant on induction hobs had answered 不用燃气 at 用火用气, 燃气报警器, 燃气软管 and
    打烊关阀 in turn (and 用电磁炉 got 请回答「是」或「否」); said once, the gas items are
    answered with it, and the officer reads why."""
    owner = await venue_owner(dispatcher, services, seeded, VenueKind.RESTAURANT, "老街面馆")
    await owner.say_all("/自查", "是", "跳过", "是", "跳过", "没人住", "没有电动车", "是", "跳过")
    assert "【用火用气】" in await owner.say("是")
    after = await owner.say("用电磁炉")
    assert "【员工培训】" in after and "燃气" not in after
    summary = await owner.say("会")
    for name in ("用火用气", "燃气报警器", "燃气软管", "打烊关阀"):
        assert f"{name}：不适用（不用燃气，用电磁炉）\n" in summary
    assert "说明" not in summary
    # Taken back (the kitchen has gas after all): its items are asked again.
    await owner.say("修改 用火用气")
    assert "【燃气报警器】" in await owner.say("是")
    assert "已取消" in await owner.say("取消")
    await owner.say_all(
        "/自查", "是", "跳过", "是", "跳过", "没人住", "没有电动车", "是", "跳过", "是"
    )
    await owner.say_all("没有燃气 用电磁炉", "会")
    receipt = await owner.say("确认")
    assert "请尽快整改" not in receipt
    async with services.sessions() as session:
        rows = (await session.exec(select(InspectionItem))).all()
    gas = {r.key: r for r in rows if r.key.startswith("gas")}
    assert set(gas) == {"gas", "gas_alarm", "gas_hose", "gas_valve"}
    assert all(r.ok and r.note == "不适用：没有燃气 用电磁炉" for r in gas.values())


def test_net_cafes_and_ktvs_are_asked_about_smoking() -> None:
    items = {i.key: i for i in load_checklist()}
    smoking = items["no_smoking"]
    assert smoking.applies_to(VenueKind.INTERNET_CAFE) and smoking.applies_to(
        VenueKind.ENTERTAINMENT
    )
    assert not smoking.applies_to(VenueKind.RESTAURANT)


async def test_a_restaurant_s_gas_hose_is_sent_back_and_rectified(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """A perished gas hose in a restaurant's kitchen reached no officer: nothing asked of it."""
    owner = await venue_owner(dispatcher, services, seeded, VenueKind.RESTAURANT, "老街面馆")
    officer = Chat(dispatcher, "officer")
    await owner.say_all("/自查", "是", "跳过", "是", "跳过", "没人住", "没有电动车", "是", "跳过")
    assert "【用火用气】" in await owner.say("是")
    assert "【燃气报警器】" in await owner.say("有人看着")
    assert "【燃气软管】" in await owner.say("装了")
    assert "【打烊关阀】" in await owner.say("软管老化开裂了")  # a 否, and its account
    assert "【员工培训】" in await owner.say("关了")
    summary = await owner.say("会")
    assert "燃气报警器：是" in summary and "燃气软管：否" in summary and "打烊关阀：是" in summary
    receipt = await owner.say("确认")
    assert "请尽快整改：燃气软管。" in receipt and "⚠️ 老化、开裂的软管今天起请停用" in receipt

    detail = await officer.say("/审核 1")
    assert "（小餐饮）" in detail and "8. ✅ 燃气报警器：是\n" in detail
    assert "9. ❌ 燃气软管：否\n　　说明：软管老化开裂了" in detail
    assert "10. ✅ 打烊关阀：是" in detail and "11. ✅ 员工培训：是" in detail
    assert "已通知负责人" in await officer.say("/审核 1 整改 第9项 更换燃气软管 3天")
    notice = (await texts_to(services, owner.sender))[-1]
    assert "第9项「燃气软管」需要整改" in notice and "更换燃气软管" in notice

    redo = await owner.say("/自查 整改 1")
    assert "第9项「燃气软管」：更换燃气软管" in redo and "【燃气软管】" in redo
    assert "【燃气报警器】" not in redo
    assert "整改后的照片" in await owner.say("换好了")
    assert "燃气软管：是" in await owner.say("完成")
    assert "已重新提交" in await owner.say("确认")
    detail = await officer.say("/审核 1")
    assert "9. ✅ 燃气软管：是" in detail and "已整改，待复核" in detail
    async with services.sessions() as session:
        hose = (
            await session.exec(select(InspectionItem).where(InspectionItem.key == "gas_hose"))
        ).one()
    assert hose.ok and hose.rectified_at is not None


async def test_a_ktv_is_asked_of_minors_exit_signs_and_room_doors(
    dispatcher: Dispatcher, seeded: Seeded, services: Services
) -> None:
    """A KTV was asked nothing of minors, of exit signs in its dim rooms, or of room doors
    locked from inside."""
    owner = await venue_owner(dispatcher, services, seeded, VenueKind.ENTERTAINMENT, "欢乐KTV")
    await owner.say_all("/自查", "是", "跳过", "是", "跳过", "没人住", "没有电动车", "是", "跳过")
    assert "【未成年人禁入】" in await owner.say("是")
    assert "【禁止吸烟】" in await owner.say("挂了")
    assert "【疏散指示】" in await owner.say("贴了")
    assert "【包间门锁】" in await owner.say("都亮着")
    assert "请简要说明「包间门锁」" in await owner.say("否")
    summary = await owner.say_all("两间包间门装了插销", "会")
    assert "未成年人禁入：是" in summary and "疏散指示：是" in summary and "包间门锁：否" in summary
    assert "用火用气" not in summary and "实名上网" not in summary
    receipt = await owner.say("确认")
    assert "请尽快整改：包间门锁。" in receipt and "⚠️ 今天起请拆掉包间门上的内锁" in receipt
