"""The web chat page in a real browser (headless Chromium) against the real server.

Each test gets a fresh demo station on a live server and a fresh phone-sized page with empty
storage. Set JINGMIN_SCREENSHOT_DIR to keep screenshots for a look by eye.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest
from PIL import Image
from sqlmodel import select

from bot.app import CHANNELS, SERVICES
from bot.channels.rest import RestChannel
from bot.channels.rest.identity import COOKIE
from bot.messages import Button, Choices, Text
from handlers.services.demo import DEMO_WANTED_ID, NETCAFE
from storage.models import Account, Person, Role, Venue, VenueOwner
from tests.bot.channels.rest.conftest import DESKTOP, PHONE, LiveServer, PageFactory
from tests.support.seed import GUEST_ID
from tests.support.web_chat import legacy_web_user

if TYPE_CHECKING:
    from playwright.async_api import Locator, Page, Route

expect = pytest.importorskip("playwright.async_api").expect

pytestmark = [pytest.mark.browser, pytest.mark.asyncio(loop_scope="session")]

SCREENSHOT_DIR = os.environ.get("JINGMIN_SCREENSHOT_DIR", "")


# ---- helpers: what a user does, and what they see ----


def text_box(page: Page) -> Locator:
    return page.get_by_label("输入消息")


def bot_texts(page: Page) -> Locator:
    """The text of the bot's answers (not pushed notices, not the typing indicator)."""
    return page.locator("#log .msg.bot:not(.typing):not(.pushed) .text")


def user_texts(page: Page) -> Locator:
    return page.locator("#log .msg.user .text")


async def settled(page: Page) -> None:
    """Wait until the page has its answer (or has given up)."""
    await expect(page.locator("#form")).to_have_attribute("aria-busy", "false")


async def new_answers(page: Page, before: int) -> str:
    await settled(page)
    texts = await bot_texts(page).all_inner_texts()
    return "\n".join(texts[before:])


async def say(page: Page, text: str) -> str:
    """Type a message, press Enter, return the bot's answers to it."""
    before = await bot_texts(page).count()
    await text_box(page).fill(text)
    await text_box(page).press("Enter")
    return await new_answers(page, before)


async def tap(page: Page, title: str) -> str:
    """Tap the newest button with this title under a bot message, return the answers."""
    before = await bot_texts(page).count()
    await page.locator("#log .choice:not([aria-disabled])", has_text=title).last.click()
    return await new_answers(page, before)


async def play(page: Page, role: str) -> None:
    """Pick a demo identity in the role switcher."""
    await page.get_by_role("radio", name=role).check()
    await expect(page.locator(".welcome .who")).to_contain_text(role)


async def open_chat(page: Page) -> None:
    await page.goto("/")
    await expect(page.get_by_role("radio")).to_have_count(7)  # 访客 and six demo roles


async def assert_no_horizontal_scroll(page: Page) -> None:
    widths = await page.evaluate(
        "() => [document.documentElement.scrollWidth, document.body.scrollWidth, innerWidth]"
    )
    assert max(widths[:2]) <= widths[2], f"page wider than the screen: {widths}"


async def own_identity(page: Page) -> dict[str, Any]:
    """The web chat cookie the server gave this page (its script cannot read it): there
    once `open_chat` has seen the role switcher, which the page asks for after it."""
    cookies = await page.context.cookies()
    return next(dict(c) for c in cookies if c["name"] == COOKIE)


async def own_sid(page: Page) -> str:
    """This page's own web chat id (its account's), as the server knows it."""
    return str((await own_identity(page))["value"]).partition(".")[0]


async def next_poll(page: Page, outcome: str = "requestfinished") -> None:
    """Bring the page's next inbox poll forward and wait for it to end (`outcome`: the
    request event, "requestfinished" or "requestfailed"). The page's clock, installed before
    it opened, moves on by the longest gap between polls, which fires the poll timer whatever
    its back-off; a poll already on its way is the one waited for, and a poll the jump missed
    still comes at its own pace, as without the jump."""
    async with page.expect_event(
        outcome, lambda request: "/webhooks/rest/inbox" in request.url, timeout=20_000
    ):
        await page.clock.fast_forward(15_000)


async def screenshot(page: Page, name: str) -> None:
    if SCREENSHOT_DIR:
        await page.screenshot(path=str(Path(SCREENSHOT_DIR) / name))


