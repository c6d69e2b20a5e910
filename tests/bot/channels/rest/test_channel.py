"""The REST channel over HTTP, as a web page or a Rasa-style client sees it (no browser).

Whatever a client sends, the answer is a reply, or a 400 naming what is wrong: never a 500.
"""

from __future__ import annotations

import base64
import functools
import json
import re
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient
from sqlmodel import select

from bot.app import CHANNELS, DELIVERY, MEDIA, SERVICES, create_app
from bot.channels.missing_pictures import GONE
from bot.channels.rest import channel as rest_channel
from bot.channels.rest.channel import (
    ADDRESS_CLAIMS_PER_MINUTE,
    ADDRESS_GUESSES_PER_MINUTE,
    ADDRESS_UPLOADS_BURST,
    ADDRESS_UPLOADS_PER_MINUTE,
    INBOX_PAGE,
    MAX_MESSAGE_CHARS,
    UPLOADS_BURST,
    UPLOADS_PER_MINUTE,
)
from bot.config import Settings
from bot.messages import Button, Choices, Image, Recall, Text
from bot.middleware.rate_limit import RateLimiter
from handlers.broadcast.compose import alert_replies
from storage.models import (
    Account,
    Broadcast,
    Category,
    Person,
    RecipientKind,
    Role,
    Severity,
    Venue,
    VenueKind,
    VenueOwner,
    WebInboxMessage,
)
from tests.conftest import make_settings, reset_schema
from tests.support.clock import FakeClock
from tests.support.media import phone_jpeg
from tests.support.places import second_place
from tests.support.seed import GUEST_ID, WANTED_ID, Seeded
from tests.support.wanted import SIGHTING, public_cards, sighted
from tests.support.web_chat import web_auth, web_token

Client = TestClient[web.Request, web.Application]
ClientFactory = Callable[[web.Application], Awaitable[Client]]

