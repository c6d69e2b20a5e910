"""Pictures stored under their SHA-256, so the same image is kept once and never renamed.

Files and folders are the server's alone (0600, 0700): a picture may show a tipster's
photo or a wanted person. Internal wanted cards, their photos and the list's contact sheets
are sealed besides (`put_sealed`, `seal`): the file holds them encrypted with the data key,
named by the hash of the picture itself, so a backup or a stray copy of the folder shows
nothing.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import io
import logging
import os
import re
import stat
import time
import uuid
import warnings
from collections.abc import Callable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path

from aiohttp import web
from PIL import Image, ImageOps, UnidentifiedImageError

from bot.messages import Photo
from storage.crypto import CryptoError, FieldCipher

log = logging.getLogger(__name__)

_HASH = re.compile(r"[0-9a-f]{64}")
_EXPIRY = re.compile(r"[0-9]{1,12}")
_SIGNATURE = re.compile(r"[0-9a-f]{40}")
#: The kinds of link (`MediaStore._link_kind`).
_SEALED, _PLAIN = "sealed", "plain"
#: Formats we keep, by Pillow's name, with the MIME type channels send them as.
IMAGE_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "GIF": "image/gif", "WEBP": "image/webp"}
MAX_IMAGE_BYTES = 10 * 1024 * 1024
#: Pixels in a decoded image; more is treated as a decompression bomb.
MAX_IMAGE_PIXELS = 40_000_000


#: Longest side kept; phone photos are larger than any chat shows.
MAX_SIDE = 2560
JPEG = "image/jpeg"
#: What every JPEG begins with (what `accept_image` stores is one).
JPEG_START = b"\xff\xd8"
#: What Pillow reports of a file that could say where, when or with what it was taken.
_METADATA = ("exif", "icc_profile", "comment", "xmp", "XML:com.adobe.xmp", "photoshop", "adobe")


def strip_metadata(data: bytes, *, ours: bool = False) -> bytes:
    """A plain JPEG of the picture, turned upright, with no metadata at all.

    A phone photo carries EXIF: GPS coordinates, the phone's make and serial, the time.
    For a tipster who fears being identified that is the worst thing to keep or forward, so
    no received picture is stored as it came. `ours`: the bytes come from our own store,
    where a JPEG that is already bare is kept as it is (re-encoding would only blur it);
    received bytes are always re-encoded, since metadata can hide where Pillow does not
    look (other APP segments, bytes after the image)."""
    with Image.open(io.BytesIO(data)) as opened:
        if ours and _bare_jpeg(opened, data):
            return data
        picture = shrunk(opened)
    # A fresh image: no info dict, so nothing (EXIF, XMP, ICC, comments) travels along.
    bare = Image.new("RGB", picture.size)
    bare.paste(picture)
    out = io.BytesIO()
    bare.save(out, format="JPEG", quality=85, optimize=True)
    return out.getvalue()


def shrunk(opened: Image.Image) -> Image.Image:
    """The picture upright (as its EXIF says the camera was held), in RGB, with no side
    over `MAX_SIDE`. A large JPEG is decoded at a fraction of its size that still leaves
    `MAX_SIDE` (`Image.draft`): a scan of 10,000 pixels a side is never held whole."""
    opened.draft("RGB", (MAX_SIDE, MAX_SIDE))
    picture = ImageOps.exif_transpose(opened).convert("RGB")
    picture.thumbnail((MAX_SIDE, MAX_SIDE))
    return picture


def _bare_jpeg(opened: Image.Image, data: bytes) -> bool:
    """A JPEG as `strip_metadata` writes it: no segment but JFIF's, nothing after its end."""
    segments = getattr(opened, "applist", [])
    return (
        opened.format == "JPEG"
        and max(opened.size) <= MAX_SIDE
        and all(marker == "APP0" for marker, _ in segments)
        and not any(k in opened.info for k in _METADATA)
        and data.endswith(b"\xff\xd9")
    )


class MediaError(ValueError):
    """A received file we will not keep; the message is Chinese, for the sender."""


#: How long a link to a stored picture works: a chat page keeps showing its history for a
#: week; a forwarded link to an internal card stops working.
LINK_TTL = timedelta(days=7)
#: How long a link to a sealed picture (an internal card) works: long enough to open it
#: from the chat it came to, not to pass around.
SEALED_LINK_TTL = timedelta(minutes=30)
#: What a sealed file begins with; a stored picture never does (its format is checked).
SEALED_MAGIC = b"JMSEAL1\x00"
#: How a file being written is named until it is whole (then renamed to its own name).
PARTIAL = ".part"
#: A file being written is whole within seconds: one an hour old was left by a process that
#: died or a write that failed.
PARTIAL_AGE = timedelta(hours=1)
FILE_MODE = 0o600
DIR_MODE = 0o700
Signer = Callable[[str, str], str]


