"""The webhook route: only Telegram gets in, nothing malformed reaches a handler."""

from __future__ import annotations

import asyncio
import json
import logging

import pytest
from aiohttp.test_utils import make_mocked_request
from sqlmodel import select

from bot.app import SERVICES
from bot.channels.telegram.webhook import MAX_UPDATE_BYTES, SecretRefusals
from storage.models import Account, SeenDelivery
from tests.bot.channels.telegram.support import RESIDENT, Telegram


async def _accounts(tg: Telegram) -> list[Account]:
    async with tg.client.app[SERVICES].sessions() as session:
        return list((await session.exec(select(Account))).all())


async def _nothing_handled(tg: Telegram) -> None:
    await tg.channel.idle()
    assert not tg.api.called("sendMessage")
    assert await _accounts(tg) == []
    async with tg.client.app[SERVICES].sessions() as session:
        assert (await session.exec(select(SeenDelivery))).all() == []


async def test_missing_or_wrong_secret_is_refused(tg: Telegram) -> None:
    update = tg.updates.text(RESIDENT, "你好")
    assert (await tg.post(update, secret=None)).status == 403
    assert (await tg.post(update, secret="wrong-secret")).status == 403
    assert (await tg.post(update, secret="")).status == 403
    # Same length, one character off.
    assert (await tg.post(update, secret="test-secret_0123456780")).status == 403
    await _nothing_handled(tg)


async def test_bad_json_and_non_updates_are_400(tg: Telegram) -> None:
    for body in (
        b"{not json",
        b"\xff\xfe",
        b"[]",
        b'"text"',
        b"{}",
        b'{"update_id": "7"}',
        b'{"update_id": true}',
        b'{"update_id": -1}',
        b"[" * 100_000,
    ):
        response = await tg.post(body)
        assert response.status == 400, body
        assert (await response.json())["ok"] is False
    await _nothing_handled(tg)


async def test_malformed_update_is_400_not_500(tg: Telegram) -> None:
    # A message without its required chat and date: PTB cannot build it.
    response = await tg.post({"update_id": 5, "message": {"message_id": 1, "text": "hi"}})
    assert response.status == 400
    await _nothing_handled(tg)


async def test_oversized_body_is_413(tg: Telegram) -> None:
    update = tg.updates.text(RESIDENT, "x")
    update["message"]["text"] = "字" * MAX_UPDATE_BYTES
    response = await tg.post(json.dumps(update).encode())
    assert response.status == 413
    await _nothing_handled(tg)


async def test_replayed_update_is_handled_once(tg: Telegram) -> None:
    update = tg.updates.text(RESIDENT, "/help")
    await tg.deliver(update)
    await tg.deliver(update)  # Telegram retries when it did not see our 200 in time
    assert len(tg.api.sent_to(RESIDENT.id)) == 1
    assert "警民通" in tg.api.texts_to(RESIDENT.id)[0]
    assert len(await _accounts(tg)) == 1


async def test_answers_before_the_reply_is_sent(tg: Telegram) -> None:
    tg.api.hold_sends = asyncio.Event()  # Telegram is slow to take our reply
    response = await tg.post(tg.updates.text(RESIDENT, "/help"))
    assert response.status == 200 and await response.json() == {"ok": True}
    assert tg.api.sent_to(RESIDENT.id) == []
    tg.api.hold_sends.set()
    await tg.channel.idle()
    assert len(tg.api.sent_to(RESIDENT.id)) == 1


async def test_get_is_not_allowed(tg: Telegram) -> None:
    assert (await tg.client.get("/telegram/webhook")).status == 405


async def test_a_refused_secret_is_logged_with_what_to_check(
    tg: Telegram, caplog: pytest.LogCaptureFixture
) -> None:
    update = tg.updates.text(RESIDENT, "你好")
    assert (await tg.post(update, secret="wrong-secret")).status == 403
    assert (await tg.post(update, secret=None)).status == 403  # within the minute: unsaid
    [said] = [r for r in caplog.records if "refused" in r.getMessage()]
    assert said.levelno == logging.WARNING
    assert said.getMessage() == (
        "telegram: webhook request refused (403): wrong X-Telegram-Bot-Api-Secret-Token "
        "header (is setWebhook's secret_token the [telegram] webhook_secret?)"
    )
    assert "wrong-secret" not in caplog.text


def test_refusals_are_said_once_a_minute_with_how_many_were_not(
    caplog: pytest.LogCaptureFixture,
) -> None:
    now = [0.0]
    refusals = SecretRefusals(every=60, clock=lambda: now[0])
    request = make_mocked_request("POST", "/telegram/webhook")
    for second in (0, 10, 20, 61):
        now[0] = second
        refusals.refused(request)
    said = [r.getMessage() for r in caplog.records]
    assert len(said) == 2
    assert "no X-Telegram-Bot-Api-Secret-Token header" in said[0]
    assert said[1].endswith("; 2 more since last said")
