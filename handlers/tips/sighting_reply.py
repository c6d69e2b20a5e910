"""A reply to a public wanted notice is a sighting: "我在菜市场见过他" quoted under the
notice opens the tip form for that person, with the words as the description.

Found through the notice's outbox row, which keeps the platform's ids of what it sent
(Telegram gives replies the id of the message they answer). In a group the tip is not
taken there, where everyone reads it: the reader is asked to write privately.

Where nothing is quoted (web chat, WeChat), "我好像在菜市场看到这个人了" in a private chat
soon after a notice is offered as a sighting of its person, with one button; the words are
kept for the form, as the tip offer keeps them.
"""

from __future__ import annotations

import json
import re
from datetime import timedelta

from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Context, Handler
from bot.forms import FormEngine
from bot.messages import Button, ChatType, Choices, Reply, Text
from bot.router import STAFF
from handlers.broadcast.compose import sighting_command
from handlers.broadcast.release import KEY_ROOT, broadcast_of
from handlers.services.questions import lately_received
from handlers.tips import held_photos
from handlers.tips.form import over_limit, start_tip
from handlers.wanted.access import publishable
from handlers.wanted.public import public_notices
from storage import memos
from storage.models import Broadcast, OutboxMessage
from storage.outbox import key_range

#: The memo holding a sighting told in plain words: "wanted id\nwords" (see `read_offer`).
SIGHTING_OFFERED = "sighting_offer"
#: How long 「我见过此人」 after the offer starts the tip with what was said.
OFFER_FRESH = timedelta(minutes=30)
#: How recent a notice must be for plain words to be taken as about its person.
NOTICE_FRESH = timedelta(days=7)
#: 看到这个人了, 见过他, 碰到照片上的男的: someone seen, told without quoting the notice.
#: A bare 他 or 她 only where the sentence is about where they were (见过他, 看到他在菜市场):
#: 我看到他偷我电动车了 and 我发现他骗了我 are stories of one's own, not sightings.
_SEEN = re.compile(
    r"(?:见过|见到|看到|看见|瞧见|碰到|碰见|遇到|遇见|发现)了?"
    r"(?:(?:这个|那个|这|那|此|照片上的?|图上的?|通缉的?)"
    r"(?:人|男的|女的|家伙|逃犯|通缉犯|嫌疑人)"
    r"|(?:他|她)(?=[了啦过在往朝从进出]|$|[\s，,。.!！?？~])|(?:逃犯|通缉犯))"
)


async def notice_answered(
    session: AsyncSession, channel: str, chat_id: str, message_ref: str
) -> int | None:
    """The wanted person of the public notice that message `message_ref` of this chat was."""
    rows = await session.exec(
        select(OutboxMessage.dedupe_key, OutboxMessage.sent_refs).where(
            OutboxMessage.channel == channel,
            OutboxMessage.chat_id == chat_id,
            key_range(KEY_ROOT),
            col(OutboxMessage.sent_refs).contains(json.dumps(message_ref)),
        )
    )
    for key, refs in rows.all():
        if message_ref not in json.loads(refs or "[]"):
            continue
        broadcast = await session.get(Broadcast, broadcast_of(key))
        wanted_id = broadcast.wanted_id if broadcast is not None else None
        if wanted_id is not None and await publishable(session, wanted_id) is not None:
            return wanted_id
    return None


async def _notice_seen(ctx: Context) -> Broadcast | None:
    """The newest public wanted notice this person received lately, if its person is still
    sought."""
    for broadcast in await lately_received(ctx, ctx.now - NOTICE_FRESH):
        wanted_id = broadcast.wanted_id
        if wanted_id is not None and await publishable(ctx.session, wanted_id) is not None:
            return broadcast
    return None


def read_offer(kept: str | None, wanted_id: int) -> str:
    """The words kept by the sighting offer, if they were about `wanted_id`."""
    about, _, words = (kept or "").partition("\n")
    return words if about == str(wanted_id) else ""


#: 看到通缉的那个戴黑框眼镜的男的了, 那个逃犯我在超市见过: a wanted person said to be seen,
#: with the words of what they look like between (`_SEEN` wants them side by side).
_SEEN_WANTED = re.compile(
    r"(?:见过|见到|看到|看见|瞧见|碰到|碰见|遇到|遇见|发现)了?.{0,16}(?:通缉|逃犯|在逃)"
    r"|(?:通缉|逃犯|在逃).{0,16}(?:见过|见到|看到|看见|瞧见|碰到|碰见|遇到|遇见|出现)"
)
#: Longer text is a story, not a sighting told in a sentence.
_MAX_CHARS = 80
#: First, whatever else is said: the person may still be there.
_CALL_FIRST = "如果此人还在现场，请立即拨打110，说清地点和衣着，不要靠近或惊动对方。"


