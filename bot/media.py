"""Pictures stored under their SHA-256, so the same image is kept once and never renamed."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from aiohttp import web

_HASH = re.compile(r"[0-9a-f]{64}")


class MediaStore:
    def __init__(self, root: Path) -> None:
        self.root = root

    def path(self, sha256: str) -> Path:
        if not _HASH.fullmatch(sha256):
            raise ValueError("not a sha256 hex digest")
        return self.root / sha256[:2] / sha256

    def put(self, data: bytes) -> str:
        digest = hashlib.sha256(data).hexdigest()
        target = self.path(digest)
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(".part")
            partial.write_bytes(data)
            partial.replace(target)
        return digest

    def get(self, sha256: str) -> bytes | None:
        try:
            return self.path(sha256).read_bytes()
        except (ValueError, FileNotFoundError):
            return None

    async def handle(self, request: web.Request) -> web.StreamResponse:
        """`GET /media/{sha256}`: only content the server stored itself is reachable."""
        sha256 = request.match_info["sha256"]
        try:
            path = self.path(sha256)
        except ValueError:
            raise web.HTTPNotFound() from None
        if not path.exists():
            raise web.HTTPNotFound()
        return web.FileResponse(
            path, headers={"Cache-Control": "public, max-age=31536000, immutable"}
        )