WEBHOOK = "/webhooks/rest/webhook"
INBOX = "/webhooks/rest/inbox"
CHINESE = re.compile(r"[\u4e00-\u9fff]")
HTML_SINKS = re.compile(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|\beval\(")


async def post(client: Client, body: object) -> tuple[int, Any]:
    """POST `body` as the web chat user its `sender` names (a name, made a token here)."""
    if isinstance(body, dict) and isinstance(body.get("sender"), str) and body["sender"].strip():
        body = {**body, "sender": web_token(client.app, body["sender"].strip())}
    response = await client.post(WEBHOOK, json=body)
    return response.status, await response.json()


async def post_raw(client: Client, data: bytes) -> tuple[int, Any]:
    response = await client.post(WEBHOOK, data=data, headers={"Content-Type": "application/json"})
    return response.status, await response.json()


async def say(client: Client, sender: str, message: str) -> list[dict[str, Any]]:
    status, replies = await post(client, {"sender": sender, "message": message})
    assert status == 200, replies
    return replies


def texts(replies: list[dict[str, Any]]) -> str:
    return "\n".join(r.get("text", "") for r in replies)


@pytest.fixture
def pictures_without_refill(monkeypatch: pytest.MonkeyPatch) -> None:
    """The channel's picture limits, on a clock that stands still: their buckets refill over
    real seconds, and a loaded machine taking the pictures in slowly had refilled them as
    fast as the test drained them (no picture refused). Ask for it before the app."""
    frozen = functools.partial(RateLimiter, clock=lambda: 0.0)
    monkeypatch.setattr(rest_channel, "RateLimiter", frozen)


# ---- the page ----


async def test_page_and_its_files_are_served(
    aiohttp_client: ClientFactory, app: web.Application
) -> None:
    client = await aiohttp_client(app)
    page = await client.get("/")
    assert page.status == 200 and page.content_type == "text/html"
    html = await page.text()
    assert "警民通" in html and 'src="static/chat.js"' in html and "static/chat.css" in html
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    script = await client.get("/static/chat.js")
    assert script.status == 200 and script.content_type == "text/javascript"
    # Server text becomes text nodes: the script never hands a string to the HTML parser.
    assert not HTML_SINKS.search(await script.text())
    style = await client.get("/static/chat.css")
    assert style.status == 200 and style.content_type == "text/css"


@pytest.mark.parametrize(
    "path", ["/static/index.html", "/static/missing.js", "/static/..%2Fchannel.py", "/static/"]
)
async def test_only_the_page_files_are_served(
    aiohttp_client: ClientFactory, app: web.Application, path: str
) -> None:
    client = await aiohttp_client(app)
    response = await client.get(path)
    assert response.status == 404


async def test_demo_roles_are_listed_only_on_a_demo_station(
    aiohttp_client: ClientFactory, app: web.Application, settings: Settings, tmp_path: Path
) -> None:
    plain = await aiohttp_client(app)
    assert await (await plain.get("/webhooks/rest/demo")).json() == {"roles": []}

    demo_settings = make_settings(settings.database.url, tmp_path, server={"demo_roles": True})
    demo = await aiohttp_client(create_app(demo_settings, run_background=False))
    roles = (await (await demo.get("/webhooks/rest/demo")).json())["roles"]
    assert {r["sender"] for r in roles} == {
        "demo-officer",
        "demo-hotel",
        "demo-landlord",
        "demo-netcafe",
        "demo-resident",
        "demo-admin",
    }
    assert all(CHINESE.search(r["label"]) for r in roles)


async def test_the_page_learns_the_senders_role_for_its_shortcuts(
    aiohttp_client: ClientFactory, app: web.Application, app_seeded: Seeded
) -> None:
    client = await aiohttp_client(app)

    async def role(sender: str) -> object:
        response = await client.get("/webhooks/rest/me", headers=web_auth(app, sender))
        assert response.status == 200
        return (await response.json())["role"]

    assert await role("officer") == "officer"
    assert await role("owner") == "owner"
    async with app[SERVICES].sessions() as session:
        head = Person(role=Role.ADMIN, display_name="所领导")
        session.add(head)
        await session.flush()
        assert head.id is not None
        session.add(Account(channel="web", channel_user_id="head", person_id=head.id))
        await session.commit()
    assert await role("head") == "admin"  # the audit log's chips, beside an officer's
    assert await role("someone-new") == "resident"
    assert (await client.get("/webhooks/rest/me")).status == 401


async def test_an_owners_shortcuts_fit_the_kinds_of_place_they_have(
    aiohttp_client: ClientFactory, app: web.Application, app_seeded: Seeded
) -> None:
    """A net café owner had been offered 登记, which answers 您名下的场所无需登记旅客或租客:
    the page learns whom an owner registers and whether they inspect, as their 帮助 says."""
    async with app[SERVICES].sessions() as session:
        netcafe = Venue(
            kind=VenueKind.INTERNET_CAFE,
            name="极速网吧",
            address="城东路 36 号",
            beat_id=app_seeded.beat.id,
        )
        owner = Person(role=Role.OWNER, display_name="网吧负责人")
        session.add_all([netcafe, owner])
        await session.flush()
        assert netcafe.id is not None and owner.id is not None
        session.add(Account(channel="web", channel_user_id="netcafe", person_id=owner.id))
        session.add(VenueOwner(person_id=owner.id, venue_id=netcafe.id))
        await session.commit()
    client = await aiohttp_client(app)

    async def me(sender: str) -> object:
        response = await client.get("/webhooks/rest/me", headers=web_auth(app, sender))
        assert response.status == 200
        return await response.json()

    assert await me("netcafe") == {"role": "owner", "registers": [], "inspects": True}
    assert await me("owner") == {"role": "owner", "registers": ["旅客"], "inspects": True}
    assert await me("landlord") == {"role": "owner", "registers": ["租客"], "inspects": False}
    assert await me("officer") == {"role": "officer"}


# ---- answers in Rasa's shape ----


async def test_answer_is_a_list_of_rasa_replies(
    aiohttp_client: ClientFactory, app: web.Application
) -> None:
    client = await aiohttp_client(app)
    status, replies = await post(client, {"sender": "visitor-1", "message": "帮助"})
    assert status == 200 and isinstance(replies, list) and replies
    for reply in replies:
        assert reply["recipient_id"] == "visitor-1"
        assert set(reply) <= {"recipient_id", "text", "buttons", "image"}
    assert "您可以咨询法律问题" in texts(replies)


async def test_choices_come_back_as_buttons(
    aiohttp_client: ClientFactory, app: web.Application, app_seeded: Seeded
) -> None:
    client = await aiohttp_client(app)
    await say(client, "owner", "登记")
    replies = await say(client, "owner", "王小明")
    buttons = replies[-1]["buttons"]
    assert {"title": "居民身份证", "payload": "居民身份证"} in buttons
    assert all(set(b) == {"title", "payload"} for b in buttons)
    # Pressing a button sends its payload as the message.
    assert "请输入证件号码" in texts(await say(client, "owner", buttons[0]["payload"]))


async def test_a_typed_number_means_what_it_means_on_wechat(
    aiohttp_client: ClientFactory, app: web.Application, app_seeded: Seeded
) -> None:
    """Three wanted cards, each with its own 「我见过此人」 button: 「2」 typed instead is the
    second card's, as WeChat numbers them (it was no option at all: only the last card's
    buttons were remembered)."""
    services = app[SERVICES]
    shown = await public_cards(services, app_seeded)
    client = await aiohttp_client(app)
    cards = await say(client, "owner", "协查通缉")
    assert [b["title"] for r in cards for b in r.get("buttons", [])] == ["我见过此人"] * 3
    assert "感谢您提供协查通缉" in texts(await say(client, "owner", "2"))
    for answer in SIGHTING:
        await say(client, "owner", answer)
    assert await sighted(services) == shown[1]


async def test_sender_is_trimmed_and_names_the_recipient(
    aiohttp_client: ClientFactory, app: web.Application
) -> None:
    client = await aiohttp_client(app)
    replies = await say(client, "  visitor-2 \n", "帮助")
    assert {r["recipient_id"] for r in replies} == {"visitor-2"}


async def test_shared_location_alone_is_a_message(
    aiohttp_client: ClientFactory, app: web.Application
) -> None:
    client = await aiohttp_client(app)
    body = {
        "sender": "visitor-3",
        "message": "",
        "metadata": {"location": {"latitude": 30.27, "longitude": 120.15, "label": "城东"}},
    }
    status, replies = await post(client, body)
    assert status == 200 and "已收到位置" in texts(replies)


async def test_a_photo_from_the_page_answers_a_photo_question(
    aiohttp_client: ClientFactory, app: web.Application
) -> None:
    client = await aiohttp_client(app)
    await say(client, "visitor-4", "举报")
    await say(client, "visitor-4", "楼道里堆满了纸箱，还有人在抽烟")
    assert "如有照片" in texts(await say(client, "visitor-4", "消防隐患"))
    photo = "data:image/jpeg;base64," + base64.b64encode(phone_jpeg()).decode()
    status, replies = await post(client, {"sender": "visitor-4", "message": "", "image": photo})
    assert status == 200 and "已收到1张照片" in texts(replies)


async def test_a_file_that_is_no_image_is_answered_in_the_chat(
    aiohttp_client: ClientFactory, app: web.Application
) -> None:
    client = await aiohttp_client(app)
    fake = base64.b64encode(b"%PDF-1.4 not a picture").decode()
    status, replies = await post(client, {"sender": "visitor-5", "message": "", "image": fake})
    assert status == 200 and "无法识别该图片" in texts(replies)
    status, body = await post(client, {"sender": "visitor-5", "message": "", "image": "@@@"})
    assert status == 400 and body["code"] == "bad_image" and "请重新选择照片" in body["error"]


async def test_a_flood_of_pictures_is_refused_before_it_is_stored(
    pictures_without_refill: None,
    aiohttp_client: ClientFactory,
    app: web.Application,
    settings: Settings,
) -> None:
    client = await aiohttp_client(app)
    answers = []
    for n in range(UPLOADS_BURST + 2):
        colour = f"#{n * 20:02x}0000"  # each picture different: each one would be stored
        photo = "data:image/jpeg;base64," + base64.b64encode(phone_jpeg(colour)).decode()
        _, replies = await post(client, {"sender": "visitor-6", "message": "", "image": photo})
        answers.append(texts(replies))
    refused = "这张照片没有收到，请稍等一分钟后重新发送"
    assert refused not in answers[0] and refused in answers[-1]
    stored = [p for p in Path(settings.storage.media_dir).rglob("*") if p.is_file()]
    assert len(stored) == UPLOADS_BURST  # the refused ones never reached the disk


async def test_behind_the_stations_proxy_each_resident_has_their_own_picture_limit(
    pictures_without_refill: None,
    aiohttp_client: ClientFactory,
    settings: Settings,
    clock: FakeClock,
) -> None:
    """Behind nginx every request comes from the proxy: without trusted_proxies, the whole
    station had one limit of twelve pictures a minute."""
    await reset_schema(settings.database.url)
    server = settings.server.model_copy(update={"trusted_proxies": ["127.0.0.1"]})
    proxied = settings.model_copy(update={"server": server})
    client = await aiohttp_client(create_app(proxied, clock=clock, run_background=False))

    async def pictures(
        sender: str, address: Callable[[int], str], shade: str, count: int = UPLOADS_BURST + 2
    ) -> list[str]:
        answers = []
        for n in range(count):
            jpeg = phone_jpeg(shade.format(n * 2 % 256))
            photo = "data:image/jpeg;base64," + base64.b64encode(jpeg).decode()
            resp = await client.post(
                "/webhooks/rest/webhook",
                json={
                    "sender": web_token(client.app, f"{sender}-{n}"),
                    "message": "",
                    "image": photo,
                },
                headers={"X-Forwarded-For": address(n)},
            )
            answers.append(texts(await resp.json()))
            if "没有收到" in answers[-1]:
                break
        return answers

    apart = await pictures("resident", lambda n: f"203.0.113.{n + 1}", "#00{:02x}00")
    assert not any("没有收到" in a for a in apart)
    # One address behind the proxy sending many (under new names each time) is still limited.
    together = await pictures(
        "other", lambda _n: "203.0.113.200", "#0000{:02x}", 2 * ADDRESS_UPLOADS_BURST
    )
    assert "这张照片没有收到" in together[-1]
    assert len(together) == ADDRESS_UPLOADS_BURST + 1  # refused once its burst was spent


async def test_one_residents_photos_do_not_block_a_neighbour_behind_the_same_nat(
    pictures_without_refill: None, aiohttp_client: ClientFactory, app: web.Application
) -> None:
    """Phones behind a carrier's NAT (or a proxy not in trusted_proxies) share one address:
    the address limit once refused everyone as soon as one resident sent eight photos."""
    client = await aiohttp_client(app)

    async def photo(sender: str, shade: str) -> str:
        data = "data:image/jpeg;base64," + base64.b64encode(phone_jpeg(shade)).decode()
        _, replies = await post(client, {"sender": sender, "message": "", "image": data})
        return texts(replies)

    busy = [await photo("nat-busy", f"#{n * 20:02x}2000") for n in range(UPLOADS_BURST + 1)]
    assert "这张照片没有收到，请稍等一分钟后重新发送" in busy[-1]
    await say(client, "nat-neighbour", "举报")
    await say(client, "nat-neighbour", "楼道里堆满了纸箱，还有人在抽烟")
    assert "如有照片" in texts(await say(client, "nat-neighbour", "消防隐患"))
    assert "已收到1张照片" in await photo("nat-neighbour", "#204060")


# ---- bad input: a 400 that says what is wrong, or an ordinary reply; never a 500 ----


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"", "bad_json"),
        (b"sender=a&message=b", "bad_json"),
        (b'{"sender": "a", "message": ', "bad_json"),
        (b"\xff\xfe\x00", "bad_json"),
        (b"[]", "bad_json"),
        (b'[{"sender": "a", "message": "b"}]', "bad_json"),
        ('"帮助"', "bad_json"),
        (b"null", "bad_json"),
        (b"42", "bad_json"),
        (b"{}", "empty_message"),
        ('{"sender": 12345, "message": "帮助"}', "not_text"),
        ('{"sender": ["a"], "message": "帮助"}', "not_text"),
        (b'{"sender": "a"}', "empty_message"),
        (b'{"sender": "a", "message": "  \\n "}', "empty_message"),
        (b'{"sender": "a", "message": 1}', "not_text"),
        (b'{"sender": "a", "message": {"text": "hi"}}', "not_text"),
        (b'{"sender": "a", "message": true}', "not_text"),
        (b'{"sender": "a", "message": "\\ud800"}', "bad_characters"),
        (b'{"sender": "\\udfff", "message": "hi"}', "bad_characters"),
        (b'{"sender": "a", "message": "a\\u0000b"}', "bad_characters"),
        (b'{"sender": "a\\u0000", "message": "hi"}', "bad_characters"),
    ],
)
async def test_malformed_bodies_get_a_400_naming_the_problem(
    aiohttp_client: ClientFactory, app: web.Application, raw: bytes | str, code: str
) -> None:
    client = await aiohttp_client(app)
    status, body = await post_raw(client, raw.encode() if isinstance(raw, str) else raw)
    assert status == 400 and body["code"] == code
    assert CHINESE.search(body["error"]), body  # the page shows it as it is


