"""Official-account and WeCom messages and events, as neutral `Inbound` messages.

wechatpy's WeCom message classes extend the official account's, so one conversion serves
both. Menu clicks send their menu key as text, so a station configures keys such as 登记 or
帮助 and they work like typed commands; following the account or app sends `/start`, or
`/bind CODE` when a QR code with an invite code as its scene was scanned; unfollowing sends
`UNFOLLOWED`, which drops the alerts the user had subscribed to.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from wechatpy import events, messages

from bot.channels.weixin.answer import Incoming
from bot.messages import UNFOLLOWED, Inbound, Location

UNSUPPORTED = "暂不支持该类型的消息，请发送文字、图片或位置。"
NO_VOICE = "暂时听不了语音，请打字发送。"
_MAX_TEXT = 2000


#: What an invite code looks like (`handlers.services.invites`: 8 of 23456789 and the
#: letters but I, L and O, shown ABCD-EFGH), with a letter: a numeric scene is a poster's.
_INVITE_CODE = re.compile(r"(?=.*[A-Z])[2-9A-HJKMNP-Z]{4}-?[2-9A-HJKMNP-Z]{4}", re.IGNORECASE)


def _invite_code(scene: Any) -> bool:
    return scene is not None and _INVITE_CODE.fullmatch(str(scene).strip()) is not None


def _sent_at(message: Any) -> datetime:
    try:
        return datetime.fromtimestamp(int(message.time), UTC)
    except (TypeError, ValueError, OverflowError):
        return datetime.now(UTC)


def _location(message: messages.LocationMessage) -> Location | None:
    try:
        lat, lon = float(message.location_x), float(message.location_y)
    except (TypeError, ValueError):
        return None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return Location(lat, lon, (message.label or "")[:100])


def message_key(channel: str, message: Any) -> str:
    """The platforms' advice: MsgId for messages; sender + CreateTime for events (their
    MsgId is 0). WeCom repeats some events per app, hence the agent id."""
    if message.type == "event":
        agent = getattr(message, "agent", "")
        return f"{channel}:event:{message.source}:{message.time}:{message.event}:{agent}"
    return f"{channel}:msg:{message.id}"


def to_incoming(channel: str, message: Any) -> Incoming:
    """`message` is what wechatpy's `parse_message` returned (either platform)."""
    user = str(message.source or "")
    key = message_key(channel, message)

    def inbound(**fields: Any) -> Inbound:
        return Inbound(
            channel=channel,
            chat_id=user,
            sender_id=user,
            message_id=str(message.id or ""),
            sent_at=_sent_at(message),
            **fields,
        )

    def user_did(**fields: Any) -> Incoming:
        return Incoming(key, user, inbound(**fields), opens_window=True)

    match message:
        case messages.TextMessage():
            return user_did(text=(message.content or "")[:_MAX_TEXT])
        case messages.ImageMessage():
            return Incoming(key, user, inbound(), media_id=message.media_id, opens_window=True)
        case messages.LocationMessage():
            place = _location(message)
            if place is None:
                return Incoming(key, user, None, notice=UNSUPPORTED, opens_window=True)
            return user_did(location=place)
        case messages.VoiceMessage() if message.recognition:
            # With voice recognition (语音识别) turned on, the platform gives us the words.
            return user_did(text=message.recognition[:_MAX_TEXT])
        case messages.VoiceMessage():
            return Incoming(key, user, None, notice=NO_VOICE, opens_window=True)
        case events.SubscribeScanEvent() | events.ScanEvent() if _invite_code(message.scene_id):
            # A QR code made with an invite code as its scene: following the account by
            # scanning it (or scanning it as a follower) binds, as Telegram's /start CODE; a
            # new follower is welcomed too when the code did not bind.
            followed = isinstance(message, events.SubscribeScanEvent)
            incoming = user_did(text=f"/bind {str(message.scene_id).strip()}")
            return replace(incoming, welcome=followed)
        case events.SubscribeEvent() | events.SubscribeScanEvent():
            # Any other scene (a station's poster, qrscene_123) is a plain follow: it had
            # been read as a wrong invite code, and the follower got no welcome.
            return user_did(text="/start")
        case events.ScanEvent():
            # A follower scanning a poster: nothing to do (it had got 邀请码不正确).
            return Incoming(key, user, None)
        case events.UnsubscribeEvent():
            # Nothing reaches an unfollower: the handlers only drop what was sent to them.
            return Incoming(key, user, inbound(text=UNFOLLOWED))
        case events.ClickEvent():
            return user_did(text=(message.key or "")[:_MAX_TEXT])
        case events.BaseEvent():
            # Automatic location reports, menu links, entering the app.
            return Incoming(key, user, None)
    return Incoming(key, user, None, notice=UNSUPPORTED, opens_window=True)
