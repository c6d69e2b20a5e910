"""Field encryption (AES-256-GCM) and blind indexes (HMAC-SHA256) for personal data.

Identity numbers, phone numbers and names of guests and tenants are stored only as
`FieldCipher` tokens; equality look-ups (is this ID number on the wanted list?) go through a
keyed hash of the normalised value, so nothing has to be decrypted to match.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import secrets
import unicodedata
from dataclasses import dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_NONCE_BYTES = 12


class CryptoError(Exception):
    """A key is missing, malformed, or a token cannot be decrypted with the keys we have."""


def new_key() -> str:
    """A fresh 256-bit key in the base64 form the config expects."""
    return base64.b64encode(secrets.token_bytes(32)).decode()


def _decode_key(key_id: str, value: str) -> bytes:
    try:
        raw = base64.b64decode(value, validate=True)
    except ValueError:
        raise CryptoError(f"key {key_id!r} is not valid base64") from None
    if len(raw) != 32:
        raise CryptoError(f"key {key_id!r} must be 32 bytes (base64 of 32 random bytes)")
    return raw


def normalise(value: str) -> str:
    """The form a value is indexed under: NFKC, no spaces, upper case (x vs X in ID numbers)."""
    return "".join(unicodedata.normalize("NFKC", value).split()).upper()


@dataclass(frozen=True)
class FieldCipher:
    """Encrypts with the current key; decrypts with whichever key id a token names."""

    keys: dict[str, bytes]
    current_key_id: str

    @classmethod
    def from_config(cls, keys: dict[str, str], current_key_id: str) -> FieldCipher:
        if not keys:
            raise CryptoError("no data keys configured")
        decoded = {key_id: _decode_key(key_id, value) for key_id, value in keys.items()}
        current = current_key_id or sorted(decoded)[-1]
        if current not in decoded:
            raise CryptoError(f"current_key_id {current!r} is not among the data keys")
        if ":" in current:
            raise CryptoError("key ids may not contain ':'")
        return cls(decoded, current)

    def encrypt(self, plaintext: str, context: str = "") -> str:
        """`context` binds the token to its column, so a token copied elsewhere won't decrypt."""
        nonce = os.urandom(_NONCE_BYTES)
        sealed = AESGCM(self.keys[self.current_key_id]).encrypt(
            nonce, plaintext.encode(), context.encode()
        )
        return f"{self.current_key_id}:{base64.b64encode(nonce + sealed).decode()}"

    def decrypt(self, token: str, context: str = "") -> str:
        key_id, _, body = token.partition(":")
        key = self.keys.get(key_id)
        if key is None:
            raise CryptoError(f"no key {key_id!r} to decrypt with")
        raw = base64.b64decode(body)
        try:
            return (
                AESGCM(key)
                .decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], context.encode())
                .decode()
            )
        except InvalidTag:
            raise CryptoError("token does not decrypt: wrong key or tampered data") from None

    def seal_bytes(self, data: bytes, context: str) -> bytes:
        """`data` sealed as `encrypt` seals text, for files: the key id, ':', nonce and
        ciphertext, in bytes."""
        nonce = os.urandom(_NONCE_BYTES)
        sealed = AESGCM(self.keys[self.current_key_id]).encrypt(nonce, data, context.encode())
        return f"{self.current_key_id}:".encode() + nonce + sealed

    def open_bytes(self, sealed: bytes, context: str) -> bytes:
        key_id, _, body = sealed.partition(b":")
        key = self.keys.get(key_id.decode("ascii", "replace"))
        if key is None:
            raise CryptoError(f"no key {key_id!r} to decrypt with")
        try:
            return AESGCM(key).decrypt(body[:_NONCE_BYTES], body[_NONCE_BYTES:], context.encode())
        except InvalidTag:
            raise CryptoError("sealed bytes do not decrypt: wrong key or tampered data") from None

    def encrypt_optional(self, plaintext: str | None, context: str = "") -> str | None:
        return None if plaintext is None or plaintext == "" else self.encrypt(plaintext, context)

    def needs_rotation(self, token: str) -> bool:
        return not token.startswith(f"{self.current_key_id}:")


@dataclass(frozen=True)
class BlindIndex:
    """Keyed hashes for equality look-ups; `purpose` keeps indexes of different fields apart."""

    key: bytes

    @classmethod
    def from_config(cls, value: str) -> BlindIndex:
        if not value:
            raise CryptoError("no index key configured")
        return cls(_decode_key("index_key", value))

    def __call__(self, value: str, purpose: str) -> str:
        return self.exact(normalise(value), purpose)

    def exact(self, value: str, purpose: str) -> str:
        """The keyed hash of `value` as it is, for values that differ by case or spaces
        alone (a button's value), rather than what people type to be matched."""
        message = f"{purpose}\x00{value}".encode()
        return hmac.new(self.key, message, hashlib.sha256).hexdigest()[:40]