class MediaStore:
    """Pictures on disk, served only through signed, expiring links.

    Args:
        root: the folder.
        signer: a keyed hash, `signer(value, purpose)` (the blind index): a link carries its
            expiry and the hash of both, so only the server can make one. None (tests of
            other parts) serves links without checking.
        cipher: the data key, to seal and read sealed pictures (`put_sealed`). Without it a
            sealed picture reads as missing.
        clock: the app's clock, which links expire by (file ages stay the file system's).
    """

    def __init__(
        self,
        root: Path,
        signer: Signer | None = None,
        cipher: FieldCipher | None = None,
        clock: Callable[[], datetime] | None = None,
    ) -> None:
        self.root = root
        self.signer = signer
        self.cipher = cipher
        self.clock = clock or _utc_now

    def link(
        self, sha256: str, base: str = "", ttl: timedelta = LINK_TTL, *, published: bool = False
    ) -> str:
        """`{base}/media/{sha256}?e=…&s=…`, valid for `ttl` (a sealed picture's for at most
        `SEALED_LINK_TTL`).

        `published`: the picture is shown by something made public (an alert's image), so
        it is no secret whatever else holds the same bytes. Its link lasts `ttl` and opens
        it sealed or not: the same photo sealed for a wanted card, before or after the
        alert went out, must not make the alert's picture vanish within the half hour."""
        sealed = published or self.sealed(sha256)
        if sealed and not published:
            ttl = min(ttl, SEALED_LINK_TTL)
        expires = int((self.clock() + ttl).timestamp())
        url = f"{base.rstrip('/')}/media/{sha256}"
        if self.signer is None:
            return url
        return f"{url}?e={expires}&s={self._signature(sha256, expires, sealed=sealed)}"

    def _signature(self, sha256: str, expires: int, *, sealed: bool) -> str:
        assert self.signer is not None
        # A sealed picture's links are signed for it alone: a week-long link given while
        # the picture was plain (a wanted photo before its card was saved) opens nothing
        # once it is sealed.
        purpose = "media-link-sealed" if sealed else "media-link"
        return self.signer(f"{sha256}:{expires}", purpose)

    def path(self, sha256: str) -> Path:
        if not _HASH.fullmatch(sha256):
            raise ValueError("not a sha256 hex digest")
        return self.root / sha256[:2] / sha256

    def put(self, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        target = self.path(digest)
        try:
            # Stored again: fresh, so that the sweep of pictures nothing names
            # (`handlers.services.orphan_media`) spares a picture just sent anew.
            os.utime(target)
        except FileNotFoundError:
            self._write(target, data)
        return digest

    def put_sealed(self, data: bytes) -> str:
        """Store `data` encrypted; it is named, read and linked by the hash of `data` as
        `put` would name it."""
        if self.cipher is None:
            raise CryptoError("a sealed picture needs the data key")
        digest = hashlib.sha256(data).hexdigest()
        # A sealed file our keys cannot open (sealed with a key since removed, or by a
        # server with other keys) is as good as missing, and one stored plain is sealed:
        # either is written anew.
        if self._open_sealed(digest, quiet=True) is None:
            self._write_sealed(digest, data)
        return digest

    def seal(self, sha256: str) -> bool:
        """Seal a picture stored plain, under the name it has (rows naming it still find
        it); True if it was plain and is sealed now."""
        if self.cipher is None:
            raise CryptoError("a sealed picture needs the data key")
        # The head first: the hourly pass asks this of every photo, nearly all sealed.
        data = None if self.sealed(sha256) else self._read(sha256)
        if data is None or data.startswith(SEALED_MAGIC):
            return False
        self._write_sealed(sha256, data)
        return True

    def _write_sealed(self, sha256: str, data: bytes) -> None:
        assert self.cipher is not None
        # The hash binds the sealed bytes to their name: a file swapped in under another
        # name does not open.
        sealed = SEALED_MAGIC + self.cipher.seal_bytes(data, _context(sha256))
        self._write(self.path(sha256), sealed)

    def _write(self, target: Path, data: bytes) -> None:
        # A name of its own: two threads storing the same bytes must not share one.
        partial = target.with_suffix(f".{uuid.uuid4().hex}{PARTIAL}")
        try:
            try:
                make_private_dir(target.parent)
                write_private(partial, data)
            except FileNotFoundError:
                # The folder was empty and removed in between (`prune_folders`): made again.
                make_private_dir(target.parent)
                write_private(partial, data)
            partial.replace(target)
        except BaseException:
            # A full disk, a cancelled download: half a picture is no picture. A process
            # killed here leaves it to `sweep_partials`.
            partial.unlink(missing_ok=True)
            raise

    def sealed(self, sha256: str) -> bool:
        try:
            with self.path(sha256).open("rb") as stored:
                return stored.read(len(SEALED_MAGIC)) == SEALED_MAGIC
        except (ValueError, FileNotFoundError):
            return False

    def readable(self, sha256: str) -> bool:
        """The picture is there and, if sealed, opens with the data keys."""
        sealed = self._sealed_bytes(sha256)
        if sealed is None:
            return False
        return not sealed or self._open_sealed(sha256, sealed, quiet=True) is not None

    def sealed_key_id(self, sha256: str) -> str | None:
        """The id of the key a sealed picture is sealed with; None if it is not sealed."""
        try:
            with self.path(sha256).open("rb") as stored:
                head = stored.read(len(SEALED_MAGIC) + 64)
        except (ValueError, FileNotFoundError):
            return None
        if not head.startswith(SEALED_MAGIC):
            return None
        key_id, colon, _ = head[len(SEALED_MAGIC) :].partition(b":")
        return key_id.decode("ascii", "replace") if colon else None

    def reseal(self, sha256: str) -> bool:
        """Seal the picture again with the current key; False if it does not open."""
        data = self._open_sealed(sha256, quiet=True)
        if data is None:
            return False
        self._write_sealed(sha256, data)
        return True

    def discard(self, sha256: str) -> bool:
        """Delete the picture; False if it was not there."""
        try:
            self.path(sha256).unlink()
        except (ValueError, FileNotFoundError):
            return False
        return True

    def accept_image(self, data: bytes, max_bytes: int = MAX_IMAGE_BYTES) -> Photo:
        """Check that `data` is a real, reasonably sized image, store a metadata-free copy
        (`strip_metadata`; the original is never written), and describe it. CPU-bound:
        call it off the event loop."""
        if len(data) > max_bytes:
            raise MediaError(f"图片太大（超过{max_bytes // (1024 * 1024)}MB），请压缩后重新发送。")
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(io.BytesIO(data)) as image:
                    kind = image.format or ""
                    if image.width * image.height > MAX_IMAGE_PIXELS:
                        raise MediaError("图片尺寸过大，请截图或压缩后重新发送。")
                    image.verify()
        except (
            UnidentifiedImageError,
            OSError,
            SyntaxError,
            Image.DecompressionBombError,
            Image.DecompressionBombWarning,
        ):
            raise MediaError("无法识别该图片，请发送 JPG 或 PNG 格式的照片。") from None
        if kind not in IMAGE_TYPES:
            raise MediaError("暂不支持该图片格式，请发送 JPG 或 PNG 格式的照片。")
        try:
            bare = strip_metadata(data)
        except (OSError, ValueError, Image.DecompressionBombError):
            raise MediaError("无法识别该图片，请发送 JPG 或 PNG 格式的照片。") from None
        return Photo(sha256=self.put(bare), mime_type=JPEG)

    def get(self, sha256: str) -> bytes | None:
        data = self._read(sha256)
        if data is None or not data.startswith(SEALED_MAGIC):
            return data
        return self._open_sealed(sha256, data)

    def _sealed_bytes(self, sha256: str) -> bytes | None:
        """The file whole if it is sealed, b"" if it is plain (read no further than its
        head: a plain picture is served as a file), None if there is no such file. Opened
        once: a sealed picture is read from the handle that told it was."""
        try:
            with self.path(sha256).open("rb") as stored:
                head = stored.read(len(SEALED_MAGIC))
                return head + stored.read() if head == SEALED_MAGIC else b""
        except (ValueError, FileNotFoundError):
            return None

    def _read(self, sha256: str) -> bytes | None:
        """The file's bytes as stored (sealed or not); None if there is no such file."""
        try:
            return self.path(sha256).read_bytes()
        except (ValueError, FileNotFoundError):
            return None

    def _open_sealed(
        self, sha256: str, data: bytes | None = None, *, quiet: bool = False
    ) -> bytes | None:
        """The sealed picture opened; None if missing, plain, or not opened by our keys."""
        if data is None:
            data = self._read(sha256)
        if data is None or not data.startswith(SEALED_MAGIC):
            return None
        if self.cipher is None:
            if not quiet:
                log.warning("a sealed picture was asked for by a media store without the data key")
            return None
        try:
            return self.cipher.open_bytes(data[len(SEALED_MAGIC) :], _context(sha256))
        except CryptoError:
            if not quiet:
                log.warning("a sealed picture does not open with the data keys")
            return None

    def pictures(self) -> list[str]:
        """The hashes of every picture in the store."""
        found = []
        for folder in self.root.glob("[0-9a-f][0-9a-f]"):
            for entry in folder.iterdir():
                if _HASH.fullmatch(entry.name) and entry.is_file():
                    found.append(entry.name)
        return found

    def sealed_pictures(self) -> list[str]:
        """The hashes of every sealed picture in the store (to re-seal or count by key)."""
        return [sha256 for sha256 in self.pictures() if self.sealed(sha256)]

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """`GET /media/{sha256}`: only content the server stored itself is reachable."""
        sha256 = request.match_info["sha256"]
        try:
            path = self.path(sha256)
        except ValueError:
            raise web.HTTPNotFound() from None
        signed = self._link_kind(sha256, request.query)
        if signed is None:
            # Expired, forged or bare: the same answer as a picture that is not there.
            raise web.HTTPNotFound()
        sealed = self._sealed_bytes(sha256)
        if sealed is None or (sealed and signed != _SEALED):
            # A sealed picture under a link given while it was plain: as if not there.
            raise web.HTTPNotFound()
        if not sealed:
            return web.FileResponse(path, headers={"Cache-Control": "private, max-age=86400"})
        data = self._open_sealed(sha256, sealed)
        if data is None:
            raise web.HTTPNotFound()
        # Not kept by the browser: the card may be closed, and its file deleted, soon.
        headers = {"Cache-Control": "no-store"}
        with Image.open(io.BytesIO(data)) as picture:
            kind = IMAGE_TYPES.get(picture.format or "", "application/octet-stream")
        return web.Response(body=data, content_type=kind, headers=headers)

    def tighten(self) -> int:
        """Make folders 0700 and files 0600 where they are looser (media written before
        permissions were tightened, or copied back from a backup); returns how many
        changed. Links are left alone: chmod would change what they point to."""
        changed = 0
        for folder, _dirs, files in os.walk(self.root):
            entries = [(folder, DIR_MODE)] + [(os.path.join(folder, f), FILE_MODE) for f in files]
            for entry, allowed in entries:
                try:
                    mode = os.lstat(entry).st_mode
                    if stat.S_ISLNK(mode) or not stat.S_IMODE(mode) & ~allowed:
                        continue
                    os.chmod(entry, stat.S_IMODE(mode) & allowed)
                except FileNotFoundError:
                    continue  # deleted meanwhile (a close, retention)
                changed += 1
        return changed

    def _link_kind(self, sha256: str, query: Mapping[str, str]) -> str | None:
        """Which kind of link the query is, `_SEALED` or `_PLAIN`; None if it is none that
        works (expired, forged, bare). A sealed link opens a plain picture as well."""
        if self.signer is None:
            return _SEALED
        expires, signature = query.get("e", ""), query.get("s", "")
        # Checked for shape first: compare_digest refuses non-ASCII text, and int() refuses
        # thousands of digits; either would have been a 500.
        if not (_EXPIRY.fullmatch(expires) and _SIGNATURE.fullmatch(signature)):
            return None
        if int(expires) < self.clock().timestamp():
            return None
        for kind in (_SEALED, _PLAIN):
            expected = self._signature(sha256, int(expires), sealed=kind == _SEALED)
            if hmac.compare_digest(signature, expected):
                return kind
        return None

    def sweep_partials(self, older_than: timedelta = PARTIAL_AGE) -> int:
        """Delete the files left half written (`*.part`: a process killed while it wrote a
        picture or an index entry) that are older than `older_than`; returns how many. A
        younger one may still be being written."""
        cutoff = time.time() - older_than.total_seconds()
        removed = 0
        for partial in self.root.rglob(f"*{PARTIAL}"):
            try:
                if partial.is_file() and partial.stat().st_mtime < cutoff:
                    partial.unlink()
                    removed += 1
            except FileNotFoundError:
                continue  # finished (renamed) or removed meanwhile
        return removed

    def prune_folders(self) -> int:
        """Remove the hash folders left empty (their pictures deleted); returns how many."""
        removed = 0
        for folder in self.root.glob("[0-9a-f][0-9a-f]"):
            # rmdir removes only an empty folder, atomically: a picture written meanwhile
            # keeps its folder (or `_write` makes it again).
            with contextlib.suppress(OSError):
                folder.rmdir()
                removed += 1
        return removed


def _utc_now() -> datetime:
    # Not `storage.models.base.utcnow`: that would import every model with the store.
    return datetime.now(UTC)


def _context(sha256: str) -> str:
    return f"media:{sha256}"


def make_private_dir(path: Path) -> None:
    """`path` and any missing parents, made 0700 (`mkdir(parents=True)` would make the
    parents with the umask's mode, 0755 as a rule)."""
    try:
        path.mkdir(mode=DIR_MODE)
    except FileExistsError:
        return
    except FileNotFoundError:
        make_private_dir(path.parent)
        path.mkdir(mode=DIR_MODE, exist_ok=True)


def write_private(path: Path, data: bytes) -> None:
    """Write a new file readable by the server's user only (0600 from its creation, not
    chmod-ed after: nobody can open it in between)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE)
    with os.fdopen(descriptor, "wb") as out:
        out.write(data)
