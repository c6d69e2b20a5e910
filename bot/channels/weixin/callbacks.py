"""The callback URL both platforms call: verify, open, claim once, answer in time.

A callback is checked (parameters, timestamp, signature; the body's signature and decryption
in safe mode), its body parsed with defusedxml before wechatpy sees it, and claimed once (`claims`): a
replayed request (same timestamp, nonce and signatures) is refused with 409, while the
platform's own retry of a message we already took (same MsgId, or sender + time for events,
with a fresh signature) is answered "nothing to say" and not handled twice. A message for the
handlers is claimed in the message's transaction, as the dispatcher's first step.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from xml.parsers.expat import ExpatError

from aiohttp import web

from bot.channels.weixin.answer import Answerer, Incoming
from bot.channels.weixin.claims import Claim, Claiming
from bot.channels.weixin.envelope import Envelope
from bot.channels.weixin.inbound import to_incoming
from bot.channels.weixin.passive import passive_xml, split_passive
from bot.channels.weixin.verify import (
    CallbackQuery,
    Rejected,
    check_fresh,
    read_body,
    read_query,
)
from storage.db import SessionFactory

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Dialect:
    """Where the official account and WeCom differ."""

    name: str
    #: "signature" (official account: every request) or "msg_signature" (WeCom).
    signature_param: str
    #: wechatpy's `parse_message` for the platform.
    parse: Callable[[str], Any]
    #: The answer that means "no reply": "success" (official account) or "" (WeCom).
    nothing: str
    #: WeCom: the app (AgentID) messages must be for.
    agent_id: int = 0
    #: How many API messages may follow a passive reply: the official account's reply
    #: window, which the user's message has just opened. None: no such cap (WeCom).
    window: int | None = None


def replay_key(channel: str, query: CallbackQuery) -> str:
    signed = f"{query.timestamp}|{query.nonce}|{query.signature}|{query.msg_signature}"
    return f"{channel}:request:{hashlib.sha1(signed.encode()).hexdigest()}"


def _claimed_with_message(incoming: Incoming) -> bool:
    """Claimed in the message's transaction: it goes to the handlers as it came. Photos are
    claimed before their download, so that a replay or retry does not fetch one again."""
    return incoming.inbound is not None and not incoming.media_id and not incoming.notice


#: The refusals a wiring mistake causes, and what the station's IT staff should check: the
#: console's check of a new URL fails with nothing else to tell them why.
_WIRING_HINTS = {
    "bad signature": "is [{name}] token the console's {token_field}?",
    "cannot decrypt the message": "is [{name}] encoding_aes_key the console's EncodingAESKey?",
    "cannot decrypt echostr": "is [{name}] encoding_aes_key the console's EncodingAESKey?",
    "timestamp outside the allowed window": "is this server's clock right?",
    "message for another app": "is [{name}] the account or app the console belongs to?",
}


#: What each console calls the callback token: 令牌(Token) on the official account's
#: 基本配置, plain Token on a WeCom app's 接收消息 → 设置API接收.
_TOKEN_FIELDS = {"wechat_mp": "令牌(Token)", "wecom": "Token (接收消息 → API接收)"}


def _why(name: str, reason: str) -> str:
    """The reason a callback was refused, with what to check when it is a wiring mistake."""
    hint = _WIRING_HINTS.get(reason)
    if not hint:
        return reason
    return f"{reason} ({hint.format(name=name, token_field=_TOKEN_FIELDS.get(name, 'Token'))})"


class Callbacks:
    def __init__(
        self,
        dialect: Dialect,
        envelope: Envelope,
        sessions: SessionFactory,
        clock: Callable[[], datetime],
        window_of: Callable[[str], str] | None = None,
    ) -> None:
        """`window_of(user)`: the allowance key of the user's reply window, for platforms
        where a user's message opens one (the official account)."""
        self._dialect = dialect
        self._envelope = envelope
        self._sessions = sessions
        self._clock = clock
        self._window_of = window_of
        #: Set when the channel registers its routes (it needs the dispatcher).
        self.answerer: Answerer | None = None

    def _nothing(self) -> web.Response:
        return web.Response(text=self._dialect.nothing)

    async def verify_url(self, request: web.Request) -> web.Response:
        """The admin console's check when the callback URL is saved: echo `echostr`."""
        try:
            query = read_query(request.query, (self._dialect.signature_param, "echostr"))
            echo = self._envelope.echo(query)
            # After the signature: a forged request is called forged, not stale (which
            # would send the station's staff to check the server's clock).
            check_fresh(query.timestamp, self._clock())
            return web.Response(text=echo)
        except Rejected as exc:
            # Said louder than a refused message: it is someone setting the account up.
            name = self._dialect.name
            log.warning("%s: URL check refused: %s", name, _why(name, exc.reason))
            return exc.response()

    async def _open(self, request: web.Request) -> tuple[CallbackQuery, Any]:
        query = read_query(request.query, (self._dialect.signature_param,))
        xml = self._envelope.open(query, await read_body(request))
        check_fresh(query.timestamp, self._clock())  # signed: it is the sender's own time
        try:
            message = self._dialect.parse(xml)
        except ExpatError:
            # A message without a prolog reaches wechatpy unparsed (`envelope._checked`):
            # refused as defusedxml would have refused it.
            raise Rejected(400, "unsafe or malformed XML (ParseError)") from None
        except (KeyError, TypeError, ValueError, AttributeError):
            raise Rejected(400, "not a message of this platform") from None
        if message is None or not message.source:
            raise Rejected(400, "message without a sender")
        agent = getattr(message, "agent", 0)
        if self._dialect.agent_id and agent and agent != self._dialect.agent_id:
            raise Rejected(403, "message for another app")
        return query, message

    async def receive(self, request: web.Request) -> web.Response:
        arrived = asyncio.get_running_loop().time()
        try:
            query, message = await self._open(request)
        except Rejected as exc:
            name = self._dialect.name
            log.info("%s: callback refused: %s", name, _why(name, exc.reason))
            return exc.response()
        incoming = to_incoming(self._dialect.name, message)
        window = None
        if self._window_of is not None and incoming.opens_window:
            window = self._window_of(incoming.chat_id)
        claiming = Claiming(
            replay_key(self._dialect.name, query), incoming.key, self._clock(), window
        )
        assert self.answerer is not None
        replies = None
        if _claimed_with_message(incoming):
            replies = await self.answerer.answer(incoming, arrived, claiming.within)
        elif await claiming.alone(self._sessions) is Claim.NEW:
            replies = await self.answerer.answer(incoming, arrived)
        # No outcome yet: the handlers ran out of time before the claim (they answer later,
        # through the API, if it turns out to be new).
        if claiming.outcome is Claim.REPLAY:
            log.info("%s: callback refused: replayed request", self._dialect.name)
            return web.Response(status=409, text="replayed request")
        if claiming.outcome is Claim.RETRY:
            return self._nothing()  # the platform retrying a message we already took
        if not replies:
            return self._nothing()
        shown, rest = split_passive(replies, self._dialect.window)
        if rest:
            self.answerer.send_after(incoming, rest)
        if shown is None:
            return self._nothing()
        now = self._clock()
        xml = passive_xml(
            shown,
            incoming.chat_id,
            str(message.target),
            int(now.timestamp()),
            self._dialect.agent_id,
        )
        return web.Response(text=self._envelope.seal(xml, now), content_type="application/xml")
