"""The WeChat-family channels a configuration turns on, ready for `bot.app`."""

from __future__ import annotations

from bot.channels.base import Channel
from bot.channels.enabled import enabled_channels
from bot.channels.wechat_mp.channel import WechatMpChannel
from bot.channels.wecom.channel import WecomChannel
from bot.channels.wecom_robot.channel import WecomRobotChannel
from bot.context import Services
from bot.media import MediaStore


def weixin_channels(
    services: Services, media: MediaStore, on: tuple[str, ...] | None = None
) -> dict[str, Channel]:
    """Channels by name (`wechat_mp`, `wecom`, `wecom_robot`), each only if configured;
    `on`: the `enabled_channels` already worked out, if they were."""
    settings = services.settings
    sessions, cipher, clock = services.sessions, services.cipher, services.clock
    on = enabled_channels(settings) if on is None else on
    found: dict[str, Channel] = {}
    if "wechat_mp" in on:
        found["wechat_mp"] = WechatMpChannel(settings.wechat_mp, sessions, cipher, media, clock)
    if "wecom" in on:
        found["wecom"] = WecomChannel(settings.wecom, sessions, cipher, media, clock)
    if "wecom_robot" in on:
        found["wecom_robot"] = WecomRobotChannel(
            settings.wecom_robot, sessions, media, settings.server.public_url, clock
        )
    return found
