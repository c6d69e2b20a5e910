"""Fit a reply into what the official account's reply window has left.

Tried in turn, the first that fits is sent:
1. the reply in the handler's order (runs of text merged into as few messages as fit);
2. all its texts first, then its pictures, as the passive reply does when the order would
   take too many (`passive.split_passive`): three wanted cards with their options are one
   text and three pictures instead of seven messages;
3. the reply in the handler's order, cut where it no longer fits: its last message says how
   much is left, and 「更多」 shows the rest (`bot.unshown`). Never nothing at all.
"""

from __future__ import annotations

from bot import unshown
from bot.channels.weixin.text import Planned, merge_texts, plan, untapped_replies
from bot.messages import Image, Recall, Reply, Text
from bot.numbering import numbered


def fit(replies: list[Reply], room: int) -> tuple[list[Planned], list[Reply]]:
    """(the messages to send, at most `room` (at least 1); the replies left for 「更多」).
    The options are numbered over the whole reply first: the rest goes on from the numbers
    already shown, which still mean what they said; taps are read by the buttons of the
    whole reply (`untapped_replies`), before it is cut."""
    assert room >= 1
    replies = untapped_replies(numbered(replies))
    in_order = plan(replies)
    if len(in_order) <= room:
        return in_order, []
    grouped = plan(texts_first(replies))
    if len(grouped) <= room:
        return grouped, []
    pieces = _pieces(replies)
    for cut in range(len(pieces) - 1, 0, -1):
        rest = pieces[cut:]
        # The note joins the text before it when both fit in one message.
        shown = plan([*pieces[:cut], Text(unshown.note(len(plan(rest))))])
        if len(shown) <= room:
            return shown, rest
    return [Text(unshown.note(len(plan(pieces))))], pieces


def texts_first(replies: list[Reply]) -> list[Reply]:
    """Every reply but the pictures, then the pictures (with their captions), each in order."""
    return [
        *(r for r in replies if not isinstance(r, Image)),
        *(r for r in replies if isinstance(r, Image)),
    ]


def _pieces(replies: list[Reply]) -> list[Reply]:
    """The replies to cut between: a text too long for one message in the pieces it is sent
    as, a picture with its caption as one."""
    pieces: list[Reply] = []
    for reply in replies:
        if isinstance(reply, Text):
            pieces.extend(Text(t) for t in merge_texts([reply.text]))
        elif not isinstance(reply, Recall):
            pieces.append(reply)
    return pieces
