"""What older versions left in the media folder is put right: internal cards' photos
stored plain, files others could read, the list's sheets nobody filed."""

from __future__ import annotations

import io
import os
import stat
import time
from pathlib import Path

import pytest
from PIL import Image

from bot.context import Services
from bot.media import MediaStore
from handlers.services.photos import load as load_photos
from handlers.wanted.contact_sheet import sheet_size
from handlers.wanted.media_upkeep import Upkeep, put_right
from scheduler.jobs.retention import purge_expired
from tests.handlers.wanted.support import enter_person, images, wanted_named
from tests.support.chat import Chat
from tests.support.media import stored_photo

TWO_DAYS_AGO = time.time() - 2 * 86400


def _png(size: tuple[int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, "white").save(out, format="PNG")
    return out.getvalue()


def _aged(store: MediaStore, sha256: str) -> str:
    os.utime(store.path(sha256), (TWO_DAYS_AGO, TWO_DAYS_AGO))
    return sha256


async def _unsealed_photo(services: Services, officer: Chat) -> tuple[MediaStore, str]:
    """An internal card whose photo is stored as before sealing: plain, 0644, in 0755."""
    await enter_person(officer, photo=stored_photo(services.settings))
    [sha256] = load_photos((await wanted_named(services, "乙某某")).photos)
    store = MediaStore(Path(services.settings.storage.media_dir), cipher=services.cipher)
    face = store.get(sha256)
    assert face is not None
    store.discard(sha256)
    store.path(sha256).write_bytes(face)
    store.path(sha256).chmod(0o644)
    store.path(sha256).parent.chmod(0o755)
    return store, sha256


async def test_old_photos_are_sealed_old_files_made_private_and_old_sheets_deleted(
    officer_chat: Chat, services: Services
) -> None:
    store, photo = await _unsealed_photo(services, officer_chat)
    [sheet] = images(await officer_chat.send("/通缉"))  # shown today, so filed
    filed = _aged(store, sheet.sha256)  # the index says when it goes, not the file's age
    old_plain = _aged(store, store.put(_png(sheet_size(1))))
    old_sealed = _aged(store, store.put_sealed(_png(sheet_size(5))))
    fresh = store.put(_png(sheet_size(2)))  # the link a chat shows may still be opened
    chart = _aged(store, store.put(_png((640, 360))))  # an incident chart, not a sheet
    (store.root / "card-index").chmod(0o755)

    done = await put_right(services)

    # The folders the two old sheets were alone in go with them.
    assert done == Upkeep(sealed=1, tightened=2, sheets=2, folders=2)
    assert store.sealed(photo) and store.get(photo) is not None
    assert stat.S_IMODE(store.path(photo).stat().st_mode) == 0o600
    for folder in (store.path(photo).parent, store.root / "card-index"):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert not store.path(old_plain).exists() and not store.path(old_sealed).exists()
    for kept in (filed, fresh, chart):
        assert store.path(kept).exists()
    assert await put_right(services) == Upkeep()


async def test_the_hourly_purge_seals_an_internal_cards_plain_photo(
    officer_chat: Chat, services: Services
) -> None:
    store, photo = await _unsealed_photo(services, officer_chat)
    await purge_expired(services)
    assert store.sealed(photo) and store.get(photo) is not None
    assert stat.S_IMODE(store.path(photo).stat().st_mode) == 0o600


async def test_files_left_half_written_go_an_hour_after_they_were_begun(
    services: Services,
) -> None:
    # A download that failed, a process killed mid-write: its `.part` file had stayed for
    # good, and kept its hash folder too.
    store = MediaStore(Path(services.settings.storage.media_dir), cipher=services.cipher)
    kept = store.put(_png((20, 20)))
    left = store.path(kept).with_name(f"{kept}.0123abcd.part")
    left.write_bytes(b"\xff\xd8 half a picture")
    alone = store.root / "ee" / ("e" * 64 + ".4567.part")
    alone.parent.mkdir()
    alone.write_bytes(b"\xff\xd8")
    index_entry = store.root / "card-index" / "TJ-0001" / "internal.123.456.part"
    index_entry.parent.mkdir(parents=True)
    index_entry.write_text("0" * 64)
    for old in (left, alone, index_entry):
        two_hours_ago = time.time() - 2 * 3600
        os.utime(old, (two_hours_ago, two_hours_ago))
    writing = store.root / "ab" / ("a" * 64 + ".89ef.part")  # begun a moment ago
    writing.parent.mkdir()
    writing.write_bytes(b"\xff\xd8")

    done = await put_right(services, walk=False)

    assert done.partials == 3 and done.folders == 1  # `ee`, left empty
    assert not any(p.exists() for p in (left, alone, index_entry))
    assert writing.exists() and store.get(kept) is not None


def test_a_picture_whose_write_fails_leaves_no_half_written_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = MediaStore(tmp_path / "media")

    def full_disk(path: Path, data: bytes) -> None:
        path.write_bytes(data[:3])
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("bot.media.write_private", full_disk)
    with pytest.raises(OSError):
        store.put(_png((20, 20)))
    assert [p.name for p in store.root.rglob("*") if p.is_file()] == []
