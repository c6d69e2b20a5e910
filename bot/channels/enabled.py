"""Which channels a configuration turns on, decided here alone: the server builds these
(`bot.channels.build.messenger_channels`), and a command run outside it knows them by what
each says of itself (`bot.app.channel_facts`)."""

from __future__ import annotations

from bot.config import Settings


def enabled_channels(settings: Settings) -> tuple[str, ...]:
    """The names of the channels `settings` turn on: the web chat always, each other one
    when its section is configured."""
    configured = {
        "telegram": settings.telegram.enabled,
        "wechat_mp": settings.wechat_mp.enabled,
        "wecom": settings.wecom.enabled,
        "wecom_robot": settings.wecom_robot.enabled,
    }
    return ("web", *(name for name, on in configured.items() if on))