async def register_guest(page: Page, name: str, id_number: str) -> str:
    """As the hotel owner: check a guest in at 悦来旅馆; returns the receipt."""
    assert "请选择要登记旅客的场所" in await say(page, "登记")
    assert "请输入旅客姓名" in await tap(page, "悦来旅馆")
    assert "请选择证件类型" in await say(page, name)
    assert "请输入证件号码" in await tap(page, "居民身份证")
    assert "手机号码" in await say(page, id_number)
    assert "房间号" in await say(page, "跳过")
    assert "入住时间" in await say(page, "302")
    assert "预计退房" in await tap(page, "现在")
    assert "请核对旅客登记信息" in await say(page, "跳过")
    return await tap(page, "确认提交")


# ---- the tests ----


async def test_page_fits_a_phone_and_keeps_its_identity(page: Page) -> None:
    await open_chat(page)
    await expect(page.get_by_role("heading", name="警民通", exact=True)).to_be_visible()
    await expect(page.locator("#hint")).to_contain_text("选择一个身份体验")
    await screenshot(page, "chat-phone-first-visit.png")
    await assert_no_horizontal_scroll(page)
    send = await page.get_by_role("button", name="发送").bounding_box()
    assert send is not None
    assert send["x"] + send["width"] <= PHONE["width"]
    assert send["y"] + send["height"] <= PHONE["height"]

    me = await own_identity(page)
    assert me["httpOnly"] and me["sameSite"] == "Strict"
    assert await page.evaluate("document.cookie") == ""  # out of any script's reach
    await page.get_by_role("button", name="知道了").click()
    # A long unbroken line wraps inside its bubble instead of widening the page.
    await say(page, "1" * 400)
    await assert_no_horizontal_scroll(page)

    await page.reload()
    await expect(user_texts(page)).to_have_text(["1" * 400])
    await expect(page.locator("#hint")).to_be_hidden()
    # The same identity, renewed (a new issue time) as the page opened again.
    assert await own_sid(page) == str(me["value"]).partition(".")[0]


async def test_every_role_shows_whole_on_a_small_phone(open_page: PageFactory) -> None:
    """Scrolled sideways, the switcher had cut 民警 off at the edge of a 360px phone, with
    nothing to say there was more: an officer could not see their role was the one chosen."""
    for width in (PHONE["width"], 320):
        page = await open_page({"width": width, "height": 640})
        await open_chat(page)
        switcher = await page.locator("#seg").bounding_box()
        assert switcher is not None
        for pill in await page.locator(".seg-item span").all():
            box = await pill.bounding_box()
            assert box is not None
            assert switcher["x"] <= box["x"], (width, await pill.inner_text())
            assert box["x"] + box["width"] <= switcher["x"] + switcher["width"], (
                width,
                await pill.inner_text(),
            )
        # The hint names every role the switcher offers.
        for role in await page.locator(".seg-item span").all_inner_texts():
            if role != "访客":
                await expect(page.locator("#hint")).to_contain_text(role)
        await screenshot(page, f"chat-phone-{width}-roles.png")


async def test_resident_asks_for_help(page: Page) -> None:
    await open_chat(page)
    await play(page, "居民")
    before = await bot_texts(page).count()
    await page.get_by_role("button", name="帮助", exact=True).click()
    answer = await new_answers(page, before)
    assert "您可以咨询法律问题" in answer
    assert "\n" in answer  # the reply's line breaks are kept
    await expect(user_texts(page)).to_have_text(["帮助"])
    # Shift+Enter starts a new line; Enter alone sends.
    await text_box(page).fill("第一行")
    await text_box(page).press("Shift+Enter")
    await text_box(page).press_sequentially("第二行")
    await expect(text_box(page)).to_have_value("第一行\n第二行")
    await expect(user_texts(page)).to_have_count(1)
    await text_box(page).press("Enter")
    await expect(user_texts(page).last).to_have_text("第一行\n第二行")
    await expect(text_box(page)).to_have_value("")


async def test_hotel_owner_registers_a_guest_with_buttons_and_typing(page: Page) -> None:
    await open_chat(page)
    await play(page, "旅馆老板")
    assert "请选择要登记旅客的场所" in await say(page, "登记")
    assert "请输入旅客姓名" in await tap(page, "悦来旅馆")
    # The user's bubble shows the button's title, not its payload.
    await expect(user_texts(page).last).to_have_text("悦来旅馆")
    assert "请选择证件类型" in await say(page, "王小明")
    assert "请输入证件号码" in await tap(page, "居民身份证")
    wrong = await say(page, "11010519920701")
    assert "身份证号应为18位" in wrong and "请输入证件号码" in wrong
    assert "手机号码" in await say(page, GUEST_ID)
    assert "房间号" in await say(page, "13812345678")
    assert "入住时间" in await say(page, "302")
    assert "预计退房" in await tap(page, "现在")
    summary = await say(page, "明天")
    assert "请核对旅客登记信息" in summary and "出生日期：1992年7月1日" in summary
    receipt = await tap(page, "确认提交")
    assert "旅客登记成功" in receipt and "回执号：G" in receipt
    await expect(page.locator("#log .choice.chosen", has_text="确认提交")).to_have_count(1)
    await screenshot(page, "chat-phone-registration.png")

    # Each identity keeps its own conversation, in this browser, across a reload.
    await play(page, "居民")
    await expect(page.locator("#log")).not_to_contain_text("旅客登记成功")
    await play(page, "旅馆老板")
    await expect(page.locator("#log")).to_contain_text("旅客登记成功")
    await page.reload()
    await expect(page.get_by_role("radio", name="旅馆老板")).to_be_checked()
    await expect(page.locator("#log")).to_contain_text("旅客登记成功")