#: Public notices offered a button each.
_CARDS = 3


async def _wanted_sighting(ctx: Context, text: str) -> list[Reply]:
    """看到通缉的那个戴黑框眼镜的男的了, with no notice of theirs to tie it to: 110 first,
    then the public notices to report it on. It had got the generic 匿名举报/自助报案 menu.
    Whether the person is on the internal list is never said."""
    cards = [c for c in await public_notices(ctx.session, _CARDS) if c.id is not None]
    if not cards:
        return [
            Text(
                f"{_CALL_FIRST}目前没有公开的协查通缉；不紧急的话，可以发送「举报」把看到的情况"
                "告诉民警（默认匿名）。"
            )
        ]
    first = cards[0]
    assert first.id is not None
    await memos.remember(
        ctx.session, ctx.user_key, SIGHTING_OFFERED, f"{first.id}\n{text}", ctx.now
    )
    lines = [
        _CALL_FIRST,
        "是下面公开协查通缉里的人吗？点对应的「我见过此人」向民警提供线索（默认匿名）：",
    ]
    buttons = []
    for n, card in enumerate(cards, 1):
        assert card.id is not None
        looks = "，".join(x for x in (card.name, card.sex, card.marks) if x)
        lines.append(f"{n}. {looks}")
        label = "我见过此人" if len(cards) == 1 else f"我见过第{n}位"
        buttons.append(Button(label, sighting_command(card.id)))
    lines.append("发送「协查通缉」可以看照片。")
    return [Choices("\n".join(lines), tuple(buttons))]


async def _plain_sighting(ctx: Context) -> list[Reply] | None:
    text = ctx.inbound.text.strip()
    if ctx.role in STAFF or ctx.inbound.chat_type is not ChatType.PRIVATE:
        return None
    wanted_said = len(text) <= _MAX_CHARS and _SEEN_WANTED.search(text) is not None
    if not (_SEEN.search(text) or wanted_said):
        return None
    notice = await _notice_seen(ctx)
    if notice is None or notice.wanted_id is None:
        return await _wanted_sighting(ctx, text) if wanted_said else None
    kept = f"{notice.wanted_id}\n{text}"
    await memos.remember(ctx.session, ctx.user_key, SIGHTING_OFFERED, kept, ctx.now)
    return [
        Choices(
            f"{_CALL_FIRST}\n您是看到了「{notice.title}」里的人吗？点下面的按钮向民警提供线索"
            "（默认匿名），您刚才说的会一并转给民警。",
            (Button("我见过此人", sighting_command(notice.wanted_id)),),
        )
    ]


async def _sighting(ctx: Context, forms: FormEngine, wanted_id: int) -> list[Reply]:
    """The tip on `wanted_id` that a reply to its notice starts: a photo sent as the reply
    (or just before it) is the sighting's, as with 举报 在逃 N; it had been dropped."""
    await held_photos.hold_sent(ctx)
    # Refused before what is held is taken: a later 举报 still has it.
    if (refused := await over_limit(ctx)) is not None:
        return refused
    held = await held_photos.take_all(ctx)
    told = "；".join(s for s in dict.fromkeys((ctx.inbound.text.strip(), *held.captions)) if s)
    return await start_tip(ctx, forms, text=told, wanted_id=wanted_id, photos=held.photos)


def with_sighting_replies(forms: FormEngine, fallback: Handler) -> Handler:
    async def handler(ctx: Context) -> list[Reply]:
        inbound = ctx.inbound
        if not inbound.reply_to:
            offer = await _plain_sighting(ctx)
            if offer is not None:
                return offer
        if inbound.reply_to:
            wanted_id = await notice_answered(
                ctx.session, inbound.channel, inbound.chat_id, inbound.reply_to
            )
            if wanted_id is not None:
                if inbound.chat_type is not ChatType.PRIVATE:
                    return [
                        Text(
                            "感谢提供线索！为保护您的安全，请私聊本号发送"
                            f"「{sighting_command(wanted_id)}」，或直接拨打110。"
                        )
                    ]
                return await _sighting(ctx, forms, wanted_id)
        return await fallback(ctx)

    return handler
