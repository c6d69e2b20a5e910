"""The messenger channels a configuration turns on, built for the server (`bot.app`) and
for `jingmin channels` alike; which ones is asked of `enabled_channels` once.

Each channel's module is imported only when the channel is on: they bring their messenger's
SDK (python-telegram-bot with httpx, wechatpy with requests), over a second of a start
that serves only the web chat."""

from __future__ import annotations

from bot.channels.base import Channel
from bot.channels.enabled import enabled_channels
from bot.context import Services
from bot.media import MediaStore

#: The WeChat-family channels, built by `bot.channels.weixin.build`.
WEIXIN = ("wechat_mp", "wecom", "wecom_robot")


def messenger_channels(
    services: Services, media: MediaStore, *, polling: bool = True
) -> dict[str, Channel]:
    """Telegram and the WeChat-family channels by name, each only if configured.

    `polling=False`: never long-poll Telegram, whatever the settings say (a wiring check:
    polling deletes the production webhook)."""
    settings = services.settings
    on = enabled_channels(settings)
    found: dict[str, Channel] = {}
    if "telegram" in on:
        from bot.channels.telegram.channel import TelegramChannel

        telegram = settings.telegram
        if not polling:
            telegram = telegram.model_copy(update={"polling": False})
        found["telegram"] = TelegramChannel(
            telegram, services.sessions, media, services.clock, index=services.blind_index
        )
    if any(name in on for name in WEIXIN):
        from bot.channels.weixin.build import weixin_channels

        found.update(weixin_channels(services, media, on))
    return found