@pytest.mark.parametrize(
    ("location", "code"),
    [
        ({"latitude": "30.2", "longitude": "120.1"}, "bad_location"),
        ({"latitude": 30.2}, "bad_location"),
        ({"latitude": None, "longitude": None}, "bad_location"),
        ({"latitude": True, "longitude": False}, "bad_location"),
        ({"latitude": 91, "longitude": 0}, "bad_location"),
        ({"latitude": 0, "longitude": -180.5}, "bad_location"),
        ({"latitude": 1e309, "longitude": 0}, "bad_location"),  # JSON's Infinity
    ],
)
async def test_bad_locations_get_a_400(
    aiohttp_client: ClientFactory, app: web.Application, location: dict[str, Any], code: str
) -> None:
    client = await aiohttp_client(app)
    body = {"sender": "a", "message": "", "metadata": {"location": location}}
    status, answer = await post(client, body)
    assert status == 400 and answer["code"] == code and "请重新发送位置" in answer["error"]


async def test_nan_location_gets_a_400(aiohttp_client: ClientFactory, app: web.Application) -> None:
    client = await aiohttp_client(app)
    raw = b'{"sender": "a", "message": "", "metadata": {"location": {"latitude": NaN, "longitude": 1}}}'
    status, answer = await post_raw(client, raw)
    assert status == 400 and answer["code"] == "bad_location"


