"""Is each messenger wired up? What its console needs, and whether the platform agrees.

`jingmin serve` says this at start and `jingmin channels` on demand, so that a station's IT
staff see "the official account fetched a token" or "the IP address is not on the allow-list"
in one line each, instead of finding out when the first alert does not arrive.
"""

from __future__ import annotations

import ipaddress
import logging
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from sqlmodel import col, func, select

from bot.channels.base import Channel
from bot.channels.weixin.client import ApiError
from bot.config import Settings
from storage.db import SessionFactory
from storage.models import ChatGroup

if TYPE_CHECKING:
    from bot.channels.telegram.channel import TelegramChannel
    from bot.channels.wechat_mp.channel import WechatMpChannel
    from bot.channels.wecom.channel import WecomChannel

log = logging.getLogger("jingmin.channels")


def unreachable(host: str) -> bool:
    """Whether `host` (of `public_url`) is one no platform's servers can call: the default
    127.0.0.1, localhost, or a private address of the station's own network."""
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return not ipaddress.ip_address(host).is_global
    except ValueError:  # a name: whether it is public is for DNS to say
        return False


@dataclass(frozen=True)
class Finding:
    """One line about one channel; `ok` False when something must be fixed."""

    channel: str
    ok: bool
    text: str

    def __str__(self) -> str:
        return f"{self.channel}: {self.text}"


def addresses(settings: Settings) -> list[Finding]:
    """The address each platform must be given, and what is wrong with `public_url` for it.

    One verdict per address: an address a platform cannot call is a FIX line saying what to
    change, not an "ok" line followed by a FIX about the same address."""
    base = settings.server.public_url
    local = unreachable(urlsplit(base).hostname or "")

    def cannot_reach(platform: str) -> str:
        return (
            f"server.public_url {base} is a local or private address, which {platform}'s "
            "servers cannot reach: set it to the station's public https address "
            "(e.g. https://jingmin.example.cn)"
        )

    found: list[Finding] = []
    if settings.wechat_mp.enabled:
        url = f"服务器地址(URL) {base}{settings.wechat_mp.route}"
        if local:
            found.append(Finding("wechat_mp", False, f"{url}: {cannot_reach('WeChat')}"))
        else:
            mode = "安全模式" if settings.wechat_mp.encoding_aes_key else "明文模式 (use 安全模式)"
            found.append(Finding("wechat_mp", True, f"{url}, 消息加解密方式 {mode}"))
    if settings.wecom.enabled:
        url = f"接收消息 URL {base}{settings.wecom.route}"
        if local:
            found.append(Finding("wecom", False, f"{url}: {cannot_reach('WeCom')}"))
        else:
            found.append(Finding("wecom", True, url))
    telegram = settings.telegram
    if telegram.enabled and not telegram.polling:
        webhook = f"webhook {base}{telegram.route}"
        if local:
            found.append(Finding("telegram", False, f"{webhook}: {cannot_reach('Telegram')}"))
        elif base.startswith("https://"):
            found.append(Finding("telegram", True, webhook))
        else:
            found.append(
                Finding(
                    "telegram",
                    False,
                    f"{webhook}: server.public_url {base} is not https: Telegram calls only "
                    "HTTPS webhooks",
                )
            )
    if settings.wecom_robot.enabled and local:
        found.append(
            Finding(
                "wecom_robot",
                False,
                f"server.public_url is {base}: pictures sent as links cannot be opened",
            )
        )
    return found


async def probe(
    channels: dict[str, Channel], settings: Settings, sessions: SessionFactory
) -> list[Finding]:
    """Ask each platform whether it takes our credentials (one call each, nothing sent)."""
    found: list[Finding] = []
    if set(channels) <= {"web"}:
        return found
    # Imported here, not with this module: each channel's module loads its messenger's SDK
    # (over a second of CPU), which a server serving the web chat alone never needs.
    from bot.channels.telegram.channel import TelegramChannel
    from bot.channels.wechat_mp.channel import WechatMpChannel
    from bot.channels.wecom.channel import WecomChannel
    from bot.channels.wecom_robot.channel import WecomRobotChannel

    for name, channel in channels.items():
        if isinstance(channel, WechatMpChannel):
            found.append(await _wechat_mp(channel))
        elif isinstance(channel, WecomChannel):
            found.append(await _wecom(channel, settings.wecom.agent_id))
        elif isinstance(channel, TelegramChannel):
            found.extend(await _telegram(channel, settings))
        elif isinstance(channel, WecomRobotChannel):
            found.append(await _robots(sessions))
        elif name != "web":
            found.append(Finding(name, True, "on"))
    return found