async def test_officer_sees_the_alert_for_a_wanted_guest(
    page: Page, live_server: LiveServer
) -> None:
    await page.clock.install()
    await open_chat(page)
    await play(page, "旅馆老板")
    receipt = await register_guest(page, "张某", DEMO_WANTED_ID)
    assert "旅客登记成功" in receipt
    await play(page, "民警")
    alert = page.locator("#log .msg.pushed")
    await expect(alert).to_contain_text("比中提醒", timeout=10_000)
    await expect(alert).to_contain_text("悦来旅馆")
    await expect(alert.locator(".tag")).to_contain_text("通知")
    await screenshot(page, "chat-phone-officer-alert.png")
    # While the page stays open, later messages arrive by the periodic poll.
    await live_server.push("demo-officer", Text("今日警情提示：注意防范电信诈骗。"))
    await next_poll(page)
    await expect(alert).to_have_count(2, timeout=8_000)
    await expect(alert.last).to_contain_text("今日警情提示")
    # The owner's conversation shows an ordinary receipt, nothing about the wanted list.
    await play(page, "旅馆老板")
    await expect(page.locator("#log")).not_to_contain_text("比中")


async def test_server_text_is_shown_as_text_never_as_html(
    page: Page, live_server: LiveServer
) -> None:
    await live_server.push(
        "demo-resident", Text('<b>注意</b><img src="x" onerror="window.pwned=1">防范诈骗')
    )
    await open_chat(page)
    await play(page, "居民")  # a new identity: its inbox is read at once
    pushed = page.locator("#log .msg.pushed .text")
    await expect(pushed).to_have_text('<b>注意</b><img src="x" onerror="window.pwned=1">防范诈骗')

    async def crafted(route: Route) -> None:
        await route.fulfill(
            json=[
                {
                    "recipient_id": "demo-resident",
                    "text": "<script>window.pwned=2</script>请选择：",
                    "buttons": [{"title": "<i>选项</i>", "payload": "选项"}],
                    "image": "javascript:window.pwned=3",
                }
            ]
        )

    await page.route("**/webhooks/rest/webhook", crafted)
    await say(page, "你好")
    await expect(bot_texts(page).last).to_have_text("<script>window.pwned=2</script>请选择：")
    await expect(page.locator("#log .choice")).to_have_text(["<i>选项</i>"])
    await expect(page.locator("#log .msg.bot").last).to_contain_text("图片无法显示")
    assert await page.locator("#log b, #log script, #log img, #log .choice i").count() == 0
    assert await page.evaluate("window.pwned") is None


async def test_server_down_shows_a_notice_and_keeps_the_typed_text(
    page: Page, live_server: LiveServer
) -> None:
    await open_chat(page)
    await live_server.stop()
    await say(page, "我想咨询租房问题")
    notice = page.get_by_role("alert")
    await expect(notice).to_contain_text("网络连接失败")
    await expect(notice).to_contain_text("您输入的内容已保留")
    await expect(text_box(page)).to_have_value("我想咨询租房问题")
    await expect(user_texts(page)).to_have_count(0)
    await page.get_by_role("button", name="重试").click()
    await settled(page)
    await expect(notice).to_contain_text("网络连接失败")
    await expect(text_box(page)).to_have_value("我想咨询租房问题")
    await screenshot(page, "chat-phone-offline.png")


async def test_sending_nothing_says_what_to_do(page: Page) -> None:
    """发送 on an empty box (or spaces) did nothing at all: the page looked broken."""
    await open_chat(page)
    before = await bot_texts(page).count()
    await text_box(page).fill("   ")
    await page.get_by_role("button", name="发送").click()
    notice = page.get_by_role("alert")
    await expect(notice).to_contain_text("请先输入内容再发送")
    await expect(user_texts(page)).to_have_count(0)
    await expect(text_box(page)).to_have_value("   ")
    # Then typing and sending goes as ever, and the hint goes.
    assert "您可以咨询法律问题" in await say(page, "帮助")
    await expect(notice).to_be_hidden()
    assert await bot_texts(page).count() > before