async def test_too_long_fields_get_a_400(
    aiohttp_client: ClientFactory, app: web.Application
) -> None:
    client = await aiohttp_client(app)
    status, body = await post(client, {"sender": "a", "message": "字" * (MAX_MESSAGE_CHARS + 1)})
    assert status == 400 and body["code"] == "message_too_long"
    assert body["error"] == "消息太长：最多 2000 字，这条有 2001 字。请删减或分几条发送。"
    status, body = await post(client, {"sender": "s" * 129, "message": "帮助"})
    assert status == 400 and body["code"] == "sender_too_long" and "最多 128" in body["error"]
    status, _ = await post(client, {"sender": "a", "message": "字" * MAX_MESSAGE_CHARS})
    assert status == 200


async def test_huge_body_is_refused_before_it_is_read(
    aiohttp_client: ClientFactory, app: web.Application
) -> None:
    client = await aiohttp_client(app)
    huge = json.dumps({"sender": "a", "message": "x" * (3 * 1024 * 1024)}).encode()
    response = await client.post(WEBHOOK, data=huge, headers={"Content-Type": "application/json"})
    assert response.status == 413
    # Said in the words the page shows (aiohttp's own answer is an English line of text).
    body = await response.json()
    assert body["code"] == "too_large"
    assert body["error"].startswith("发送的内容太大（最多 2 MB），未能收到：照片请换一张较小的")


