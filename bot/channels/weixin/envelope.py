"""Open a callback body: check its signatures and, in safe mode, decrypt it.

Both platforms wrap an encrypted message as `<xml><Encrypt>…</Encrypt>…</xml>` and sign the
ciphertext (`msg_signature`). The decrypted text is XML again and is not trusted either:
the AES key is a shared secret, not proof the sender is harmless (see `_checked`).
"""

from __future__ import annotations

import secrets
import struct
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from wechatpy.exceptions import WeChatException

from bot.channels.weixin.verify import CallbackQuery, Rejected, check_signature, sign
from bot.channels.weixin.xmlsafe import BadXml, parse_flat

#: How both platforms' messages begin: with the root element, no prolog.
NO_PROLOG = "<xml>"


def _checked(xml: str) -> str:
    """The decrypted message, safe to hand to wechatpy's parser (xmltodict, expat).

    A document that opens with its root element has no prolog, so no DTD: nothing in it can
    declare an entity, and expat expands only the predefined ones. Such a document goes to
    wechatpy without a defusedxml pass of its own (every message had been parsed twice, a
    quarter of a callback's XML time); one that breaks is refused where wechatpy parses it
    (`callbacks`). Anything else (an XML declaration, a DOCTYPE) is checked here first.
    """
    if xml.startswith(NO_PROLOG):
        return xml
    try:
        parse_flat(xml)
    except BadXml as exc:
        raise Rejected(400, f"unsafe or malformed XML ({exc})") from None
    return xml


@dataclass(frozen=True)
class Envelope:
    """`crypto` is wechatpy's `WeChatCrypto` (official account or WeCom), or None for plain
    mode; `plain_signature` says the platform also signs (token, timestamp, nonce) alone."""

    token: str
    crypto: Any | None
    plain_signature: bool

    def open(self, query: CallbackQuery, body: bytes) -> str:
        """The message XML, verified (and decrypted); raises `Rejected`."""
        if self.plain_signature:
            check_signature(sign(self.token, query.timestamp, query.nonce), query.signature)
        try:
            text = body.decode("utf-8")
            fields = parse_flat(text)
        except (UnicodeDecodeError, BadXml) as exc:
            raise Rejected(400, f"unsafe or malformed XML ({type(exc).__name__})") from None
        if self.crypto is None:
            if query.encrypted:
                raise Rejected(400, "encrypted callback, but no encoding_aes_key is configured")
            return text
        # Safe mode configured: a plain request would skip the signature over the body.
        encrypt = fields.get("Encrypt", "")
        if not encrypt or not query.msg_signature:
            raise Rejected(403, "plain callback, but safe mode is configured")
        check_signature(
            sign(self.token, query.timestamp, query.nonce, encrypt), query.msg_signature
        )
        try:
            xml = self.crypto.decrypt_message(
                {"Encrypt": encrypt}, query.msg_signature, query.timestamp, query.nonce
            )
        except (WeChatException, ValueError, IndexError, struct.error):
            raise Rejected(400, "cannot decrypt the message") from None
        return _checked(xml)

    def echo(self, query: CallbackQuery) -> str:
        """URL verification (GET): the text to answer with; raises `Rejected`."""
        if self.plain_signature:
            check_signature(sign(self.token, query.timestamp, query.nonce), query.signature)
            return query.echostr
        assert self.crypto is not None, "WeCom callbacks are always encrypted"
        check_signature(
            sign(self.token, query.timestamp, query.nonce, query.echostr), query.msg_signature
        )
        try:
            return str(
                self.crypto.check_signature(
                    query.msg_signature, query.timestamp, query.nonce, query.echostr
                )
            )
        except (WeChatException, ValueError, IndexError, struct.error):
            raise Rejected(400, "cannot decrypt echostr") from None

    def seal(self, reply_xml: str, now: datetime) -> str:
        """Our passive reply, encrypted and signed in safe mode."""
        if self.crypto is None:
            return reply_xml
        return str(
            self.crypto.encrypt_message(reply_xml, secrets.token_hex(8), str(int(now.timestamp())))
        )