async def test_retry_sends_what_failed(page: Page) -> None:
    calls = 0

    async def busy_once(route: Route) -> None:
        nonlocal calls
        calls += 1
        if calls == 1:
            await route.fulfill(status=429, json={"error": "rate limited"})
        else:
            await route.continue_()

    await open_chat(page)
    await page.route("**/webhooks/rest/webhook", busy_once)
    await say(page, "帮助")
    await expect(page.get_by_role("alert")).to_contain_text("发送太频繁")
    await expect(text_box(page)).to_have_value("帮助")
    before = await bot_texts(page).count()
    await page.get_by_role("button", name="重试").click()
    assert "您可以咨询法律问题" in await new_answers(page, before)
    await expect(page.get_by_role("alert")).to_be_hidden()
    await expect(text_box(page)).to_have_value("")
    await expect(user_texts(page)).to_have_text(["帮助"])


async def test_too_frequent_waits_as_the_server_says_then_sends_by_itself(page: Page) -> None:
    """A 429 left the page on a notice: now it waits the server's Retry-After and sends the
    message again, the words kept in the box until then."""
    calls = 0

    async def busy_once(route: Route) -> None:
        nonlocal calls
        calls += 1
        if calls == 1:
            await route.fulfill(status=429, headers={"Retry-After": "2"}, json={"error": "busy"})
        else:
            await route.continue_()

    await page.clock.install()
    await open_chat(page)
    await page.route("**/webhooks/rest/webhook", busy_once)
    await say(page, "帮助")
    await expect(page.get_by_role("alert")).to_contain_text("发送太频繁，请稍后再试，2 秒后")
    await expect(text_box(page)).to_have_value("帮助")
    await expect(user_texts(page)).to_have_count(0)
    await page.clock.run_for(2500)
    await expect(bot_texts(page).last).to_contain_text("您可以咨询法律问题")
    await expect(page.get_by_role("alert")).to_be_hidden()
    await expect(text_box(page)).to_have_value("")
    await expect(user_texts(page)).to_have_text(["帮助"])
    assert calls == 2


async def test_words_changed_while_waiting_are_not_sent_by_themselves(page: Page) -> None:
    calls = 0

    async def busy(route: Route) -> None:
        nonlocal calls
        calls += 1
        await route.fulfill(status=429, headers={"Retry-After": "1"}, json={"error": "busy"})

    await page.clock.install()
    await open_chat(page)
    await page.route("**/webhooks/rest/webhook", busy)
    await say(page, "房东不退押金")
    await text_box(page).fill("房东不退押金怎么办")
    await page.clock.run_for(3000)
    await expect(text_box(page)).to_have_value("房东不退押金怎么办")
    await expect(page.get_by_role("alert")).to_contain_text("发送太频繁")
    await expect(page.get_by_role("button", name="重试")).to_be_visible()
    assert calls == 1


async def test_words_typed_before_a_photo_go_with_it(page: Page, tmp_path: Path) -> None:
    """The photo button dropped what was in the text box: now it is the photo's caption
    (and back in the box if the photo did not go)."""
    photo = tmp_path / "楼道.jpg"
    Image.new("RGB", (800, 600), "#806040").save(photo)
    await open_chat(page)
    await say(page, "举报")
    await say(page, "楼道里堆满了纸箱，还有人在抽烟")
    assert "如有照片" in await say(page, "消防隐患")

    await page.route("**/webhooks/rest/webhook", lambda route: route.abort())
    await text_box(page).fill("这是三楼楼道")
    await page.set_input_files("#photo-file", str(photo))
    await expect(page.get_by_role("alert")).to_contain_text("您输入的内容已保留")
    await expect(text_box(page)).to_have_value("这是三楼楼道")
    await page.unroute("**/webhooks/rest/webhook")
    await page.get_by_role("button", name="关闭提示").click()

    await page.set_input_files("#photo-file", str(photo))
    await expect(bot_texts(page).last).to_contain_text("已补充到情况描述：这是三楼楼道")
    await expect(bot_texts(page).last).to_contain_text("已收到1张照片")
    await expect(user_texts(page).last).to_have_text("📷 图片（楼道.jpg）\n这是三楼楼道")
    await expect(text_box(page)).to_have_value("")


