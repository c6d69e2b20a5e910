"""The data and index keys of this test run (fresh per process, like a station's own)."""

from __future__ import annotations

from storage.crypto import FieldCipher, new_key

TEST_KEYS = {"t1": new_key()}
INDEX_KEY = new_key()
TEST_CIPHER = FieldCipher.from_config(TEST_KEYS, "t1")
