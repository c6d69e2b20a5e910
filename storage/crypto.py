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


def key_problem(value: str) -> str | None:
    """Why `value` is not a key as `jingmin keys new` prints it (base64 of 32 bytes), or
    None. The settings check it at start, to name the file and line; `FieldCipher` and
    `BlindIndex` read keys through it too (a development key file is not in the settings),
    so both say the same thing of one mistake. The value itself is never quoted."""
    made = "`jingmin keys new` prints one"
    try:
        raw = base64.b64decode(value, validate=True)
    except ValueError:  # binascii.Error, or a character outside ASCII (a pasted quote)
        padded = value + "=" * (-len(value) % 4)
        try:
            whole = len(base64.b64decode(padded, validate=True)) == 32
        except ValueError:
            whole = False
        if whole:
            # A copy that stopped short of the line's end: the "=" looks like punctuation.
            return (
                "not valid base64: its trailing '=' is missing (a key is 44 characters "
                "ending in =); copy the whole value between the quotes"
            )
        return f"not valid base64; {made}"
    if len(raw) != 32:
        return f"{len(raw)} bytes, not 32; {made}"
    return None


def _decode_key(key_id: str, value: str) -> bytes:
    problem = key_problem(value)
    if problem is not None:
        raise CryptoError(f"key {key_id!r}: {problem}")
    return base64.b64decode(value, validate=True)


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
