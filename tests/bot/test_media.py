"""The media store: files only the server can read, and sealed pictures only it can open."""

from __future__ import annotations

import hashlib
import hmac
import io
import stat
from datetime import timedelta
from pathlib import Path

from aiohttp import web
from PIL import Image

from bot.media import MediaStore
from storage.crypto import FieldCipher, new_key
from tests.support.clock import FakeClock

PICTURE = b"\x89PNG an internal wanted card"


def _cipher() -> FieldCipher:
    return FieldCipher.from_config({"k1": new_key()}, "k1")


def _signer(value: str, purpose: str) -> str:
    return hmac.new(b"test key", f"{purpose}:{value}".encode(), "sha1").hexdigest()


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(out, format="JPEG")
    return out.getvalue()


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


async def test_a_week_long_link_given_while_a_photo_was_plain_stops_when_it_is_sealed(  # type: ignore[no-untyped-def]
    tmp_path: Path, aiohttp_client
) -> None:
    # A wanted photo linked (a week) before its card sealed it: the link had gone on
    # showing the face for the rest of the week.
    store = MediaStore(tmp_path / "media", signer=_signer, cipher=_cipher())
    app = web.Application()
    app.router.add_get("/media/{sha256}", store.handle)
    client = await aiohttp_client(app)
    face = _jpeg()
    sha = store.put(face)
    week_link = store.link(sha)
    assert (await client.get(week_link)).status == 200
    assert store.seal(sha)
    assert (await client.get(week_link)).status == 404
    # A link given now (half an hour) shows it.
    response = await client.get(store.link(sha))
    assert response.status == 200 and await response.read() == face


async def test_an_alerts_picture_the_same_as_a_sealed_photo_stays_for_the_alerts_week(  # type: ignore[no-untyped-def]
    tmp_path: Path, aiohttp_client
) -> None:
    """An officer's alert showing a photo that is also a wanted card's (the same bytes,
    so the same sealed file) got the card's half-hour links: the alert's picture was gone
    from the chats it went to within the half hour."""
    clock = FakeClock()
    store = MediaStore(tmp_path / "media", signer=_signer, cipher=_cipher(), clock=clock)
    app = web.Application()
    app.router.add_get("/media/{sha256}", store.handle)
    client = await aiohttp_client(app)
    face = _jpeg()
    sha = store.put_sealed(face)
    alert_link, card_link = store.link(sha, published=True), store.link(sha)
    clock.advance(days=6)
    response = await client.get(alert_link)
    assert response.status == 200 and await response.read() == face
    assert (await client.get(card_link)).status == 404
    clock.advance(days=2)
    assert (await client.get(alert_link)).status == 404


async def test_an_alerts_picture_sealed_after_it_went_out_still_shows(  # type: ignore[no-untyped-def]
    tmp_path: Path, aiohttp_client
) -> None:
    """The alert's link outlives the same photo being sealed for a card later on."""
    store = MediaStore(tmp_path / "media", signer=_signer, cipher=_cipher())
    app = web.Application()
    app.router.add_get("/media/{sha256}", store.handle)
    client = await aiohttp_client(app)
    face = _jpeg()
    sha = store.put(face)
    alert_link = store.link(sha, published=True)
    assert store.seal(sha)
    response = await client.get(alert_link)
    assert response.status == 200 and await response.read() == face


async def test_links_expire_by_the_apps_clock(  # type: ignore[no-untyped-def]
    tmp_path: Path, aiohttp_client
) -> None:
    clock = FakeClock()
    store = MediaStore(tmp_path / "media", signer=_signer, clock=clock)
    app = web.Application()
    app.router.add_get("/media/{sha256}", store.handle)
    client = await aiohttp_client(app)
    link = store.link(store.put(_jpeg()), ttl=timedelta(days=7))
    clock.advance(days=6, hours=23)
    assert (await client.get(link)).status == 200
    clock.advance(hours=2)
    assert (await client.get(link)).status == 404


def test_a_folder_its_pictures_left_is_removed_and_made_again_when_needed(tmp_path: Path) -> None:
    store = MediaStore(tmp_path / "media")
    gone, kept = store.put(b"one picture"), store.put(b"another one")  # cf/…, 08/…
    store.discard(gone)
    assert store.prune_folders() == 1
    assert not store.path(gone).parent.exists() and store.path(kept).exists()
    assert store.put(b"one picture") == gone and store.get(gone) == b"one picture"
