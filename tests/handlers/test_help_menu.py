"""帮助 on a phone screen: the day's work first, the rest one topic or 「帮助 全部」 away."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from bot.assembly import build_dispatcher
from bot.context import Services
from bot.dispatch import Dispatcher
from handlers.help_menu import FITS
from storage.models import Role, Venue, VenueKind
from tests.support.admin import bound_admin
from tests.support.chat import Chat
from tests.support.places import second_place
from tests.support.seed import GUEST_ID, Seeded, invite

#: What 帮助 listed before it was cut to the day's work: every one must still be in help
#: (an officer's, but for what residents and owners use: /举报, /查询, /问民警, /订阅).
OFFICER_COMMANDS = (
    "/绑定", "/关联", "/绑定群", "/群绑定码", "/邀请", "/比中", "/通缉", "/线索", "/线索状态",
    "/报案", "/追问", "/报案状态", "/受理", "/自查", "/审核", "/回复", "/答复", "/门牌", "/场所", "/查人",
    "/今日登记", "/风险",
    "/警情列表", "/警情", "/警情趋势", "/任务", "/完成", "/日报", "/分享", "/通报", "/每日提示",
    "/通报范围", "/通报状态", "/催读", "/重发", "/撤回", "/更正", "/批准", "/驳回", "/咨询", "/我",
)  # fmt: skip
HOTEL_COMMANDS = (
    "/绑定", "/关联", "/绑定群", "/群绑定码", "/登记", "/退房", "/续住",
    "/在住旅客", "/更正登记", "/作废登记", "/今日登记", "/房间住客", "/协查通缉", "/举报", "/报案", "/自查", "/查询", "/回复", "/问民警",
    "/订阅", "/退订", "/咨询", "/我", "/最近通报",
)  # fmt: skip
LANDLORD_COMMANDS = (
    "/绑定", "/关联", "/绑定群", "/群绑定码", "/登记", "/租客", "/退租", "/续租", "/今日登记",
    "/协查通缉", "/举报", "/报案", "/查询", "/回复", "/问民警", "/订阅", "/退订", "/咨询", "/我",
    "/最近通报",
)  # fmt: skip


def _commands(help_text: str) -> list[str]:
    """The commands help names: a line each (/退房 — …), or by topic (【通报】/通报、/催读)."""
    return re.findall(r"^(/\S+) — ", help_text, re.M) + re.findall(
        r"(?<=[】、])(/[^、\s]+)", help_text
    )


def _topics(help_text: str) -> list[str]:
    """The topics the last line offers: …按类查看，如「帮助 通报」：通缉、任务…；"""
    found = re.search(r"」：(.+?)；", help_text.splitlines()[-1])
    return found.group(1).split("、") if found else []


async def test_an_officers_help_is_the_days_work_on_one_screen(officer_chat: Chat) -> None:
    """帮助 was 1,197 characters for an officer: the whole list, far past a phone screen."""
    shown = await officer_chat.say("帮助")
    assert len(shown) <= FITS
    assert shown.splitlines()[0] == "您好，一号民警。以下是常用功能："
    # In the order of a working day: the digest first, the alerts' follow-up last.
    assert _commands(shown) == [
        "/日报", "/比中", "/任务", "/线索", "/报案", "/答复", "/自查", "/门牌", "/通报", "/通报状态"
    ]  # fmt: skip
    # The officers' own line for what residents use otherwise, and only its first clause.
    assert "/报案 — 待处理报案\n" in shown and "/自查 — 待审核的自查\n" in shown
    assert "/线索 — 查看待处理线索\n" in shown
    assert "如「帮助 通报」" in shown and "「帮助 全部」" in shown
    # /回复 answers a tipster for an officer: not the residents' 回复民警.
    assert "/回复 — 回复举报人（以派出所名义转达）" in await officer_chat.say("帮助 回复")


@pytest.mark.parametrize(
    ("chat", "commands", "most", "in_topics"),
    [
        (
            "officer",
            OFFICER_COMMANDS,
            10,
            ("/催读", "/重发", "/撤回", "/审核", "/追问", "/完成", "/关联"),
        ),
        ("owner", HOTEL_COMMANDS, 8, ("/登记旅客", "/关联", "/回复")),
        ("landlord", LANDLORD_COMMANDS, 6, ("/登记租客", "/群绑定码", "/回复")),
    ],
)
async def test_every_command_is_still_in_help_and_most_a_topic_away(
    officer_chat: Chat,
    owner_chat: Chat,
    landlord_chat: Chat,
    chat: str,
    commands: tuple[str, ...],
    most: int,
    in_topics: tuple[str, ...],
) -> None:
    said = {"officer": officer_chat, "owner": owner_chat, "landlord": landlord_chat}[chat]
    short = await said.say("帮助")
    assert len(short) <= FITS and len(_commands(short)) <= most
    everything = await said.say("帮助 全部")
    assert sorted(_commands(everything)) == sorted(commands)
    # A field of the reader's own forms: a landlord's have no 房间号.
    field = "到期日期" if chat == "landlord" else "房间号"
    assert everything.endswith(
        f"填写表单时可随时回复「上一步」，「修改 {field}」这样改已填的一项，或「取消」。"
    )
    reached = set(_commands(short))
    for topic in _topics(short):
        listed = await said.say(f"帮助 {topic}")
        assert listed.startswith(f"「{topic}」相关功能：") and len(_commands(listed)) > 1
        reached |= set(_commands(listed))
    # What the day's list leaves out is one topic away; what stands alone (/咨询, /我) is
    # in 帮助 全部.
    assert set(in_topics) <= reached


async def test_a_topic_lists_its_commands_with_their_examples(officer_chat: Chat) -> None:
    alerts = await officer_chat.say("帮助 通报")
    assert "/催读 — 提醒未确认的对象，如 /催读 12" in alerts and "/日报" not in alerts
    # A command's own name finds its topic, typed with its slash too.
    assert (await officer_chat.say("帮助 /催读")).startswith("「通报」相关功能：")
    assert "/线索状态" in await officer_chat.say("帮助 线索")
    typed_as_one = await officer_chat.say("帮助全部")
    assert typed_as_one.splitlines()[0] == "您好，一号民警。以下是全部功能（按类）："
    unknown = await officer_chat.say("帮助 天气")
    assert unknown.startswith("没有找到「天气」的说明。\n您好，一号民警。以下是常用功能：")


async def test_owners_read_their_own_days_work(owner_chat: Chat, landlord_chat: Chat) -> None:
    """A hotel owner's 帮助 was 604 characters, a landlord's 512. The alerts they receive
    are theirs to find again (/最近通报, also 通报); reporting something suspicious is part
    of their week too (/举报 had been in 帮助 全部 only)."""
    hotel = await owner_chat.say("帮助")
    assert _commands(hotel) == [
        "/登记", "/在住旅客", "/续住", "/退房", "/自查", "/最近通报", "/举报", "/问民警"
    ]  # fmt: skip
    assert "/举报 — 向民警举报\n" in hotel
    assert "/最近通报 — 查看最近收到的通报\n" in hotel
    assert "如「帮助 登记」" in hotel
    rental = await landlord_chat.say("帮助")
    assert _commands(rental) == ["/登记", "/租客", "/退租", "/最近通报", "/举报", "/问民警"]
    assert "/登记租客 — 登记新租客" in await landlord_chat.say("帮助 登记")


async def test_owners_are_told_they_may_ask_the_law_and_acknowledge_alerts(
    owner_chat: Chat, landlord_chat: Chat
) -> None:
    """An owner's short help said nothing of legal questions (咨询) or of acknowledging an
    alert (收到), both part of their day."""
    for chat in (owner_chat, landlord_chat):
        shown = await chat.say("帮助")
        assert "「咨询 问题」" in shown and "回复「收到」确认" in shown
        assert len(shown) <= FITS, len(shown)


async def test_a_residents_help_is_what_they_come_for(resident_chat: Chat) -> None:
    """你好 and 帮助 had listed all eleven commands, /绑定 邀请码 (for owners and officers)
    first: a resident reads what people come here for, the rest one 「帮助 全部」 away."""
    for said in ("帮助", "你好"):
        shown = await resident_chat.say(said)
        assert len(shown) <= FITS and len(shown.splitlines()) <= 9, shown
        assert "绑定" not in shown and " — " not in shown
        for what in ("法律问题", "「举报」", "「报案」", "「查询」", "「订阅」", "「协查通缉」"):
            assert what in shown, what
        assert "110" in shown and shown.splitlines()[-1].endswith("请发送「帮助 全部」。")
    everything = await resident_chat.say("帮助 全部")
    assert "/报案 — 自助报案（电动车被盗、家中或店铺失窃、扒窃、诈骗、证件遗失等）" in everything
    assert "/问民警 — " in everything and "「/绑定 邀请码」" in everything
    # Residents fill no room number: the example names a field of their own forms.
    assert everything.endswith("「修改 地点」这样改已填的一项，或「取消」。")
    assert "房间号" not in everything


async def test_help_followed_by_a_plea_answers_the_plea(
    resident_chat: Chat, officer_chat: Chat
) -> None:
    """帮助，我被骗了 had shown the menu: what follows 帮助 is read as the message, unless it
    names a part of the help, or a command of another role."""
    pleaded = await resident_chat.say("帮助，有人在小区里聚众赌博，我要举报")
    assert "/协查通缉 —" not in pleaded and "举报" in pleaded
    assert (await resident_chat.say("帮助 举报")).startswith("「举报」相关功能：")  # a topic
    assert "/协查通缉 —" in await resident_chat.say("帮助 催读")  # an officer's word: the menu
    # Residents re-read the public alerts they got: 通报 is theirs too.
    assert "/最近通报 —" in await resident_chat.say("帮助 通报")
    assert "待办" in await officer_chat.say("帮助：我今天的任务")


async def test_a_plea_after_help_is_answered_once_and_never_lost(
    resident_chat: Chat, landlord_chat: Chat
) -> None:
    """帮助，帮助，… got no reply at all, and /帮助 … inside a form was saved as its answer."""
    twice = await resident_chat.say("帮助，帮助，有人在小区里聚众赌博，我要举报")
    assert twice and "/协查通缉 —" not in twice
    await landlord_chat.say_all("登记", "李四", "身份证", GUEST_ID, "跳过")
    assert "/登记 — " in await landlord_chat.say("/帮助 租客不交房租怎么办")  # the menu
    summary = await landlord_chat.say_all("跳过", "跳过", "2026-11-01", "跳过")
    assert "李四" in summary and "租客不交房租" not in summary


async def test_registering_is_described_by_what_the_owner_registers(
    owner_chat: Chat, landlord_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """A landlord's 帮助 said /登记 — 登记旅客或租客, though they have no guests."""
    assert "/登记 — 登记租客" in (rental := await landlord_chat.say("帮助")), rental
    assert "旅客" not in rental
    assert "/登记 — 登记旅客（也可发送「/登记旅客」）\n" in await owner_chat.say("帮助全部")
    await second_place(services, seeded, "幸福里3号", VenueKind.RENTAL)
    assert "/登记 — 登记旅客或租客" in await owner_chat.say("帮助")