@pytest.mark.parametrize(
    "message",
    [
        "😀👮‍♀️🚓",
        "'; DROP TABLE account; --",
        "1' OR '1'='1",
        '" OR 1=1 --',
        "<script>alert(1)</script>",
        "{{7*7}} ${7*7} %s %n",
        "\u202e\u200b\ufeff零宽与反向",
        "ＡＢＣ１２３　全角",
        "\t\r\n帮助\r\n",
        "/",
        "/" + "登记" * 50,
    ],
)
async def test_odd_text_gets_an_ordinary_chinese_reply(
    aiohttp_client: ClientFactory, app: web.Application, message: str
) -> None:
    client = await aiohttp_client(app)
    replies = await say(client, "visitor-4", message)
    assert replies and CHINESE.search(texts(replies))
    # Nothing was dropped or broken: the bot still answers.
    assert "您可以咨询法律问题" in texts(await say(client, "visitor-4", "帮助"))


async def test_unusual_metadata_is_ignored(
    aiohttp_client: ClientFactory, app: web.Application
) -> None:
    client = await aiohttp_client(app)
    odd: list[object] = ["here", [], {"location": "here"}, {"location": None}, {"other": 1}]
    for metadata in odd:
        body = {"sender": "a", "message": "帮助", "metadata": metadata}
        status, replies = await post(client, body)
        assert status == 200 and "您可以咨询法律问题" in texts(replies)


