"""Who a web chat user is, as a stranger would probe it: naming someone's sender, forging a
token, putting one in a URL; and as the page gets its own identity (a cookie it cannot read).

Before the server issued identities, the `sender` a client chose was the only credential:
anyone who read or guessed one (an inbox URL in a proxy's log) read that user's inbox and
spoke as them, an officer included.
"""

from __future__ import annotations

import functools
import logging
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web

from bot.app import CHANNELS, create_app
from bot.channels.rest import RestChannel
from bot.channels.rest import channel as rest_channel
from bot.channels.rest.channel import ADDRESS_GUESSES_BURST
from bot.channels.rest.identity import COOKIE, LEGACY_TOKENS_UNTIL, PURPOSE
from bot.config import Settings
from bot.messages import Text
from bot.middleware.rate_limit import RateLimiter
from tests.conftest import make_settings, reset_schema
from tests.support.clock import FakeClock
from tests.support.seed import Seeded
from tests.support.web_chat import (
    INBOX,
    ME,
    SESSION,
    WEBHOOK,
    ClientFactory,
    web_auth,
    web_token,
)

ALERT = "比中提醒：平安旅馆 303 房旅客与在逃人员信息一致"


@pytest.fixture
def guesses_without_refill(monkeypatch: pytest.MonkeyPatch) -> None:
    """The channel's limits on a clock that stands still: a slow machine must not refill
    the bucket while the test spends it. Ask for it before the app."""
    monkeypatch.setattr(
        rest_channel, "RateLimiter", functools.partial(RateLimiter, clock=lambda: 0.0)
    )


async def push(app: web.Application, sid: str, text: str) -> None:
    await app[CHANNELS]["web"].send(sid, [Text(text)])


def texts(replies: list[dict[str, Any]]) -> str:
    return "\n".join(r.get("text", "") for r in replies)


def sid_of(token: str) -> str:
    return token.partition(".")[0]


# ---- the holes a chosen sender left ----


async def test_naming_someones_sender_no_longer_reads_their_inbox(
    aiohttp_client: ClientFactory, app: web.Application, app_seeded: Seeded
) -> None:
    await push(app, "officer", ALERT)
    client = await aiohttp_client(app)

    stranger = await client.get(INBOX, params={"sender": "officer", "after": "0"})
    assert stranger.status == 403
    assert ALERT not in await stranger.text()
    refused = await stranger.json()
    assert refused["code"] == "sender_in_url" and "只用于演示服务器" in refused["error"]
    # The officer, with the identity the server gave them, still reads it.
    own = await client.get(INBOX, params={"after": "0"}, headers=web_auth(app, "officer"))
    assert [m["text"] for m in (await own.json())["messages"]] == [ALERT]


async def test_naming_an_officers_sender_no_longer_speaks_as_the_officer(
    aiohttp_client: ClientFactory, app: web.Application, app_seeded: Seeded
) -> None:
    client = await aiohttp_client(app)
    response = await client.post(WEBHOOK, json={"sender": "officer", "message": "/命中"})
    assert response.status == 403
    refused = await response.json()
    assert refused["code"] == "sender_not_issued" and "请刷新页面" in refused["error"]
    role = await client.get(ME, params={"sender": "officer"})
    assert role.status == 403


async def test_the_id_a_reply_names_is_no_credential(
    aiohttp_client: ClientFactory, app: web.Application, app_seeded: Seeded
) -> None:
    """`recipient_id` is the officer's sid: seen on a screen or in a log, it opens nothing."""
    client = await aiohttp_client(app)
    answer = await client.post(WEBHOOK, json={"message": "帮助"}, headers=web_auth(app, "officer"))
    sid = (await answer.json())[0]["recipient_id"]
    assert sid == "officer"
    for headers in ({"Authorization": f"Bearer {sid}"}, {"Cookie": f"{COOKIE}={sid}"}):
        response = await client.get(INBOX, params={"after": "0"}, headers=headers)
        assert response.status == 401