async def test_an_officers_whole_help_is_their_own_commands_by_topic(officer_chat: Chat) -> None:
    """帮助 全部 was 45 lines for an officer, with 举报, 问民警, 订阅 and 查询 among them."""
    everything = await officer_chat.say("帮助 全部")
    assert len(everything.splitlines()) <= 15
    assert (
        "【通报】/通报、/每日提示、/通报范围、/通报状态、/催读、/重发、/撤回、/更正" in everything
    )
    assert "【任务】/任务、/完成" in everything
    for others in ("/举报", "/问民警", "/订阅", "/查询"):
        assert others not in everything
    # As residents and owners are told, with a command of their own (no /订阅).
    assert "在这里发送命令可以不带「/」，如「通报」与「/通报」相同。" in everything
    # Each command's usage is 帮助 and its name away.
    assert "/催读 — 提醒未确认的对象" in await officer_chat.say("帮助 催读")


async def test_usage_examples_name_no_made_up_plate(
    officer_chat: Chat, seeded: Seeded, services: Services
) -> None:
    """门牌 and 任务 examples named plate 200001, which a station need not have (the demo's
    is 100001): 门牌's names one of the station's own."""
    async with services.sessions() as session:
        rental = await session.get(Venue, seeded.rental.id)
        assert rental is not None
        rental.plate = "100001"
        session.add(rental)
        await session.commit()
    usage = await officer_chat.say("/门牌")
    assert "如 /门牌 100001。" in usage and "200001" not in usage
    assert "200001" not in await officer_chat.say("/任务")