async def test_form_content_type_with_a_json_body_is_read_as_json(
    aiohttp_client: ClientFactory, app: web.Application
) -> None:
    client = await aiohttp_client(app)
    response = await client.post(
        WEBHOOK,
        data=json.dumps({"sender": web_token(app, "a"), "message": "帮助"}),
        headers={"Content-Type": "text/plain"},
    )
    assert response.status == 200


async def test_get_on_the_webhook_is_not_allowed(
    aiohttp_client: ClientFactory, app: web.Application
) -> None:
    client = await aiohttp_client(app)
    assert (await client.get(WEBHOOK)).status == 405
    assert await (await client.get("/webhooks/rest")).json() == {"status": "ok"}


# ---- the inbox: messages pushed later ----


async def inbox(client: Client, sender: str, after: int | str) -> tuple[int, Any]:
    response = await client.get(
        INBOX, params={"after": str(after)}, headers=web_auth(client.app, sender)
    )
    return response.status, await response.json()


async def test_inbox_pages_through_pushed_messages_in_order(
    aiohttp_client: ClientFactory, app: web.Application
) -> None:
    client = await aiohttp_client(app)
    channel = app[CHANNELS]["web"]
    expected: list[str] = []
    for i in range(INBOX_PAGE * 2 + 5):
        await channel.send("web-user", [Text(f"通知 {i}")])
        expected.append(f"通知 {i}")
        if i == 7:
            await channel.send("someone-else", [Text("不是你的")])
    await channel.send(
        "web-user", [Text("两条之一"), Choices("两条之二", (Button("知道了", "/收到"),))]
    )
    expected += ["两条之一", "两条之二"]

    seen: list[dict[str, Any]] = []
    after = 0
    pages = 0
    while True:
        status, page = await inbox(client, "web-user", after)
        assert status == 200
        if not page["messages"]:
            assert page["last_id"] == after
            break
        pages += 1
        assert page["last_id"] > after
        assert all(after < m["id"] <= page["last_id"] for m in page["messages"])
        seen += page["messages"]
        after = page["last_id"]
    assert pages == 3
    assert [m["text"] for m in seen] == expected
    assert all(m["recipient_id"] == "web-user" for m in seen)
    assert seen[-1]["buttons"] == [{"title": "知道了", "payload": "/收到"}]
    assert seen[-1]["id"] == seen[-2]["id"]  # two replies of one delivery share its id


async def test_empty_inbox_keeps_the_cursor(
    aiohttp_client: ClientFactory, app: web.Application
) -> None:
    client = await aiohttp_client(app)
    assert await inbox(client, "nobody", 0) == (200, {"messages": [], "last_id": 0})


async def test_the_inbox_cursor_tells_nothing_of_other_senders_messages(
    aiohttp_client: ClientFactory, app: web.Application
) -> None:
    """An owner polling with a far cursor must not see a count jump when a hit alert
    lands in an officer's inbox: the cursor comes back as the owner's own newest."""
    client = await aiohttp_client(app)
    channel = app[CHANNELS]["web"]
    await channel.send("owner-page", [Text("通报")])
    _, before = await inbox(client, "owner-page", 10**9)
    await channel.send("officer-page", [Text("比中提醒")])
    _, after = await inbox(client, "owner-page", 10**9)
    assert before == after == {"messages": [], "last_id": before["last_id"]}
    _, officer = await inbox(client, "officer-page", 0)
    assert [m["text"] for m in officer["messages"]] == ["比中提醒"]