async def test_an_identity_left_a_month_says_to_reload_and_reload_starts_anew(
    page: Page, live_server: LiveServer
) -> None:
    await open_chat(page)
    assert "您可以咨询法律问题" in await say(page, "帮助")
    before = await own_sid(page)
    channel = live_server.app[CHANNELS]["web"]
    assert isinstance(channel, RestChannel)
    month_on = datetime.now(UTC) + timedelta(days=31)
    channel.tokens = replace(channel.tokens, clock=lambda: month_on)
    await say(page, "我想咨询租房问题")
    notice = page.get_by_role("alert")
    await expect(notice).to_contain_text("超过 30 天未使用")
    await expect(notice).to_contain_text("请刷新页面")
    await expect(text_box(page)).to_have_value("我想咨询租房问题")
    await expect(page.get_by_role("button", name="重试")).to_be_hidden()
    await expect(user_texts(page)).to_have_text(["帮助"])

    await page.reload()
    await expect(page.locator("#notice")).to_contain_text("现已为您开始新的对话")
    assert await own_sid(page) != before
    assert "您可以咨询法律问题" in await say(page, "帮助")


async def test_a_page_left_open_renews_its_identity(page: Page) -> None:
    """Open on a front desk for weeks, the page renews its identity before the server would
    refuse it: same identity, a new issue time."""
    await page.clock.install()
    await open_chat(page)
    before = await own_sid(page)
    async with page.expect_request(lambda r: r.url.endswith("/webhooks/rest/session")) as asked:
        await page.clock.fast_forward("13:00:00")
    renewed = await (await asked.value).response()
    assert renewed is not None and renewed.ok
    assert await own_sid(page) == before


async def test_share_location(open_page: PageFactory) -> None:
    allowed = await open_page(
        permissions=["geolocation"], geolocation={"latitude": 30.2741, "longitude": 120.1551}
    )
    await open_chat(allowed)
    await allowed.get_by_role("button", name="共享我的位置").click()
    await expect(user_texts(allowed).last).to_contain_text("我的位置（30.27410, 120.15510）")
    await expect(bot_texts(allowed).last).to_contain_text("已收到位置")

    denied = await open_page()
    await open_chat(denied)
    await denied.get_by_role("button", name="共享我的位置").click()
    await expect(denied.get_by_role("alert")).to_contain_text("位置")
    await expect(user_texts(denied)).to_have_count(0)


async def test_a_photo_is_shrunk_and_sent(page: Page, tmp_path: Path) -> None:
    big = tmp_path / "门口.jpg"
    # Noise does not compress: a phone-sized photo above the server's 2 MB request limit.
    Image.effect_noise((4000, 3000), 80).convert("RGB").save(big, quality=95)
    assert big.stat().st_size > 2 * 1024 * 1024
    await open_chat(page)
    await say(page, "举报")
    await say(page, "楼道里堆满了纸箱，还有人在抽烟")
    assert "如有照片" in await say(page, "消防隐患")
    await page.set_input_files("#photo-file", str(big))  # 4000×3000: shrunk before it goes
    await expect(bot_texts(page).last).to_contain_text("已收到1张照片")
    await expect(user_texts(page).last).to_contain_text("📷 图片（门口.jpg）")


async def test_a_refused_photo_says_why_and_keeps_its_caption(page: Page, tmp_path: Path) -> None:
    """A photo still past the server's 2 MB (grown here on its way) had been told 「内容格式
    有误或过长（最多 2000 字）」: a limit on words, for a picture. The server's own reason is
    shown now, and the words typed with it stay in the box."""
    photo = tmp_path / "楼道.jpg"
    Image.new("RGB", (800, 600), "#806040").save(photo)

    async def grown(route: Route) -> None:
        body = json.loads(route.request.post_data or "{}")
        body["image"] += "A" * (3 * 1024 * 1024)
        await route.continue_(post_data=json.dumps(body))

    await open_chat(page)
    await page.route("**/webhooks/rest/webhook", grown)
    await text_box(page).fill("这是三楼楼道")
    await page.set_input_files("#photo-file", str(photo))
    notice = page.get_by_role("alert")
    await expect(notice).to_contain_text(
        "发送的内容太大（最多 2 MB），未能收到：照片请换一张较小的"
    )
    await expect(notice).to_contain_text("您输入的内容已保留")
    await expect(text_box(page)).to_have_value("这是三楼楼道")
    await expect(user_texts(page)).to_have_count(0)
    await expect(page.get_by_role("button", name="重试")).to_be_hidden()


