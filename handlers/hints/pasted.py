"""A code sent by itself, pasted from where it was given: a tip's query code (AKKP-PM43-ZMG4),
a report number (B20261130-23HREY) or a binding code (R9C3-8VP7).

Told apart by looking each up, the shape deciding only when none exists: a tip's code cut
short to its first eight characters (MNNP-KRM6, one line of a wrapped receipt) had been
offered as an invite code, and a query code without a digit had got 没有理解.
"""

from __future__ import annotations

from sqlmodel import select

from bot.context import Context
from bot.messages import ChatType, Reply, Text
from bot.router import STAFF
from handlers.hints.said import binding_code, binding_offer
from handlers.messaging import pasted_code
from handlers.services.invites import ALPHABET, find_invite, hash_code, normalise_code
from handlers.tips.codes import read_code
from handlers.tips.pending import own_tips
from handlers.tips.relay import tip_code
from handlers.tips.tipster import find_tip
from storage.models import GroupInvite

#: A binding code's length, and the part of a query code the same length cuts it to.
_BINDING_LENGTH = 8
#: Neither an invite nor one of the sender's tips: what either looks like.
UNKNOWN = (
    "没有找到这个编码。绑定身份的邀请码由社区民警提供，共8位（如 ABCD-EFGH）；"
    "举报的查询码共12位（如 K7F3-9Q2M-XA4P），请核对后重新发送。"
)


async def pasted(ctx: Context, text: str) -> str | Reply | None:
    """What a code pasted alone asks for: the command to run as if typed (查询 …), the
    reply to give (the offer to bind), or None when `text` is no code."""
    said = text.strip()
    staff = ctx.role in STAFF
    if (query := pasted_code(said, staff=staff)) is not None:
        return query
    code = read_code(said)
    if code is not None and not staff and await find_tip(ctx, code) is not None:
        return f"查询 {said}"  # a query code with no digit in it (AKKP-PMHZ-ZMGX)
    normal = normalise_code(said)
    if len(normal) != _BINDING_LENGTH or not all(ch in ALPHABET for ch in normal):
        return None
    shaped = binding_code(said)
    if await _binding_exists(ctx, normal):
        return binding_offer(ctx, shaped or f"{normal[:4]}-{normal[4:]}")
    private = ctx.inbound.chat_type is ChatType.PRIVATE
    if private and not staff and (full := await _own_tip_starting(ctx, normal)) is not None:
        return f"查询 {full}"  # in a group, the others would read whose tip it is
    if shaped is None:
        return None  # a word or a number (PASSWORD, 20261123), no code
    # Tapping the offer of a code that exists nowhere had only said it was wrong.
    return Text(UNKNOWN)


async def _binding_exists(ctx: Context, code: str) -> bool:
    """Whether `code` is an invite's or a group's binding code, used or not."""
    if await find_invite(ctx.session, code) is not None:
        return True
    found = await ctx.session.exec(
        select(GroupInvite).where(GroupInvite.code_hash == hash_code(code))
    )
    return found.first() is not None


async def _own_tip_starting(ctx: Context, start: str) -> str | None:
    """The query code of the sender's own tip that `start` begins, if one does."""
    for tip in await own_tips(ctx):
        code = tip_code(ctx.services, tip)
        if code.replace("-", "").startswith(start):
            return code
    return None