async def test_help_names_shop_and_home_thefts_among_reports(resident_chat: Chat) -> None:
    """A till or a home robbed has its own report (盗窃), but help named only 电动车被盗,
    扒窃, 诈骗 and 证件遗失: one robbed at home could not tell 报案 was for them."""
    assert "「报案」自助报案（电动车被盗、家中或店铺失窃、" in await resident_chat.say("帮助")


async def test_an_owners_day_list_is_under_registration_an_officers_under_places(
    owner_chat: Chat, officer_chat: Chat
) -> None:
    """An owner had no list of the day's registrations; theirs is with the other
    registration features, the officer's count of the beat with the places."""
    assert "/今日登记 — 今天的登记记录（含已退房的旅客）" in await owner_chat.say("帮助 登记")
    places = await officer_chat.say("帮助 场所")
    assert "/今日登记 — 今日辖区旅客、租客登记情况（按场所）" in places


async def test_the_whole_list_names_every_command_a_reply_tells_of(
    landlord_chat: Chat, resident_chat: Chat
) -> None:
    """Replies tell subscribers to send 「/退订」, but 帮助 全部 did not list it; it listed
    「/我」 while 我 alone got 没有理解, and /订阅 where the short help says 「订阅」."""
    everything = await landlord_chat.say("帮助 全部")
    assert "/退订 — 退订警情提示" in everything
    # 继续登记租客 sends /登记租客: help names it with /登记, not as something else.
    assert "/登记 — 登记租客（也可发送「/登记租客」）" in everything
    assert "/登记租客 — " not in everything
    assert "可以不带「/」，如「订阅」与「/订阅」相同" in everything
    assert "/我 — 查看我的身份" in everything
    # A landlord is 房东 (as officers' questions call them), with tenants, not guests.
    assert (await landlord_chat.say("我")).startswith("您的身份：房东")
    assert "/今日登记 — 今天的登记记录（含已退租的租客）" in everything
    assert "旅客" not in everything
    assert (await resident_chat.say("我")).startswith("您的身份：")