async def test_a_message_the_server_refuses_shows_its_reason(page: Page) -> None:
    """What the server says of a message it cannot take (here: a character the box lets
    through and the server cannot store) is what the page shows, in Chinese, the words kept."""

    async def with_nul(route: Route) -> None:
        body = json.loads(route.request.post_data or "{}")
        body["message"] += "\u0000"
        await route.continue_(post_data=json.dumps(body))

    await open_chat(page)
    await page.route("**/webhooks/rest/webhook", with_nul)
    await say(page, "我家门口的路灯坏了")
    await expect(page.locator("#notice-text")).to_have_text(
        "消息里有无法识别的字符，请删去后重新发送。您输入的内容已保留。"
    )
    await expect(text_box(page)).to_have_value("我家门口的路灯坏了")
    await expect(user_texts(page)).to_have_count(0)


async def test_desktop_layout(open_page: PageFactory) -> None:
    page = await open_page(DESKTOP)
    await open_chat(page)
    await play(page, "居民")
    await page.get_by_role("button", name="帮助", exact=True).click()
    await settled(page)
    await assert_no_horizontal_scroll(page)
    column = await page.locator(".app").bounding_box()
    assert column is not None
    assert column["width"] <= 860 and abs(column["x"] * 2 + column["width"] - 1280) <= 2
    await screenshot(page, "chat-desktop.png")


# ---- the page fits the role, and tells what it would otherwise keep quiet ----


def chips(page: Page) -> Locator:
    return page.locator("#chips .chip")


async def hide_tab(page: Page, hidden: bool) -> None:
    """Put the page in a background tab (or bring it back), as the browser would."""
    await page.evaluate(
        """hidden => {
            Object.defineProperty(document, "hidden", { configurable: true, get: () => hidden });
            document.dispatchEvent(new Event("visibilitychange"));
        }""",
        hidden,
    )


async def test_shortcuts_and_welcome_fit_the_role(page: Page, live_server: LiveServer) -> None:
    await open_chat(page)
    await play(page, "民警")
    await expect(chips(page)).to_have_text(["帮助", "日报", "比中", "线索", "任务"])
    await expect(page.locator(".welcome")).not_to_contain_text("登记旅客")
    await expect(page.locator(".welcome")).to_contain_text("比中提醒")
    assert "比中" in await say(page, "命中")
    await screenshot(page, "chat-phone-officer.png")
    await play(page, "旅馆老板")
    await expect(chips(page)).to_contain_text(["帮助", "登记"])
    await play(page, "居民")
    await expect(chips(page)).to_have_text(["帮助", "咨询法律问题", "举报", "报案", "查询"])

    # This browser's own identity, bound as an officer: the page learns it from the server.
    me = await own_sid(page)
    async with live_server.app[SERVICES].sessions() as session:
        officer = Person(role=Role.OFFICER, display_name="二号民警")
        session.add(officer)
        await session.flush()
        assert officer.id is not None
        session.add(Account(channel="web", channel_user_id=me, person_id=officer.id))
        await session.commit()
    await play(page, "访客")
    await expect(chips(page)).to_contain_text(["日报", "比中"])
    await expect(chips(page).filter(has_text="举报")).to_have_count(0)


async def test_an_owners_shortcuts_fit_their_kind_of_place(
    page: Page, live_server: LiveServer
) -> None:
    """A net café owner had been offered 登记, which a net café cannot use."""
    await open_chat(page)
    await play(page, "网吧老板")
    await expect(chips(page)).to_have_text(["帮助", "自查", "最近通报", "问民警", "咨询法律问题"])
    await expect(page.locator(".welcome")).not_to_contain_text("登记")
    await expect(page.locator(".welcome")).to_contain_text("消防安全自查")
    assert "消防安全自查" in await say(page, "自查")
    await play(page, "房东")
    await expect(chips(page)).to_contain_text(["帮助", "登记"])
    await expect(chips(page).filter(has_text="自查")).to_have_count(0)
    await expect(page.locator(".welcome")).to_contain_text("在线登记租客")

    # This browser's own identity, bound as the owner of a net café: the page learns what
    # the place has them do from the server, not from a demo role's name.
    me = await own_sid(page)
    async with live_server.app[SERVICES].sessions() as session:
        netcafe = (await session.exec(select(Venue).where(Venue.name == NETCAFE))).one()
        owner = Person(role=Role.OWNER, display_name="网吧负责人")
        session.add(owner)
        await session.flush()
        assert owner.id is not None and netcafe.id is not None
        session.add(Account(channel="web", channel_user_id=me, person_id=owner.id))
        session.add(VenueOwner(person_id=owner.id, venue_id=netcafe.id))
        await session.commit()
    await play(page, "访客")
    await expect(chips(page)).to_contain_text(["帮助", "自查"])
    await expect(chips(page).filter(has_text="登记")).to_have_count(0)
    await expect(page.locator(".welcome")).not_to_contain_text("登记")


