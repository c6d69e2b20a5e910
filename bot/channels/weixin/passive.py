"""Passive replies (the XML in the callback's HTTP answer), on both platforms.

A passive reply holds one message: the texts merged, or a single link card. Pictures would
need an upload first, so they (and text that did not fit) go through the API afterwards.
"""

from __future__ import annotations

from typing import Any

from wechatpy import replies as mp_replies
from wechatpy.enterprise import replies as wecom_replies

from bot.channels.weixin.text import as_text, merge_texts
from bot.channels.weixin.xmlsafe import cdata_text
from bot.messages import Image, Link, Reply, Text


def split_passive(replies: list[Reply]) -> tuple[Text | Link | None, list[Reply]]:
    """(what the passive reply shows, what must be sent through the API afterwards)."""
    if len(replies) == 1 and isinstance(replies[0], Link):
        return replies[0], []
    pictures: list[Reply] = [r for r in replies if isinstance(r, Image)]
    texts = merge_texts([as_text(r) for r in replies if not isinstance(r, Image)])
    if not texts:
        return None, pictures
    return Text(texts[0]), [*(Text(t) for t in texts[1:]), *pictures]


def passive_xml(reply: Text | Link, user: str, account: str, now: int, agent_id: int = 0) -> str:
    """The reply to `user` from `account` (the `ToUserName` the user wrote to); WeCom
    replies carry the app's `agent_id`."""
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
    text = kinds.TextReply(
        source=account, target=user, time=now, content=cdata_text(reply.text), **extra
    )
    return str(text.render())