async def test_a_token_made_with_another_key_is_refused(
    aiohttp_client: ClientFactory, app: web.Application, app_seeded: Seeded
) -> None:
    token = web_token(app, "officer")
    sid, mac = token.rsplit(".", 1)
    forged = f"{sid}.{mac[::-1]}"
    client = await aiohttp_client(app)
    response = await client.post(WEBHOOK, json={"sender": forged, "message": "/命中"})
    assert response.status == 403
    response = await client.get(INBOX, headers={"Authorization": f"Bearer {forged}"})
    assert response.status == 401


async def test_guessing_tokens_is_slowed_for_the_whole_address(
    guesses_without_refill: None, aiohttp_client: ClientFactory, app: web.Application
) -> None:
    client = await aiohttp_client(app)
    statuses = []
    for n in range(ADDRESS_GUESSES_BURST + 2):
        bad = {"Authorization": f"Bearer officer.{n:040x}"}
        statuses.append((await client.get(INBOX, headers=bad)).status)
    assert statuses[:ADDRESS_GUESSES_BURST] == [401] * ADDRESS_GUESSES_BURST
    assert statuses[ADDRESS_GUESSES_BURST:] == [429, 429]
    # The refusal says when to come back, so a page with a stale cookie is not stuck.
    refused = await client.get(INBOX, headers={"Authorization": "Bearer officer.0"})
    assert refused.status == 429 and int(refused.headers["Retry-After"]) > 0
    said = await refused.json()
    wait = refused.headers["Retry-After"]
    assert said == {
        "error": f"此网络地址的无效身份请求过多，请 {wait} 秒后再试。",
        "code": "too_many_refused",
    }
    # A real identity from the same address is not held up by the guesser.
    own = await client.get(INBOX, headers=web_auth(app, "resident"))
    assert own.status == 200


async def test_a_token_in_the_url_is_refused(
    aiohttp_client: ClientFactory, app: web.Application
) -> None:
    client = await aiohttp_client(app)
    token = web_token(app, "resident")
    response = await client.get(INBOX, params={"sender": token, "after": "0"})
    assert response.status == 400
    refused = await response.json()
    assert refused["code"] == "token_in_url" and "不能放在网址中" in refused["error"]


# ---- the page's identity and an API client's ----


