"""The media store: files only the server can read, and sealed pictures only it can open."""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

from bot.media import MediaStore
from storage.crypto import FieldCipher, new_key

PICTURE = b"\x89PNG an internal wanted card"


def _cipher() -> FieldCipher:
    return FieldCipher.from_config({"k1": new_key()}, "k1")


def test_stored_files_and_their_folders_are_owner_only(tmp_path: Path) -> None:
    store = MediaStore(tmp_path / "media")
    sha = store.put(PICTURE)
    path = store.path(sha)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    for folder in (path.parent, store.root):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_sealed_picture_opens_only_with_the_key_and_under_its_own_name(
    tmp_path: Path,
) -> None:
    store = MediaStore(tmp_path / "media", cipher=_cipher())
    sha = store.put_sealed(PICTURE)
    assert sha == hashlib.sha256(PICTURE).hexdigest() and store.sealed(sha)
    assert PICTURE not in store.path(sha).read_bytes()
    assert store.get(sha) == PICTURE
    assert stat.S_IMODE(store.path(sha).stat().st_mode) == 0o600
    # Without the key, or with another, it reads as missing, never as garbage.
    assert MediaStore(store.root).get(sha) is None
    assert MediaStore(store.root, cipher=_cipher()).get(sha) is None
    # Copied under another picture's name, it does not open.
    other = hashlib.sha256(b"another").hexdigest()
    store.path(other).parent.mkdir(parents=True, exist_ok=True)
    store.path(other).write_bytes(store.path(sha).read_bytes())
    assert store.get(other) is None
    assert store.discard(sha) and not store.path(sha).exists() and not store.discard(sha)


def test_a_sealed_picture_the_keys_do_not_open_is_written_anew(tmp_path: Path) -> None:
    # Sealed by a server with other keys (or with a key since removed): storing the same
    # picture again had kept the file nobody here can open.
    MediaStore(tmp_path / "media", cipher=_cipher()).put_sealed(PICTURE)
    store = MediaStore(tmp_path / "media", cipher=_cipher())
    sha = store.put_sealed(PICTURE)
    assert store.get(sha) == PICTURE


def test_a_sealed_picture_is_resealed_with_the_current_key(tmp_path: Path) -> None:
    old = _cipher()
    sha = MediaStore(tmp_path / "media", cipher=old).put_sealed(PICTURE)
    new = FieldCipher({**old.keys, "k2": _cipher().keys["k1"]}, "k2")
    store = MediaStore(tmp_path / "media", cipher=new)
    assert store.sealed_pictures() == [sha] and store.sealed_key_id(sha) == "k1"
    assert store.reseal(sha) and store.sealed_key_id(sha) == "k2"
    retired = MediaStore(store.root, cipher=FieldCipher({"k2": new.keys["k2"]}, "k2"))
    assert retired.get(sha) == PICTURE


def test_a_picture_stored_plain_is_sealed_where_it_is(tmp_path: Path) -> None:
    store = MediaStore(tmp_path / "media", cipher=_cipher())
    sha = store.put(PICTURE)
    assert store.seal(sha)
    # The same name (rows naming it still find it), and no picture in the file any more.
    assert store.sealed(sha) and PICTURE not in store.path(sha).read_bytes()
    assert store.get(sha) == PICTURE and MediaStore(store.root).get(sha) is None
    assert stat.S_IMODE(store.path(sha).stat().st_mode) == 0o600
    assert not store.seal(sha)  # once is enough
    assert not store.seal(hashlib.sha256(b"not stored").hexdigest())


def test_a_plain_copy_of_a_sealed_picture_is_sealed_when_stored_again(tmp_path: Path) -> None:
    store = MediaStore(tmp_path / "media", cipher=_cipher())
    sha = store.put(PICTURE)
    assert store.put_sealed(PICTURE) == sha and store.sealed(sha)
    assert store.get(sha) == PICTURE


def test_media_others_could_read_are_made_the_servers_alone(tmp_path: Path) -> None:
    # Written before files were made private: 0644 in 0755 folders.
    store = MediaStore(tmp_path / "media")
    sha = store.put(PICTURE)
    index = store.root / "card-index" / "TJ-0001"
    index.mkdir(parents=True)
    (index / "key").write_text(sha)
    loose = [store.root, store.path(sha).parent, index.parent, index]
    for folder in loose:
        folder.chmod(0o755)
    for file in (store.path(sha), index / "key"):
        file.chmod(0o644)
    outside = tmp_path / "elsewhere"
    outside.write_bytes(b"not the store's")
    outside.chmod(0o644)
    (store.root / "link").symlink_to(outside)

    assert store.tighten() == 6
    for folder in loose:
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for file in (store.path(sha), index / "key"):
        assert stat.S_IMODE(file.stat().st_mode) == 0o600
    # A link is not followed out of the folder.
    assert stat.S_IMODE(outside.stat().st_mode) == 0o644
    assert store.tighten() == 0
