"""Passive replies (the XML in the callback's HTTP answer), on both platforms.

A passive reply holds one message: the texts merged, or a single link card. Pictures would
need an upload first, so they (and text that did not fit) go through the API afterwards.
The user reads the passive reply first: it takes only what comes before the first picture,
so that options stay under the picture they are about (as the web chat shows them).
"""

from __future__ import annotations

from typing import Any

from wechatpy import replies as mp_replies
from wechatpy.enterprise import replies as wecom_replies

from bot.channels.weixin.text import as_text, merge_texts, plan, untapped_replies
from bot.channels.weixin.xmlsafe import cdata_text
from bot.messages import Image, Link, Reply, Text
from bot.numbering import last_options, numbered


def split_passive(
    replies: list[Reply], window: int | None = None
) -> tuple[Text | Link | None, list[Reply]]:
    """(what the passive reply shows, what must be sent through the API afterwards).

    `window`: how many API messages may follow (the official account's reply window). When
    keeping the order would take more, every text goes in the passive reply and only the
    pictures follow, in their order, if that fits; if it does not either, the order is kept
    and the API sends what fits, with a note that 「更多」 shows the rest, as it does for any
    reply (`window.fit`). The options are numbered over the whole reply before it is split,
    so that what follows goes on from the numbers the passive reply showed; taps are read
    by the buttons of the whole reply (`untapped_replies`)."""
    replies = untapped_replies(numbered(replies))
    if len(replies) == 1 and isinstance(replies[0], Link):
        return replies[0], []
    first = next((i for i, r in enumerate(replies) if isinstance(r, Image)), len(replies))
    shown, rest = _split(replies[:first], replies[first:])
    if window is not None and len(plan(rest)) > window:
        pictures: list[Reply] = [r for r in replies if isinstance(r, Image)]
        texts_first = _split([r for r in replies if not isinstance(r, Image)], pictures)
        if len(plan(texts_first[1])) <= window:
            shown, rest = texts_first
    return shown, rest


def _split(lead: list[Reply], after: list[Reply]) -> tuple[Text | None, list[Reply]]:
    """`lead` as text, its first piece shown; the pieces that did not fit go before `after`.
    Options say how to answer under the last of them, which may be in `after`."""
    last = last_options(lead) if last_options(after) is None else None
    texts = merge_texts([as_text(r, hint=i == last) for i, r in enumerate(lead)])
    if not texts:
        return None, after
    return Text(texts[0]), [*(Text(t) for t in texts[1:]), *after]


#: A text reply as wechatpy renders one (a template: almost every passive reply is text,
#: and wechatpy's reply objects cost several times the filling in of this).
_TEXT = (
    "<xml>\n<MsgType><![CDATA[text]]></MsgType>\n{agent}"
    "<Content><![CDATA[{content}]]></Content>\n"
    "<FromUserName><![CDATA[{account}]]></FromUserName>\n"
    "<ToUserName><![CDATA[{user}]]></ToUserName>\n"
    "<CreateTime>{now}</CreateTime>\n</xml>"
)


def passive_xml(reply: Text | Link, user: str, account: str, now: int, agent_id: int = 0) -> str:
    """The reply to `user` from `account` (the `ToUserName` the user wrote to); WeCom
    replies carry the app's `agent_id`."""
    if isinstance(reply, Text):
        return _TEXT.format(
            agent=f"<AgentID>{agent_id}</AgentID>\n" if agent_id else "",
            content=cdata_text(reply.text),
            # Read from the message, which plain mode does not sign: kept inside CDATA too.
            account=cdata_text(account),
            user=cdata_text(user),
            now=now,
        )
    kinds: Any = wecom_replies if agent_id else mp_replies
    extra = {"agent": agent_id} if agent_id else {}
    if isinstance(reply, Link):
        article = {
            "title": cdata_text(reply.title),
            "description": cdata_text(reply.description),
            "url": cdata_text(reply.url),
            "image": cdata_text(reply.image_url),
        }
        news = kinds.ArticlesReply(
            source=account, target=user, time=now, articles=[article], **extra
        )
        return str(news.render())