async def test_usage_examples_fit_the_reader(landlord_chat: Chat, resident_chat: Chat) -> None:
    """「/举报 …，如：举报」 showed nothing to type; residents read the owner's example
    问民警 明天几点来检查？, though no one comes to inspect them."""
    resident = await resident_chat.say("帮助 全部")
    assert "如：举报 小区地下室有人聚众赌博" in resident
    assert "明天几点来检查" not in resident and "如：问民警 " in resident
    assert "如：问民警 明天几点来检查？" in await landlord_chat.say("帮助 全部")


async def test_the_station_admins_help_is_station_work_not_an_owners(
    services: Services, dispatcher: Dispatcher, seeded: Seeded
) -> None:
    """The 所长 (invited as admin, no station or beat) read /登记, /在住旅客, /租客, /续住,
    /退房, /退租 first: an owner's commands, which each told them they own no place."""
    chief = await bound_admin(services, dispatcher)
    shown = await chief.say("帮助")
    # The audit log first: the one thing only the head can do.
    assert _commands(shown)[:3] == ["/审计", "/日报", "/批准"], shown
    owners = {"/登记", "/在住旅客", "/租客", "/续住", "/退房", "/退租"}
    assert not owners & set(_commands(shown))
    everything = await chief.say("帮助 全部")
    assert "/批准、/驳回" in everything and not owners & set(_commands(everything))


async def test_each_officer_is_greeted_by_name_from_the_same_menu(
    officer_chat: Chat, services: Services, seeded: Seeded, dispatcher: Dispatcher
) -> None:
    """The menu is kept between 帮助s (built anew each time, it cost 3 ms an officer): the
    greeting is still each sender's own."""
    first = await officer_chat.say("帮助")
    code = await invite(services, Role.OFFICER, beat_id=seeded.beat.id, display_name="二号民警")
    other = Chat(dispatcher, "officer-two")
    await other.say(f"/绑定 {code}")
    second = await other.say("帮助")
    assert first.startswith("您好，一号民警。") and second.startswith("您好，二号民警。")
    assert first.removeprefix("您好，一号民警。") == second.removeprefix("您好，二号民警。")
    assert "二号民警" not in await officer_chat.say("帮助")


async def test_the_menu_follows_the_station_settings(
    owner_chat: Chat, services: Services, seeded: Seeded
) -> None:
    """Settings changed (a new config, the server restarted with it, or another station's
    services): the menu says the new station's name, not the one it was kept with."""
    assert "这里是" in await owner_chat.say("帮助")
    station = services.settings.station.model_copy(update={"name": "和平里派出所"})
    renamed = replace(services, settings=services.settings.model_copy(update={"station": station}))
    shown = await Chat(build_dispatcher(renamed), "owner").say("帮助")
    assert "这里是和平里派出所警民通" in shown, shown