async def test_a_pushed_message_carries_when_it_was_sent_in_station_time(
    aiohttp_client: ClientFactory, app: web.Application
) -> None:
    """The page's 「通知 · 15:17」 tag used the browser's zone and the moment the page
    polled; the texts themselves use the station's time."""
    client = await aiohttp_client(app)
    await app[CHANNELS]["web"].send("tag-page", [Text("今日警情提示")])
    async with app[SERVICES].sessions() as session:
        row = (await session.exec(select(WebInboxMessage))).one()
        row.created_at = datetime(2026, 3, 4, 7, 17, tzinfo=UTC)  # 15:17 in Shanghai
        session.add(row)
        await session.commit()
    _, body = await inbox(client, "tag-page", 0)
    assert [m["at"] for m in body["messages"]] == ["3月4日 15:17"]


async def test_a_pushed_message_is_dated_by_the_servers_clock(
    aiohttp_client: ClientFactory, app: web.Application, clock: FakeClock
) -> None:
    """Inbox rows were dated by the wall clock while the rest of the server (the outbox,
    the inbox's own purge) went by the app's: tests could not move them, and a message
    read the next day still showed as today's."""
    client = await aiohttp_client(app)
    await app[CHANNELS]["web"].send("tag-page", [Text("今日警情提示")])  # 10:00 in Shanghai
    _, today = await inbox(client, "tag-page", 0)
    assert [m["at"] for m in today["messages"]] == ["10:00"]
    clock.advance(days=1)
    _, next_day = await inbox(client, "tag-page", 0)
    assert [m["at"] for m in next_day["messages"]] == ["11月23日 10:00"]


async def test_the_inbox_keeps_message_text_sealed_in_the_database(
    aiohttp_client: ClientFactory, app: web.Application
) -> None:
    client = await aiohttp_client(app)
    await app[CHANNELS]["web"].send("tipster", [Text("张三住三楼东户")])
    async with app[SERVICES].sessions() as session:
        [row] = (await session.exec(select(WebInboxMessage))).all()
    assert "张三" not in row.payload
    _, page = await inbox(client, "tipster", 0)
    assert [m["text"] for m in page["messages"]] == ["张三住三楼东户"]


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ({"sender": "s" * 129, "after": "0"}, "sender_too_long"),
        ({"after": "-1"}, "bad_after"),
        ({"after": "1.5"}, "bad_after"),
        ({"after": "abc"}, "bad_after"),
        ({"after": ""}, "bad_after"),
        ({"after": "²"}, "bad_after"),
        ({"after": "١٢"}, "bad_after"),
        ({"after": "9" * 30}, "bad_after"),
    ],
)
async def test_bad_inbox_queries_get_a_400(
    aiohttp_client: ClientFactory, app: web.Application, query: dict[str, str], code: str
) -> None:
    client = await aiohttp_client(app)
    response = await client.get(INBOX, params=query, headers=web_auth(app, "a"))
    body = await response.json()
    assert response.status == 400 and body["code"] == code and CHINESE.search(body["error"])


async def test_wanted_guest_alert_reaches_the_officers_inbox_only(
    aiohttp_client: ClientFactory, app: web.Application, app_seeded: Seeded
) -> None:
    client = await aiohttp_client(app)
    for message in ("登记", "王小明", "身份证", GUEST_ID, "跳过", "301", "现在", "跳过", "确认"):
        await say(client, "owner", message)
    replies = []
    for message in ("登记", "甲某某", "身份证", WANTED_ID, "跳过", "303", "现在", "跳过", "确认"):
        replies = await say(client, "owner", message)
    assert "旅客登记成功" in texts(replies) and "比中" not in texts(replies)
    await app[DELIVERY].run_once()

    status, officer = await inbox(client, "officer", 0)
    assert status == 200 and len(officer["messages"]) == 1
    alert = officer["messages"][0]["text"]
    assert "比中提醒" in alert and "平安旅馆" in alert and WANTED_ID not in alert
    assert await inbox(client, "owner", 0) == (200, {"messages": [], "last_id": 0})


async def test_inbox_position_past_the_newest_message_is_moved_back(
    aiohttp_client: ClientFactory, app: web.Application
) -> None:
    client = await aiohttp_client(app)
    # e.g. a page that remembers id 12345 from before the database was reset
    assert await inbox(client, "nobody", 12345) == (200, {"messages": [], "last_id": 0})


