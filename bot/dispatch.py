"""Turns one inbound message into replies: lock, transaction, middleware, handler.

Every channel calls `Dispatcher.dispatch`. A message runs in one database transaction; if it
fails, nothing of it is kept, so a user's earlier answers survive any error, and the user gets
a short Chinese apology rather than a stack trace.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime

from prometheus_client import Counter, Histogram
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError
from sqlmodel.ext.asyncio.session import AsyncSession

from bot import choice_memory
from bot.context import Context, Handler, Services, user_key
from bot.forms import FormEngine
from bot.forms.store import StaleFormState
from bot.locks import KeyedLocks
from bot.messages import ChatType, Choices, Inbound, Reply, Text
from bot.middleware import Middleware, chain
from bot.router import Router
from storage.outbox import QUEUED

log = logging.getLogger(__name__)

MESSAGES = Counter(
    "jingmin_messages_total",
    "Inbound messages handled by this worker (jingmin_worker) since it started",
    ["channel", "outcome"],
)
LATENCY = Histogram(
    "jingmin_message_seconds",
    "Time to handle one inbound message, in this worker (jingmin_worker)",
    ["channel"],
    buckets=(0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5),
)

SORRY = "抱歉，系统暂时出了点问题，请稍后再发一次。您之前填写的内容都已保存。"
_ATTEMPTS = 3

#: A channel's step run first in a message's transaction (see `Dispatcher.dispatch`).
Admit = Callable[[AsyncSession], Awaitable[bool]]


class Dispatcher:
    def __init__(
        self,
        services: Services,
        router: Router,
        forms: FormEngine,
        middlewares: list[Middleware],
        fallback: Handler,
    ) -> None:
        self.services = services
        self.router = router
        self.forms = forms
        #: Called after a message's transaction queued outbox rows (wakes delivery).
        self.on_queued: Callable[[], None] = lambda: None
        self._handler = chain(middlewares, self._endpoint)
        self._fallback = fallback
        self._locks = KeyedLocks()
        self._children: dict[str, tuple[Histogram, Counter, Counter]] = {}

    def _metrics(self, channel: str) -> tuple[Histogram, Counter, Counter]:
        """The channel's (latency, ok, error) metrics. Looked up once per channel:
        `labels()` takes a lock and checks the labels on every call."""
        found = self._children.get(channel)
        if found is None:
            found = (
                LATENCY.labels(channel),
                MESSAGES.labels(channel, "ok"),
                MESSAGES.labels(channel, "error"),
            )
            self._children[channel] = found
        return found

    async def _read_choice(self, ctx: Context) -> None:
        """Turn "2" into the second button's value, unless a form has asked something since
        they were shown; and a button's title typed out ("完成") into its value when the
        title is no command."""
        number = choice_memory.number_in(ctx.inbound.text)
        if number is not None and await self._buttons_last(ctx):
            value = await choice_memory.resolve(ctx.session, ctx.user_key, number, ctx.now)
            if value is not None:
                ctx.inbound = replace(ctx.inbound, text=value)
        private = ctx.inbound.chat_type is ChatType.PRIVATE
        ctx.match = self.router.match(ctx.inbound.text, bare=private)
        if ctx.match is not None and not ctx.match.bare:
            return
        value = None
        if ctx.options_shown:
            value = await choice_memory.resolve_title(
                ctx.session, ctx.user_key, ctx.inbound.text, ctx.now
            )
            if value is not None and not await self._buttons_last(ctx):
                value = None
        if value is None and ctx.match is None:
            # A title of buttons another reply has taken off the screen (孩子也退房 after
            # an FAQ answer): read from the database, so that it holds after a restart or
            # on another replica too. Not a command's word (撤销退房): typed alone, it is
            # the command, not an older button that named it.
            earlier = await choice_memory.resolve_earlier(
                ctx.session, ctx.user_key, ctx.inbound.text, ctx.now
            )
            if earlier is not None and await self._shown_since_form(ctx, earlier[1]):
                value = earlier[0]
        if value is not None:
            ctx.inbound = replace(ctx.inbound, text=value)
            ctx.match = self.router.match(value, bare=private)

    async def _buttons_last(self, ctx: Context) -> bool:
        """Whether the last buttons kept came after the open form's last question, if a form
        is open. /自查 sent in the middle of a registration lists the places to inspect:
        1 then means the first place, not the registration's answer (forms number their
        own choices, and keep none here)."""
        stored = await self.forms.load(ctx)
        if stored is None:
            return True
        shown = await choice_memory.shown_at(ctx.session, ctx.user_key)
        return shown is not None and shown >= stored.saved_at

    async def _shown_since_form(self, ctx: Context, shown: datetime) -> bool:
        """Whether buttons shown at `shown` came after the open form's last question, if a
        form is open: its own question is what a message then answers."""
        stored = await self.forms.load(ctx)
        return stored is None or shown >= stored.saved_at

    async def _endpoint(self, ctx: Context) -> list[Reply]:
        if ctx.match is None:
            return await self._fallback(ctx)
        return await ctx.match.route.handler(ctx)

    async def dispatch(self, inbound: Inbound, admit: Admit | None = None) -> list[Reply]:
        """`admit` runs first in the message's transaction, so that a channel's own record
        of the delivery (WeChat's dedupe keys) commits with the message instead of in a
        transaction of its own. False: the message is not handled, what `admit` wrote is
        committed, and there are no replies. A message that fails is still admitted."""
        with self._metrics(inbound.channel)[0].time():
            async with self._locks.hold(user_key(inbound)):
                return await self._run(inbound, admit)

    async def _run(self, inbound: Inbound, admit: Admit | None) -> list[Reply]:
        for attempt in range(1, _ATTEMPTS + 1):
            try:
                async with self.services.sessions() as session:
                    if admit is not None and not await admit(session):
                        await session.commit()
                        return []
                    ctx = Context(inbound, session, self.services)
                    # From the database, not this process's memory of what it showed: the
                    # user's last message may have reached another worker or replica.
                    asked = await choice_memory.asked(session, ctx.user_key, ctx.now)
                    ctx.options_shown = asked.options
                    await self._read_choice(ctx)
                    replies = await self._handler(ctx)
                    if ctx.retell:
                        ctx.inbound = replace(ctx.inbound, text=ctx.retell)
                        private = ctx.inbound.chat_type is ChatType.PRIVATE
                        ctx.match = self.router.match(ctx.retell, bare=private)
                        ctx.retell, ctx.retold = "", True
                        # What the first pass said stays before the retold message's
                        # replies (好的，不发给民警。 of 不是 to an offer had been dropped).
                        replies = [*replies, *await self._handler(ctx)]
                    offered = any(isinstance(r, Choices) for r in replies)
                    if offered and not ctx.form_waiting:  # forms number their own choices
                        await choice_memory.remember(session, ctx.user_key, replies, ctx.now)
                    elif asked.options and (
                        ctx.form_waiting or (not offered and not ctx.keep_choices)
                    ):
                        # The last buttons are off the screen: answered with something
                        # else, or a form asked its own question. Only after a reply that
                        # asked a choice: options pushed alone (`scheduler.delivery`) still
                        # take a number after whatever is said in between.
                        await choice_memory.forget_shown(session, ctx.user_key, asked)
                    if not ctx.keep_choices:
                        await choice_memory.note_asked(
                            session, ctx.user_key, replies, asked, ctx.now
                        )
                    await session.commit()
                    if session.info.pop(QUEUED, False):
                        self.on_queued()
                self._metrics(inbound.channel)[1].inc()
                return replies
            except (StaleFormState, IntegrityError, OperationalError) as exc:
                # Another replica touched the same rows, or SQLite was busy: try again.
                log.info("retrying message (attempt %d): %s", attempt, type(exc).__name__)
            except Exception as exc:
                if isinstance(exc, DBAPIError) and exc.connection_invalidated:
                    # The database dropped the connection (a restart): the pool has
                    # replaced its connections (`storage.db` pings only idle ones).
                    log.info("retrying message (attempt %d): connection lost", attempt)
                    continue
                # Never the message text in the log: it may hold an ID number.
                log.exception("handler failed on channel %s", inbound.channel)
                break
        self._metrics(inbound.channel)[2].inc()
        if admit is not None:
            await self._admit_failed(inbound, admit)
        return [Text(SORRY)]

    async def _admit_failed(self, inbound: Inbound, admit: Admit) -> None:
        """The message's transaction was rolled back, its admission with it: admit it on
        its own, so that a retry of the message is not handled after the apology."""
        try:
            async with self.services.sessions() as session:
                await admit(session)
                await session.commit()
        except Exception:
            log.exception("could not record a failed message on channel %s", inbound.channel)