async def _wechat_mp(channel: WechatMpChannel) -> Finding:
    try:
        await channel.client.access_token(quiet=True)  # the finding is the one report
    except ApiError as exc:
        return Finding(channel.name, False, str(exc))
    return Finding(channel.name, True, "access token fetched: AppID, AppSecret and IP白名单 work")


async def _wecom(channel: WecomChannel, agent_id: int) -> Finding:
    try:
        # The token proves corp_id, secret and the trusted IPs; agent/get answers only for the
        # app the secret belongs to, so it proves agent_id and secret are of the same app.
        await channel.client.access_token(quiet=True)  # the finding is the one report
        app = await channel.client.call("/cgi-bin/agent/get", params={"agentid": str(agent_id)})
    except ApiError as exc:
        return Finding(channel.name, False, str(exc))
    return Finding(
        channel.name,
        True,
        f"access token fetched; app {app.get('name', '?')!r} (AgentId {agent_id})",
    )


async def _telegram(channel: TelegramChannel, settings: Settings) -> list[Finding]:
    from telegram.error import TelegramError  # the SDK only when Telegram is on (see `probe`)

    name, telegram = channel.name, channel.settings
    try:
        me = await channel.bot.get_me()
        info = await channel.bot.get_webhook_info()
    except TelegramError as exc:
        return [Finding(name, False, f"the Bot API cannot be reached or refused ({exc})")]
    found = [Finding(name, True, f"bot @{me.username} (id {me.id}) accepted the token")]
    if telegram.polling:
        return found
    expected = f"{settings.server.public_url}{telegram.route}"
    if not info.url:
        found.append(Finding(name, False, f"no webhook is set: {set_webhook(expected)}"))
    elif info.url != expected:
        found.append(
            Finding(
                name, False, f"the webhook is {info.url}, not {expected}: {set_webhook(expected)}"
            )
        )
    else:
        found.append(
            Finding(name, True, f"webhook set to {info.url} ({info.pending_update_count} waiting)")
        )
    if info.last_error_message:
        said = info.last_error_message
        if "403" in said:  # our answer to a wrong X-Telegram-Bot-Api-Secret-Token
            said += " (the secret_token given to setWebhook is not [telegram] webhook_secret)"
        found.append(Finding(name, False, f"Telegram's last webhook error: {said}"))
    return found


def set_webhook(url: str) -> str:
    """The command that registers the webhook; the secret comes from the environment."""
    from bot.channels.telegram.polling import ALLOWED_UPDATES  # see `_telegram`

    updates = ",".join(f'"{kind}"' for kind in ALLOWED_UPDATES)
    return (
        'run curl -sS "https://api.telegram.org/bot$JINGMIN_TELEGRAM__BOT_TOKEN/setWebhook" '
        f'-d url="{url}" -d secret_token="$JINGMIN_TELEGRAM__WEBHOOK_SECRET" '
        f"-d 'allowed_updates=[{updates}]'"
    )


async def _robots(sessions: SessionFactory) -> Finding:
    async with sessions() as session:
        count = (
            await session.exec(select(func.count()).where(col(ChatGroup.channel) == "wecom_robot"))
        ).one()
    if not count:
        return Finding(
            "wecom_robot", False, "no group robots yet: add each with jingmin group add --key …"
        )
    return Finding("wecom_robot", True, f"{count} group robot(s) registered (jingmin group list)")


def report(findings: list[Finding]) -> None:
    """Log each finding: problems as errors, the rest as information."""
    for finding in findings:
        if finding.ok:
            log.info("%s", finding)
        else:
            log.error("%s", finding)