async def test_a_background_tab_counts_what_arrives_in_its_title(
    page: Page, live_server: LiveServer
) -> None:
    await page.clock.install()
    await open_chat(page)
    await play(page, "民警")
    await expect(page).to_have_title("警民通")
    await hide_tab(page, True)
    await live_server.push("demo-officer", Text("比中提醒：测试"), Text("今日警情提示"))
    await next_poll(page)  # a background tab polls every 10 seconds
    await expect(page).to_have_title("(2) 警民通", timeout=15_000)
    await hide_tab(page, False)
    await expect(page).to_have_title("警民通")


async def test_the_reconnect_notice_goes_once_a_message_goes_through(page: Page) -> None:
    await page.clock.install()
    await open_chat(page)
    await page.route("**/webhooks/rest/inbox*", lambda route: route.abort())
    banner = page.get_by_text("连接中断，正在重连")
    for _ in range(4):  # shown after two polls in a row failed
        if await banner.is_visible():
            break
        await next_poll(page, "requestfailed")
    await expect(banner).to_be_visible(timeout=20_000)
    await screenshot(page, "chat-phone-reconnecting.png")
    box = await banner.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    await page.unroute("**/webhooks/rest/inbox*")
    assert "您可以咨询法律问题" in await say(page, "帮助")
    # The answer came: the server is back, whatever the last poll said.
    await expect(banner).to_be_hidden(timeout=1_500)


async def test_a_long_answer_opens_at_its_start(page: Page) -> None:
    long = "【常见问题】房东不退押金怎么办\n" + "\n".join(f"第{n}条说明。" for n in range(60))

    async def answer(route: Route) -> None:
        await route.fulfill(json=[{"recipient_id": "x", "text": long}])

    await open_chat(page)
    await page.route("**/webhooks/rest/webhook", answer)
    await say(page, "房东不退押金怎么办")
    start = page.get_by_text("【常见问题】房东不退押金怎么办")
    await expect(start).to_be_in_viewport()
    log = await page.locator("#log").bounding_box()
    top = await start.bounding_box()
    assert log is not None and top is not None and top["y"] >= log["y"]
    await screenshot(page, "chat-phone-long-answer.png")


async def test_the_words_an_answer_matched_are_highlighted(page: Page) -> None:
    """The answer marks them as 【租赁】物; shown as sent, the brackets split the word.
    Labels (【常见问题】, 👮【示范派出所】) stay as they are."""
    text = (
        "👮【示范派出所】【常见问题】转租\n"
        "1. 《民法典》第七百一十六条：承租人经出租人同意，可以将【租赁】物转租"
    )

    async def answer(route: Route) -> None:
        await route.fulfill(json=[{"recipient_id": "x", "text": text}])

    await open_chat(page)
    await page.route("**/webhooks/rest/webhook", answer)
    await say(page, "能转租吗")
    await expect(bot_texts(page).last).to_contain_text("可以将租赁物转租")
    await expect(page.locator("#log .msg.bot mark")).to_have_text(["租赁"])
    await expect(bot_texts(page).last).to_contain_text("👮【示范派出所】【常见问题】转租")


async def test_text_past_the_limit_is_kept_and_explained(page: Page) -> None:
    await open_chat(page)
    count = page.locator("#count")
    await text_box(page).fill("问" * 1900)
    await expect(count).to_have_text("1900 / 2000")
    await text_box(page).fill("问" * 2003)
    await expect(count).to_contain_text("已超出 3 字")
    await text_box(page).press("Enter")
    await expect(page.get_by_role("alert")).to_contain_text("消息太长：最多 2000 字，现在 2003 字")
    await expect(text_box(page)).to_have_value("问" * 2003)  # nothing cut, nothing sent
    await expect(user_texts(page)).to_have_count(0)
    await text_box(page).fill("问" * 2000)
    await text_box(page).press("Enter")
    await expect(user_texts(page)).to_have_text(["问" * 2000])


async def test_own_photo_shows_as_a_thumbnail(page: Page, tmp_path: Path) -> None:
    photo = tmp_path / "photo.jpg"
    Image.new("RGB", (640, 480), "#3a6ea5").save(photo)
    await open_chat(page)
    await page.set_input_files("#photo-file", str(photo))
    thumb = page.locator("#log .msg.user img.thumb")
    await expect(thumb).to_be_visible()
    assert await thumb.evaluate("img => img.naturalWidth") > 0
    await expect(user_texts(page).last).to_contain_text("📷 图片（photo.jpg）")


