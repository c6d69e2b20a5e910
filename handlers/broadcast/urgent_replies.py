"""An owner's reply to an urgent alert (已经疏散了 我们这边闻到味道了 要不要关总闸).

It had got only 「要把这个问题转给…民警吗？」: the alert stayed unconfirmed (0/3) and the
owner, in the middle of it, read no word of what to do. A reply to an urgent alert they
have not yet confirmed now confirms it, its question goes to the alert's officer at once
(no tap to wait for while the danger lasts), and the owner reads the first safety steps for
the alert's kind of danger (`urgent_advice.toml`). An alert that is not urgent is left to
the usual offer (`handlers.questions`).
"""

from __future__ import annotations

import functools
import tomllib
from dataclasses import dataclass
from datetime import timedelta
from importlib import resources

from bot.context import Context, Handler
from bot.messages import Button, ChatType, Choices, Reply, Text
from bot.router import STAFF
from bot.validators import Invalid
from bot.validators.text import parse_free_text
from handlers.broadcast.acks import recent_alerts, record_acks
from handlers.emergency import emergency_notice
from handlers.messaging import QUESTION, deliver
from knowledge.intent import asks, small_talk
from storage.models import Broadcast, BroadcastRecipient, Category, Severity

#: How long after its release an unconfirmed urgent alert is what a reply answers.
WINDOW = timedelta(hours=6)
#: What shows a reply is about the alert: it asks, or tells what was done or found.
_TELLS = ("已经", "已", "正在", "马上", "疏散", "撤离", "闻到", "看到", "发现", "关了", "关掉")


@dataclass(frozen=True)
class Advice:
    words: tuple[str, ...]
    text: str


@functools.cache
def _advice() -> dict[Category, tuple[Advice, ...]]:
    text = resources.files("handlers.broadcast").joinpath("urgent_advice.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return {
        Category(name): tuple(
            Advice(tuple(item.get("words", ())), str(item["advice"]).strip()) for item in items
        )
        for name, items in data.items()
    }


def advice_for(broadcast: Broadcast) -> str:
    """The first safety steps for `broadcast`'s danger, or "" if its category has none."""
    told = f"{broadcast.title}{broadcast.body}"
    for entry in _advice().get(broadcast.category, ()):
        if not entry.words or any(word in told for word in entry.words):
            return entry.text
    return ""


def _replies_to(text: str, broadcast: Broadcast) -> bool:
    """Whether `text` reads as a reply to `broadcast`: it asks, tells what was done or
    found, or shares a word of it (not a greeting or thanks)."""
    if small_talk(text) is not None:
        return False
    if asks(text) or any(word in text for word in _TELLS):
        return True
    told = f"{broadcast.title}{broadcast.body}"
    return any(text[i : i + 2] in told for i in range(len(text) - 1))


async def _waiting_urgent(ctx: Context) -> list[tuple[Broadcast, BroadcastRecipient]]:
    try:
        found = await recent_alerts(ctx)
    except LookupError:
        return []
    return [
        (broadcast, recipient)
        for broadcast, recipient in found
        if recipient.acked_at is None
        and broadcast.severity is Severity.URGENT
        and broadcast.released_at is not None
        and ctx.now - broadcast.released_at <= WINDOW
    ]


def with_urgent_replies(handler: Handler) -> Handler:
    """Wrap the fallback: an owner's reply to an urgent alert they have not confirmed."""

    async def wrapped(ctx: Context) -> list[Reply]:
        text = ctx.inbound.text.strip()
        private = ctx.inbound.chat_type is not ChatType.GROUP
        if ctx.role in STAFF or not text or ctx.inbound.photos or not private:
            return await handler(ctx)
        if emergency_notice(text) is not None:
            return await handler(ctx)  # the emergency's own answer comes first
        waiting = await _waiting_urgent(ctx)
        if not waiting or not _replies_to(text, waiting[0][0]):
            return await handler(ctx)
        newest = waiting[0][0]
        replies = list(await record_acks(ctx, waiting))
        advice = advice_for(newest)
        if advice:
            replies.append(Text(f"⚠️ {advice}"))
        try:
            said = parse_free_text(text)
        except Invalid:
            return replies
        if asks(text):
            return [*replies, *await deliver(ctx, f"{QUESTION}:{newest.id}", said)]
        # 已经疏散了: news the officer may want, one tap away.
        return [
            *replies,
            Choices(
                f"要把这条情况告诉发布通报#{newest.id}的民警吗？",
                (Button("转给民警", f"/问民警 #{newest.id} {said}"),),
            ),
        ]

    return wrapped
