"""Several cards with an option each, over genuine callbacks: one sequence of numbers over
the reply, and a number typed back is the option shown with it.

Before, each card's option read 「1. 我见过此人」, and 「1」 was the last card's: the resident
who saw the first person could not say so."""

from __future__ import annotations

from aiohttp import web

from bot.app import CHANNELS, DELIVERY, MEDIA, SERVICES
from bot.messages import Button, Choices, Image, Reply, Text
from handlers.broadcast.compose import sighting_command
from tests.bot.channels.wechat_mp.support import content, queue, sent_after
from tests.bot.channels.wechat_mp.test_messages import png
from tests.fakes.wechat_api import FakeWeixinApi
from tests.fakes.wechat_server import MpServer
from tests.support.seed import Seeded
from tests.support.wanted import SIGHTING, public_cards, sighted

HINT = "（回复序号或文字即可）"
SEEN = "感谢您提供协查通缉"


async def test_the_second_cards_option_is_2_in_the_passive_reply(
    app: web.Application, mp: MpServer, seeded_mp: Seeded, fake_api: FakeWeixinApi
) -> None:
    """协查通缉 with three cards: the passive reply holds the words of all three (the
    pictures follow), numbered 1 to 3 under each card's name; 「2」 starts a sighting of
    the second person (it got 「请点选上面的选项（或回复序号 1）」)."""
    services = app[SERVICES]
    shown = await public_cards(services, seeded_mp)
    listed = await mp.say("协查通缉")
    assert "丙某某：诈骗案\n1. 我见过此人\n\n" in listed
    assert "乙某某：诈骗案\n2. 我见过此人\n\n" in listed
    assert "：盗窃案\n3. 我见过此人" in listed
    assert listed.count(HINT) == 1 and listed.rstrip().endswith(HINT)  # said once, below
    pictures = await sent_after(app, fake_api, 0, 3)
    assert [p["msgtype"] for p in pictures] == ["image"] * 3
    assert SEEN in await mp.say("2")
    assert "举报已收到" in await mp.say_all(*SIGHTING)
    assert await sighted(services) == shown[1]


async def test_more_goes_on_from_the_numbers_shown_and_those_still_count(
    app: web.Application, mp: MpServer, seeded_mp: Seeded, fake_api: FakeWeixinApi
) -> None:
    """Three cards pushed through the outbox when the reply window has three messages left:
    the first card goes out with 「1.」 and the note; 「更多」 shows the others as 「2.」 and
    「3.」 (not 1 again), and 「1」 is still the first card's, which the user still sees."""
    services = app[SERVICES]
    shown = await public_cards(services, seeded_mp)
    await mp.say("你好")  # opens the window: five messages (the passive reply costs none)
    channel = app[CHANNELS]["wechat_mp"]
    await channel.send("owner", [Text("通报一")])
    await channel.send("owner", [Text("通报二")])
    picture = app[MEDIA].put(b"\x89PNG card")
    cards: list[Reply] = [Text("请协助查找以下人员：")]
    for wanted_id, name in zip(shown, ("丙某某", "乙某某", "甲某某"), strict=True):
        option = Button("我见过此人", sighting_command(wanted_id))
        cards.extend([Image(picture), Choices(f"{name}：在逃", (option,))])
    await queue(app, "cards", cards)
    await app[DELIVERY].run_once()
    lead, image, first = await sent_after(app, fake_api, 2, 3)
    assert content(lead) == "请协助查找以下人员：" and image["msgtype"] == "image"
    assert content(first) == (
        f"丙某某：在逃\n1. 我见过此人\n{HINT}\n\n还有 4 条内容未显示，请回复「更多」查看。"
    )  # the last options this message shows

    await mp.say("更多")
    page = await sent_after(app, fake_api, 5, 4)
    assert [m["msgtype"] for m in page] == ["image", "text", "image", "text"]
    assert content(page[1]) == "乙某某：在逃\n2. 我见过此人"
    assert content(page[3]) == f"甲某某：在逃\n3. 我见过此人\n{HINT}"
    assert SEEN in await mp.say("1")
    await mp.say_all(*SIGHTING)
    assert await sighted(services) == shown[0]


async def test_more_showing_pictures_alone_leaves_the_numbers_shown_before(
    app: web.Application, mp: MpServer, seeded_mp: Seeded, fake_api: FakeWeixinApi
) -> None:
    """Options pushed first, then pictures that did not all fit: 「更多」 shows the rest of
    the pictures, and the options above still answer to their numbers (the 更多 answer had
    no options, so the ones on screen were dropped, and 「2」 meant nothing)."""
    services = app[SERVICES]
    shown = await public_cards(services, seeded_mp)
    await mp.say("协查通缉")  # the pictures follow: two of the window's five messages left
    await sent_after(app, fake_api, 0, 3)
    picture = app[MEDIA].put(b"\x89PNG card")
    order = (2, 0, 1)  # 甲某某, 丙某某, 乙某某: not the order 协查通缉 showed
    names = ("丙某某", "乙某某", "甲某某")
    options = tuple(Button(names[i], sighting_command(shown[i])) for i in order)
    cards: list[Reply] = [Choices("今日协查，见到哪一位请回复序号：", options)]
    cards.extend(Image(picture, f"{names[i]}（公开）") for i in order)
    await queue(app, "cards", cards)
    await app[DELIVERY].run_once()
    [asked] = await sent_after(app, fake_api, 3, 1)
    assert "1. 甲某某\n2. 丙某某\n3. 乙某某" in content(asked)
    assert "还有 6 条内容未显示" in content(asked)

    await mp.say("更多")
    page = await sent_after(app, fake_api, 4, 4)
    assert [m["msgtype"] for m in page] == ["image", "text", "image", "text"]
    assert content(page[3]).endswith("还有 2 条内容未显示，请回复「更多」查看。")
    assert SEEN in await mp.say("2")
    await mp.say_all(*SIGHTING)
    assert await sighted(services) == shown[0]


async def test_a_reply_written_for_buttons_says_to_reply_with_the_number(
    mp: MpServer, fake_api: FakeWeixinApi
) -> None:
    """A photo with nothing asked for it: the handler says 「（或点下面的按钮）」, as on
    Telegram, where there are buttons; here the options are numbered lines."""
    fake_api.media["m-1"] = png()
    mp.user = "resident-1"
    answer = (await mp.send(mp.image("m-1"))).text
    assert "「举报」或「报案」（或回复下面的序号）" in answer
    assert "点" not in answer and answer.rstrip().endswith(HINT)