async def test_buttons_answered_by_typing_are_no_longer_active(page: Page) -> None:
    async def summary(route: Route) -> None:
        buttons = [{"title": t, "payload": t} for t in ("确认提交", "修改", "取消")]
        await route.fulfill(json=[{"recipient_id": "x", "text": "请核对：", "buttons": buttons}])

    await open_chat(page)
    await page.route("**/webhooks/rest/webhook", summary)
    await say(page, "登记")
    await expect(page.locator("#log .choice:not([aria-disabled])")).to_have_count(3)
    await page.unroute("**/webhooks/rest/webhook")
    await say(page, "帮助")
    await expect(page.locator("#log .choice")).to_have_count(3)
    await expect(page.locator("#log .choice:not([aria-disabled])")).to_have_count(0)
    await page.reload()  # and so they stay
    await expect(page.locator("#log .choice:not([aria-disabled])")).to_have_count(0)


async def test_a_chosen_button_does_not_look_like_a_second_message(page: Page) -> None:
    """Filled blue like the user's bubble right below it, the tapped 现在 read as sent twice."""

    async def ask(route: Route) -> None:
        buttons = [{"title": "现在", "payload": "现在"}]
        await route.fulfill(json=[{"recipient_id": "x", "text": "入住时间？", "buttons": buttons}])

    await open_chat(page)
    await page.route("**/webhooks/rest/webhook", ask)
    await say(page, "登记")
    await tap(page, "现在")
    chosen = page.locator("#log .choice.chosen")
    await expect(chosen).to_have_text("现在")
    background = "el => getComputedStyle(el).backgroundColor"
    mine = await page.locator("#log .msg.user .bubble").last.evaluate(background)
    assert await chosen.evaluate(background) != mine


async def test_an_alerts_button_stays_active_after_other_messages(
    page: Page, live_server: LiveServer
) -> None:
    """An alert's 收到 came in the middle of a registration; greyed out at the next answer,
    the owner had to type 收到, which the form would take as the guest's name."""
    alert = Choices("🔵【一般·治安】今晚有寒潮，请检查取暖设备", (Button("收到", "/收到 1"),))
    await live_server.push("demo-hotel", alert)
    await open_chat(page)
    await play(page, "旅馆老板")
    await expect(page.locator("#log .msg.pushed")).to_contain_text("今晚有寒潮")
    await say(page, "帮助")
    received = page.locator("#log .msg.pushed .choice", has_text="收到")
    await expect(received).not_to_have_attribute("aria-disabled", "true")
    answer = await tap(page, "收到")
    assert answer and "请输入" not in answer
    await expect(user_texts(page).last).to_have_text("收到")
    await expect(received).to_have_class("choice chosen")


async def test_the_page_has_an_icon(page: Page) -> None:
    missing: list[str] = []
    page.on("response", lambda r: missing.append(r.url) if r.status == 404 else None)
    await open_chat(page)
    assert await page.locator("link[rel=icon]").count() == 1
    await page.wait_for_load_state("networkidle")
    assert missing == []


async def test_a_conversation_of_the_earlier_page_is_carried_over(
    page: Page, live_server: LiveServer
) -> None:
    """A hotel owner bound on the earlier page, whose identity the page made itself: after
    the upgrade they are still the owner, with what was sent to them, and the old name is
    gone from the browser."""
    old = await legacy_web_user(
        live_server.app, Role.OWNER, "今日通报：请核对入住旅客证件。", "旧页面的负责人"
    )
    await open_chat(page)
    await page.evaluate(f"localStorage.setItem('jingmin.me', '{old}')")
    await page.reload()
    await expect(page.locator("#log .msg.pushed")).to_contain_text("今日通报：请核对入住旅客证件。")
    await expect(chips(page)).to_contain_text(["帮助", "最近通报"])
    assert await page.evaluate("localStorage.getItem('jingmin.me')") is None
    assert await own_sid(page) != old


async def test_an_officer_of_the_earlier_page_is_asked_to_bind_again(
    page: Page, live_server: LiveServer
) -> None:
    old = await legacy_web_user(live_server.app, Role.OFFICER, display_name="旧页面的民警")
    await open_chat(page)
    await page.evaluate(f"localStorage.setItem('jingmin.me', '{old}')")
    await page.reload()
    await expect(page.locator("#notice")).to_contain_text("原民警身份需重新绑定")
    await expect(page.locator("#notice")).to_contain_text("/关联")
    await expect(chips(page)).to_have_text(["帮助", "咨询法律问题", "举报", "报案", "查询"])
