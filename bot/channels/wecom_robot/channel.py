"""WeCom group robots: post replies into a group through its webhook key.

Outbound only, so there are no routes; the chat id is the webhook key (a secret: whoever has
it can post in the group). WeCom lets a robot send 20 messages a minute and refuses more with
45009; the cap is counted here, across processes, so a burst waits in the outbox instead.
A send that fails before its first message went out gives its share of the cap back.
"""

from __future__ import annotations

import asyncio
import hashlib
import re
from collections.abc import Callable
from datetime import datetime, timedelta

from aiohttp import web

from bot.channels.base import Cause, DeliveryError, Dispatch, OverBudget, Progress
from bot.channels.missing_pictures import GONE, without_missing
from bot.channels.wecom_robot.render import robot_message
from bot.channels.wecom_robot.settings import WecomRobotSettings
from bot.channels.weixin import allowance
from bot.channels.weixin.client import ApiClient
from bot.channels.weixin.errors import delivery_error, partly, unexpected
from bot.channels.weixin.text import plan
from bot.context import ChannelFacts
from bot.media import MediaStore
from bot.messages import Image, Reply, Text
from bot.numbering import last_options
from storage.db import SessionFactory

NAME = "wecom_robot"
PER_MINUTE = 20
#: WeCom fetches a news card's picture when it shows the card and again when a member opens
#: it: the link lasts as long as a group still reads the message.
ROBOT_LINK_TTL = timedelta(days=30)
_KEY = re.compile(r"[A-Za-z0-9-]{8,64}")


class WecomRobotChannel:
    name = NAME
    #: A robot only posts: nothing it is sent reaches the bot.
    facts = ChannelFacts("企业微信群机器人", reads_groups=False, counts_bytes=True)

    def __init__(
        self,
        settings: WecomRobotSettings,
        sessions: SessionFactory,
        media: MediaStore,
        public_url: str,
        clock: Callable[[], datetime],
    ) -> None:
        self._settings = settings
        self._sessions = sessions
        self._media = media
        self._public_url = public_url.rstrip("/")
        self._clock = clock
        self.client = ApiClient(settings.api_base, None, settings.api_timeout)

    def register_routes(self, app: web.Application, dispatch: Dispatch) -> None:
        """Robots cannot read their group: nothing to receive."""

    async def start(self) -> None:
        await self.client.start()

    async def stop(self) -> None:
        await self.client.stop()

    async def send(
        self, chat_id: str, replies: list[Reply], progress: Progress | None = None
    ) -> list[str]:
        progress = progress or Progress()
        if not _KEY.fullmatch(chat_id):
            raise DeliveryError(
                "not a group robot webhook key", permanent=True, cause=Cause.ROBOT_KEY
            )
        # A purged picture is a line of text, not a card linking to a page that is gone.
        items = plan(without_missing(replies, self._media), keep_choices=self._settings.markdown)
        if not items:
            return []
        # The allowance row is named by a hash: the key itself stays out of another table.
        name = hashlib.sha256(chat_id.encode()).hexdigest()[:32]
        key, now = f"{NAME}:{name}", self._clock()
        wait = await allowance.take_sliding(
            self._sessions, key, limit=PER_MINUTE, period=60, now=now, count=len(items)
        )
        if wait is not None:
            raise OverBudget(f"{PER_MINUTE} messages a minute per robot", retry_after=wait)
        posted = 0
        try:
            last = last_options(items)  # how to answer, said under the last options only
            for index, item in enumerate(items):
                picture, media_url = None, ""
                if isinstance(item, Image):
                    picture = self._media.get(item.sha256)
                    media_url = self._media.link(
                        item.sha256, self._public_url, ROBOT_LINK_TTL, published=item.published
                    )
                    if picture is None:  # purged since this send began
                        item = Text(GONE)  # its caption follows it already
                payload = robot_message(
                    item,
                    markdown=self._settings.markdown,
                    picture=picture,
                    media_url=media_url,
                    hint=index == last,
                )
                await self.client.post_plain("/cgi-bin/webhook/send", {"key": chat_id}, payload)
                posted += 1
                progress.went_out(items[index + 1 :])
        except (Exception, asyncio.CancelledError) as failure:
            # Cancelled too: the outbox worker's timeout or stop ends a send mid-call.
            if not posted:  # none went out: a failed burst must not hold up the next posts
                await allowance.give_back_sliding(
                    self._sessions, key, taken_at=now, count=len(items)
                )
            if isinstance(failure, asyncio.CancelledError):
                raise  # `progress` has told the worker what went out
            raise partly(delivery_error(unexpected(failure)), progress) from None
        return []  # a group robot's messages cannot be recalled
