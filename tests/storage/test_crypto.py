"""Field encryption and blind indexes."""

from __future__ import annotations

import pytest

from storage.crypto import BlindIndex, CryptoError, FieldCipher, new_key


def test_round_trip_and_tokens_differ_each_time() -> None:
    cipher = FieldCipher.from_config({"k1": new_key()}, "k1")
    a, b = (
        cipher.encrypt("410105199001011234", "guest.doc"),
        cipher.encrypt("410105199001011234", "guest.doc"),
    )
    assert a != b and "4101" not in a
    assert cipher.decrypt(a, "guest.doc") == "410105199001011234"


def test_token_bound_to_its_column() -> None:
    cipher = FieldCipher.from_config({"k1": new_key()}, "k1")
    token = cipher.encrypt("张三", "guest.name")
    with pytest.raises(CryptoError):
        cipher.decrypt(token, "tenant.name")


def test_rotation_old_tokens_still_decrypt() -> None:
    old_key, new = new_key(), new_key()
    old = FieldCipher.from_config({"k1": old_key}, "k1")
    token = old.encrypt("13812345678")
    rotated = FieldCipher.from_config({"k1": old_key, "k2": new}, "k2")
    assert rotated.decrypt(token) == "13812345678"
    assert rotated.needs_rotation(token) and not rotated.needs_rotation(rotated.encrypt("x"))


def test_tampering_and_unknown_keys_are_refused() -> None:
    cipher = FieldCipher.from_config({"k1": new_key()}, "k1")
    token = cipher.encrypt("secret")
    with pytest.raises(CryptoError):
        cipher.decrypt(token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB"))
    with pytest.raises(CryptoError, match="no key"):
        cipher.decrypt("k9:" + token.split(":", 1)[1])


@pytest.mark.parametrize(
    ("keys", "current", "message"),
    [
        ({}, "", "no data keys"),
        ({"k1": "c2hvcnQ="}, "k1", "5 bytes, not 32"),
        ({"k1": "!!"}, "k1", "base64"),
        ({"k1": new_key()}, "k2", "not among"),
    ],
)
def test_bad_key_config(keys: dict[str, str], current: str, message: str) -> None:
    with pytest.raises(CryptoError, match=message):
        FieldCipher.from_config(keys, current)


def test_a_key_cut_short_of_its_equals_sign_is_named_as_such() -> None:
    # A development key file is read without the settings' check: the cipher gives the
    # same advice as a config error would.
    with pytest.raises(
        CryptoError, match="key 'k1': not valid base64: its trailing '=' is missing"
    ):
        FieldCipher.from_config({"k1": new_key().rstrip("=")}, "k1")
    with pytest.raises(CryptoError, match="key 'index_key': 24 bytes, not 32; `jingmin keys new`"):
        BlindIndex.from_config("A" * 32)


def test_blind_index_normalises_and_separates_purposes() -> None:
    index = BlindIndex.from_config(new_key())
    assert index("41010519900101123x", "doc") == index(" 41010519900101123X ", "doc")
    assert index("４１０１", "doc") == index("4101", "doc")  # full-width digits
    assert index("x", "doc") != index("x", "name")
    assert BlindIndex.from_config(new_key())("x", "doc") != index("x", "doc")


def test_exact_keeps_apart_values_the_index_would_match() -> None:
    """Button values that differ by case or spaces alone are different buttons."""
    index = BlindIndex.from_config(new_key())
    assert index("ab c", "p") == index("ABC", "p")
    assert index.exact("ab c", "p") != index.exact("ABC", "p")
    assert index.exact("ABC", "p") != index.exact("ABC", "q")
    assert index.exact("ABC", "p") != BlindIndex.from_config(new_key()).exact("ABC", "p")