async def test_the_page_gets_an_identity_it_cannot_read_and_keeps_it(
    aiohttp_client: ClientFactory, app: web.Application
) -> None:
    client = await aiohttp_client(app)
    response = await client.post(SESSION)
    assert response.status == 200 and await response.json() == {"carried": "none"}
    cookie = response.cookies[COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["max-age"]
    assert "token" not in await response.text()

    # The cookie alone says who the page is: a message, then something pushed to it.
    replies = await (await client.post(WEBHOOK, json={"message": "帮助"})).json()
    assert "您可以咨询法律问题" in texts(replies)
    sid = replies[0]["recipient_id"]
    await push(app, sid, "今晚有大风降温，请关好门窗。")
    inbox = await (await client.get(INBOX, params={"after": "0"})).json()
    assert [m["text"] for m in inbox["messages"]] == ["今晚有大风降温，请关好门窗。"]
    # Asking again renews the same identity rather than starting another.
    again = await client.post(SESSION)
    assert sid_of(again.cookies[COOKIE].value) == sid_of(cookie.value) == sid


async def test_two_pages_get_different_identities(
    aiohttp_client: ClientFactory, app: web.Application
) -> None:
    first, second = await aiohttp_client(app), await aiohttp_client(app)
    one = (await first.post(SESSION)).cookies[COOKIE].value
    two = (await second.post(SESSION)).cookies[COOKIE].value
    assert one != two and len(one.split(".")[0]) >= 20


async def test_an_api_client_asks_for_a_bearer_token(
    aiohttp_client: ClientFactory, app: web.Application
) -> None:
    client = await aiohttp_client(app)
    response = await client.post(SESSION, json={"bearer": True})
    token = (await response.json())["token"]
    assert COOKIE not in response.cookies
    # As Rasa's REST clients send it (the body's sender), or as a header.
    by_body = await client.post(WEBHOOK, json={"sender": token, "message": "帮助"})
    assert by_body.status == 200
    by_header = await client.get(ME, headers={"Authorization": f"Bearer {token}"})
    assert await by_header.json() == {"role": "resident"}


async def test_a_message_without_an_identity_says_how_to_get_one(
    aiohttp_client: ClientFactory, app: web.Application
) -> None:
    client = await aiohttp_client(app)
    response = await client.post(WEBHOOK, json={"message": "帮助"})
    assert response.status == 401
    refused = await response.json()
    assert refused["code"] == "no_identity" and "POST webhooks/rest/session" in refused["error"]


# ---- a demo server ----


async def test_a_demo_servers_role_switcher_still_names_its_roles(
    aiohttp_client: ClientFactory, settings: Settings, tmp_path: Path, app: web.Application
) -> None:
    """`app` empties the database; the demo server is another over it."""
    demo = create_app(
        make_settings(settings.database.url, tmp_path, server={"demo_roles": True}),
        run_background=False,
    )
    client = await aiohttp_client(demo)
    replies = await (
        await client.post(WEBHOOK, json={"sender": "demo-resident", "message": "帮助"})
    ).json()
    assert replies[0]["recipient_id"] == "demo-resident"
    inbox = await client.get(INBOX, params={"sender": "demo-resident", "after": "0"})
    assert inbox.status == 200
    # The page's own identity is a server-issued one there too, and naming its id (shown
    # as recipient_id) does not speak as it, even where made-up names are taken.
    assert (await client.post(SESSION)).cookies[COOKIE]
    answer = await (await client.post(WEBHOOK, json={"message": "帮助"})).json()
    sid = answer[0]["recipient_id"]
    stranger = await aiohttp_client(demo)
    for response in (
        await stranger.post(WEBHOOK, json={"sender": sid, "message": "帮助"}),
        await stranger.get(INBOX, params={"sender": sid, "after": "0"}),
    ):
        assert response.status == 403


# ---- how long an identity lasts ----


async def test_a_token_not_renewed_for_a_month_is_refused_with_a_reason(
    clock: FakeClock, aiohttp_client: ClientFactory, app: web.Application
) -> None:
    """Copied off a shared computer or out of a client's log, a token opened the inbox for
    ever. Refused once a month old, in words its holder can act on."""
    token = web_token(app, "owner")
    client = await aiohttp_client(app)
    clock.advance(days=29)
    assert (await client.get(INBOX, headers={"Authorization": f"Bearer {token}"})).status == 200
    clock.advance(days=2)
    for response in (
        await client.get(INBOX, headers={"Authorization": f"Bearer {token}"}),
        await client.post(WEBHOOK, json={"sender": token, "message": "帮助"}),
    ):
        assert response.status == 401
        answer = await response.json()
        assert answer["expired"] is True
        assert "超过 30 天未使用" in answer["error"] and "请刷新页面" in answer["error"]


async def test_a_page_in_use_renews_its_identity_and_keeps_it(
    clock: FakeClock, aiohttp_client: ClientFactory, app: web.Application
) -> None:
    """The page asks for its identity each time it opens: an owner who opens it every few
    weeks stays who they are, however long ago they first came."""
    client = await aiohttp_client(app)
    first = (await client.post(SESSION)).cookies[COOKIE].value
    for _ in range(4):
        clock.advance(days=20)
        renewed = await client.post(SESSION)
        assert await renewed.json() == {"carried": "none"}
        assert sid_of(renewed.cookies[COOKIE].value) == sid_of(first)
    replies = await (await client.post(WEBHOOK, json={"message": "帮助"})).json()
    assert replies[0]["recipient_id"] == sid_of(first)


async def test_a_page_back_after_a_month_away_starts_anew_and_is_told(
    clock: FakeClock, aiohttp_client: ClientFactory, app: web.Application
) -> None:
    client = await aiohttp_client(app)
    first = (await client.post(SESSION)).cookies[COOKIE].value
    clock.advance(days=31)
    again = await client.post(SESSION)
    assert await again.json() == {"carried": "none", "expired": True}
    assert sid_of(again.cookies[COOKIE].value) != sid_of(first)
    assert (await client.post(WEBHOOK, json={"message": "帮助"})).status == 200


async def test_an_api_client_renews_its_bearer_token(
    clock: FakeClock, aiohttp_client: ClientFactory, app: web.Application
) -> None:
    client = await aiohttp_client(app)
    token = (await (await client.post(SESSION, json={"bearer": True})).json())["token"]
    clock.advance(days=25)
    renewed = await client.post(
        SESSION, json={"bearer": True}, headers={"Authorization": f"Bearer {token}"}
    )
    fresh = (await renewed.json())["token"]
    assert sid_of(fresh) == sid_of(token)
    clock.advance(days=25)
    assert (await client.get(ME, headers={"Authorization": f"Bearer {token}"})).status == 401
    assert (await client.get(ME, headers={"Authorization": f"Bearer {fresh}"})).status == 200


async def test_a_token_of_the_form_before_issue_times_keeps_its_conversation(
    clock: FakeClock, aiohttp_client: ClientFactory, app: web.Application
) -> None:
    """`sid.mac` tokens (no issue time) are in browsers now: they keep working, and the
    page's next visit renews them, same identity, to the form that can expire."""
    channel = app[CHANNELS]["web"]
    assert isinstance(channel, RestChannel)
    sid = "wOldFormTokenSid0000000000"
    old = f"{sid}.{channel.tokens.signer(sid, PURPOSE)}"
    await push(app, sid, "今晚有大风降温，请关好门窗。")
    client = await aiohttp_client(app)
    inbox = await client.get(INBOX, params={"after": "0"}, cookies={COOKIE: old})
    assert [m["text"] for m in (await inbox.json())["messages"]] == ["今晚有大风降温，请关好门窗。"]
    renewed = await client.post(SESSION, cookies={COOKIE: old})
    new = renewed.cookies[COOKIE].value
    assert sid_of(new) == sid and new.count(".") == 2
    # The grace ends: by then any browser still holding one has dropped it by itself.
    clock.now = datetime.combine(LEGACY_TOKENS_UNTIL, time(), UTC) + timedelta(seconds=1)
    stale = await client.get(INBOX, headers={"Authorization": f"Bearer {old}"})
    assert stale.status == 401 and (await stale.json())["expired"] is True


def legacy_token(app: web.Application, sid: str) -> str:
    """A token of the form before issue times (`sid.mac`), as that page's server made it."""
    channel = app[CHANNELS]["web"]
    assert isinstance(channel, RestChannel)
    return f"{sid}.{channel.tokens.signer(sid, PURPOSE)}"


async def test_a_station_that_upgraded_later_sets_when_old_tokens_stop(
    db_url: str,
    tmp_path: Path,
    clock: FakeClock,
    aiohttp_client: ClientFactory,
    caplog: pytest.LogCaptureFixture,
) -> None:
    """The day old-form tokens stop being taken had been a date in the code: a station
    upgrading after it lost every such browser's conversation at once, and nothing said
    why. Now `[server] web_legacy_tokens_until` sets it, and passing it is logged once."""
    settings = make_settings(db_url, tmp_path, server={"web_legacy_tokens_until": "2029-01-01"})
    assert settings.server.web_legacy_tokens_until == date(2029, 1, 1)
    await reset_schema(settings.database.url)
    app = create_app(settings, clock=clock, run_background=False)
    client = await aiohttp_client(app)
    sid = "wUpgradedLate0000000000000"
    old = legacy_token(app, sid)
    await push(app, sid, "今晚有大风降温，请关好门窗。")

    clock.now = datetime(2028, 12, 31, 23, 0, tzinfo=UTC)  # past the default day
    inbox = await client.get(
        INBOX, params={"after": "0"}, headers={"Authorization": f"Bearer {old}"}
    )
    assert inbox.status == 200 and len((await inbox.json())["messages"]) == 1

    clock.now = datetime(2029, 1, 1, tzinfo=UTC)
    with caplog.at_level(logging.WARNING, logger="bot.channels.rest.identity"):
        for _ in range(3):
            stale = await client.get(ME, headers={"Authorization": f"Bearer {old}"})
            assert stale.status == 401 and (await stale.json())["code"] == "expired"
    [said] = [r.getMessage() for r in caplog.records if r.name == "bot.channels.rest.identity"]
    assert "web_legacy_tokens_until (2029-01-01) has passed" in said and sid not in said


def test_the_default_day_is_the_one_the_code_documents() -> None:
    assert Settings().server.web_legacy_tokens_until == LEGACY_TOKENS_UNTIL
