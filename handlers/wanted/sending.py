"""Queue a card to an officer's private chat, remembering where it went.

The record (`CardDelivery`) is what the daily rotation counts as seen and what a capture
or revocation follows up on.
"""

from __future__ import annotations

from datetime import datetime

from sqlmodel.ext.asyncio.session import AsyncSession

from bot.context import Context
from bot.messages import ChatType, Image, Reply, Text
from handlers.wanted.access import check_may_receive
from handlers.wanted.facts import card_no
from handlers.wanted.images import PNG
from storage.models import Account, CardDelivery, Person, Visibility, WantedPerson
from storage.outbox import enqueue_to_account


def caption(wanted: WantedPerson) -> str:
    scope = "公开" if wanted.visibility is Visibility.PUBLIC else "内部"
    return f"{card_no(wanted)} {wanted.name}（{scope}）"


def card_reply(wanted: WantedPerson, sha256: str) -> Image:
    return Image(sha256, caption(wanted), PNG)


async def queue_cards(
    session: AsyncSession,
    cards: list[tuple[WantedPerson, str]],
    *,
    person: Person,
    account: Account,
    kind: str,
    key: str,
    lead: str,
    now: datetime,
    priority: int = 0,
) -> None:
    """One message to `account`: `lead`, then each (person, card hash)."""
    for wanted, _sha in cards:
        check_may_receive(person, ChatType.PRIVATE, wanted)
    replies: list[Reply] = [Text(lead)] if lead else []
    replies.extend(card_reply(wanted, sha) for wanted, sha in cards)
    row = enqueue_to_account(session, account, message_key=key, replies=replies, now=now)
    row.priority = priority
    await session.flush()
    for wanted, _sha in cards:
        assert wanted.id is not None
        session.add(
            CardDelivery(
                wanted_id=wanted.id,
                outbox_id=row.id,
                person_id=person.id,
                channel=account.channel,
                chat_id=account.channel_user_id,
                kind=kind,
                created_at=now,
            )
        )


def remember_shown(ctx: Context, wanted: WantedPerson) -> None:
    """The card was shown in this chat as an answer: a capture later tells this chat too."""
    assert wanted.id is not None
    ctx.session.add(
        CardDelivery(
            wanted_id=wanted.id,
            person_id=ctx.person.id,
            channel=ctx.inbound.channel,
            chat_id=ctx.inbound.chat_id,
            kind="view",
            created_at=ctx.now,
        )
    )
