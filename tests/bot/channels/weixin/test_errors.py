"""What a WeChat or WeCom refusal tells the officer whose alert it stopped: decided by the
platform's error code and by whether it was reached at all, never by its wording."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.channels.base import DeliveryError
from bot.channels.wechat_mp.channel import WechatMpChannel
from bot.channels.wecom.channel import WecomChannel
from bot.channels.wecom_robot.channel import WecomRobotChannel
from bot.channels.weixin.client import BUSY, ApiError, TokenError
from bot.channels.weixin.errors import delivery_error, unexpected
from handlers.broadcast.failures import failure_reason
from scheduler.outcome import after_failure
from storage.models import OutboxMessage, OutboxStatus

NOW = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
#: WeCom's errmsg carries a hint and a link, and may say anything; these words had decided.
WORDY = "hint: [1709280000_52_8a3f], network: timeout, refused, window, too fast"


def told(failure: DeliveryError, label: str = WecomRobotChannel.facts.label) -> str:
    """What the alert's author reads once the outbox has written `failure` to its row."""
    row = OutboxMessage(channel="x", chat_id="x", payload="", created_at=NOW, attempts=0)
    last_error = after_failure(row, failure, NOW)["last_error"]
    assert isinstance(last_error, str)
    facts = {c.facts.label: c.facts for c in (WecomRobotChannel, WecomChannel, WechatMpChannel)}
    return failure_reason(last_error, facts[label])


@pytest.mark.parametrize(
    ("error", "reason"),
    [
        (
            ApiError(BUSY, "network: ClientConnectorError reaching x", unreachable=True),
            "企业微信群机器人无法连接",
        ),
        (ApiError(93000, "invalid webhook url"), "群机器人密钥无效"),
        (ApiError(43004, "require subscribe"), "对方已取消关注"),
        (ApiError(45009, "api freq out of limit"), "平台限流，多次重试未成功"),
        # Answered, but not a member the app can reach (left the company): was 多次重试未成功.
        (ApiError(81013, "user & party & tag all invalid"), "对方已屏蔽或退出"),
        # The platform answered, with words that had read as 无法连接.
        (ApiError(40008, f"invalid message type, {WORDY}"), "多次重试未成功"),
        (ApiError(BUSY, f"system busy, {WORDY}"), "多次重试未成功"),
    ],
)
def test_the_reason_follows_the_platforms_code(error: ApiError, reason: str) -> None:
    assert told(delivery_error(error)) == reason


def test_a_token_the_platform_could_not_be_reached_for_is_named_so() -> None:
    unreachable = TokenError(
        BUSY, "network: ServerTimeoutError reaching x", "wecom", unreachable=True
    )
    refused = TokenError(40164, f"invalid ip, {WORDY}", "wecom")
    assert told(delivery_error(unreachable), "企业微信应用") == "企业微信应用无法连接"
    assert told(delivery_error(refused), "企业微信应用") == "多次重试未成功"


def test_a_send_that_raised_a_timeout_of_its_own_is_named_unreachable() -> None:
    def raised(exc: Exception) -> Exception:
        try:
            raise exc
        except Exception as caught:
            return caught

    assert told(delivery_error(unexpected(raised(TimeoutError())))) == "企业微信群机器人无法连接"
    assert told(delivery_error(unexpected(raised(KeyError("timeout"))))) == "多次重试未成功"


def test_a_refusal_is_still_given_up_at_once() -> None:
    row = OutboxMessage(channel="x", chat_id="x", payload="", created_at=NOW, attempts=0)
    values = after_failure(row, delivery_error(ApiError(93000, "invalid webhook url")), NOW)
    assert values["status"] is OutboxStatus.FAILED