async def test_a_recalled_message_is_gone_from_the_inbox_but_only_the_senders(
    aiohttp_client: ClientFactory, app: web.Application
) -> None:
    client = await aiohttp_client(app)
    channel = app[CHANNELS]["web"]
    [card] = await channel.send("web-user", [Text("在逃人员卡片")])
    [other] = await channel.send("someone-else", [Text("别人的消息")])
    await channel.send("web-user", [Recall((card, other)), Text("【已抓获】请删除该卡片。")])
    _status, page = await inbox(client, "web-user", 0)
    assert [m["text"] for m in page["messages"]] == ["【已抓获】请删除该卡片。"]
    _status, page = await inbox(client, "someone-else", 0)
    assert [m["text"] for m in page["messages"]] == ["别人的消息"]


async def test_a_picture_gone_from_the_store_reads_as_its_line_in_the_inbox(
    aiohttp_client: ClientFactory, app: web.Application
) -> None:
    """A card whose picture retention purged while it waited: the page showed a broken
    image; every other channel says 「（图片已不可用）」 and keeps the caption."""
    client = await aiohttp_client(app)
    kept = app[MEDIA].put(b"\x89PNG still here")
    purged = "ab" * 32  # a hash the store never had
    await app[CHANNELS]["web"].send(
        "web-user", [Image(purged, "甲某某（公开）"), Image(kept, "乙某某（公开）")]
    )
    _status, page = await inbox(client, "web-user", 0)
    gone, shown = page["messages"]
    assert gone["text"] == f"{GONE}\n甲某某（公开）" and "image" not in gone
    assert shown["text"] == "乙某某（公开）" and kept in shown["image"]


async def test_an_alerts_picture_also_sealed_as_a_wanted_photo_shows_all_week(
    aiohttp_client: ClientFactory, app: web.Application, clock: FakeClock
) -> None:
    """The alert's picture was byte for byte a wanted card's sealed photo: the resident's
    page was given the card's half-hour link, and the picture broke the same afternoon."""
    client = await aiohttp_client(app)
    photo = phone_jpeg()
    sha = app[MEDIA].put_sealed(photo)
    alert = Broadcast(
        id=7, station_id=1, title="协查：寻找走失老人", body="如有线索请联系派出所。",
        category=Category.OTHER, severity=Severity.NORMAL,
        image_sha256=sha, image_mime="image/jpeg", created_at=clock.now,
    )  # fmt: skip
    replies = alert_replies(
        alert, station="测试派出所", zone=UTC, at=clock.now, channel="web",
        kind=RecipientKind.SUBSCRIBER,
    )  # fmt: skip
    await app[CHANNELS]["web"].send("web-user", replies)
    _status, page = await inbox(client, "web-user", 0)
    link = page["messages"][0]["image"]
    clock.advance(days=6)
    shown = await client.get(link)
    assert shown.status == 200 and await shown.read() == photo


async def test_venue_buttons_carry_the_name_and_a_typed_number_still_picks_it(
    aiohttp_client: ClientFactory, app: web.Application, app_seeded: Seeded
) -> None:
    """Numbers belong to the channels that show options as lines; a button here is titled
    with the venue's name alone, and 「2」 typed is still the second venue."""
    await second_place(app[SERVICES], app_seeded, "河畔民宿")
    client = await aiohttp_client(app)
    asked = await say(client, "owner", "登记")
    assert [b["title"] for b in asked[-1]["buttons"]] == ["平安旅馆", "河畔民宿"]
    assert "场所：河畔民宿" in texts(await say(client, "owner", "2"))


def test_the_example_config_says_the_web_chats_limits_are_per_worker() -> None:
    """Counted in each process: IT staff running several workers must read so, with the
    numbers the code uses."""
    example = Path(__file__).resolve().parents[4] / "config.example.toml"
    text = " ".join(line.lstrip("# ") for line in example.read_text("utf-8").splitlines())
    assert (
        f"(photos: {UPLOADS_PER_MINUTE} a minute per user, {ADDRESS_UPLOADS_PER_MINUTE} per "
        f"address; refused identities: {ADDRESS_GUESSES_PER_MINUTE} a minute per address; "
        f"old page ids named: {ADDRESS_CLAIMS_PER_MINUTE}) are counted in each server process"
    ) in text
    assert "with workers = N, requests spread over the workers may reach N times each" in text
